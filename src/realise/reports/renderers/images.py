"""Charts as PNG for Word: the SVG is laid out by WeasyPrint (already a dependency) on a page its
own size, and the one-page PDF is rasterised by poppler's ``pdftoppm``. See
docs/adr/0009-report-formats.md for why this and not another rasteriser."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from realise.reports.charts import HEIGHT, WIDTH


class RasteriserMissing(RuntimeError):
    """pdftoppm (poppler-utils) is not installed."""


def svgs_to_pngs(svgs: list[str], *, dpi: int = 150) -> list[bytes]:
    """PNGs of SVG charts from ``realise.reports.charts`` (640 x 320 CSS pixels each), drawn in
    one WeasyPrint document (a page per chart) and one pdftoppm run."""
    from weasyprint import HTML

    if not svgs:
        return []
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise RasteriserMissing("Charts in Word need pdftoppm: apt-get install poppler-utils")
    style = (
        f"<style>@page {{ size: {WIDTH}px {HEIGHT}px; margin: 0 }} body {{ margin: 0 }}"
        f"div {{ page-break-after: always; width: {WIDTH}px; height: {HEIGHT}px }}"
        f"svg {{ width: {WIDTH}px; height: {HEIGHT}px; display: block }}</style>"
    )
    pdf = HTML(string=style + "".join(f"<div>{svg}</div>" for svg in svgs)).write_pdf()
    with tempfile.TemporaryDirectory(prefix="realise-chart-") as work:
        subprocess.run(
            [tool, "-png", "-r", str(dpi), "-", str(Path(work) / "chart")],
            input=pdf,
            capture_output=True,
            check=True,
            timeout=120,
        )
        pages = sorted(Path(work).glob("chart-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [page.read_bytes() for page in pages][: len(svgs)]
