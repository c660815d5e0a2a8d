from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilots.enums import DocumentKind, ReviewMethod, system_parts
from pilots.models import Activity, PilotProject, PilotStandard, Standard
from pilots.services import conflicted_reviewers
from portal.attachments import DocumentField, MultiplePhotoField
from portal.enums import Role
from portal.forms import RegionChoiceField
from portal.models import Organization, ScoringTemplate, User
from portal.selectors import usable_templates
from portal.validators import (
    parse_standard_code,
    validate_plausible_date,
    validate_single_line,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilotForm(forms.ModelForm):
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
            "approval_date",
            "planned_completion",
            "targets",
            "target_area_mu",
            "target_households",
            "target_output",
        ]
        field_classes = {"region": RegionChoiceField}
        widgets = {
            "approval_date": DATE_WIDGET,
            "planned_completion": DATE_WIDGET,
            "targets": forms.Textarea(attrs={"rows": 3}),
            "participants": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "participants": _("Hold Ctrl (or ⌘) to choose several."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        self.fields["organizer"].queryset = Organization.objects.order_by("name")

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


def reviewer_label(user) -> str:
    """A reviewer's name with title and employer, so that staff can see conflicts at a glance."""
    profile = getattr(user, "reviewer_profile", None)
    if profile is None:
        return user.get_full_name()
    employer = profile.employer.display_name if profile.employer else ""
    return f"{user.get_full_name()} · {profile.title} · {employer}"


class ReviewerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return reviewer_label(user)


def reviewer_users():
    return (
        User.objects.filter(groups__name=Role.REVIEWER, is_active=True)
        .select_related("reviewer_profile__employer")
        .order_by("full_name", "username")
    )


class ReviewScheduleForm(forms.Form):
    scheduled_for = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    organizer = forms.ModelChoiceField(
        label=_("Organized by"),
        queryset=Organization.objects.order_by("name"),
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
    reviewers = ReviewerChoiceField(
        label=_("Panel"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=User.objects.none())

    def __init__(self, *args, pilot: PilotProject, **kwargs):
        super().__init__(*args, **kwargs)
        self.pilot = pilot
        usable = [template.pk for template in usable_templates()]
        self.fields["template"].queryset = ScoringTemplate.objects.filter(pk__in=usable)
        self.fields["reviewers"].queryset = reviewer_users()
        self.fields["chair"].queryset = reviewer_users()
        self.fields["chair"].label_from_instance = lambda user: user.get_full_name()

    def clean_reviewers(self):
        reviewers = list(self.cleaned_data["reviewers"])
        conflicted = conflicted_reviewers(self.pilot, reviewers)
        if conflicted:
            raise forms.ValidationError(
                _(
                    "%(names)s cannot review this pilot: they work for its lead or a "
                    "participating organization (conflict of interest)."
                )
                % {"names": "、".join(user.get_full_name() for user in conflicted)}
            )
        return reviewers

    def clean(self):
        cleaned = super().clean()
        chair, reviewers = cleaned.get("chair"), cleaned.get("reviewers")
        if chair and reviewers is not None and chair not in reviewers:
            self.add_error("chair", _("The chair must be one of the panel's reviewers."))
        return cleaned


class PanelMemberAddForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=User.objects.none())

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review
        on_panel = review.panel.filter(removed=None).values("reviewer")
        self.fields["reviewer"].queryset = reviewer_users().exclude(pk__in=on_panel)
        self.fields[
            "reviewer"
        ].label_from_instance = ReviewerChoiceField.label_from_instance.__get__(
            self.fields["reviewer"]
        )

    def clean_reviewer(self):
        reviewer = self.cleaned_data["reviewer"]
        if conflicted_reviewers(self.review.pilot, [reviewer]):
            raise forms.ValidationError(
                _(
                    "%(names)s cannot review this pilot: they work for its lead or a "
                    "participating organization (conflict of interest)."
                )
                % {"names": reviewer.get_full_name()}
            )
        return reviewer


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DeclarationForm(forms.Form):
    NO_CONFLICT, CONFLICT = "no_conflict", "conflict"
    declaration = forms.ChoiceField(
        label=_("Declaration"),
        widget=forms.RadioSelect,
        choices=[
            (
                NO_CONFLICT,
                _(
                    "I have no conflict of interest with this pilot or its organizations: I do "
                    "not work for them, advise them or hold interests in them."
                ),
            ),
            (CONFLICT, _("I have a conflict of interest and cannot review this pilot.")),
        ],
    )
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you declare a conflict; the bureau sees it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("declaration") == self.CONFLICT and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say briefly what the conflict is."))
        return cleaned


class ScoreSheetForm(forms.Form):
    """One points field and one comment field per leaf criterion of the template."""

    def __init__(self, *args, criteria, submit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.submit = submit
        for criterion in criteria:
            self.fields[f"points_{criterion.pk}"] = forms.DecimalField(
                label=criterion.title,
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                max_digits=7,
                decimal_places=2,
                widget=forms.NumberInput(
                    attrs={"step": "0.01", "min": "0", "max": criterion.max_points}
                ),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 1})
            )

    def clean(self):
        cleaned = super().clean()
        if self.submit:
            for criterion in self.criteria:
                name = f"points_{criterion.pk}"
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Score this item before submitting."))
        return cleaned

    def scores(self) -> dict:
        return {
            criterion.pk: (
                self.cleaned_data.get(f"points_{criterion.pk}"),
                self.cleaned_data.get(f"comment_{criterion.pk}", ""),
            )
            for criterion in self.criteria
        }


class ConcludeReviewForm(forms.Form):
    concluded_on = forms.DateField(label=_("Concluded on"), widget=DATE_WIDGET)
    opinion = forms.CharField(
        label=_("Panel opinion"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The written opinion signed by the chair, as it will be filed."),
    )

    def clean_concluded_on(self):
        value = self.cleaned_data["concluded_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value
