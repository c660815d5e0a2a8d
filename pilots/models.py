from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from pilots import rules as pilot_rules
from pilots.enums import (
    ActivityKind,
    DocumentKind,
    PilotCategory,
    PilotLevel,
    PilotStatus,
    ReviewMethod,
    StandardKind,
    StandardStatus,
    SystemPart,
)
from portal import rules as portal_rules
from portal.attachments import PrivateUploadTo
from portal.models import Organization, Region, TransitionRecord
from portal.standard_codes import parse_standard_code
from portal.validators import (
    validate_plausible_date,
    validate_single_line,
)
from scoring.models import Panel


class PilotProject(RulesModel):
    """A standardization pilot project or demonstration zone/unit."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    category = models.CharField(_("category"), max_length=40, choices=PilotCategory.choices)
    level = models.CharField(_("level"), max_length=20, choices=PilotLevel.choices)
    batch = models.CharField(
        _("batch"),
        max_length=100,
        blank=True,
        help_text=_("For example: the 8th batch of national agricultural demonstration zones."),
        validators=[validate_single_line],
    )
    approval_document = models.CharField(
        _("approval document"),
        max_length=200,
        blank=True,
        help_text=_("Number or title of the document that approved the project."),
        validators=[validate_single_line],
    )
    lead_organization = models.ForeignKey(
        Organization,
        verbose_name=_("lead organization"),
        on_delete=models.PROTECT,
        related_name="led_pilots",
    )
    participants = models.ManyToManyField(
        Organization,
        verbose_name=_("participating organizations"),
        blank=True,
        related_name="joined_pilots",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="pilots"
    )
    approval_date = models.DateField(
        _("approval date"), null=True, blank=True, validators=[validate_plausible_date]
    )
    planned_completion = models.DateField(
        _("planned completion"), null=True, blank=True, validators=[validate_plausible_date]
    )
    targets = models.TextField(_("targets"), blank=True)
    target_area_mu = models.DecimalField(
        _("target area (mu)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    target_households = models.PositiveIntegerField(_("target households"), null=True, blank=True)
    target_output = models.DecimalField(
        _("target output (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=PilotStatus.choices,
        default=PilotStatus.DECLARED,
        editable=False,
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["modified"])

    class Meta:
        ordering = ["-approval_date", "name"]
        verbose_name = _("pilot project")
        verbose_name_plural = _("pilot projects")
        rules_permissions = {
            "add": portal_rules.is_bureau_staff,
            "view": portal_rules.is_bureau_staff
            | pilot_rules.is_pilot_member
            | pilot_rules.reviews_pilot,
            "change": portal_rules.is_bureau_staff,
            "move": portal_rules.is_bureau_staff,
            "delete": portal_rules.is_bureau_staff & pilot_rules.pilot_is_deletable,
            "view_history": portal_rules.is_bureau_staff,
        }

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pilots:pilot-detail", args=[self.pk])


class PilotTransition(TransitionRecord):
    STATUSES = PilotStatus
    NOTES = {
        "entered": _("Entered in the register."),
        "review_concluded": _("Acceptance review concluded with %(score)s points."),
    }

    pilot = models.ForeignKey(
        PilotProject,
        verbose_name=_("pilot project"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )

    class Meta(TransitionRecord.Meta):
        verbose_name = _("pilot status change")
        verbose_name_plural = _("pilot status changes")
        indexes = [
            # The public home page's "recently passed": the latest moves to a state.
            models.Index(fields=["to_status", "-occurred_on"], name="pilot_move_latest")
        ]

    def __str__(self):
        return f"{self.pilot}: {self.from_status} → {self.to_status}"


class Standard(RulesModel):
    """A standard (national, sector, local, association or enterprise) used by pilots."""

    designation = models.CharField(
        _("designation"),
        max_length=60,
        unique=True,
        help_text=_("For example: GB/T 19580-2012, NY/T 5010-2016, DB42/T 169-2022."),
        error_messages={"unique": _("A standard with this designation is registered already.")},
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_single_line])
    kind = models.CharField(_("kind"), max_length=20, choices=StandardKind.choices, editable=False)
    issuing_body = models.CharField(
        _("issuing body"), max_length=200, blank=True, validators=[validate_single_line]
    )
    issue_date = models.DateField(
        _("issue date"), null=True, blank=True, validators=[validate_plausible_date]
    )
    implementation_date = models.DateField(
        _("implementation date"), null=True, blank=True, validators=[validate_plausible_date]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StandardStatus.choices, default=StandardStatus.CURRENT
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
    )
    is_sample = models.BooleanField(
        _("sample designation"),
        default=False,
        help_text=_("The designation is a plausible sample, not the standard's real number."),
    )
    pdf = models.FileField(
        _("PDF"), upload_to=PrivateUploadTo("standards"), blank=True, max_length=200
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["modified"])

    class Meta:
        ordering = ["designation"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        rules_permissions = {
            "add": portal_rules.is_bureau_staff,
            "view": portal_rules.is_authenticated,
            "change": portal_rules.is_bureau_staff,
            "delete": portal_rules.is_bureau_staff & pilot_rules.standard_is_deletable,
        }

    def __str__(self):
        return f"{self.designation} {self.title}"

    def get_absolute_url(self):
        return reverse("pilots:standard-detail", args=[self.pk])

    def clean(self):
        if self.designation:
            try:
                code = parse_standard_code(self.designation)
            except ValidationError as error:
                raise ValidationError({"designation": error.messages}) from error
            self.designation = code.designation
            self.kind = code.kind
        if self.superseded_by_id and self.superseded_by_id == self.pk:
            raise ValidationError({"superseded_by": _("A standard cannot supersede itself.")})
        if self.superseded_by_id and self.status == StandardStatus.CURRENT:
            raise ValidationError(
                {"status": _("A standard that has been superseded is not current.")}
            )
        if (
            self.issue_date
            and self.implementation_date
            and self.implementation_date < self.issue_date
        ):
            raise ValidationError(
                {"implementation_date": _("The implementation date is before the issue date.")}
            )

    def supersession_chain(self) -> list["Standard"]:
        """The standards that replaced this one, newest last (stops at a loop)."""
        chain, seen, current = [], {self.pk}, self.superseded_by
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = current.superseded_by
        return chain


class PilotStandard(models.Model):
    """A standard placed in one part of a pilot's standard system."""

    pilot = models.ForeignKey(
        PilotProject,
        verbose_name=_("pilot project"),
        on_delete=models.CASCADE,
        related_name="system_entries",
    )
    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.PROTECT, related_name="uses"
    )
    part = models.CharField(_("part of the system"), max_length=30, choices=SystemPart.choices)
    note = models.CharField(
        _("note"), max_length=200, blank=True, validators=[validate_single_line]
    )

    class Meta:
        ordering = ["part", "standard__designation"]
        verbose_name = _("standard of a pilot's system")
        verbose_name_plural = _("standards of pilots' systems")
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "standard"], name="pilot_standard_once_per_pilot"
            )
        ]

    def __str__(self):
        return f"{self.pilot}: {self.standard.designation} ({self.get_part_display()})"

    def get_absolute_url(self):
        return reverse("pilots:pilot-detail", args=[self.pilot_id]) + "#system"


