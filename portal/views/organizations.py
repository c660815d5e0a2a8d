from django.conf import settings
from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DeleteView, DetailView, TemplateView, UpdateView
from django.views.generic.edit import CreateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from portal import selectors
from portal.filters import OrganizationFilter
from portal.forms import (
    OrganizationContactsForm,
    OrganizationForm,
)
from portal.models import Organization
from portal.sections import ORGANIZATION_SECTIONS
from portal.views.mixins import FoundObjectMixin, ProtectedDeleteMixin

# --- organizations --------------------------------------------------------------------------


class OrganizationListView(PermissionRequiredMixin, FilterView):
    permission_required = "portal.view_organization"
    filterset_class = OrganizationFilter
    template_name = "portal/organization_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.organizations_for_user(self.request.user)


class OrganizationMixin(FoundObjectMixin):
    model = Organization

    def found_queryset(self):
        return Organization.objects.select_related("region")


class OrganizationDetailView(OrganizationMixin, DetailView):
    permission_required = "portal.view_organization"
    template_name = "portal/organization_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = selectors.organization_members(self.object)
        context["reviewers"] = selectors.organization_reviewers(self.object)
        context["sections"] = [
            section
            for section in (add(self.request, self.object) for add in ORGANIZATION_SECTIONS)
            if section is not None
        ]
        return context


class OrganizationCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "portal.add_organization"
    model = Organization
    form_class = OrganizationForm
    template_name = "portal/organization_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("%(name)s has been added.") % {"name": self.object})
        return response


class OrganizationUpdateView(SuccessMessageMixin, OrganizationMixin, UpdateView):
    permission_required = "portal.change_organization"
    form_class = OrganizationForm
    template_name = "portal/organization_form.html"
    success_message = gettext_lazy("The changes have been saved.")


class OrganizationContactsUpdateView(SuccessMessageMixin, OrganizationMixin, UpdateView):
    permission_required = "portal.change_contacts_organization"
    form_class = OrganizationContactsForm
    template_name = "portal/organization_contacts_form.html"
    success_message = gettext_lazy("The contact details have been saved.")


class OrganizationHistoryView(OrganizationMixin, DetailView):
    permission_required = "portal.view_history_organization"
    template_name = "portal/organization_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["records"] = selectors.history_with_changes(self.object)
        return context


class OrganizationDeleteView(ProtectedDeleteMixin, OrganizationMixin, DeleteView):
    """Staff delete an organization that nothing refers to; otherwise the page lists its
    members, reviewers, registrations, pilots, activities and reviews."""

    permission_required = "portal.change_organization"
    delete_permission = "portal.delete_organization"
    template_name = "portal/organization_confirm_delete.html"
    success_url = reverse_lazy("portal:organization-list")

    protected_message = gettext_lazy(
        "%(name)s cannot be deleted: what still refers to it is listed below."
    )


class MyOrganizationView(PermissionRequiredMixin, TemplateView):
    permission_required = "portal.view_own_organization"

    def get(self, request, *args, **kwargs):
        return redirect(request.user.membership.organization)
