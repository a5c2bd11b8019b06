"""One write path (ADR 0023), checked by reading the source: the import assigns no model field
itself, every edge says who records a saving, and the re-cut packages stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "realise"

# Method calls that write a model row (or its many-to-many links) without a service.
WRITES = {"save", "delete", "bulk_create", "bulk_update", "set", "add", "remove", "clear"}
# Objects an import module may set attributes on: its own (``self``), its lookups (``ctx``), the
# engine's plan of a sheet and its outcome. Anything else is a model, which only services change.
OWN = {"self", "ctx", "plan", "outcome"}


def _import_modules() -> list[Path]:
    """The modules that turn rows into writes: the kinds, the engine and the lookups."""
    kinds = SRC / "imports" / "kinds"
    found = sorted(kinds.glob("*.py")) if kinds.is_dir() else [SRC / "imports" / "kinds.py"]
    return [*found, SRC / "imports" / "engine.py", SRC / "imports" / "context.py"]


def _model_writes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "setattr":
                found.append(f"{path.name}:{node.lineno} setattr")
            if isinstance(func, ast.Attribute) and func.attr in WRITES:
                owner = func.value
                # outcome.add(problem), a set's add: the engine's own bookkeeping, not a row.
                if isinstance(owner, ast.Name) and owner.id in {"outcome", "seen"}:
                    continue
                found.append(f"{path.name}:{node.lineno} .{func.attr}()")
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute):
                owner = target.value
                if not (isinstance(owner, ast.Name) and owner.id in OWN):
                    found.append(f"{path.name}:{node.lineno} assigns .{target.attr}")
    return found


def test_an_import_writes_no_model_field_itself_only_through_services():
    writes = [w for path in _import_modules() for w in _model_writes(path)]
    assert writes == []


def _saving_calls_without_by(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    missing = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        if name not in {"saving_record", "saving_build"}:
            continue
        by = next((k.value for k in node.keywords if k.arg == "by"), None)
        spread = any(k.arg is None for k in node.keywords)  # **fields: checked where built
        if not spread and (by is None or (isinstance(by, ast.Constant) and by.value is None)):
            missing.append(f"{path.relative_to(SRC)}:{node.lineno}")
    return missing


def test_every_edge_that_records_a_saving_says_who_records_it():
    """``by=None`` means Realise itself, which may validate: only the demo loader (and tests)
    may leave it out. The web, the API and the import act for a person and name them."""
    edges = [
        p
        for p in SRC.rglob("*.py")
        if "demo" not in p.parts and not {"services", "services.py"} & set(p.parts)
    ]
    missing = [m for path in edges for m in _saving_calls_without_by(path)]
    assert missing == []


@pytest.mark.parametrize(
    "package", ["imports/kinds", "benefits/services", "api/benefits"], ids=lambda p: p
)
def test_the_recut_packages_have_no_module_over_400_lines(package):
    folder = SRC / package
    assert folder.is_dir(), f"{package} is still one module"
    long = {p.name: n for p in folder.glob("*.py") if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}
