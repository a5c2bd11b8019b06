"""The command line is one package, `realise.cli`: nothing else holds a command or imports it,
and its modules share helpers by their public names only (ADR 0022)."""

import ast
import subprocess
import sys
from pathlib import Path

import realise

SOURCE = Path(realise.__file__).parent
CLI = SOURCE / "cli"


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _imported(path: Path) -> list[tuple[str, list[str]]]:
    """Every import in a module, at any depth: (module, names imported from it)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def test_python_dash_m_realise_cli_shows_the_commands():
    done = subprocess.run(
        [sys.executable, "-m", "realise.cli", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout
    for command in ("model", "report", "import", "backup", "organisation"):
        assert command in done.stdout


def test_only_the_cli_package_uses_typer_or_imports_the_cli():
    outside = [path for path in _modules(SOURCE) if CLI not in path.parents]
    offenders = [
        f"{path.relative_to(SOURCE)} imports {module}"
        for path in outside
        for module, _ in _imported(path)
        if module.split(".")[0] == "typer" or module.startswith(("realise.cli", "realise.commands"))
    ]
    assert offenders == []


def _package_of(path) -> str:
    """The dotted package a module file belongs to (``realise.reports.case_workbook``)."""
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts if path.name == "__init__.py" else parts[:-1]).removesuffix(".__init__")


def test_no_module_imports_a_private_name_from_another_package():
    """A package's modules may share their private helpers; no other package may use them."""
    offenders = [
        f"{path.relative_to(SOURCE)}: {name} from {module}"
        for path in _modules(SOURCE)
        for module, names in _imported(path)
        if module.startswith("realise")
        and module.rpartition(".")[0] != _package_of(path)
        and module != _package_of(path)
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert offenders == []
