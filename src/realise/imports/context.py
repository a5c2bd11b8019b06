"""What an import looks up as it goes: the council's directorates, projects, funds and boards by the
names people type, cached, and including rows created earlier in the same import."""

from __future__ import annotations

from typing import Any

from django.db import models

from realise.imports.cells import CellError, text
from realise.imports.names import Ambiguous, Names, either
from realise.portfolio.models import (
    Board,
    Directorate,
    LifecycleStage,
    Organisation,
    Programme,
    Project,
)


class Context:
    """Lookups for one import into ``organisation``; ``by`` is the person importing, whom every
    service the import calls is given (None: Realise itself, for tests and benchmarks)."""

    def __init__(self, organisation: Organisation, by: Any = None) -> None:
        self.organisation = organisation
        self.by = by
        self._caches: dict[str, Names] = {}
        self._leads: dict[str, Any] = {}
        self.ledger_keys: dict[str, Any] | None = None  # see kinds.ledger._ledger_keys
        self.ledger_folded = False  # whether any entry has a key of before ADR 0032

    def _table(self, name: str, model: type[models.Model], attr: str) -> Names:
        if name not in self._caches:
            rows = model.objects.filter(organisation=self.organisation)  # type: ignore[attr-defined]
            self._caches[name] = Names((str(getattr(r, attr)), r) for r in rows)
        return self._caches[name]

    def remember(self, name: str, key: str, obj: Any) -> None:
        if name in self._caches:
            self._caches[name].learn(key, obj)

    def _find(
        self, name: str, model: type[models.Model], attr: str, value: object, what: str
    ) -> Any:
        """The item of ``model`` that ``value`` names (``names.Names``: as written, else in any
        letter case, else loosely); a ``CellError`` for none, or for a name two items answer to."""
        table = self._table(name, model, attr)
        typed = text(value)
        found = self._named(table, typed)
        if found is None:
            # What a new row may use: not a retired directorate, programme, stage or board.
            known = sorted(
                {str(getattr(r, attr)) for r in table.items() if not getattr(r, "retired", False)}
            )
            hint = f": choose one of {', '.join(known[:12])}" if known else ""
            more = " (and more)" if len(known) > 12 else ""
            raise CellError(f'"{typed}" is not {what} of {self.organisation.name}{hint}{more}')
        return found

    def _named(self, table: Names, typed: str) -> Any:
        try:
            return table.find(typed)
        except Ambiguous as both:
            raise CellError(
                f'"{typed}" could be {either(both.names)} of {self.organisation.name}: write it '
                "exactly as Realise has it"
            ) from None

    def directorate(self, value: object) -> Directorate:
        return self._find("directorates", Directorate, "name", value, "a directorate")

    def programme(self, value: object) -> Programme:
        return self._find("programmes", Programme, "name", value, "a programme")

    def stage(self, value: object) -> LifecycleStage:
        return self._find("stages", LifecycleStage, "name", value, "a lifecycle stage")

    def project(self, value: object) -> Project:
        return self._find("projects", Project, "code", value, "a project code")

    def lead(self, value: object) -> Any:
        """Who leads a project: one of the council's people, by the address they sign in with."""
        from django.core.exceptions import ValidationError

        from realise.portfolio.lookups import lead_named

        leads = self._leads
        address = text(value).strip().lower()
        if address not in leads:
            try:
                leads[address] = lead_named(organisation=self.organisation, address=text(value))
            except ValidationError as refused:
                raise CellError(refused.message_dict["lead_user"][0]) from None
        return leads[address]

    def fund(self, value: object) -> Any:
        from realise.funding.models import Fund

        return self._find("funds", Fund, "name", value, "a fund")

    def board(self, value: object) -> Board:
        """A board by name; a board not yet known is created (boards are only names)."""
        from realise.portfolio.services import board_create

        found = self._named(self._table("boards", Board, "name"), text(value))
        if found is None:
            found = board_create(organisation=self.organisation, name=text(value), by=self.by)
            self.remember("boards", found.name, found)
        return found