class Activity(RulesModel):
    """Training, outreach, visits, meetings and inspections that build a pilot."""

    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    date = models.DateField(_("date"), validators=[validate_plausible_date])
    place = models.CharField(
        _("place"), max_length=200, blank=True, validators=[validate_single_line]
    )
    pilot = models.ForeignKey(
        PilotProject,
        verbose_name=_("pilot project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    organizer = models.ForeignKey(
        Organization,
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organized_activities",
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    participants_count = models.PositiveIntegerField(
        _("participants"), default=0, help_text=_("Person-times (人次).")
    )
    materials_count = models.PositiveIntegerField(
        _("materials distributed"),
        default=0,
        help_text=_("Manuals, leaflets and copies of standards."),
    )
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["modified"])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        rules_permissions = {
            "add": portal_rules.is_bureau_staff,
            "view": portal_rules.is_bureau_staff
            | pilot_rules.is_activity_member
            | pilot_rules.reviews_activity,
            "change": portal_rules.is_bureau_staff,
            "delete": portal_rules.is_bureau_staff,
        }

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("pilots:activity-detail", args=[self.pk])


class Photo(models.Model):
    """A photo of an activity; EXIF (including GPS) is removed and a thumbnail made on upload."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("photo"), upload_to=PrivateUploadTo("photos"), max_length=200)
    thumbnail = models.FileField(
        _("thumbnail"), upload_to=PrivateUploadTo("thumbnails"), max_length=200
    )
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    caption = models.CharField(
        _("caption"), max_length=200, blank=True, validators=[validate_single_line]
    )
    original_name = models.CharField(_("original file name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.original_name


class PilotDocument(models.Model):
    """A plan, implementation scheme, report or other file attached to a pilot (private)."""

    pilot = models.ForeignKey(
        PilotProject,
        verbose_name=_("pilot project"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("documents"), max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "-uploaded"]
        verbose_name = _("pilot document")
        verbose_name_plural = _("pilot documents")

    def __str__(self):
        return self.title


# --- acceptance reviews ---------------------------------------------------------------------


class AcceptanceReview(RulesModel):
    """An acceptance review (考核验收) of a pilot: when, by whom and how; its expert panel
    (``scoring.Panel``) scores the pilot item by item."""

    pilot = models.ForeignKey(
        PilotProject,
        verbose_name=_("pilot project"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    panel = models.OneToOneField(
        Panel,
        verbose_name=_("expert panel"),
        on_delete=models.PROTECT,
        related_name="acceptance_review",
    )
    scheduled_for = models.DateField(_("date"), validators=[validate_plausible_date])
    organizer = models.ForeignKey(
        Organization,
        verbose_name=_("organized by"),
        on_delete=models.PROTECT,
        related_name="organized_reviews",
        help_text=_("For example the city or provincial bureau."),
    )
    methods = models.JSONField(_("methods"), default=list, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["-scheduled_for", "-pk"]
        verbose_name = _("acceptance review")
        verbose_name_plural = _("acceptance reviews")
        rules_permissions = {
            "add": portal_rules.is_bureau_staff,
            "view": portal_rules.is_bureau_staff | pilot_rules.sits_on_review_panel,
            "manage": portal_rules.is_bureau_staff,
        }

    def __str__(self):
        return _("Acceptance review of %(pilot)s") % {"pilot": self.pilot}

    def get_absolute_url(self):
        return reverse("pilots:review-detail", args=[self.pk])

    def get_methods_display(self) -> list[str]:
        labels = dict(ReviewMethod.choices)
        return [str(labels.get(method, method)) for method in self.methods]

    def panel_organization_ids(self) -> set[int]:
        """The pilot's lead and participating organizations: their employees may not review."""
        return {
            self.pilot.lead_organization_id,
            *self.pilot.participants.values_list("pk", flat=True),
        }
