"""Expert reviewers: staff keep the list of experts who can sit on panels."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.generic import View
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from portal import services
from portal.enums import Role
from portal.filters import ReviewerFilter
from portal.forms import ReviewerAccountForm, ReviewerProfileForm
from portal.models import ReviewerProfile, User


class ReviewerListView(PermissionRequiredMixin, FilterView):
    permission_required = "portal.manage_reviewers"
    filterset_class = ReviewerFilter
    template_name = "portal/reviewer_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return (
            User.objects.filter(groups__name=Role.REVIEWER)
            .select_related("reviewer_profile__employer")
            .order_by("full_name", "username")
        )


class ReviewerFormView(PermissionRequiredMixin, View):
    """Create (no pk) or edit an expert: their account and their profile, in one form."""

    permission_required = "portal.manage_reviewers"
    template_name = "portal/reviewer_form.html"

    def get_user(self):
        if "pk" not in self.kwargs:
            return User()
        return get_object_or_404(
            User.objects.filter(groups__name=Role.REVIEWER), pk=self.kwargs["pk"]
        )

    def forms(self, user, data=None):
        profile = getattr(user, "reviewer_profile", None) if user.pk else None
        return (
            ReviewerAccountForm(data, instance=user, prefix="account"),
            ReviewerProfileForm(data, instance=profile or ReviewerProfile(), prefix="profile"),
        )

    def render(self, user, account_form, profile_form):
        return render(
            self.request,
            self.template_name,
            {"expert": user, "account_form": account_form, "profile_form": profile_form},
        )

    def get(self, request, *args, **kwargs):
        user = self.get_user()
        return self.render(user, *self.forms(user))

    def post(self, request, *args, **kwargs):
        user = self.get_user()
        account_form, profile_form = self.forms(user, request.POST)
        if not (account_form.is_valid() and profile_form.is_valid()):
            return self.render(user, account_form, profile_form)
        if user.pk:
            account_form.save()
            profile = profile_form.save(commit=False)
            profile.user = user
            profile.save()
            messages.success(request, _("The changes have been saved."))
        else:
            user = services.create_reviewer(
                user=account_form.save(commit=False),
                profile=profile_form.save(commit=False),
                actor=request.user,
                set_password_url=self.set_password_url,
            )
            messages.success(
                request,
                _("%(name)s has been added and will receive an e-mail to set a password.")
                % {"name": user.get_full_name()},
            )
        return redirect("portal:reviewer-list")

    def set_password_url(self, user) -> str:
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        return self.request.build_absolute_uri(path)
