from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from portal import rules as portal_rules
from portal.enums import (
    Industry,
    OrganizationKind,
    RegionLevel,
    RegistrationStatus,
    Role,
)
from portal.validators import (
    normalize_uscc,
    validate_phone,
    validate_single_line,
    validate_uscc,
)


class TransitionRecord(models.Model):
    """One move of a workflow: who moved what from which state to which, when, and why.

    ``occurred_on`` is the date the move took effect, which a clerk may set in the past when
    entering a paper record; ``recorded`` is when it was entered in the portal.
    """

    from_status = models.CharField(_("from"), max_length=30)
    to_status = models.CharField(_("to"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    occurred_on = models.DateField(_("date"))
    recorded = models.DateTimeField(_("recorded"), auto_now_add=True)
    note_code = models.CharField(_("note"), max_length=40, blank=True)
    note_params = models.JSONField(_("note parameters"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    # What the portal itself says about a move, by code: translated when shown, not when
    # written, so that each reader sees it in their language. Subclasses fill it in, and name
    # the TextChoices of their states in STATUSES.
    NOTES: dict = {}
    STATUSES: type[models.TextChoices] | None = None

    class Meta:
        abstract = True
        ordering = ["-occurred_on", "-recorded"]

    def get_from_status_display(self):
        return self.STATUSES(self.from_status).label if self.from_status else ""

    def get_to_status_display(self):
        return self.STATUSES(self.to_status).label

    @property
    def note(self) -> str:
        message = self.NOTES.get(self.note_code)
        return str(message) % self.note_params if message else ""


class User(AbstractUser):
    """A person who logs in. Chinese names are kept whole in ``full_name``."""

    full_name = models.CharField(
        _("full name"), max_length=100, blank=True, validators=[validate_single_line]
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return self.full_name or self.username

    @property
    def role_labels(self) -> list[str]:
        labels = [str(Role(group.name).label) for group in self.groups.all() if group.name in Role]
        if self.is_superuser:
            labels.insert(0, str(_("Administrator")))
        return labels


class Region(models.Model):
    """An administrative division of GB/T 2260 (province, prefecture-level city, county)."""

    code = models.CharField(_("division code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent division"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative region")
        verbose_name_plural = _("administrative regions")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class UnifiedSocialCreditCodeField(models.CharField):
    """Stores a credit code trimmed, folded to half-width and upper-cased (GB 32100-2015)."""

    default_validators = [validate_uscc]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_uscc(value) if value else value

    def get_prep_value(self, value):
        return self.to_python(super().get_prep_value(value))


class Organization(RulesModel):
    """An enterprise, cooperative, institution or government body the bureau deals with."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Full registered name in Chinese."),
        validators=[validate_single_line],
    )
    name_en = models.CharField(
        _("English name"), max_length=200, blank=True, validators=[validate_single_line]
    )
    uscc = UnifiedSocialCreditCodeField(
        _("unified social credit code"),
        unique=True,
        help_text=_("18 characters, as printed on the business licence."),
        error_messages={
            "unique": _("An organization with this credit code is already registered.")
        },
    )
    uscc_is_sample = models.BooleanField(
        _("sample credit code"),
        default=False,
        help_text=_("The credit code is a well-formed sample, not the organization's real code."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organizations"
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, validators=[validate_single_line]
    )
    legal_representative = models.CharField(
        _("legal representative"), max_length=50, blank=True, validators=[validate_single_line]
    )
    contact_person = models.CharField(
        _("contact person"), max_length=50, blank=True, validators=[validate_single_line]
    )
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[validate_phone]
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    industry = models.CharField(
        _("industry"),
        max_length=1,
        choices=Industry.choices,
        blank=True,
        help_text=_("Section of the national industry classification (GB/T 4754-2017)."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["modified"])

    CONTACT_FIELDS = ("address", "contact_person", "contact_phone", "contact_email")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        rules_permissions = {
            "add": portal_rules.is_bureau_staff,
            "view": portal_rules.is_bureau_staff | portal_rules.is_member_of,
            "change": portal_rules.is_bureau_staff,
            "change_contacts": portal_rules.is_bureau_staff | portal_rules.is_member_of,
            "delete": portal_rules.is_bureau_staff & portal_rules.organization_is_deletable,
            "view_history": portal_rules.is_bureau_staff,
        }

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:organization-detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Membership(models.Model):
    """An enterprise member's place in their organization (one organization per account)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    position = models.CharField(
        _("position"), max_length=100, blank=True, validators=[validate_single_line]
    )
    created = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        ordering = ["organization", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} @ {self.organization}"


class ReviewerProfile(models.Model):
    """An expert reviewer's professional details; the employer matters for conflicts of interest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
    )
    title = models.CharField(
        _("professional title"),
        max_length=100,
        help_text=_("For example: senior engineer."),
        validators=[validate_single_line],
    )
    specialty = models.CharField(_("specialty"), max_length=200, validators=[validate_single_line])
    employer = models.ForeignKey(
        Organization,
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewers",
    )

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self):
        return f"{self.user} ({self.title})"


class Registration(RulesModel):
    """An enterprise's online registration: an inactive account waiting for the bureau's approval.

    ``creates_organization`` is true when the organization was entered with the registration
    (rather than claimed by its credit code); a rejected registration then removes it again.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="registration",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="registrations",
    )
    organization_name = models.CharField(
        _("organization name"), max_length=200, validators=[validate_single_line]
    )
    creates_organization = models.BooleanField(_("new organization"), default=False)
    position = models.CharField(
        _("position"), max_length=100, blank=True, validators=[validate_single_line]
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    submitted = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-submitted"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        rules_permissions = {
            "view": portal_rules.is_bureau_staff,
            "decide": portal_rules.is_bureau_staff,
        }

    def __str__(self):
        return f"{self.user.username} → {self.organization_name}"

    def get_absolute_url(self):
        return reverse("portal:registration-detail", args=[self.pk])


class Notification(models.Model):
    """A notice in the portal for one person (the bell in the navigation bar): what happened,
    in each language of the portal (``titles``), and the page it concerns."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=50)
    titles = models.JSONField(_("text"), default=dict)
    path = models.CharField(_("page"), max_length=500, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    read = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read"], name="notification_unread"),
            models.Index(fields=["recipient", "-created"], name="notification_recent"),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        language = (get_language() or settings.LANGUAGE_CODE).lower()
        for code, text in self.titles.items():
            if language.startswith(code.lower()[:2]):
                return text
        return next(iter(self.titles.values()), "")
