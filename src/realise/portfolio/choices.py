"""The portfolio's fixed lists: a project's status, its delivery confidence on the council's scale,
its impact assessments, a decision's kind and a milestone's status. Kept apart from the models
(``realise.portfolio.models`` imports them), so a form or a report can name them."""

from __future__ import annotations

from django.db import models


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    STOPPED = "stopped", "Ended without full delivery"


class ConfidenceScale(models.TextChoices):
    FIVE_POINT = "five_point", "5-point (Green to Red)"
    RAG = "rag", "3-point RAG"


FIVE_POINT_RATINGS = ("green", "amber_green", "amber", "amber_red", "red")
RAG_RATINGS = ("green", "amber", "red")
RATINGS_BY_SCALE = {
    ConfidenceScale.FIVE_POINT: FIVE_POINT_RATINGS,
    ConfidenceScale.RAG: RAG_RATINGS,
}


class ConfidenceRating(models.TextChoices):
    GREEN = "green", "Green"
    AMBER_GREEN = "amber_green", "Amber/Green"
    AMBER = "amber", "Amber"
    AMBER_RED = "amber_red", "Amber/Red"
    RED = "red", "Red"


class AssessmentStatus(models.TextChoices):
    NOT_RECORDED = "not_recorded", "Not recorded"
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    NOT_REQUIRED = "not_required", "Not required"


class DecisionKind(models.TextChoices):
    APPROVE_BUSINESS_CASE = "approve_business_case", "Approve business case"
    APPROVE_CLOSURE_REPORT = "approve_closure_report", "Approve closure report"
    STOP = "stop", "Stop"
    APPROVE_BID = "approve_bid", "Approve bid"
    REJECT_BID = "reject_bid", "Reject bid"
    OTHER = "other", "Other"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACHIEVED = "achieved", "Achieved"
    MISSED = "missed", "Missed"
