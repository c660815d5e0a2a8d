"""Choices of the pilots app and the pilot workflow's table of moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.enums import badge_colours


class PilotCategory(models.TextChoices):
    AGRICULTURAL_ZONE = "agricultural_zone", _("Agricultural standardization demonstration zone")
    SERVICE_INDUSTRY_PILOT = "service_industry_pilot", _("Service-industry standardization pilot")
    SERVICE_DEMONSTRATION_UNIT = (
        "service_demonstration_unit",
        _("Service standardization demonstration unit"),
    )
    ADMINISTRATIVE_SERVICE_PILOT = (
        "administrative_service_pilot",
        _("Administrative-service standardization pilot"),
    )
    OTHER = "other", _("Other")


class PilotLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")
    COUNTY = "county", _("County")


# Administrative rank of each level, lowest first (for sorting; see selectors.level_rank).
LEVEL_RANKS = {
    PilotLevel.COUNTY: 1,
    PilotLevel.MUNICIPAL: 2,
    PilotLevel.PROVINCIAL: 3,
    PilotLevel.NATIONAL: 4,
}


class PilotStatus(models.TextChoices):
    DECLARED = "declared", _("Declared")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    ACCEPTANCE_REQUESTED = "acceptance_requested", _("Acceptance requested")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
    REVOKED = "revoked", _("Revoked")


PILOT_TRANSITIONS: dict[str, set[str]] = {
    PilotStatus.DECLARED: {PilotStatus.APPROVED},
    PilotStatus.APPROVED: {PilotStatus.IN_PROGRESS},
    PilotStatus.IN_PROGRESS: {PilotStatus.ACCEPTANCE_REQUESTED},
    PilotStatus.ACCEPTANCE_REQUESTED: {PilotStatus.PASSED, PilotStatus.FAILED},
    PilotStatus.FAILED: {PilotStatus.IN_PROGRESS},
    PilotStatus.PASSED: {PilotStatus.REVOKED},
    PilotStatus.REVOKED: set(),
}

# A pilot whose timeline records one of these has been judged: that record is kept — the pilot
# is revoked, never deleted.
DECISION_STATUSES = {PilotStatus.PASSED, PilotStatus.FAILED, PilotStatus.REVOKED}

badge_colours(
    PilotStatus,
    {
        PilotStatus.DECLARED: "secondary",
        PilotStatus.APPROVED: "primary",
        PilotStatus.IN_PROGRESS: "primary",
        PilotStatus.ACCEPTANCE_REQUESTED: "warning",
        PilotStatus.PASSED: "success",
        PilotStatus.FAILED: "danger",
        PilotStatus.REVOKED: "danger",
    },
)

# What anonymous visitors may see: approved pilots on their way, and those that passed.
PUBLIC_STATUSES = {
    PilotStatus.APPROVED,
    PilotStatus.IN_PROGRESS,
    PilotStatus.ACCEPTANCE_REQUESTED,
    PilotStatus.PASSED,
}

# The verb on the button that makes each move.
MOVE_LABELS = {
    PilotStatus.APPROVED: _("Approve"),
    PilotStatus.IN_PROGRESS: _("Start implementation"),
    PilotStatus.ACCEPTANCE_REQUESTED: _("Request acceptance"),
    PilotStatus.PASSED: _("Record as passed"),
    PilotStatus.FAILED: _("Record as failed"),
    PilotStatus.REVOKED: _("Revoke"),
}


class SystemPart(models.TextChoices):
    """Parts of a pilot's standard system.

    Agricultural zones cover the whole process: pre-production, production, post-production
    (产前、产中、产后). Service pilots follow GB/T 24421: general/basic, service support and
    service provision standards.
    """

    PRE_PRODUCTION = "pre_production", _("Pre-production")
    PRODUCTION = "production", _("Production")
    POST_PRODUCTION = "post_production", _("Post-production")
    GENERAL = "general", _("General and basic standards")
    SUPPORT = "support", _("Service support standards")
    PROVISION = "provision", _("Service provision standards")


AGRICULTURAL_PARTS = [SystemPart.PRE_PRODUCTION, SystemPart.PRODUCTION, SystemPart.POST_PRODUCTION]
SERVICE_PARTS = [SystemPart.GENERAL, SystemPart.SUPPORT, SystemPart.PROVISION]


def system_parts(category: str) -> list[SystemPart]:
    """The parts a pilot of this category's standard system is expected to cover."""
    if category == PilotCategory.AGRICULTURAL_ZONE:
        return AGRICULTURAL_PARTS
    if category == PilotCategory.OTHER:
        return AGRICULTURAL_PARTS + SERVICE_PARTS
    return SERVICE_PARTS


class StandardKind(models.TextChoices):
    NATIONAL = "national", _("National standard")
    SECTOR = "sector", _("Sector standard")
    LOCAL = "local", _("Local standard")
    ASSOCIATION = "association", _("Association standard")
    ENTERPRISE = "enterprise", _("Enterprise standard")


class StandardStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    SUPERSEDED = "superseded", _("Superseded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


badge_colours(
    StandardStatus,
    {
        StandardStatus.CURRENT: "success",
        StandardStatus.SUPERSEDED: "secondary",
        StandardStatus.WITHDRAWN: "danger",
    },
)


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    OUTREACH = "outreach", _("Outreach: standards to the villages")
    GUIDANCE_VISIT = "guidance_visit", _("Guidance visit")
    MEETING = "meeting", _("Meeting")
    INSPECTION = "inspection", _("Inspection")


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Work plan")
    SCHEME = "scheme", _("Implementation scheme")
    REPORT = "report", _("Report")
    APPROVAL = "approval", _("Approval document")
    OTHER = "other", _("Other")


class ReviewMethod(models.TextChoices):
    """How an expert panel assesses a pilot (考核验收方式)."""

    MATERIAL_REVIEW = "material_review", _("Material review")
    ON_SITE = "on_site", _("On-site assessment")
    VIDEO = "video", _("Watching videos")
    REPORT_HEARING = "report_hearing", _("Hearing reports")
    RECORD_CHECK = "record_check", _("Checking records")
    BASE_VISIT = "base_visit", _("Visiting the base")
    HOUSEHOLD_VISITS = "household_visits", _("Visiting farm households")
