"""What the bureau and the public record on an award application: completeness checks (per
material), guidance and on-site visits with their photos, objections during the notice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brands.enums import CheckOutcome, VisitKind
from brands.models.applications import ApplicationMaterial, ApplicationVersion, AwardApplication
from brands.models.programs import RequiredMaterial
from portal.attachments import PrivateUploadTo
from portal.validators import validate_plausible_date, validate_single_line


class CompletenessCheck(models.Model):
    """The bureau's check of a submitted application: each material present, authentic,
    accurate and compliant (``CompletenessItem``), then accepted or returned for supplement."""

    application = models.ForeignKey(
        AwardApplication,
        verbose_name=_("award application"),
        on_delete=models.CASCADE,
        related_name="checks",
    )
    version = models.ForeignKey(
        ApplicationVersion,
        verbose_name=_("version checked"),
        on_delete=models.PROTECT,
        related_name="checks",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckOutcome.choices)
    comment = models.TextField(_("comment"), blank=True)
    supplement_deadline = models.DateField(_("supplement deadline"), null=True, blank=True)
    checked_on = models.DateField(_("checked on"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["application", "-recorded"]
        verbose_name = _("completeness check")
        verbose_name_plural = _("completeness checks")

    def __str__(self):
        return f"{self.application_id} {self.checked_on:%Y-%m-%d}"


class CompletenessItem(models.Model):
    check_record = models.ForeignKey(
        CompletenessCheck,
        verbose_name=_("completeness check"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    required = models.ForeignKey(
        RequiredMaterial,
        verbose_name=_("required material"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    material = models.ForeignKey(
        ApplicationMaterial,
        verbose_name=_("file checked"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    present = models.BooleanField(_("present"), default=False)
    authentic = models.BooleanField(_("authentic"), default=False)
    accurate = models.BooleanField(_("accurate"), default=False)
    compliant = models.BooleanField(_("compliant"), default=False)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["check_record", "required__position", "required"]
        verbose_name = _("checked material")
        verbose_name_plural = _("checked materials")

    def __str__(self):
        return str(self.required)

    @property
    def passed(self) -> bool:
        return self.present and self.authentic and self.accurate and self.compliant


class ApplicationVisit(models.Model):
    """A guidance visit by the county bureau, or an on-site review (by the municipal or
    provincial bureau and its experts), recorded on the application."""

    application = models.ForeignKey(
        AwardApplication,
        verbose_name=_("award application"),
        on_delete=models.CASCADE,
        related_name="visits",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=VisitKind.choices)
    visited_on = models.DateField(_("date"), validators=[validate_plausible_date])
    visitors = models.CharField(
        _("visitors"),
        max_length=300,
        validators=[validate_single_line],
        help_text=_("Who came, for example: 市质监局质量科及专家组."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["application", "-visited_on", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        return f"{self.get_kind_display()} {self.visited_on:%Y-%m-%d}"


class VisitPhoto(models.Model):
    """A photo of a visit; cleaned of EXIF (GPS) on upload, with a thumbnail."""

    visit = models.ForeignKey(
        ApplicationVisit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("photo"), upload_to=PrivateUploadTo("visits"), max_length=200)
    thumbnail = models.FileField(
        _("thumbnail"), upload_to=PrivateUploadTo("visit-thumbnails"), max_length=200
    )
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    original_name = models.CharField(_("original file name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["visit", "pk"]
        verbose_name = _("visit photo")
        verbose_name_plural = _("visit photos")

    def __str__(self):
        return self.original_name


class Objection(models.Model):
    """An objection sent by anyone during an award's public notice period."""

    application = models.ForeignKey(
        AwardApplication,
        verbose_name=_("award application"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    name = models.CharField(
        _("your name"), max_length=100, blank=True, validators=[validate_single_line]
    )
    contact = models.CharField(
        _("telephone or e-mail"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("Optional; the bureau uses it only to answer you."),
    )
    text = models.TextField(_("objection"))
    received = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["application", "-received"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self):
        return f"{self.application_id} {self.received:%Y-%m-%d}"
