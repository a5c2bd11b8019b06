"""Recalculate a workbook with headless LibreOffice, as a finance officer's spreadsheet would.

LibreOffice keeps the cached values of an ``.xlsx`` on load unless told otherwise, and openpyxl
writes formulas without cached values, so a plain conversion would hand back empty cells. We run
LibreOffice with a fresh, throw-away user profile whose ``OOXMLRecalcMode`` is 0 ("always
recalculate"), convert to ``.xlsx`` and read the values back with openpyxl ``data_only=True``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

INSTALL_HINT = "install libreoffice-calc-nogui (apt-get) to recalculate workbooks"

_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class RecalculationError(RuntimeError):
    """LibreOffice did not produce a recalculated workbook."""


def find_soffice() -> str | None:
    """The LibreOffice program on PATH (``soffice`` or ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(source: Path, outdir: Path, *, timeout: float = 600) -> Path:
    """Open ``source`` in headless LibreOffice, recalculate every formula, save it as ``.xlsx``
    in ``outdir`` and return the new file's path."""
    return recalculate_all([source], outdir, timeout=timeout)[0]


def recalculate_all(sources: Sequence[Path], outdir: Path, *, timeout: float = 600) -> list[Path]:
    """``recalculate`` for several workbooks in one LibreOffice run (it takes seconds to start).

    The sources must have distinct names and must not already be in ``outdir``.
    """
    soffice = find_soffice()
    if soffice is None:
        raise RecalculationError(INSTALL_HINT)
    outdir.mkdir(parents=True, exist_ok=True)
    if any(outdir.resolve() == source.resolve().parent for source in sources):
        raise ValueError("write the recalculated workbooks to another folder than the sources")
    results = [outdir / (source.stem + ".xlsx") for source in sources]
    if len(set(results)) != len(results):
        raise ValueError(
            "two workbooks would be written to the same file: give them distinct names"
        )
    with tempfile.TemporaryDirectory(prefix="realise-lo-profile-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(outdir),
            *(str(source) for source in sources),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    missing = [result.name for result in results if not result.exists()]
    if done.returncode != 0 or missing:
        raise RecalculationError(
            f"LibreOffice did not recalculate {', '.join(missing) or 'the workbooks'} "
            f"(exit {done.returncode}): {done.stderr.strip() or done.stdout.strip()}"
        )
    return results
