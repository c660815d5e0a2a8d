from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilots.dates import declaration_date, pilot_date_errors
from pilots.enums import DocumentKind, PilotStatus, ReviewMethod, system_parts
from pilots.models import Activity, PilotProject, PilotStandard, Standard
from pilots.selectors import pilot_organization_ids
from portal.attachments import DocumentField, MultiplePhotoField
from portal.collation import Pinyin
from portal.forms import RegionChoiceField
from portal.models import Organization
from portal.standard_codes import parse_standard_code
from portal.validators import (
    validate_plausible_date,
    validate_single_line,
)
from scoring.forms import DATE_WIDGET, PanelCompositionForm
from scoring.models import ScoringTemplate
from scoring.selectors import usable_templates


class PilotForm(forms.ModelForm):
    """A pilot's particulars. Its approval date is not entered here: the approve move sets it
    (``set_pilot_state``); a new pilot is declared on ``declared_on``. The dates follow the
    rules of ``pilots.dates``."""

    declared_on = forms.DateField(
        label=_("Declared on"),
        widget=DATE_WIDGET,
        help_text=_("The date of the declaration; an earlier date when you enter paper records."),
    )

    class Meta:
        model = PilotProject
        fields = [
            "name",
            "category",
            "level",
            "batch",
            "approval_document",
            "lead_organization",
            "participants",
            "region",
            "planned_completion",
            "targets",
            "target_area_mu",
            "target_households",
            "target_output",
        ]
        field_classes = {"region": RegionChoiceField}
        widgets = {
            "planned_completion": DATE_WIDGET,
            "targets": forms.Textarea(attrs={"rows": 3}),
            "participants": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "participants": _("Hold Ctrl (or ⌘) to choose several."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Checked with the field, before the date rules compare it with other dates.
        self.fields["planned_completion"].validators.append(validate_plausible_date)
        if self.instance.pk:
            del self.fields["declared_on"]
        else:
            self.fields["declared_on"].initial = timezone.localdate()

    def clean_declared_on(self):
        value = self.cleaned_data["declared_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        validate_plausible_date(value)
        return value

    def clean(self):
        cleaned = super().clean()
        lead = cleaned.get("lead_organization")
        if lead and lead in (cleaned.get("participants") or []):
            self.add_error(
                "participants",
                _("The lead organization is already part of the pilot; do not list it again."),
            )
        if self.instance.pk:
            declared_on, status = declaration_date(self.instance), self.instance.status
        else:
            declared_on, status = cleaned.get("declared_on"), PilotStatus.DECLARED
        errors = pilot_date_errors(
            status=status,
            declared_on=declared_on,
            approval_date=self.instance.approval_date if self.instance.pk else None,
            planned_completion=cleaned.get("planned_completion"),
        )
        # The approval date is the approve move's: only the planned completion is entered here.
        if "planned_completion" in errors:
            self.add_error("planned_completion", errors["planned_completion"])
        return cleaned


class PilotMoveForm(forms.Form):
    occurred_on = forms.DateField(
        label=_("Date it took effect"),
        widget=DATE_WIDGET,
        help_text=_("Today, or an earlier date when you record a decision from the paper files."),
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, not_before=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.not_before = not_before
        self.fields["occurred_on"].initial = timezone.localdate()

    def clean_occurred_on(self):
        value = self.cleaned_data["occurred_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        validate_plausible_date(value)
        if self.not_before and value < self.not_before:
            raise forms.ValidationError(
                _("The date cannot be before the previous step (%(date)s).")
                % {"date": self.not_before.isoformat()}
            )
        return value


class StandardForm(forms.ModelForm):
    class Meta:
        model = Standard
        fields = [
            "designation",
            "title",
            "issuing_body",
            "issue_date",
            "implementation_date",
            "status",
            "superseded_by",
            "is_sample",
            "pdf",
        ]
        widgets = {"issue_date": DATE_WIDGET, "implementation_date": DATE_WIDGET}

    pdf = DocumentField(
        label=_("PDF"),
        required=False,
        accept="application/pdf,.pdf",
        help_text=_("The text of the standard, if you have it (PDF, at most 20 MB)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Standard.objects.order_by("designation")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["superseded_by"].queryset = others

    def clean_designation(self):
        return parse_standard_code(self.cleaned_data["designation"]).designation

    def clean_pdf(self):
        pdf = self.cleaned_data["pdf"]
        if pdf and getattr(pdf, "document_kind", "pdf") != "pdf":
            raise forms.ValidationError(_("Upload the standard as a PDF file."), code="not_pdf")
        return pdf


class PilotStandardForm(forms.ModelForm):
    """Place a standard in a part of the pilot's system (the parts its category expects)."""

    class Meta:
        model = PilotStandard
        fields = ["standard", "part", "note"]

    def __init__(self, *args, pilot: PilotProject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.pilot = pilot
        self.fields["standard"].queryset = Standard.objects.exclude(uses__pilot=pilot).order_by(
            "designation"
        )
        self.fields["standard"].label_from_instance = lambda standard: str(standard)
        self.fields["part"].choices = [
            (part.value, part.label) for part in system_parts(pilot.category)
        ]


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "date",
            "place",
            "pilot",
            "organizer",
            "participants_count",
            "materials_count",
            "summary",
        ]
        widgets = {"date": DATE_WIDGET, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = Organization.objects.order_by(Pinyin("name"))

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("An activity is recorded after it took place."))
        return value


class PhotoUploadForm(forms.Form):
    photos = MultiplePhotoField(
        label=_("Photos"),
        help_text=_("JPEG, PNG or WebP, at most 10 MB each. Location data is removed."),
    )
    caption = forms.CharField(
        label=_("Caption"),
        max_length=200,
        required=False,
        help_text=_("Used for every photo of this upload; you can change it afterwards."),
        validators=[validate_single_line],
    )


class PhotoCaptionForm(forms.Form):
    caption = forms.CharField(
        label=_("Caption"), max_length=200, required=False, validators=[validate_single_line]
    )


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    file = DocumentField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument or a picture; at most 20 MB."),
    )


# --- acceptance reviews ---------------------------------------------------------------------


class ReviewScheduleForm(PanelCompositionForm):
    scheduled_for = forms.DateField(
        label=_("Date"), widget=DATE_WIDGET, validators=[validate_plausible_date]
    )
    organizer = forms.ModelChoiceField(
        label=_("Organized by"),
        queryset=Organization.objects.order_by(Pinyin("name")),
        help_text=_("The body that organizes the review, e.g. the city or provincial bureau."),
    )
    methods = forms.MultipleChoiceField(
        label=_("Methods"), choices=ReviewMethod.choices, widget=forms.CheckboxSelectMultiple
    )
    template = forms.ModelChoiceField(
        label=_("Scoring template"),
        queryset=ScoringTemplate.objects.none(),
        help_text=_("Only templates whose points add up are offered."),
    )
    field_order = ["scheduled_for", "organizer", "methods", "template", "reviewers", "chair"]

    def __init__(self, *args, pilot: PilotProject, not_before=None, **kwargs):
        super().__init__(*args, organization_ids=pilot_organization_ids(pilot), **kwargs)
        self.not_before = not_before  # the acceptance request: the review comes after it
        usable = [template.pk for template in usable_templates()]
        self.fields["template"].queryset = ScoringTemplate.objects.filter(pk__in=usable)

    def clean_scheduled_for(self):
        value = self.cleaned_data["scheduled_for"]
        if self.not_before and value < self.not_before:
            raise forms.ValidationError(
                _("The review cannot be dated before the acceptance request (%(date)s).")
                % {"date": self.not_before.isoformat()}
            )
        return value
