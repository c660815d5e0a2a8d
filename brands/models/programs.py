"""Award programmes: the rounds of awards and designations that enterprises apply for, and the
materials each asks for."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from brands import rules as brand_rules
from brands.enums import ProgramKind, ProgramLevel, ProgramWindow
from brands.windows import program_window
from portal import rules as portal_rules
from portal.validators import validate_plausible_date, validate_single_line
from scoring.models import ScoringTemplate


class AwardProgram(RulesModel):
    """A round of an award or designation that enterprises apply for through the bureau
    (市政府质量奖, 长江质量奖, 湖北名牌产品…): its level, whether experts score the applications
    (with ``scoring_template``) or the bureau only recommends them, its application period,
    who may apply, and the materials an application must bring (``materials``).

    Whether it is open is computed from the dates (``brands.windows``), never stored.
    """

    name = models.CharField(
        _("name"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("For example: 咸宁市政府质量奖, 长江质量奖, 湖北名牌产品."),
    )
    level = models.CharField(_("level"), max_length=20, choices=ProgramLevel.choices)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProgramKind.choices, default=ProgramKind.SCORED
    )
    scoring_template = models.ForeignKey(
        ScoringTemplate,
        verbose_name=_("scoring template"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_programs",
        help_text=_("The criteria the experts score with; none for a recommendation only."),
    )
    confers_title = models.ForeignKey(
        "brands.BrandTitle",
        verbose_name=_("confers the title"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_programs",
        help_text=_(
            "The title an award of this programme confers (such as 湖北名牌产品): a final award "
            "enters the brand in the register."
        ),
    )
    round = models.CharField(
        _("year or round"),
        max_length=40,
        validators=[validate_single_line],
        help_text=_("For example: 2014."),
    )
    opens_on = models.DateField(_("applications open on"), validators=[validate_plausible_date])
    closes_on = models.DateField(
        _("applications close on"),
        validators=[validate_plausible_date],
        help_text=_("The last day on which applications are taken."),
    )
    eligibility = models.TextField(
        _("eligibility"), blank=True, help_text=_("Who may apply, and on what conditions.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("award programme")
        verbose_name_plural = _("award programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "round"],
                name="award_program_once_per_round",
                violation_error_message=_("This round of the programme is registered already."),
            )
        ]
        rules_permissions = {
            "add": portal_rules.is_bureau_staff,
            "view": portal_rules.is_bureau_staff,
            "change": portal_rules.is_bureau_staff,
            "delete": portal_rules.is_bureau_staff & brand_rules.program_is_deletable,
        }

    def __str__(self):
        return f"{self.name}（{self.round}）"

    def get_absolute_url(self):
        return reverse("brands:program-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("Applications close before they open.")
        if self.kind == ProgramKind.SCORED and not self.scoring_template_id:
            errors["scoring_template"] = _(
                "An award with expert scoring needs the template the experts score with."
            )
        if self.kind == ProgramKind.RECOMMENDATION and self.scoring_template_id:
            errors["scoring_template"] = _(
                "A recommendation only is not scored: leave the template empty."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def window(self) -> ProgramWindow:
        """Where today falls against the application period (``brands.windows``)."""
        return self.window_on()

    def window_on(self, today: datetime.date | None = None) -> ProgramWindow:
        return program_window(self.opens_on, self.closes_on, today)


class RequiredMaterial(models.Model):
    """One of the materials an application to a programme must (or may) bring: 申报表,
    营业执照复印件, 自评报告…, in the order of ``position``."""

    program = models.ForeignKey(
        AwardProgram,
        verbose_name=_("award programme"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    mandatory = models.BooleanField(
        _("mandatory"), default=True, help_text=_("An application without it is incomplete.")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Materials are listed in this order.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["program", "position", "pk"]
        verbose_name = _("required material")
        verbose_name_plural = _("required materials")

    def __str__(self):
        return self.name
