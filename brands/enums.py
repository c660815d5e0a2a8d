"""Choices of the brands app: the validity status of a brand's title, and its badge colours.

The status is never stored: ``brands.validity.brand_status`` computes it from the title's dates.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
