from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from realise.core.admin import ReadOnlyAdmin, RelatedInList
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
class OrganisationAdmin(RelatedInList, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug", "plan_years"]
    prepopulated_fields = {"slug": ["name"]}
    # Set through the service that keeps every year holding savings in them (Settings → Plan
    # years, the API, `realise organisation plan-years`), never here.
    exclude = ["first_plan_year", "last_plan_year"]
    readonly_fields = ["plan_years"]

    @admin.display(description="Plan years")
    def plan_years(self, obj: Organisation) -> str:
        if obj.pk is None:
            return "This year and the four after: change them in Settings"
        return obj.plan_years.label


class OwnedAdmin(RelatedInList, admin.ModelAdmin):  # type: ignore[type-arg]
    list_filter = ["organisation"]


@admin.register(Directorate)
class DirectorateAdmin(OwnedAdmin):
    list_display = ["name", "organisation", "order"]


@admin.register(Programme)
class ProgrammeAdmin(OwnedAdmin):
    list_display = ["name", "organisation", "directorate"]


@admin.register(Priority)
class PriorityAdmin(OwnedAdmin):
    list_display = ["name", "organisation", "plan"]


@admin.register(LifecycleStage)
class LifecycleStageAdmin(OwnedAdmin):
    list_display = ["name", "organisation", "order"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin, OwnedAdmin):  # type: ignore[misc]
    list_display = ["code", "name", "organisation", "directorate", "status", "stage", "confidence"]
    list_filter = ["organisation", "status", "directorate"]
    search_fields = ["code", "name"]
    filter_horizontal = ["priorities"]


@admin.register(ProjectChange)
class ProjectChangeAdmin(ReadOnlyAdmin, OwnedAdmin):
    """Written by the project services; read-only here."""

    list_display = ["project", "field", "old_value", "new_value", "changed_on"]


@admin.register(Board)
class BoardAdmin(OwnedAdmin):
    list_display = ["name", "organisation"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin, OwnedAdmin):  # type: ignore[misc]
    list_display = ["decided_on", "board", "kind", "organisation"]
    filter_horizontal = ["projects"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin, OwnedAdmin):  # type: ignore[misc]
    list_display = ["name", "due_on", "status", "programme", "project"]


@admin.register(OrganisationDataVersion)
class OrganisationDataVersionAdmin(RelatedInList, ReadOnlyAdmin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Changed by every write to a council's data (ADR 0011); read-only here."""

    list_display = ["organisation", "version", "token"]
