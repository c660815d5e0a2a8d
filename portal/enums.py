"""Choices shared by the whole portal, the registration workflow's table of moves, and the
colours of every state's badge."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The Bootstrap colour of each state, by the name of its TextChoices: every app registers its
# states' colours beside their choices, and ``{% status_badge value "PilotStatus" %}`` renders any.
BADGE_COLOURS: dict[str, tuple[type[models.TextChoices], dict[str, str]]] = {}


def badge_colours(choices: type[models.TextChoices], colours: dict) -> None:
    """Register the badge colour of each of ``choices`` (others are shown in grey)."""
    BADGE_COLOURS[choices.__name__] = (choices, {str(key): value for key, value in colours.items()})


def badge(choices_name: str, value: str) -> tuple[str, str]:
    """The label and colour of ``value`` of the TextChoices registered as ``choices_name``."""
    choices, colours = BADGE_COLOURS[choices_name]
    try:
        label = choices(value).label
    except ValueError:
        label = value
    return str(label), colours.get(str(value), "secondary")


class Role(models.TextChoices):
    """The three kinds of user; each is a Django group of the same name."""

    BUREAU_STAFF = "bureau_staff", _("Bureau staff")
    ENTERPRISE_MEMBER = "enterprise_member", _("Enterprise member")
    REVIEWER = "reviewer", _("Reviewer")


class RegionLevel(models.TextChoices):
    """Administrative levels of GB/T 2260 divisions."""

    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture-level city")
    COUNTY = "county", _("County-level division")


class OrganizationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    COOPERATIVE = "cooperative", _("Farmers' cooperative")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    GOVERNMENT_BODY = "government_body", _("Government body")
    BRANCH = "branch", _("Branch of a company")
    OTHER = "other", _("Other")


class Industry(models.TextChoices):
    """Sections of the national industry classification, GB/T 4754-2017."""

    A = "A", _("Agriculture, forestry, animal husbandry and fishery")
    B = "B", _("Mining")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, heat, gas and water supply")
    E = "E", _("Construction")
    F = "F", _("Wholesale and retail trade")
    G = "G", _("Transport, storage and postal services")
    H = "H", _("Accommodation and catering")
    I = "I", _("Information transmission, software and IT services")  # noqa: E741
    J = "J", _("Finance")
    K = "K", _("Real estate")
    L = "L", _("Leasing and business services")
    M = "M", _("Scientific research and technical services")
    N = "N", _("Water conservancy, environment and public facilities management")
    O = "O", _("Resident services, repair and other services")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Health and social work")
    R = "R", _("Culture, sports and entertainment")
    S = "S", _("Public administration, social security and social organizations")
    T = "T", _("International organizations")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


REGISTRATION_TRANSITIONS: dict[str, set[str]] = {
    RegistrationStatus.PENDING: {RegistrationStatus.APPROVED, RegistrationStatus.REJECTED},
    RegistrationStatus.APPROVED: set(),
    RegistrationStatus.REJECTED: set(),
}


badge_colours(
    RegistrationStatus,
    {
        RegistrationStatus.PENDING: "warning",
        RegistrationStatus.APPROVED: "success",
        RegistrationStatus.REJECTED: "danger",
    },
)
