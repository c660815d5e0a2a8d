"""The named-brand register: titles, brands with their validity and output, the county's
industrial output, and the reminders sent before a title expires."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from brands import rules as brand_rules
from brands.enums import BrandStatus
from brands.validity import brand_status
from portal import rules as portal_rules
from portal.models import Organization
from portal.validators import (
    validate_plausible_date,
    validate_plausible_year,
    validate_single_line,
)

OUTPUT_FIELD_OPTIONS = {
    "max_digits": 14,
    "decimal_places": 2,
    "validators": [MinValueValidator(0)],
}


class BrandTitle(RulesModel):
    """A kind of title a brand can hold: "Hubei famous brand product" (湖北名牌产品, loaded by a
    migration), and others that staff add (中国驰名商标, 湖北省著名商标…)."""

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        validators=[validate_single_line],
        help_text=_("For example: 湖北名牌产品, 中国驰名商标, 湖北省著名商标."),
        error_messages={"unique": _("A title with this name exists already.")},
    )
    name_en = models.CharField(
        _("English name"), max_length=100, blank=True, validators=[validate_single_line]
    )
    awarded_by = models.CharField(
        _("awarded by"), max_length=200, blank=True, validators=[validate_single_line]
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("brand title")
        verbose_name_plural = _("brand titles")
        rules_permissions = {
            "add": portal_rules.is_bureau_staff,
            "view": portal_rules.is_bureau_staff,
            "change": portal_rules.is_bureau_staff,
            "delete": portal_rules.is_bureau_staff & brand_rules.title_is_deletable,
        }

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("brands:title-edit", args=[self.pk])

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Brand(RulesModel):
    """A title (``BrandTitle``) held by an organization for a product or brand, with its
    certificate and validity period. Its status (valid, expiring soon, expired, not yet valid)
    is computed from the dates (``brands.validity``), never stored.

    Staff enter titles awarded before the portal; a famous-brand application that is awarded
    creates the brand record itself when it is made final (``source_application``).
    """

    product = models.CharField(
        _("product or brand"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("As written on the certificate, for example: “通城”牌农产品."),
    )
    holder = models.ForeignKey(
        Organization,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="brands",
    )
    title = models.ForeignKey(
        BrandTitle,
        verbose_name=pgettext_lazy("brand", "title"),
        on_delete=models.PROTECT,
        related_name="brands",
    )
    certificate_number = models.CharField(
        _("certificate number"),
        max_length=100,
        unique=True,
        validators=[validate_single_line],
        error_messages={"unique": _("A brand with this certificate number is registered already.")},
    )
    valid_from = models.DateField(_("valid from"), validators=[validate_plausible_date])
    valid_until = models.DateField(
        _("valid until"),
        validators=[validate_plausible_date],
        help_text=_("The last day of the validity period."),
    )
    source_application = models.OneToOneField(
        "brands.AwardApplication",
        verbose_name=_("source application"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="brand",
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_(
            "The certificate number, dates or figures are samples for a demonstration, not "
            "the real ones."
        ),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["modified"])

    class Meta:
        ordering = ["-valid_until", "product"]
        verbose_name = _("named brand")
        verbose_name_plural = _("named brands")
        rules_permissions = {
            "add": portal_rules.is_bureau_staff,
            "view": portal_rules.is_bureau_staff | brand_rules.is_holder_member,
            "change": portal_rules.is_bureau_staff,
            "delete": portal_rules.is_bureau_staff & brand_rules.brand_is_deletable,
            "view_history": portal_rules.is_bureau_staff,
        }

    def __str__(self):
        return self.product

    def get_absolute_url(self):
        return reverse("brands:brand-detail", args=[self.pk])

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end of the validity period is before its start.")}
            )

    @property
    def status(self) -> BrandStatus:
        """The status today (``brands.validity.brand_status``)."""
        return self.status_on()

    def status_on(self, today: datetime.date | None = None) -> BrandStatus:
        return brand_status(self.valid_from, self.valid_until, today)


class BrandOutput(models.Model):
    """The output value of a brand's product in one year, in 10,000 yuan (万元)."""

    brand = models.ForeignKey(
        Brand, verbose_name=_("named brand"), on_delete=models.CASCADE, related_name="outputs"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_plausible_year])
    output = models.DecimalField(_("output value (10,000 yuan)"), **OUTPUT_FIELD_OPTIONS)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["brand", "-year"]
        verbose_name = _("output value of a brand")
        verbose_name_plural = _("output values of brands")
        constraints = [
            models.UniqueConstraint(fields=["brand", "year"], name="brand_output_once_per_year")
        ]

    def __str__(self):
        return f"{self.brand} {self.year}"


class CountyIndustrialOutput(RulesModel):
    """The county's gross output value of industrial enterprises above designated size
    (规模以上工业企业总产值) in one year, in 10,000 yuan: what the brands' output is compared
    with."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[validate_plausible_year],
        error_messages={"unique": _("The county's output for this year is recorded already.")},
    )
    output = models.DecimalField(_("output value (10,000 yuan)"), **OUTPUT_FIELD_OPTIONS)
    source_note = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("Where the figure comes from, for example the county's statistical bulletin."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("county industrial output")
        verbose_name_plural = _("county industrial output")
        rules_permissions = {
            "add": portal_rules.is_bureau_staff,
            "view": portal_rules.is_bureau_staff,
            "change": portal_rules.is_bureau_staff,
        }

    def __str__(self):
        return str(self.year)


class BrandReminder(models.Model):
    """A reminder sent that a brand's title is about to expire: one per brand and end of
    validity, so that ``send_reminders`` never sends the same one twice, and a renewed title
    (a new ``valid_until``) is reminded again."""

    brand = models.ForeignKey(
        Brand, verbose_name=_("named brand"), on_delete=models.CASCADE, related_name="reminders"
    )
    valid_until = models.DateField(_("valid until"))
    sent_on = models.DateField(_("sent on"))
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["brand", "valid_until"], name="brand_reminder_once_per_validity"
            )
        ]

    def __str__(self):
        return f"{self.brand} {self.valid_until:%Y-%m-%d}"
