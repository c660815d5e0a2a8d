"""The scoring engine's records: templates of criteria, and the panels that score a subject with
them (members, declarations, sheets, item scores and the panel's record)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from portal import rules as portal_rules
from portal.models import TransitionRecord
from portal.validators import validate_plausible_date, validate_single_line
from scoring import rules as scoring_rules
from scoring.enums import Aggregation, Declaration, PanelStatus, SheetStatus
from scoring.subjects import subject_of


class ScoringTemplate(RulesModel):
    """Assessment criteria with points: a tree of ``Criterion`` whose leaves reviewers score.

    Templates are data that staff copy and edit. Once a panel uses one it is frozen
    (``is_frozen``); changes are then made in a new version (``scoring.services.copy_template``).
    """

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    version = models.PositiveIntegerField(_("version"), default=1)
    total_points = models.DecimalField(
        _("total points"), max_digits=7, decimal_places=2, validators=[MinValueValidator(1)]
    )
    pass_mark = models.DecimalField(
        _("pass mark"), max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )
    aggregation = models.CharField(
        _("panel score"),
        max_length=20,
        choices=Aggregation.choices,
        default=Aggregation.MEAN,
    )
    description = models.TextField(_("description"), blank=True)
    is_sample = models.BooleanField(
        _("sample"),
        default=False,
        help_text=_("The criteria are a sample to be checked and adjusted before real use."),
    )
    is_frozen = models.BooleanField(_("in use"), default=False, editable=False)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newer_versions",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("scoring template")
        verbose_name_plural = _("scoring templates")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "version"], name="scoring_template_name_version"
            )
        ]
        rules_permissions = {
            "view": portal_rules.is_bureau_staff | portal_rules.is_reviewer,
            "add": portal_rules.is_bureau_staff,
            "change": portal_rules.is_bureau_staff & scoring_rules.template_is_editable,
            "delete": portal_rules.is_bureau_staff & scoring_rules.template_is_deletable,
            "copy": portal_rules.is_bureau_staff,
        }

    def __str__(self):
        return f"{self.name} (v{self.version})"

    def get_absolute_url(self):
        return reverse("scoring:template-detail", args=[self.pk])

    def clean(self):
        if (
            self.pass_mark is not None
            and self.total_points is not None
            and self.pass_mark > self.total_points
        ):
            raise ValidationError(
                {"pass_mark": _("The pass mark cannot be above the total points.")}
            )


class Criterion(models.Model):
    """One assessment item ("4.4.1 Human resources", 60 points) in a template's tree."""

    template = models.ForeignKey(
        ScoringTemplate,
        verbose_name=_("scoring template"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_("For example: 4.4.1"),
        validators=[validate_single_line],
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    guidance = models.TextField(_("guidance"), blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["template", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"], name="scoring_criterion_code_per_template"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Panel(RulesModel):
    """The expert review of one subject (``scoring.subjects``): its template, members, sheets,
    and once concluded its score, result and the chair's opinion."""

    template = models.ForeignKey(
        ScoringTemplate,
        verbose_name=_("scoring template"),
        on_delete=models.PROTECT,
        related_name="panels",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PanelStatus.choices,
        default=PanelStatus.SCHEDULED,
        editable=False,
    )
    score = models.DecimalField(
        _("panel score"), max_digits=7, decimal_places=2, null=True, blank=True, editable=False
    )
    passed = models.BooleanField(_("passed"), null=True, editable=False)
    opinion = models.TextField(_("panel opinion"), blank=True, editable=False)
    concluded_on = models.DateField(
        _("concluded on"),
        null=True,
        blank=True,
        editable=False,
        validators=[validate_plausible_date],
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("expert panel")
        verbose_name_plural = _("expert panels")
        rules_permissions = {
            "view": portal_rules.is_bureau_staff | scoring_rules.sits_on_panel,
            "manage": portal_rules.is_bureau_staff,
            "declare": scoring_rules.sits_on_panel,
        }

    def __str__(self):
        subject = self.subject
        return str(subject) if subject is not None else _("Panel %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        subject = self.subject
        return subject.get_absolute_url() if subject is not None else reverse("portal:home")

    @property
    def chair(self):
        """The reviewer who chairs the panel (signs its opinion), or None."""
        member = self.members.filter(is_chair=True, removed=None).select_related("reviewer")
        first = member.first()
        return first.reviewer if first is not None else None

    @property
    def is_open(self) -> bool:
        """Scheduled or scoring: not concluded, nor closed without a conclusion."""
        return self.status in (PanelStatus.SCHEDULED, PanelStatus.SCORING)

    @property
    def subject(self):
        """The record this panel reviews (an acceptance review, an award application)."""
        if not hasattr(self, "_subject"):
            self._subject = subject_of(self)
        return self._subject


class PanelMember(models.Model):
    """A reviewer on a panel; they declare a conflict of interest (or none) before scoring."""

    panel = models.ForeignKey(
        Panel, verbose_name=_("expert panel"), on_delete=models.CASCADE, related_name="members"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="panel_memberships",
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    declaration = models.CharField(
        _("declaration"),
        max_length=20,
        choices=Declaration.choices,
        default=Declaration.PENDING,
    )
    declared = models.DateTimeField(_("declared"), null=True, blank=True)
    declaration_note = models.TextField(_("note on the declaration"), blank=True)
    removed = models.DateTimeField(_("removed"), null=True, blank=True)
    removal_reason = models.TextField(_("reason for removal"), blank=True)

    class Meta:
        ordering = ["panel", "-is_chair", "pk"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "reviewer"], name="scoring_reviewer_once_per_panel"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} @ {self.panel}"

    @property
    def is_active(self) -> bool:
        return self.removed is None


class ScoreSheet(RulesModel):
    """One reviewer's scores on one panel: a draft until submitted, then read-only."""

    panel_member = models.OneToOneField(
        PanelMember,
        verbose_name=_("panel member"),
        on_delete=models.CASCADE,
        related_name="sheet",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    total = models.DecimalField(_("total"), max_digits=7, decimal_places=2, null=True, blank=True)
    submitted = models.DateTimeField(_("submitted"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        rules_permissions = {
            "view": portal_rules.is_bureau_staff | scoring_rules.owns_sheet,
            "change": scoring_rules.owns_sheet & scoring_rules.sheet_is_editable,
            # Staff entering a reviewer's paper sheet (the services' ``occurred_on``).
            "enter": portal_rules.is_bureau_staff
            & scoring_rules.sheet_member_may_score
            & scoring_rules.sheet_is_editable,
            "reopen": portal_rules.is_bureau_staff & scoring_rules.sheet_is_reopenable,
        }

    def __str__(self):
        return f"{self.panel_member.reviewer} · {self.panel_member.panel}"

    def get_absolute_url(self):
        return reverse("scoring:sheet-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == SheetStatus.DRAFT


class ItemScore(models.Model):
    """The points (two decimal places, 0 to the criterion's maximum) and comment for one item."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="items"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    points = models.DecimalField(
        _("points"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"], name="scoring_one_score_per_item"
            )
        ]

    def __str__(self):
        return f"{self.criterion.code}: {self.points}"

    def clean(self):
        if self.points is not None and self.points > self.criterion.max_points:
            raise ValidationError(
                {
                    "points": _("At most %(max)s points for this item.")
                    % {"max": self.criterion.max_points}
                }
            )


class PanelEvent(TransitionRecord):
    """The panel's record: scheduling, members joining and leaving, declarations, sheets
    submitted and reopened, the opening of scoring and the conclusion."""

    STATUSES = PanelStatus
    NOTES = {
        "joined": _("%(name)s joined the panel."),
        "left": _("%(name)s left the panel."),
        "no_conflict": _("%(name)s declared no conflict of interest."),
        "submitted": _("%(name)s submitted their score sheet."),
        "reopened": _("The sheet of %(name)s was reopened."),
    }

    panel = models.ForeignKey(
        Panel, verbose_name=_("expert panel"), on_delete=models.CASCADE, related_name="events"
    )

    class Meta(TransitionRecord.Meta):
        verbose_name = _("panel event")
        verbose_name_plural = _("panel events")

    def __str__(self):
        return f"{self.panel}: {self.to_status}"
