"""Award applications: an enterprise's application to a programme, its form and materials, every
submitted version, the bureau's completeness checks, visits, decision, public notice and the
objections sent during it. The workflow (``brands.enums.APPLICATION_TRANSITIONS``) is moved only
by the services of ``brands.services``; the bureau's checks, visits and the public's
objections are in ``brands.models.records``."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from brands import rules as brand_rules
from brands.enums import ApplicationStatus
from brands.models.programs import AwardProgram, RequiredMaterial
from portal import rules as portal_rules
from portal.attachments import PrivateUploadTo
from portal.models import Organization, TransitionRecord
from portal.validators import validate_single_line
from scoring.models import Panel


class AwardApplication(RulesModel):
    """An organization's application to an award programme.

    The form is filled in sections (basic data, quality management, the figures of the last
    three years, the declaration); the materials are ``ApplicationMaterial`` rows. Each
    submission keeps a copy of the form (``ApplicationVersion``); a replaced file is kept too.
    A scored programme's application is reviewed by its ``panel`` (``scoring.Panel``), exactly
    as an acceptance review is.
    """

    program = models.ForeignKey(
        AwardProgram,
        verbose_name=_("award programme"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="award_applications",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        editable=False,
    )
    # Basic data
    product = models.CharField(
        _("product, brand or service"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("What the application is for, for example: 瀛通牌电声组件."),
    )
    contact_name = models.CharField(
        _("contact person"), max_length=100, blank=True, validators=[validate_single_line]
    )
    contact_phone = models.CharField(
        _("contact telephone"), max_length=40, blank=True, validators=[validate_single_line]
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    profile = models.TextField(
        _("profile of the enterprise"),
        blank=True,
        help_text=_("What the enterprise makes, its market and its history, in a few paragraphs."),
    )
    # Quality management
    quality_management = models.TextField(
        _("quality management"),
        blank=True,
        help_text=_(
            "The management system and its certifications (for example GB/T 19001), the "
            "standards the enterprise applies or drafted, how quality is measured."
        ),
    )
    achievements = models.TextField(
        _("quality achievements"),
        blank=True,
        help_text=_("Awards, innovations, improvements and their results."),
    )
    # The figures of the last three years: {"2013": {"revenue": "…", "profit": "…", "tax": "…"}}
    # in 10,000 yuan, as text (Decimal-safe), filled by ``ApplicationFiguresForm``.
    figures = models.JSONField(_("figures of the last three years"), default=dict, blank=True)
    # Declaration
    declared_by = models.CharField(
        _("declared by"),
        max_length=100,
        blank=True,
        validators=[validate_single_line],
        help_text=_("The legal representative or the person authorized to sign."),
    )
    declaration_confirmed = models.BooleanField(_("declaration confirmed"), default=False)
    # Workflow
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True, editable=False)
    supplement_deadline = models.DateField(
        _("supplement deadline"), null=True, blank=True, editable=False
    )
    supplement_request = models.TextField(_("what to supplement"), blank=True, editable=False)
    panel = models.OneToOneField(
        Panel,
        verbose_name=_("expert panel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="award_application",
    )
    awarded = models.BooleanField(_("awarded"), null=True, blank=True, editable=False)
    decision_reason = models.TextField(_("reason for the decision"), blank=True, editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    notice_starts = models.DateField(_("public notice from"), null=True, blank=True, editable=False)
    notice_ends = models.DateField(_("public notice until"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("award application")
        verbose_name_plural = _("award applications")
        indexes = [
            # The lists: newest first, filtered by state, programme or applicant.
            models.Index(fields=["status", "-id"], name="application_status_newest"),
            models.Index(fields=["program", "-id"], name="application_program_newest"),
            models.Index(fields=["organization", "-id"], name="application_applicant_newest"),
            models.Index(
                fields=["notice_ends"],
                condition=Q(status=ApplicationStatus.NOTICE),
                name="application_in_notice",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "organization"],
                condition=~Q(status=ApplicationStatus.WITHDRAWN),
                name="application_once_per_programme",
                violation_error_message=_(
                    "Your organization has applied to this programme already."
                ),
            )
        ]
        rules_permissions = {
            "add": portal_rules.is_enterprise_member & portal_rules.has_organization,
            "view": portal_rules.is_bureau_staff
            | brand_rules.is_applicant_member
            | brand_rules.sits_on_application_panel,
            "change": brand_rules.is_applicant_member & brand_rules.application_is_editable,
            "withdraw": (portal_rules.is_bureau_staff | brand_rules.is_applicant_member)
            & brand_rules.application_is_open,
            "manage": portal_rules.is_bureau_staff,
            "read_materials": portal_rules.is_bureau_staff
            | brand_rules.is_applicant_member
            | brand_rules.reads_application_materials,
        }

    def __str__(self):
        return _("%(organization)s: %(program)s") % {
            "organization": self.organization,
            "program": self.program,
        }

    def get_absolute_url(self):
        return reverse("brands:application-detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """The number the bureau and the enterprise quote: SQ followed by six digits."""
        return f"SQ{self.pk:06d}"

    def panel_organization_ids(self) -> set[int]:
        """The applicant: its employees may not score its application."""
        return {self.organization_id}

    @property
    def is_editable(self) -> bool:
        return brand_rules.application_is_editable(None, self)

    def supplement_overdue(self, today: datetime.date | None = None) -> bool:
        """Returned for supplement, and its deadline has passed (staff may extend it)."""
        today = today or timezone.localdate()
        return (
            self.status == ApplicationStatus.RETURNED
            and self.supplement_deadline is not None
            and today > self.supplement_deadline
        )

    def notice_running(self, today: datetime.date | None = None) -> bool:
        """In its public notice period today: objections are taken."""
        today = today or timezone.localdate()
        return (
            self.status == ApplicationStatus.NOTICE
            and self.notice_starts is not None
            and self.notice_starts <= today <= self.notice_ends
        )


class ApplicationTransition(TransitionRecord):
    STATUSES = ApplicationStatus
    NOTES = {
        "created": _("Draft started."),
        "resubmitted": _("Resubmitted with the supplements."),
        "returned": _("Returned for supplement until %(date)s."),
        "deadline_extended": _("Supplement deadline extended to %(date)s."),
        "panel_assigned": _("Expert panel assigned."),
        "panel_concluded": _("The expert panel concluded with %(score)s points."),
        "awarded": _("Awarded."),
        "not_awarded": _("Not awarded."),
        "published": _("Published for public notice until %(date)s."),
    }

    application = models.ForeignKey(
        AwardApplication,
        verbose_name=_("award application"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )

    class Meta(TransitionRecord.Meta):
        verbose_name = _("application status change")
        verbose_name_plural = _("application status changes")

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


# The form's fields, copied into each submitted version.
APPLICATION_FORM_FIELDS = (
    "product",
    "contact_name",
    "contact_phone",
    "employees",
    "profile",
    "quality_management",
    "achievements",
    "figures",
    "declared_by",
    "declaration_confirmed",
)


class ApplicationVersion(models.Model):
    """The form as it was submitted, once per submission: nothing the enterprise sent is
    overwritten by a later supplement."""

    application = models.ForeignKey(
        AwardApplication,
        verbose_name=_("award application"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.JSONField(_("form"), default=dict)
    materials = models.ManyToManyField(
        "ApplicationMaterial", verbose_name=_("materials"), related_name="versions", blank=True
    )
    recorded = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["application", "-number"]
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="application_version_once"
            )
        ]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("brands:application-version", args=[self.application_id, self.number])


class ApplicationMaterial(models.Model):
    """A file uploaded for one of the programme's required materials (or as another material,
    with a title). A replaced file is kept, marked with when it was replaced."""

    application = models.ForeignKey(
        AwardApplication,
        verbose_name=_("award application"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    required = models.ForeignKey(
        RequiredMaterial,
        verbose_name=_("required material"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uploads",
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, validators=[validate_single_line]
    )
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("applications"), max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    kind = models.CharField(_("kind"), max_length=20)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)
    replaced = models.DateTimeField(_("replaced"), null=True, blank=True)

    class Meta:
        ordering = ["application", "required__position", "required", "pk"]
        verbose_name = _("application material")
        verbose_name_plural = _("application materials")
        indexes = [
            models.Index(
                fields=["application", "required"],
                condition=Q(replaced=None),
                name="application_material_current",
            )
        ]

    def __str__(self):
        return self.title or (self.required.name if self.required_id else self.original_name)

    def get_absolute_url(self):
        return reverse("brands:material-file", args=[self.pk])
