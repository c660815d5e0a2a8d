"""Choices of the scoring app and the tables of moves of panels and score sheets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.enums import badge_colours


class Aggregation(models.TextChoices):
    """How a panel's sheets make one score (``scoring.aggregation.aggregate``)."""

    MEAN = "mean", _("Mean of all sheets")
    TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean (drop the highest and lowest from five sheets)")


class PanelStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SCORING = "scoring", _("Scoring")
    CONCLUDED = "concluded", _("Concluded")
    # The subject went away before a conclusion (an award application withdrawn): nothing more
    # is scored, and what was scored is kept.
    CLOSED = "closed", _("Closed without a conclusion")


PANEL_TRANSITIONS: dict[str, set[str]] = {
    PanelStatus.SCHEDULED: {PanelStatus.SCORING, PanelStatus.CLOSED},
    PanelStatus.SCORING: {PanelStatus.CONCLUDED, PanelStatus.CLOSED},
    PanelStatus.CONCLUDED: set(),
    PanelStatus.CLOSED: set(),
}

badge_colours(
    PanelStatus,
    {
        PanelStatus.SCHEDULED: "secondary",
        PanelStatus.SCORING: "warning",
        PanelStatus.CONCLUDED: "dark",
        PanelStatus.CLOSED: "secondary",
    },
)


class SheetStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("score sheet", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("score sheet", "Submitted")


SHEET_TRANSITIONS: dict[str, set[str]] = {
    SheetStatus.DRAFT: {SheetStatus.SUBMITTED},
    SheetStatus.SUBMITTED: {SheetStatus.DRAFT},
}

badge_colours(SheetStatus, {SheetStatus.DRAFT: "secondary", SheetStatus.SUBMITTED: "success"})


class Declaration(models.TextChoices):
    PENDING = "pending", _("Not declared yet")
    NO_CONFLICT = "no_conflict", _("No conflict of interest")
    CONFLICT = "conflict", _("Conflict of interest declared")


badge_colours(
    Declaration,
    {
        Declaration.PENDING: "secondary",
        Declaration.NO_CONFLICT: "success",
        Declaration.CONFLICT: "danger",
    },
)
