import xml.etree.ElementTree as ET
from decimal import Decimal

from realise.reports.charts import Series, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_bar_chart_is_an_image_labelled_by_its_title_and_description():
    svg = bar_chart(
        chart_id="savings",
        title="Savings by year",
        description="Budgeted and achieved savings, 2019/20 to 2022/23",
        categories=["2021/22", "2022/23"],
        series=[Series("Budgeted", [Decimal(3), Decimal(5)]), Series("Achieved", [2, 6])],
    )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "savings-title savings-desc"
    assert root.find(f"{SVG}title").text == "Savings by year"
    assert root.find(f"{SVG}desc").text.startswith("Budgeted and achieved")
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("stroke-width") == "1"]
    assert len(bars) == 4
    # Taller value, taller bar: 6 is drawn higher than 2.
    heights = [float(r.get("height")) for r in bars]
    assert heights[3] > heights[2]


def test_series_differ_by_pattern_not_only_colour():
    svg = bar_chart(
        chart_id="c",
        title="t",
        description="d",
        categories=["a"],
        series=[Series("x", [1]), Series("y", [2])],
    )
    fills = {r.get("fill") for r in parse(svg).iter(f"{SVG}rect") if r.get("stroke-width") == "1"}
    assert "url(#hatch)" in fills


def test_line_chart_marks_the_highlighted_category_and_handles_negatives():
    svg = line_chart(
        chart_id="jcurve",
        title="Cumulative net",
        description="J-curve",
        categories=["25/26", "26/27", "27/28"],
        series=[Series("Scenario 4", [Decimal(-16), Decimal(-21), Decimal(10)])],
        highlight=2,
        highlight_label="Payback 2027/28",
    )
    root = parse(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Payback 2027/28" in texts
    assert "-20" in texts or "-25" in texts
    line = root.find(f"{SVG}polyline")
    ys = [float(p.split(",")[1]) for p in line.get("points").split()]
    assert ys[2] < ys[0] < ys[1]  # SVG y grows downward: 10 is highest, -21 lowest


def test_a_payback_label_in_the_last_year_turns_left_to_stay_inside_the_chart():
    def label(highlight: int) -> ET.Element:
        svg = line_chart(
            chart_id="j",
            title="t",
            description="d",
            categories=["2025/26", "2026/27", "2027/28", "2028/29", "2029/30"],
            series=[Series("Cumulative net", [Decimal(-3), -2, -1, 1, 2])],
            highlight=highlight,
            highlight_label="Payback 2029/30",
        )
        return next(t for t in parse(svg).iter(f"{SVG}text") if t.text == "Payback 2029/30")

    first, last = label(0), label(4)
    assert first.get("text-anchor") == "start"
    assert last.get("text-anchor") == "end"
    # Ending at its x, the label's left edge stays well inside the 640-unit picture.
    assert 0 < float(last.get("x")) - 7.5 * len("Payback 2029/30") < float(last.get("x")) < 640
