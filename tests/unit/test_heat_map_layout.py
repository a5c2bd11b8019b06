"""The heat map laid out as a council prints it: impact down the side (the default) or likelihood
down the side, the worst cell at the top right either way, on the pages and in the reports."""

from __future__ import annotations

from realise.reports.annual.risk import heat_map_table
from realise.risks.selectors import IMPACT_NAMES, LIKELIHOOD_NAMES, HeatCell, HeatMap, HeatMapRows

# Each cell counts likelihood * 10 + impact risks, so a count names its cell: 43 is (4, 3).
HEAT = HeatMap(
    cells=tuple(
        HeatCell(likelihood=n, impact=i, score=n * i, band="b", count=n * 10 + i)
        for i in range(5, 0, -1)
        for n in range(1, 6)
    ),
    bands=(),
    total=sum(n * 10 + i for n in range(1, 6) for i in range(1, 6)),
)


def _counts(grid):
    return [[cell.count for cell in row] for row in grid]


def test_with_impact_as_rows_impact_5_is_the_top_row_and_likelihood_runs_across():
    assert _counts(HEAT.grid()) == _counts(HEAT.grid(HeatMapRows.IMPACT))
    assert _counts(HEAT.grid())[0] == [15, 25, 35, 45, 55]
    assert _counts(HEAT.grid())[-1] == [11, 21, 31, 41, 51]


def test_with_likelihood_as_rows_likelihood_5_is_the_top_row_and_impact_runs_across():
    grid = _counts(HEAT.grid(HeatMapRows.LIKELIHOOD))
    assert grid[0] == [51, 52, 53, 54, 55]
    assert grid[-1] == [11, 12, 13, 14, 15]
    assert grid[0][-1] == _counts(HEAT.grid())[0][-1] == 55  # the worst cell: top right


def test_the_reports_table_follows_the_layout():
    by_impact = heat_map_table(HEAT)
    assert [c.heading for c in by_impact.columns] == ["Impact", *LIKELIHOOD_NAMES]
    assert [r[0].text for r in by_impact.rows] == list(reversed(IMPACT_NAMES))
    assert by_impact.title.endswith("open risks by impact and likelihood")

    by_likelihood = heat_map_table(HEAT, HeatMapRows.LIKELIHOOD)
    assert [c.heading for c in by_likelihood.columns] == ["Likelihood", *IMPACT_NAMES]
    assert [r[0].text for r in by_likelihood.rows] == list(reversed(LIKELIHOOD_NAMES))
    assert [c.value for c in by_likelihood.rows[0][1:]] == [51, 52, 53, 54, 55]
    # each column's total is that impact's risks, at every likelihood
    assert [c.value for c in by_likelihood.total[1:]] == [
        sum(n * 10 + i for n in range(1, 6)) for i in range(1, 6)
    ]
    assert by_likelihood.title.endswith("open risks by likelihood and impact")
