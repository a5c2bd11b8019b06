"""Where a format 2 case sits in its workbook: the one description that the writer
(``realise.reports.case_workbook.appraisal``) and the reader (``workbook_reader``) both follow.

The workbook is for people: a finance officer opens it, reads every figure's formula, changes an
input and sees the options recalculate, then may bring it back into Realise (the web editor, the
import page, ``realise case store``). Everything Realise needs to read it back is on the
**Inputs** sheet (and, for a case with sections the tables cannot show, **Other sections**); the
option sheets and the summary are formulas only, and the reader never looks at them.

The Inputs sheet, from the top:

- the title (row 1), a note (row 2) and the marker (row 3: ``Workbook format`` in column A,
  ``WORKBOOK_FORMAT`` in column B), by which the reader knows the workbook;
- the **settings**, a label in column A and its value in column B (``SETTINGS``), one a row;
- the **financial years**, a row labelled ``Financial year`` whose cells from ``YEAR_COLUMN``
  on name the case's years (``2026/27`` …);
- three **tables**, each under a row whose column A holds its title (``BASELINES``, ``OPTIONS``,
  ``LINES``), then a header row (the headings below, in order), then one row a record until the
  first row whose column A is empty.

Percentages are numbers (0.1 shown as 10%); a year is text (``2026/27``); money is in pounds; a
yes/no column holds ``Yes`` or is empty. In the lines table, the cells from ``YEAR_COLUMN`` on
hold, per year, an amount (profile ``amounts``) or a share (``phased``, ``ramp``, ``staged``);
they are empty for ``annual``, whose years are in From and To.

The **Other sections** sheet holds, one line of YAML a row in column A from ``OTHER_FIRST_ROW``,
a part of a format 2 file with what the tables cannot show, as the case file wrote it: format 1's
operating-model ``layers`` and ``levels``, ``presentation``, ``other_benefits``, ``published``,
and ``options``: a list of ``{id, level, releases}`` for each option whose layer savings are
released on dates (the reader adds ``level`` and ``releases`` to the option of that id). The option
sheets show such released savings as figures Realise worked out, not as formulas. A case that
has none of these has no Other sections sheet.
"""

from __future__ import annotations

from typing import Final

WORKBOOK_FORMAT: Final = "realise-business-case-workbook/2"
MARKER_LABEL: Final = "Workbook format"
MARKER_ROW: Final = 3

INPUTS: Final = "Inputs"
SUMMARY: Final = "Summary"
OTHER: Final = "Other sections"  # YAML lines of the sections the tables cannot show
OTHER_FIRST_ROW: Final = 4  # column A, one line of YAML a row, from here down

YEARS_LABEL: Final = "Financial year"

# Settings: the label in column A, the document key it stands for.
SETTINGS: Final = (
    ("Organisation", "organisation"),
    ("Business case", "title"),
    ("First financial year", "start_year"),
    ("Years", "years"),
    ("Discount rate", "discount_rate"),  # a percentage, or GREEN_BOOK_TEXT
    ("Optimism bias on costs", "optimism_bias.costs"),
    ("Optimism bias on benefits", "optimism_bias.benefits"),
)
GREEN_BOOK_TEXT: Final = "Green Book"  # the discount rate cell: 3.5%, then 3.0% after year 30

BASELINES: Final = "Baselines"
OPTIONS: Final = "Options"
LINES: Final = "Lines"

# Table headings, in column order from column A; the key is the document's.
BASELINE_COLUMNS: Final = (
    ("ID", "id"),
    ("Name", "name"),
    ("Amount (£)", "amount"),
    ("FTE", "fte"),
    ("Directorate", "directorate"),
)
OPTION_COLUMNS: Final = (
    ("ID", "id"),
    ("Name", "name"),
    ("Description", "description"),
    ("Preferred", "preferred"),
    ("Do nothing", "do_nothing"),
    ("Optimism bias on costs", "optimism_bias.costs"),  # empty: the case's
    ("Optimism bias on benefits", "optimism_bias.benefits"),
)
LINE_COLUMNS: Final = (
    ("Option", "option"),
    ("Group", "group"),  # GROUPS
    ("ID", "id"),
    ("Name", "name"),
    ("Kind or type", "kind"),  # a cost's kind (capital …) or a benefit's type (cashable …)
    ("Recurrence", "recurrence"),  # costs: one_off or recurring
    ("Directorate", "directorate"),  # benefits
    ("Profile", "profile"),  # PROFILES
    ("Amount (£)", "amount"),  # phased: the total; annual: each year's; ramp, staged: full value
    ("Baseline", "baseline"),  # ramp, staged: a share of this baseline instead of an amount
    ("Percent of baseline", "percent"),
    ("Retention", "retention"),  # empty: 100%
    ("From", "from"),  # annual: the first year
    ("To", "to"),  # annual: the last year (empty: to the end)
)
YEAR_COLUMN: Final = len(LINE_COLUMNS) + 1  # column O: the first year's column

YES: Final = "Yes"
GROUPS: Final = ("cost", "offset", "benefit")
PROFILES: Final = ("amounts", "phased", "annual", "ramp", "staged")
