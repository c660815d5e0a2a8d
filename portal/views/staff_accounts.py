"""Accounts of the bureau's staff: staff invite, edit, deactivate and reactivate each other."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import UpdateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from portal import services
from portal.collation import Pinyin
from portal.enums import Role
from portal.filters import StaffAccountFilter
from portal.forms import StaffAccountForm
from portal.models import User
from portal.views.mixins import AccountActivationView, InvitationMixin, ManagedAccountMixin


class StaffAccountListView(PermissionRequiredMixin, FilterView):
    permission_required = "portal.manage_staff"
    filterset_class = StaffAccountFilter
    template_name = "portal/staff_account_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return User.objects.filter(groups__name=Role.BUREAU_STAFF).order_by(
            Pinyin("full_name"), "username"
        )


class StaffAccountFormView(InvitationMixin, ManagedAccountMixin, UpdateView):
    """Invite (no pk) or edit a member of staff."""

    role = Role.BUREAU_STAFF
    form_class = StaffAccountForm
    template_name = "portal/staff_account_form.html"
    context_object_name = "account"

    def get_object(self, queryset=None):
        return self.get_account()

    def form_valid(self, form):
        if self.object.pk:
            form.save()
            messages.success(self.request, _("The changes have been saved."))
        else:
            account = services.create_staff_member(
                user=form.save(commit=False),
                actor=self.request.user,
                set_password_url=self.set_password_url,
            )
            messages.success(
                self.request,
                _("%(name)s has been added and will receive an e-mail to set a password.")
                % {"name": account.get_full_name()},
            )
        return redirect("portal:staff-account-list")


class StaffAccountDeactivateView(AccountActivationView):
    role = Role.BUREAU_STAFF
    active = False
    edit_url_name = "portal:staff-account-edit"


class StaffAccountReactivateView(AccountActivationView):
    role = Role.BUREAU_STAFF
    active = True
    edit_url_name = "portal:staff-account-edit"
