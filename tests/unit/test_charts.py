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


LONG_NAMES = [
    "Adult Social Care, Housing and Public Health Commissioning",
    "Children's Services, Education, Skills and Family Support",
    "Economic Growth, Infrastructure, Highways and Environment",
    "Corporate Development, Finance, Commercial and Digital Transformation",
    "Place",
]


def _label_boxes(root: ET.Element) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, text) of every line of text in the chart, from the font's
    widths: what a reader would see printed."""
    from realise.reports.text_width import text_em

    boxes = []
    for node in root.iter(f"{SVG}text"):
        size = float(node.get("font-size", "12"))
        anchor = node.get("text-anchor", "start")
        y = float(node.get("y"))
        lines = list(node.iter(f"{SVG}tspan")) or [node]
        for line in lines:
            y += float(line.get("dy", "0"))
            x = float(line.get("x", node.get("x")))
            width = text_em(line.text or "") * size
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            if node.get("transform"):  # the rotated unit label stands on its own at the left
                continue
            boxes.append((left, y - 0.8 * size, left + width, y + 0.2 * size, line.text))
    return boxes


def _overlaps(boxes):
    return [
        (a[4], b[4])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5
    ]


def test_long_directorate_names_never_print_over_each_other_or_off_the_chart():
    svg = bar_chart(
        chart_id="by-directorate",
        title="Savings by directorate",
        description="d",
        categories=LONG_NAMES,
        series=[
            Series("Projected", [Decimal("98.765432"), 49, 33, 25, 20]),
            Series("Achieved", [Decimal("87.654321"), 44, 29, 22, 18]),
        ],
    )
    root = parse(svg)
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    boxes = _label_boxes(root)
    assert _overlaps(boxes) == []
    assert all(
        left >= 0 and right <= width and bottom <= height for left, _, right, bottom, _ in boxes
    )
    shown = " ".join(text for *_, text in boxes)
    for name in LONG_NAMES:  # each name is there whole, wrapped between its words
        assert all(word in shown.split() for word in name.split())


def test_short_names_stay_under_their_bars_and_the_chart_keeps_its_size():
    svg = bar_chart(
        chart_id="by-year",
        title="t",
        description="d",
        categories=["2021/22", "2022/23", "2023/24"],
        series=[Series("Budgeted", [1, 2, 3])],
    )
    root = parse(svg)
    assert root.get("viewBox") == "0 0 640 320"
    labels = [t for t in root.iter(f"{SVG}text") if "".join(t.itertext()) == "2022/23"]
    assert labels[0].get("text-anchor") == "middle"


def test_many_series_names_wrap_the_key_onto_more_rows_inside_the_chart():
    names = [f"A rather long series name number {n}" for n in range(1, 5)]
    svg = bar_chart(
        chart_id="k",
        title="t",
        description="d",
        categories=["2021/22", "2022/23"],
        series=[Series(name, [1, 2]) for name in names],
    )
    root = parse(svg)
    width = float(root.get("viewBox").split()[2])
    boxes = _label_boxes(root)
    assert _overlaps(boxes) == []
    assert all(right <= width for _, _, right, _, _ in boxes)


def test_a_name_too_long_even_for_four_lines_is_cut_with_an_ellipsis():
    name = " ".join(["Commissioning"] * 12)
    svg = bar_chart(
        chart_id="cut",
        title="t",
        description="d",
        categories=[name, "Place"],
        series=[Series("x", [1, 2])],
    )
    lines = [t.text for t in parse(svg).iter(f"{SVG}tspan")]
    assert lines[3].endswith("\u2026")
    assert len([line for line in lines if "Commissioning" in line]) == 4
