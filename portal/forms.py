from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from portal import selectors
from portal.collation import Pinyin
from portal.enums import OrganizationKind, RegistrationStatus
from portal.models import Organization, Region, ReviewerProfile, User
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


class UsernameLengthMixin:
    """Refuse a username longer than any account's before it is tried.

    AuthenticationForm sets the field's ``max_length`` after making it, so nothing checks it; an
    over-long name reached ``authenticate()`` and django-axes, whose record of the failure
    holds 255 characters (a server error).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class AdminLoginForm(UsernameLengthMixin, AdminAuthenticationForm):
    pass


class LoginForm(UsernameLengthMixin, AuthenticationForm):
    """Tells an applicant whose registration is still open why they cannot log in yet."""

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
        if existing is not None and selectors.is_unconfirmed_organization(existing):
            # Whoever typed the code may not be the applicant who entered it: no name.
            self.add_error(
                "uscc",
                ValidationError(
                    _(
                        "An organization with this credit code is already in the portal; "
                        "choose “Join my organization” instead, or ask the bureau."
                    ),
                    code="taken",
                ),
            )
        elif existing is not None:
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


# --- expert reviewers -----------------------------------------------------------------------


class InvitedAccountForm(forms.ModelForm):
    """An account that staff create and edit (bureau staff, expert reviewers): its owner is
    invited by e-mail to choose a password. Deactivating it is a separate action."""

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["email"].required = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        clash = User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("This username is taken; please choose another."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"]
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Another account uses this e-mail address."))
        return email


class ReviewerAccountForm(InvitedAccountForm):
    """The account part of an expert reviewer."""


class StaffAccountForm(InvitedAccountForm):
    """The account of a member of the bureau's staff."""


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
        self.fields["employer"].queryset = Organization.objects.order_by(Pinyin("name"))
