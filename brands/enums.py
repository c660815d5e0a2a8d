"""Choices of the brands app: the validity status of a brand's title, and its badge colours.

The status is never stored: ``brands.validity.brand_status`` computes it from the title's dates.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.enums import badge_colours

# A title that ends within this many days is "expiring soon": reminders go out, and the
# bureau follows up its renewal.
EXPIRY_WARNING_DAYS = 90


class BrandStatus(models.TextChoices):
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")


badge_colours(
    BrandStatus,
    {
        BrandStatus.NOT_YET_VALID: "secondary",
        BrandStatus.VALID: "success",
        BrandStatus.EXPIRING: "warning",
        BrandStatus.EXPIRED: "danger",
    },
)

# The statuses in which a title counts as held (有效期内): shown to the public, counted in the
# share of the county's output.
HELD_STATUSES = {BrandStatus.VALID, BrandStatus.EXPIRING}


class ProgramLevel(models.TextChoices):
    """Who confers an award programme."""

    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")
    COUNTY = "county", _("County")


badge_colours(
    ProgramLevel,
    {
        ProgramLevel.NATIONAL: "danger",
        ProgramLevel.PROVINCIAL: "primary",
        ProgramLevel.MUNICIPAL: "info",
        ProgramLevel.COUNTY: "secondary",
    },
)


class ProgramKind(models.TextChoices):
    """Whether experts score the applications (with the programme's scoring template), or the
    bureau only recommends them (an accepted application goes straight to the decision)."""

    SCORED = "scored", _("Award with expert scoring")
    RECOMMENDATION = "recommendation", _("Recommendation only")


class ProgramWindow(models.TextChoices):
    """Where today falls against a programme's application period (never stored:
    ``brands.windows.program_window`` computes it from the dates)."""

    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open now")
    CLOSED = "closed", _("Closed")


badge_colours(
    ProgramWindow,
    {
        ProgramWindow.UPCOMING: "secondary",
        ProgramWindow.OPEN: "success",
        ProgramWindow.CLOSED: "dark",
    },
)


class ApplicationStatus(models.TextChoices):
    """Where an award application stands. A resubmission after a return is the move
    returned → submitted; "withdrawn" and "final" end the workflow."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
    RETURNED = "returned", _("Returned for supplement")
    ACCEPTED = "accepted", _("Accepted for review")
    UNDER_REVIEW = "under_review", _("Under review")
    DECIDED = "decided", _("Decided")
    NOTICE = "notice", _("In public notice")
    FINAL = "final", _("Final")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The states from which the enterprise may still withdraw: everything before the decision.
OPEN_APPLICATION_STATUSES = {
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.RETURNED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.UNDER_REVIEW,
}

APPLICATION_TRANSITIONS: dict[str, set[str]] = {
    ApplicationStatus.DRAFT: {ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN},
    ApplicationStatus.SUBMITTED: {
        ApplicationStatus.RETURNED,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.WITHDRAWN,
    },
    ApplicationStatus.RETURNED: {ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN},
    # A scored programme's application goes to its panel; a recommendation is decided at once.
    ApplicationStatus.ACCEPTED: {
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.DECIDED,
        ApplicationStatus.WITHDRAWN,
    },
    ApplicationStatus.UNDER_REVIEW: {ApplicationStatus.DECIDED, ApplicationStatus.WITHDRAWN},
    # An award is published for objections; a refusal may be made final at once.
    ApplicationStatus.DECIDED: {ApplicationStatus.NOTICE, ApplicationStatus.FINAL},
    ApplicationStatus.NOTICE: {ApplicationStatus.FINAL},
    ApplicationStatus.FINAL: set(),
    ApplicationStatus.WITHDRAWN: set(),
}

# The states in which the enterprise edits its form and materials.
EDITABLE_APPLICATION_STATUSES = {ApplicationStatus.DRAFT, ApplicationStatus.RETURNED}

badge_colours(
    ApplicationStatus,
    {
        ApplicationStatus.DRAFT: "secondary",
        ApplicationStatus.SUBMITTED: "primary",
        ApplicationStatus.RETURNED: "warning",
        ApplicationStatus.ACCEPTED: "info",
        ApplicationStatus.UNDER_REVIEW: "info",
        ApplicationStatus.DECIDED: "primary",
        ApplicationStatus.NOTICE: "warning",
        ApplicationStatus.FINAL: "success",
        ApplicationStatus.WITHDRAWN: "dark",
    },
)


class VisitKind(models.TextChoices):
    GUIDANCE = "guidance", _("Guidance visit")
    ON_SITE = "on_site", _("On-site review")


# A decision is published for this many days unless staff choose otherwise.
DEFAULT_NOTICE_DAYS = 7

# The figures an application gives for each of the last three years, in 10,000 yuan.
FIGURE_KEYS = ("revenue", "profit", "tax")


class CheckOutcome(models.TextChoices):
    """What the bureau's completeness check of a submitted application concludes."""

    ACCEPTED = "accepted", _("Accept for review")
    RETURNED = "returned", _("Return for supplement")
