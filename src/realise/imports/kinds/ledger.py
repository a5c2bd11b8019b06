"""The savings ledger: append-only, appended in bulk through the benefits services
(``saving_build``, ``savings_insert``); a row already imported must say the same again."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, SavingKind, SavingsEntry
from realise.imports import cells
from realise.imports.context import Context
from realise.imports.kinds.columns import (
    AMOUNT,
    DIRECTORATE,
    PROJECT,
    SAVING_KIND,
    UNREAD,
    YEAR,
    Column,
    Kind,
    Values,
    as_day,
    chosen,
    describe_saving,
    pk,
    plain,
    scope,
)


def _content_key(
    year: int,
    kind: str,
    status: str,
    directorate_id: Any,
    project_id: Any,
    amount: Decimal,
    recorded_on: date,
    note: str,
) -> str:
    content = [
        year,
        kind,
        status,
        directorate_id,
        project_id,
        str(amount),
        recorded_on.isoformat(),
        note,
    ]
    digest = hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()
    return f"row:{digest[:64]}"


# A council's own reference, exactly as written (ends trimmed, as every cell's): letter case and
# punctuation count, so BH22-FCL-B stays BH22-FCL-B and 2024/25-001 is not 2024-25-001.
AS_WRITTEN = "ref="
# How a reference was kept before it was kept as written: in lower case, its punctuation made
# spaces. Entries imported then keep such keys; a row is matched to one only when no entry has its
# reference as written (see ``_entry_find``).
FOLDED = "ref:"
_KEY_LENGTH: int = SavingsEntry._meta.get_field("import_key").max_length  # type: ignore[assignment]
REFERENCE_LENGTH = _KEY_LENGTH - len(AS_WRITTEN)


def as_reference(value: Any, ctx: Context) -> str:
    """A Reference cell as written; longer than the ledger keeps is refused, not cut short (two
    references alike in their first characters would otherwise be taken for one)."""
    reference = cells.text(value)
    if len(reference) > REFERENCE_LENGTH:
        raise cells.CellError(
            f"is {len(reference)} characters long: a reference may have at most {REFERENCE_LENGTH}"
        )
    return reference


def ledger_key(values: Values) -> str:
    """The stable key of a ledger row: its Reference as written, else a hash of what it says."""
    key = values.get("_key")
    if key is None:
        reference = values.get("reference")
        key = AS_WRITTEN + reference if reference else _content_of(values)
        values["_key"] = key
    return key


def _folded_key(reference: str) -> str:
    """The key an entry imported with ``reference`` had before references were kept as written."""
    return f"{FOLDED}{cells.normal(reference)}"[:_KEY_LENGTH]


def _content_of(values: Values) -> str:
    """The hash of what a ledger row says, worked out once per row and only when needed: for a
    row without a Reference, or one whose Reference is already in the ledger."""
    content = values.get("_content")
    if content is None:
        directorate, project = scope(values)
        content = values["_content"] = _content_key(
            values["financial_year"],
            values.get("kind", SavingKind.CASHABLE),
            values.get("status", EntryStatus.ACHIEVED),
            pk(directorate),
            pk(project),
            values["amount"],
            values["recorded_on"],
            values.get("note", ""),
        )
    return content


def _ledger_keys(ctx: Context) -> dict[str, Any]:
    """Every ledger entry of the council by its import key, and (for entries recorded some other
    way) by the hash of its content, each with its content hash (or, for an entry of this import,
    the entry, hashed only if asked), so an exported ledger imports back without duplicates and a
    re-import needs no query per row."""
    if ctx.ledger_keys is None:
        keys: dict[str, Any] = {}
        fields = (
            "pk",
            "import_key",
            "financial_year",
            "kind",
            "status",
            "directorate_id",
            "project_id",
            "amount",
            "recorded_on",
            "note",
        )
        for pk, key, *content in (
            SavingsEntry.objects.filter(organisation=ctx.organisation)
            .values_list(*fields)
            .iterator()
        ):
            content_key = _content_key(*content)
            keys[key or content_key] = content_key
            ctx.ledger_folded = ctx.ledger_folded or key.startswith(FOLDED)
            if not key.startswith((AS_WRITTEN, FOLDED)):  # exported with Realise's own reference
                keys[AS_WRITTEN + own_reference(pk)] = content_key
        ctx.ledger_keys = keys
    return ctx.ledger_keys


def _entry_find(ctx: Context, values: Values) -> Any:
    """The content hash of the entry already holding this row's key (or the entry itself, when
    this import made it), if any: its reference as written, else as it was kept before (so an
    entry imported then is not imported twice)."""
    keys = _ledger_keys(ctx)
    found = keys.get(ledger_key(values))
    if found is None and ctx.ledger_folded and values.get("reference"):
        found = keys.get(_folded_key(values["reference"]))
    return found


ONLY_FINANCE_VALIDATES = (
    "only someone with the finance role can import an achieved (validated) saving: put Claimed "
    "in this column and finance will validate it in Realise, or ask someone with the finance "
    "role to import the file"
)
STATUS_HINT = (
    "Achieved (validated), Claimed (awaiting finance), Forecast, In-year pressure or Mitigation; "
    "empty means Achieved. Only someone with the finance role can import Achieved: otherwise put "
    "Claimed, and finance validates it in Realise. A pressure's amount is over £0, as every "
    "amount here: the reports show it as negative"
)


def _entry_fields(ctx: Context, values: Values) -> dict[str, Any]:
    """A row as the ledger services take it. The service decides its status from who imports it
    (only finance validates, ADR 0005); an import refuses, rather than claims, an achieved row
    from anyone else, so the ledger never says other than the file (ADR 0023)."""
    return {
        "organisation": ctx.organisation,
        "year": values["financial_year"],
        "amount": values["amount"],
        "status": values.get("status", EntryStatus.ACHIEVED),
        "kind": values.get("kind", SavingKind.CASHABLE),
        "directorate": values.get("directorate"),
        "project": values.get("project"),
        "recorded_on": values["recorded_on"],
        "note": values.get("note", ""),
        "by": ctx.by,
        "if_not_allowed": benefits.IfNotAllowed.REFUSE,
        "import_key": ledger_key(values),
    }


def _only_finance(values: Values, refused: benefits.OnlyFinanceValidates) -> ValidationError:
    """The service's refusal in the words of a spreadsheet: on the Status column (named as the
    council named it), saying what an empty Status means and what to do instead; with the row's
    other refusals, which the service gives with it."""
    said = "Achieved" if "status" in values else "An empty status means Achieved"
    return ValidationError({"status": [f"{said}: {ONLY_FINANCE_VALIDATES}"], **refused.others})


def _entry_create(ctx: Context, values: Values) -> SavingsEntry:
    try:
        entry = benefits.saving_record(**_entry_fields(ctx, values))
    except benefits.OnlyFinanceValidates as refused:
        raise _only_finance(values, refused) from None
    _ledger_keys(ctx)[entry.import_key] = _content_of(values)
    return entry


def _entry_build(ctx: Context, values: Values) -> benefits.NewEntry:
    try:
        entry = benefits.saving_build(**_entry_fields(ctx, values))
    except benefits.OnlyFinanceValidates as refused:
        raise _only_finance(values, refused) from None
    if UNREAD not in values:  # a row not read whole is not what a later row is compared with
        _ledger_keys(ctx)[entry.import_key] = entry
    return entry


def _entry_update(ctx: Context, stored: Any, values: Values) -> bool:
    """The ledger is append-only: a row already imported must say the same as before (of a row
    not read whole, that cannot be told)."""
    if UNREAD in values:
        return False
    if isinstance(stored, benefits.NewEntry):  # appended earlier in this import
        stored = _content_key(
            stored.financial_year,
            stored.kind,
            stored.status,
            stored.directorate_id,
            stored.project_id,
            stored.amount,
            stored.recorded_on,
            stored.note,
        )
    if stored != _content_of(values):
        raise ValidationError(
            {
                "reference": "This reference is already in the savings ledger with other "
                "figures: the ledger only grows, so record a correction under a new reference"
            }
        )
    return False


def own_reference(pk: int) -> str:
    """The reference an export gives an entry that came with none of the council's own (recorded
    on the web, through the API, or imported without one): two entries may say exactly the same
    (two people recording the same claim), and each must still import back as itself."""
    return f"realise-{pk}"


def _entry_reference(entry: SavingsEntry) -> str:
    key = entry.import_key
    for prefix in (AS_WRITTEN, FOLDED):  # a folded one as it was kept: all there is of it
        if key.startswith(prefix):
            return key.removeprefix(prefix)
    return own_reference(entry.pk)


SAVINGS = Kind(
    name="savings",
    label="Savings ledger",
    noun="ledger entry",
    synonyms=(
        "ledger",
        "savings ledger",
        "achieved savings",
        "savings achieved",
        "savings tracker",
    ),
    columns=(
        Column(
            "reference",
            "Reference",
            as_reference,
            _entry_reference,
            synonyms=("ref", "entry reference", "id", "line"),
            hint="Optional: your own reference, so a corrected row is not taken for a new one",
        ),
        YEAR,
        AMOUNT,
        chosen(
            "status",
            "Status",
            EntryStatus,
            "ledger status",
            synonyms=("achieved or forecast", "type of entry", "entry type"),
            choices="entry_statuses",
            example="Claimed (awaiting finance)",
            hint=STATUS_HINT,
        ),
        SAVING_KIND,
        DIRECTORATE,
        PROJECT,
        plain(
            "recorded_on",
            "Recorded on",
            as_day,
            required=True,
            synonyms=("date", "as of", "as at", "recorded"),
            example=date(2025, 9, 30),
        ),
        plain(
            "note",
            "Note",
            synonyms=("notes", "comment", "comments", "reason"),
            hint="Needed for an in-year pressure or a mitigation: why it arose",
        ),
    ),
    key=lambda v: (ledger_key(v),),
    find=_entry_find,
    create=_entry_create,
    update=_entry_update,
    build=_entry_build,
    insert=lambda ctx, objs: benefits.savings_insert(entries=objs),
    rows=lambda org: (
        SavingsEntry.objects.filter(organisation=org)
        .select_related("directorate", "project")
        .order_by("financial_year", "id")
    ),
    describe=describe_saving,
)
