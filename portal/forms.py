from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from portal import selectors
from portal.enums import OrganizationKind, RegistrationStatus
from portal.models import (
    Criterion,
    Organization,
    Region,
    ReviewerProfile,
    ScoringTemplate,
    User,
)
from portal.validators import normalize_uscc, validate_single_line, validate_uscc


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.display_name}"


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "name_en",
            "uscc",
            "uscc_is_sample",
            "kind",
            "region",
            "industry",
            "legal_representative",
            *Organization.CONTACT_FIELDS,
        ]
        field_classes = {"region": RegionChoiceField}


class OrganizationContactsForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = list(Organization.CONTACT_FIELDS)


class LoginForm(AuthenticationForm):
    """Tells an applicant whose registration is still open why they cannot log in yet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length after the field is made, without its validator: an
        # overlong name would reach the login and the lock-out records (255 characters).
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))

    def confirm_login_allowed(self, user):
        if user.is_active:
            return
        registration = getattr(user, "registration", None)
        if registration is not None and registration.status == RegistrationStatus.PENDING:
            raise ValidationError(
                _(
                    "Your registration has been received and is waiting for the bureau's "
                    "approval. You can log in once it is approved."
                ),
                code="pending",
            )
        if registration is not None and registration.status == RegistrationStatus.REJECTED:
            raise ValidationError(
                _("Your registration was not approved: %(reason)s"),
                code="rejected",
                params={"reason": registration.decision_comment},
            )
        raise ValidationError(self.error_messages["inactive"], code="inactive")


class AccountForm(UserCreationForm):
    """The person registering: their login, name and contact details."""

    position = forms.CharField(
        label=_("Position in the organization"),
        max_length=100,
        validators=[validate_single_line],
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("full_name", "email", "phone"):
            self.fields[name].required = True

    def clean_username(self):
        username = super().clean_username()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is taken; please choose another."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _(
                    "An account with this e-mail address exists already. Use “Forgot your "
                    "password?” on the login page if it is yours."
                )
            )
        return email


class RegistrationOrganizationForm(forms.Form):
    """Which organization the new account belongs to: a new one, or one already registered."""

    NEW = "new"
    EXISTING = "existing"

    mode = forms.ChoiceField(
        label=_("Organization"),
        choices=[
            (NEW, _("Register my organization (it is not in the portal yet)")),
            (EXISTING, _("Join my organization, already registered in the portal")),
        ],
        initial=NEW,
        widget=forms.RadioSelect,
    )
    uscc = forms.CharField(
        label=_("Unified social credit code"),
        max_length=30,
        help_text=_("18 characters, as printed on the business licence."),
    )
    name = forms.CharField(
        label=_("Organization name"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "---------"), *OrganizationKind.choices], required=False
    )
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)
    address = forms.CharField(
        label=_("Address"), max_length=200, required=False, validators=[validate_single_line]
    )
    legal_representative = forms.CharField(
        label=_("Legal representative"),
        max_length=50,
        required=False,
        validators=[validate_single_line],
    )

    NEW_ORGANIZATION_FIELDS = ("name", "kind", "region")

    def clean_uscc(self):
        code = normalize_uscc(self.cleaned_data["uscc"])
        validate_uscc(code)
        return code

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("uscc")
        if cleaned.get("mode") == self.EXISTING:
            self.organization = Organization.objects.filter(uscc=code).first() if code else None
            if code and self.organization is None:
                self.add_error(
                    "uscc",
                    _(
                        "No organization with this credit code is registered yet; choose "
                        "“Register my organization” and enter its details."
                    ),
                )
            return cleaned
        for name in self.NEW_ORGANIZATION_FIELDS:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("Required for a new organization."))
        existing = Organization.objects.filter(uscc=code).first() if code else None
        if existing is not None:
            self.add_error(
                "uscc",
                _(
                    "%(name)s is already registered with this credit code; choose “Join my "
                    "organization” instead."
                )
                % {"name": existing.name},
            )
        self.organization = Organization(
            uscc=code or "",
            name=cleaned.get("name", ""),
            kind=cleaned.get("kind", ""),
            region=cleaned.get("region"),
            address=cleaned.get("address", ""),
            legal_representative=cleaned.get("legal_representative", ""),
        )
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "phone"]


class ApproveRegistrationForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RejectRegistrationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant sees this reason when they try to log in."),
    )


# --- scoring templates ----------------------------------------------------------------------


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


# --- expert reviewers -----------------------------------------------------------------------


class ReviewerAccountForm(forms.ModelForm):
    """The account part of an expert reviewer (staff create and edit it)."""

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "phone", "is_active"]
        help_texts = {
            "is_active": _("Untick to stop this expert from logging in; reviews keep their sheets.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["email"].required = True
        if not self.instance.pk:
            del self.fields["is_active"]

    def clean_email(self):
        email = self.cleaned_data["email"]
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Another account uses this e-mail address."))
        return email


class ReviewerProfileForm(forms.ModelForm):
    class Meta:
        model = ReviewerProfile
        fields = ["title", "specialty", "employer"]
        help_texts = {
            "employer": _(
                "Reviewers are never put on the panel of a pilot that their employer leads or "
                "takes part in."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Organization.objects.order_by("name")
