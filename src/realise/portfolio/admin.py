from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from realise.core.admin import ChangeOnlyHereAdmin, ReadOnlyAdmin, RelatedInList
from realise.portfolio.models import (
    Board,
    Decision,
    Directorate,
    LifecycleStage,
    Milestone,
    Organisation,
    OrganisationDataVersion,
    Priority,
    Programme,
    Project,
    ProjectChange,
)


@admin.register(Organisation)
class OrganisationAdmin(ChangeOnlyHereAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Councils are created with ``realise organisation create`` and their plan years set in
    Settings, the API and ``realise organisation plan-years``; renaming a council can be done
    only here for now (no service renames one). Its slug, used in every address, stays."""

    changeable_here = ("name",)
    list_display = ["name", "slug", "plan_years"]

    @admin.display(description="Plan years")
    def plan_years(self, obj: Organisation) -> str:
        return obj.plan_years.label


class OwnedAdmin(ReadOnlyAdmin, RelatedInList, admin.ModelAdmin):  # type: ignore[type-arg]
    """A council's row, written by its services only (the web's Settings, the API, imports and
    ``realise setup`` for reference data; the project pages for projects)."""

    list_filter = ["organisation"]


class OwnedChangeHereAdmin(ChangeOnlyHereAdmin, RelatedInList, admin.ModelAdmin):  # type: ignore[type-arg]
    list_filter = ["organisation"]


@admin.register(Directorate)
class DirectorateAdmin(OwnedAdmin):
    list_display = ["name", "organisation", "order"]


@admin.register(Programme)
class ProgrammeAdmin(OwnedChangeHereAdmin):
    """Added, renamed, moved, retired and restored in Settings, the API and ``realise setup``;
    its directorate and summary can be changed only here for now (no service sets them)."""

    changeable_here = ("directorate", "summary")
    list_display = ["name", "organisation", "directorate"]


@admin.register(Priority)
class PriorityAdmin(OwnedChangeHereAdmin):
    """Added, renamed, moved, retired and restored in Settings, the API and ``realise setup``;
    the plan it comes from can be changed only here for now (no service sets it)."""

    changeable_here = ("plan",)
    list_display = ["name", "organisation", "plan"]


@admin.register(LifecycleStage)
class LifecycleStageAdmin(OwnedAdmin):
    list_display = ["name", "organisation", "order"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin, OwnedAdmin):  # type: ignore[misc]
    list_display = ["code", "name", "organisation", "directorate", "status", "stage", "confidence"]
    list_filter = ["organisation", "status", "directorate"]
    search_fields = ["code", "name"]


@admin.register(ProjectChange)
class ProjectChangeAdmin(OwnedAdmin):
    """Written by the project services; read-only here."""

    list_display = ["project", "field", "old_value", "new_value", "changed_on"]


@admin.register(Board)
class BoardAdmin(OwnedAdmin):
    list_display = ["name", "organisation"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin, OwnedChangeHereAdmin):  # type: ignore[misc]
    """Recorded on the Decisions page and by imports (which also link projects); correcting a
    decision's board, date, kind or words can be done only here for now (no service edits one)."""

    changeable_here = ("board", "decided_on", "kind", "text")
    list_display = ["decided_on", "board", "kind", "organisation"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin, RelatedInList, admin.ModelAdmin):  # type: ignore[misc]
    """Still fully editable here: the dashboard shows milestones, but no page, API call or
    command adds, edits or removes one yet (``milestone_create`` serves only the demo), so this
    is only here for now. It becomes read-only once a page calls the services."""

    list_display = ["name", "due_on", "status", "programme", "project"]
    list_filter = ["organisation"]


@admin.register(OrganisationDataVersion)
class OrganisationDataVersionAdmin(RelatedInList, ReadOnlyAdmin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Changed by every write to a council's data (ADR 0011); read-only here."""

    list_display = ["organisation", "version", "token"]
