"""The architecture contracts in pyproject.toml hold (ADR 0025): `make lint` runs them too, and
this test keeps them honest for anyone who runs only the tests."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def _lint(*contract_ids: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    selected = [arg for cid in contract_ids for arg in ("--contract", cid)]
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", *selected],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


ROOMS = ("portfolio", "benefits", "funding", "risks", "cases", "people", "reconciliation", "shared")
NAMED = ("finance-pure", "no-cycles", "layers", *(f"ui-models-{room}" for room in ROOMS))


def test_every_contract_the_adr_names_is_configured():
    ids = {contract["id"] for contract in CONTRACTS["contracts"]}
    assert ids == set(NAMED)


def test_no_cycle_is_excused():
    cycles = next(c for c in CONTRACTS["contracts"] if c["id"] == "no-cycles")
    assert cycles.get("ignore_imports", []) == []


def test_every_web_room_is_bound_by_a_ui_models_contract():
    bound = {
        module
        for contract in CONTRACTS["contracts"]
        if contract["id"].startswith("ui-models-")
        for module in contract["source_modules"]
    }
    rooms = {
        f"realise.web.{p.name}"
        for p in (ROOT / "src" / "realise" / "web").iterdir()
        if (p / "views.py").exists()
    }
    routers = {
        f"realise.api.{p.stem}"
        for p in (ROOT / "src" / "realise" / "api").iterdir()
        if p.name != "__init__.py" and (p.suffix == ".py" or p.is_dir()) and p.name != "__pycache__"
    }
    assert rooms | routers <= bound, sorted((rooms | routers) - bound)


@pytest.mark.parametrize("contract", NAMED)
def test_the_import_contract_holds(contract):
    result = _lint(contract)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_outside_migrations_is_over_400_lines():
    """A module a newcomer can read in one sitting: split one that grows past 400 lines."""
    source = ROOT / "src" / "realise"
    long = {
        str(path.relative_to(source)): lines
        for path in source.rglob("*.py")
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
