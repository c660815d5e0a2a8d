"""Expert reviewers: staff keep the list of experts who can sit on panels."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import View
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from portal import services
from portal.collation import Pinyin
from portal.enums import Role
from portal.filters import ReviewerFilter
from portal.forms import ReviewerAccountForm, ReviewerProfileForm
from portal.models import ReviewerProfile, User
from portal.views.mixins import AccountActivationView, InvitationMixin, ManagedAccountMixin


class ReviewerListView(PermissionRequiredMixin, FilterView):
    permission_required = "portal.manage_reviewers"
    filterset_class = ReviewerFilter
    template_name = "portal/reviewer_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return (
            User.objects.filter(groups__name=Role.REVIEWER)
            .select_related("reviewer_profile__employer")
            .order_by(Pinyin("full_name"), "username")
        )


class ReviewerFormView(InvitationMixin, ManagedAccountMixin, View):
    """Create (no pk) or edit an expert: their account and their profile, in one form."""

    role = Role.REVIEWER
    template_name = "portal/reviewer_form.html"

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
        user = self.get_account()
        return self.render(user, *self.forms(user))

    def post(self, request, *args, **kwargs):
        user = self.get_account()
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


class ReviewerDeactivateView(AccountActivationView):
    role = Role.REVIEWER
    active = False
    edit_url_name = "portal:reviewer-edit"


class ReviewerReactivateView(AccountActivationView):
    role = Role.REVIEWER
    active = True
    edit_url_name = "portal:reviewer-edit"
