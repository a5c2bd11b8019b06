"""Property-based fuzzing of the importer: random damage to valid workbooks and CSV files never
raises an unhandled exception and never leaves a partial import."""

from __future__ import annotations

import contextlib
import io
from datetime import datetime

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realise.imports.engine import run_import
from realise.imports.exports import export_rows
from realise.imports.kinds import KINDS

pytestmark = pytest.mark.db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SHEETS = {
    "Projects": [
        ["Code", "Name", "Directorate", "Status", "Planned start"],
        ["F-1", "Fuzzed one", "People", "In progress", "01/04/2024"],
        ["F-2", "Fuzzed two", "Place", "Proposed", None],
    ],
    "Savings 2024-25": [
        ["Reference", "Year", "Achieved", "Service area", "Project code", "Recorded on"],
        ["R-1", "2024/25", "£1,234.50", "People", "P-1", "31/03/2025"],
        ["R-2", "FY24/25", "1234.5", "Place", "", "31/03/2025"],
        ["R-3", "24/25", "£1.2m", "Place", "P-2", "30/09/2024"],
    ],
    "Targets": [
        ["Financial year", "Budget", "Directorate", "Kind"],
        ["2025/26", "250000", "People", "Cashable saving"],
        ["2025/26", 1000.5, "Place", "Income"],
    ],
}

cell_values = st.one_of(
    st.none(),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(
        ["=SUM(A1:A3)", "=1/0", "#REF!", "£1,2O0", "2025/27", "", "   ", "NaN", "1e400"]
    ),
)


@st.composite
def mutations(draw):
    return draw(
        st.lists(
            st.one_of(
                st.tuples(
                    st.just("cell"),
                    st.sampled_from(list(SHEETS)),
                    st.integers(1, 4),
                    st.integers(1, 6),
                    cell_values,
                ),
                st.tuples(st.just("drop column"), st.sampled_from(list(SHEETS)), st.integers(1, 6)),
                st.tuples(
                    st.just("extra sheet"),
                    st.text(min_size=1, max_size=20),
                    st.lists(st.lists(cell_values, max_size=5), max_size=4),
                ),
                st.tuples(st.just("blank rows"), st.sampled_from(list(SHEETS)), st.integers(1, 4)),
                st.tuples(
                    st.just("merge"),
                    st.sampled_from(list(SHEETS)),
                    st.integers(1, 3),
                    st.integers(1, 4),
                ),
            ),
            max_size=6,
        )
    )


def _safe_title(title):
    cleaned = "".join(c for c in title if c.isprintable() and c not in "[]:*?/\\'").strip()
    cleaned = cleaned or "Extra"
    return cleaned[:31]


def _apply(book, mutation):
    kind, *args = mutation
    if kind == "cell":
        name, row, col, value = args
        if isinstance(value, str):
            value = "".join(c for c in value if c.isprintable())
        # openpyxl refuses some values, and writing inside a merged range: no user could either.
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            book[name].cell(row=row, column=col, value=value)
    elif kind == "drop column":
        name, col = args
        book[name].delete_cols(col)
    elif kind == "extra sheet":
        title, rows = args
        sheet = book.create_sheet(_safe_title(title) if _safe_title(title) not in book else None)
        for row in rows:
            with contextlib.suppress(ValueError, TypeError):
                sheet.append(row)
    elif kind == "blank rows":
        name, at = args
        book[name].insert_rows(at, amount=2)
    elif kind == "merge":
        name, row, col = args
        book[name].merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col + 1)


def build(mutation_list):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in SHEETS.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    for mutation in mutation_list:
        _apply(book, mutation)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def snapshot(org):
    return {kind: export_rows(kind, org)[1] for kind in KINDS}


def check_all_or_nothing(path, org):
    before = snapshot(org)
    outcome = run_import(path, organisation=org, dry_run=False)  # must not raise
    after = snapshot(org)
    if outcome.ok:
        assert after != before or not outcome.changes
        again = run_import(path, organisation=org, dry_run=False)
        assert (again.ok, again.changes) == (True, [])
    else:
        assert after == before, [str(p) for p in outcome.problems]
        assert outcome.problems


def test_the_undamaged_workbook_imports_whole(council, tmp_path):
    path = tmp_path / "clean.xlsx"
    path.write_bytes(build([]))
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert (outcome.problems, len(outcome.created)) == ([], 7)


@FUZZ
@given(mutation_list=mutations())
def test_damaged_workbooks_never_crash_and_never_half_import(
    council, tmp_path_factory, mutation_list
):
    path = tmp_path_factory.mktemp("fuzz") / "fuzzed.xlsx"
    path.write_bytes(build(mutation_list))
    check_all_or_nothing(path, council["org"])


CSV = (
    "Reference,Year,Amount,Directorate,Recorded on,Note\n"
    "C-1,2024/25,£1.50,People,31/03/2025,Café\n"
    'C-2,2024/25,"£1,000",Place,31/03/2025,naïve – dash\n'
)


@FUZZ
@given(
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "mac_roman"]),
    cut=st.integers(0, len(CSV)),
    noise=st.binary(max_size=12),
)
def test_csv_in_any_encoding_or_damaged_never_crashes_or_half_imports(
    council, tmp_path_factory, encoding, cut, noise
):
    data = CSV.encode(encoding, errors="replace")
    data = data[:cut] + noise + data[cut:]
    path = tmp_path_factory.mktemp("csv") / "fuzzed.csv"
    path.write_bytes(data)
    check_all_or_nothing(path, council["org"])


@FUZZ
@given(data=st.binary(max_size=200), suffix=st.sampled_from(["xlsx", "ods", "csv"]))
def test_random_bytes_are_refused_plainly(council, tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("junk") / f"junk.{suffix}"
    path.write_bytes(data)
    check_all_or_nothing(path, council["org"])
