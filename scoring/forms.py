"""Forms of the scoring app: templates and criteria, panels, declarations, score sheets."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import User
from portal.validators import validate_plausible_date
from scoring import selectors
from scoring.enums import Declaration
from scoring.models import Criterion, ScoringTemplate
from scoring.services import conflict_of_interest_message

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# --- templates ------------------------------------------------------------------------------


class ScoringTemplateForm(forms.ModelForm):
    """A template's heading; its version is not typed (1 when made here, +1 for each copy)."""

    class Meta:
        model = ScoringTemplate
        fields = ["name", "total_points", "pass_mark", "aggregation", "description", "is_sample"]
        help_texts = {
            "name": _(
                "A new template is version 1; later versions are made with “Copy as new "
                "version” on its page and keep its name."
            )
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.instance.pk and name == self.instance.name:
            return name  # every version of a template shares its name
        if ScoringTemplate.objects.filter(name=name).exists():
            raise ValidationError(
                _(
                    "A template with this name exists already; open it and use “Copy as new "
                    "version” to change it, or choose another name."
                )
            )
        return name


class CriterionParentField(forms.ModelChoiceField):
    """The criteria of one template in tree order, indented by depth."""

    def __init__(self, *args, depths: dict[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.depths = depths or {}

    def label_from_instance(self, obj):
        return "\u3000" * self.depths.get(obj.pk, 0) + f"{obj.code} {obj.title}"


class CriterionForm(forms.ModelForm):
    """A criterion of ``template``; its group is another criterion of the same template, never
    itself or one of its own sub-criteria."""

    class Meta:
        model = Criterion
        fields = ["parent", "code", "title", "max_points", "guidance", "position"]
        field_classes = {"parent": CriterionParentField}
        labels = {"parent": _("Group"), "position": _("Order")}
        help_texts = {
            "parent": _("Leave empty for a top-level criterion."),
            "max_points": _("Up to two decimal places, e.g. 7.5."),
            "guidance": _("What reviewers look at and how they award the points."),
            "position": _("Criteria are listed by this number within their group."),
        }
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.template = template
        rows = selectors.template_tree(template)
        if self.instance.pk:
            rows = self._without_subtree(rows, self.instance.pk)
        order = [row.criterion.pk for row in rows]
        parent = self.fields["parent"]
        parent.queryset = (
            template.criteria.filter(pk__in=order).order_by(
                Case(*(When(pk=pk, then=index) for index, pk in enumerate(order)))
            )
            if order
            else template.criteria.none()
        )
        parent.depths = {row.criterion.pk: row.depth for row in rows}
        parent.empty_label = _("(none: a top-level criterion)")
        if not self.instance.pk:
            last = max((row.criterion.position for row in rows), default=0)
            self.fields["position"].initial = last + 1

    @staticmethod
    def _without_subtree(rows, pk):
        """The tree rows less the criterion ``pk`` and everything under it."""
        kept, cut_depth = [], None
        for row in rows:
            if cut_depth is not None and row.depth > cut_depth:
                continue
            cut_depth = row.depth if row.criterion.pk == pk else None
            if cut_depth is None:
                kept.append(row)
        return kept

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        clash = self.instance.template.criteria.filter(code=code)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(
                _("Another criterion of this template has the code %(code)s."),
                params={"code": code},
            )
        return code


# --- panels ---------------------------------------------------------------------------------


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


class SingleReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return reviewer_label(user)


class PanelMemberAddForm(forms.Form):
    """A reviewer to add: active reviewers not on the panel and not employed by the subject's
    organizations (``organization_ids``) may be chosen. The list shows the first ``SHOWN``
    of them that match ``search`` (name, specialty or employer); any of them is accepted."""

    SHOWN = 50

    reviewer = SingleReviewerChoiceField(
        label=_("Reviewer"), queryset=User.objects.none(), widget=forms.RadioSelect
    )

    def __init__(self, *args, panel, organization_ids, search="", **kwargs):
        super().__init__(*args, **kwargs)
        self.organization_ids = set(organization_ids)
        on_panel = panel.members.filter(removed=None).values("reviewer")
        eligible = (
            selectors.reviewer_users()
            .exclude(pk__in=on_panel)
            .exclude(reviewer_profile__employer__in=self.organization_ids)
        )
        self.fields["reviewer"].queryset = eligible
        search = search.strip()[:100]
        if search:
            eligible = eligible.filter(
                Q(full_name__icontains=search)
                | Q(reviewer_profile__specialty__icontains=search)
                | Q(reviewer_profile__employer__name__icontains=search)
            )
        shown = list(eligible[: self.SHOWN + 1])
        self.more = len(shown) > self.SHOWN
        self.fields["reviewer"].choices = [
            (user.pk, reviewer_label(user)) for user in shown[: self.SHOWN]
        ]

    def clean_reviewer(self):
        reviewer = self.cleaned_data["reviewer"]
        if selectors.conflicted_reviewers(self.organization_ids, [reviewer]):
            raise forms.ValidationError(conflict_of_interest_message([reviewer]))
        return reviewer


class PanelCompositionForm(forms.Form):
    """The reviewers of a new panel and its chair: active reviewers not employed by the
    subject's organizations (``organization_ids``) are offered, and a conflicted choice (one
    whose employer changed since the page was shown) is refused with the reason."""

    reviewers = ReviewerChoiceField(
        label=_("Panel"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=User.objects.none())

    def __init__(self, *args, organization_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization_ids = set(organization_ids)
        offered = selectors.reviewer_users().exclude(
            reviewer_profile__employer__in=self.organization_ids
        )
        self.fields["reviewers"].queryset = offered
        self.fields["chair"].queryset = offered
        self.fields["chair"].label_from_instance = lambda user: user.get_full_name()

    def clean_reviewers(self):
        reviewers = list(self.cleaned_data["reviewers"])
        conflicted = selectors.conflicted_reviewers(self.organization_ids, reviewers)
        if conflicted:
            raise forms.ValidationError(conflict_of_interest_message(conflicted))
        return reviewers

    def clean(self):
        cleaned = super().clean()
        chair, reviewers = cleaned.get("chair"), cleaned.get("reviewers")
        if chair and reviewers is not None and chair not in reviewers:
            self.add_error("chair", _("The chair must be one of the panel's reviewers."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DeclarationForm(forms.Form):
    declaration = forms.ChoiceField(
        label=_("Declaration"),
        widget=forms.RadioSelect,
        choices=[
            (
                Declaration.NO_CONFLICT,
                _(
                    "I have no conflict of interest with what this panel reviews or its "
                    "organizations: I do not work for them, advise them or hold interests in "
                    "them."
                ),
            ),
            (
                Declaration.CONFLICT,
                _("I have a conflict of interest and cannot sit on this panel."),
            ),
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
        if (
            cleaned.get("declaration") == Declaration.CONFLICT
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", _("Say briefly what the conflict is."))
        return cleaned


class ScoreSheetForm(forms.Form):
    """One points field and one comment field per leaf criterion of the template."""

    def __init__(self, *args, criteria, submit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.submit = submit
        for criterion in criteria:
            # Labels name the item by its code, as the sheet and its error summary show it.
            self.fields[f"points_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.code} {criterion.title}",
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
                label=_("Comment on %(code)s") % {"code": criterion.code},
                required=False,
                widget=forms.Textarea(attrs={"rows": 1}),
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


class ConcludePanelForm(forms.Form):
    concluded_on = forms.DateField(
        label=_("Concluded on"), widget=DATE_WIDGET, validators=[validate_plausible_date]
    )
    opinion = forms.CharField(
        label=_("Panel opinion"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The written opinion signed by the chair, as it will be filed."),
    )

    def __init__(self, *args, not_before=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.not_before = not_before

    def clean_concluded_on(self):
        value = self.cleaned_data["concluded_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if self.not_before and value < self.not_before:
            raise forms.ValidationError(
                _("The panel cannot conclude before %(date)s.")
                % {"date": self.not_before.isoformat()}
            )
        return value


class PaperDateField(forms.DateField):
    """The day a paper record was made (a declaration, a sheet): not in the future."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Date on the paper record"))
        kwargs.setdefault("widget", DATE_WIDGET)
        kwargs.setdefault("validators", [validate_plausible_date])
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class PaperDeclarationForm(DeclarationForm):
    """Staff enter a declaration that a reviewer signed on paper, with its date."""

    occurred_on = PaperDateField()
