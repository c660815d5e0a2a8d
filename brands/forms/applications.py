"""Forms of award applications: the enterprise's sections and uploads, the bureau's check,
panel, decision, notice and visits, and the public's objection."""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brands.enums import DEFAULT_NOTICE_DAYS, FIGURE_KEYS, CheckOutcome, VisitKind
from brands.models import AwardApplication, RequiredMaterial
from brands.services.applications import figure_years
from portal.attachments import DocumentField, MultiplePhotoField
from portal.validators import validate_plausible_date, validate_single_line
from scoring.forms import DATE_WIDGET, PanelCompositionForm

# --- the enterprise's form, in sections ------------------------------------------------------


class ApplicationBasicForm(forms.ModelForm):
    class Meta:
        model = AwardApplication
        fields = ["product", "contact_name", "contact_phone", "employees", "profile"]
        widgets = {"profile": forms.Textarea(attrs={"rows": 6})}


class ApplicationQualityForm(forms.ModelForm):
    class Meta:
        model = AwardApplication
        fields = ["quality_management", "achievements"]
        widgets = {
            "quality_management": forms.Textarea(attrs={"rows": 6}),
            "achievements": forms.Textarea(attrs={"rows": 6}),
        }


FIGURE_LABELS = {
    "revenue": _("Revenue in %(year)s (10,000 yuan)"),
    "profit": _("Profit in %(year)s (10,000 yuan)"),
    "tax": _("Taxes paid in %(year)s (10,000 yuan)"),
}


class ApplicationFiguresForm(forms.ModelForm):
    """Revenue, profit and taxes of each of the three years before the programme's round,
    stored in ``figures`` as text (a loss is a negative profit)."""

    class Meta:
        model = AwardApplication
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = figure_years(self.instance.program)
        figures = self.instance.figures or {}
        for year in self.years:
            for key in FIGURE_KEYS:
                field = forms.DecimalField(
                    label=FIGURE_LABELS[key] % {"year": year},
                    max_digits=14,
                    decimal_places=2,
                    required=False,
                    validators=[] if key == "profit" else [MinValueValidator(Decimal(0))],
                )
                self.fields[self.field_name(year, key)] = field
                value = (figures.get(str(year)) or {}).get(key)
                if value not in (None, ""):
                    self.initial[self.field_name(year, key)] = value

    @staticmethod
    def field_name(year: int, key: str) -> str:
        return f"{key}_{year}"

    def rows(self):
        """The fields by year, for the table the template draws."""
        return [
            (year, [self[self.field_name(year, key)] for key in FIGURE_KEYS]) for year in self.years
        ]

    def save(self, commit=True):
        figures = {}
        for year in self.years:
            row = {}
            for key in FIGURE_KEYS:
                value = self.cleaned_data.get(self.field_name(year, key))
                if value is not None:
                    row[key] = str(value)
            figures[str(year)] = row
        self.instance.figures = figures
        return self.instance


class ApplicationDeclarationForm(forms.ModelForm):
    declaration_confirmed = forms.BooleanField(
        label=_(
            "We declare that the application and its materials are authentic, accurate and "
            "complete, and accept responsibility for anything in them that is not."
        ),
        error_messages={"required": _("Confirm the declaration to sign the application.")},
    )

    class Meta:
        model = AwardApplication
        fields = ["declared_by", "declaration_confirmed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declared_by"].required = True


# The sections of the form: (slug, title, form class, the fields it saves).
APPLICATION_SECTIONS = {
    "basic": (_("Basic data"), ApplicationBasicForm),
    "quality": (_("Quality management"), ApplicationQualityForm),
    "figures": (_("Figures of the last three years"), ApplicationFiguresForm),
    "declaration": (_("Declaration"), ApplicationDeclarationForm),
}


def section_fields(form) -> list[str]:
    if isinstance(form, ApplicationFiguresForm):
        return ["figures"]
    return list(form.Meta.fields)


# --- materials -------------------------------------------------------------------------------


