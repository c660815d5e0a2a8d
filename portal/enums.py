"""Choices shared by the whole portal, and the registration workflow's table of moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class Aggregation(models.TextChoices):
    """How a panel's sheets make one score (portal.scoring.aggregate)."""

    MEAN = "mean", _("Mean of all sheets")
    TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean (drop the highest and lowest from five sheets)")


class SheetStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("score sheet", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("score sheet", "Submitted")


SHEET_TRANSITIONS: dict[str, set[str]] = {
    SheetStatus.DRAFT: {SheetStatus.SUBMITTED},
    SheetStatus.SUBMITTED: {SheetStatus.DRAFT},
}