class MaterialUploadForm(forms.Form):
    """One file for a required material, or another material with a title."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("What the file is, for example: 2013年度审计报告."),
    )
    file = DocumentField(
        label=_("File"),
        help_text=_(
            "PDF, OFD, Word, Excel, PowerPoint, WPS Office, OpenDocument or a picture; at most "
            "20 MB; no macros and no password."
        ),
    )

    def __init__(self, *args, required: RequiredMaterial | None, **kwargs):
        super().__init__(*args, **kwargs)
        if required is not None:
            del self.fields["title"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: why the application is withdrawn."),
    )


# --- the bureau's check ----------------------------------------------------------------------

CHECK_KEYS = ("present", "authentic", "accurate", "compliant")
CHECK_LABELS = {
    "present": _("Present"),
    "authentic": _("Authentic"),
    "accurate": _("Accurate"),
    "compliant": _("Compliant"),
}


class CompletenessCheckForm(forms.Form):
    """Per required material: present, authentic, accurate, compliant and a comment; then the
    outcome, with what to supplement and by when when it is returned."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=CheckOutcome.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment, or what to supplement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("When returning it, list what the enterprise must add or correct."),
    )
    supplement_deadline = forms.DateField(
        label=_("Supplement deadline"),
        required=False,
        widget=DATE_WIDGET,
        validators=[validate_plausible_date],
    )

    def __init__(self, *args, materials, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = list(materials)
        self.current = current
        for material in self.materials:
            uploaded = material.pk in current
            for key in CHECK_KEYS:
                self.fields[f"m{material.pk}_{key}"] = forms.BooleanField(
                    label=CHECK_LABELS[key], required=False, initial=uploaded and key == "present"
                )
            self.fields[f"m{material.pk}_comment"] = forms.CharField(
                label=_("Comment on %(material)s") % {"material": material.name},
                required=False,
                max_length=1000,
            )

    def rows(self):
        return [
            (
                material,
                self.current.get(material.pk),
                [self[f"m{material.pk}_{key}"] for key in CHECK_KEYS],
                self[f"m{material.pk}_comment"],
            )
            for material in self.materials
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == CheckOutcome.RETURNED:
            if not (cleaned.get("comment") or "").strip():
                self.add_error("comment", _("Say what the enterprise must supplement or correct."))
            deadline = cleaned.get("supplement_deadline")
            if deadline is None:
                self.add_error("supplement_deadline", _("Give a deadline for the supplement."))
            elif deadline <= timezone.localdate():
                self.add_error("supplement_deadline", _("The deadline must be after today."))
        return cleaned

    def items(self) -> list[dict]:
        return [
            {
                "required": material,
                **{key: self.cleaned_data[f"m{material.pk}_{key}"] for key in CHECK_KEYS},
                "comment": self.cleaned_data[f"m{material.pk}_comment"],
            }
            for material in self.materials
        ]


class ExtendDeadlineForm(forms.Form):
    deadline = forms.DateField(
        label=_("New deadline"), widget=DATE_WIDGET, validators=[validate_plausible_date]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError(_("The deadline must be after today."))
        return deadline


class AssignPanelForm(PanelCompositionForm):
    """The application's panel: reviewers not employed by the applicant, and a chair."""

    def __init__(self, *args, application: AwardApplication, **kwargs):
        super().__init__(*args, organization_ids=application.panel_organization_ids(), **kwargs)


class DecisionForm(forms.Form):
    awarded = forms.TypedChoiceField(
        label=pgettext_lazy("award", "Decision"),
        choices=[("yes", _("Awarded")), ("no", _("Not awarded"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The enterprise reads it: say on what the decision rests."),
    )


class PublishForm(forms.Form):
    starts_on = forms.DateField(
        label=_("Notice starts on"), widget=DATE_WIDGET, validators=[validate_plausible_date]
    )
    days = forms.IntegerField(
        label=_("Notice period (days)"),
        min_value=1,
        max_value=60,
        initial=DEFAULT_NOTICE_DAYS,
    )

    def clean_starts_on(self):
        value = self.cleaned_data["starts_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The notice cannot start in the past."))
        return value


class FinaliseForm(forms.Form):
    """The comment of the final decision; for a title conferred, its certificate."""

    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=100, validators=[validate_single_line]
    )
    valid_from = forms.DateField(
        label=_("Valid from"), widget=DATE_WIDGET, validators=[validate_plausible_date]
    )
    valid_until = forms.DateField(
        label=_("Valid until"), widget=DATE_WIDGET, validators=[validate_plausible_date]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, confers_title: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not confers_title:
            for name in ("certificate_number", "valid_from", "valid_until"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end of the validity period is before its start."))
        return cleaned


class VisitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=VisitKind.choices)
    visited_on = forms.DateField(
        label=_("Date"), widget=DATE_WIDGET, validators=[validate_plausible_date]
    )
    visitors = forms.CharField(
        label=_("Visitors"),
        max_length=300,
        validators=[validate_single_line],
        help_text=_("Who came, for example: 市质监局质量科及专家组."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    photos = MultiplePhotoField(label=_("Photos"), required=False)

    def clean_visited_on(self):
        value = self.cleaned_data["visited_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A visit cannot be recorded before it took place."))
        return value


# --- the public ------------------------------------------------------------------------------


class ObjectionForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=100, required=False, validators=[validate_single_line]
    )
    contact = forms.CharField(
        label=_("Telephone or e-mail"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
        help_text=_("Optional; the bureau uses it only to answer you."),
    )
    text = forms.CharField(
        label=_("Objection"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you object to, and on what facts."),
    )
    # A field people do not see: a robot that fills it in is not heard.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This objection could not be accepted."))
        return ""
