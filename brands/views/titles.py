"""The kinds of title a brand can hold, which staff keep."""

from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView
from django.views.generic.edit import CreateView, DeleteView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from brands import selectors
from brands.forms import BrandTitleForm
from brands.models import BrandTitle
from portal.views.mixins import ProtectedDeleteMixin


class TitleListView(PermissionRequiredMixin, ListView):
    permission_required = "brands.view_brandtitle"
    template_name = "brands/brandtitle_list.html"

    def get_queryset(self):
        return selectors.titles_with_counts()


class TitleCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "brands.add_brandtitle"
    model = BrandTitle
    form_class = BrandTitleForm
    template_name = "brands/brandtitle_form.html"
    success_url = reverse_lazy("brands:title-list")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("%(name)s has been added.") % {"name": self.object})
        return response


class TitleUpdateView(SuccessMessageMixin, PermissionRequiredMixin, UpdateView):
    permission_required = "brands.change_brandtitle"
    model = BrandTitle
    form_class = BrandTitleForm
    template_name = "brands/brandtitle_form.html"
    context_object_name = "title"
    success_url = reverse_lazy("brands:title-list")
    success_message = gettext_lazy("The changes have been saved.")


class TitleDeleteView(ProtectedDeleteMixin, PermissionRequiredMixin, DeleteView):
    permission_required = "brands.change_brandtitle"
    delete_permission = "brands.delete_brandtitle"
    model = BrandTitle
    template_name = "brands/brandtitle_confirm_delete.html"
    context_object_name = "title"
    success_url = reverse_lazy("brands:title-list")
    protected_message = gettext_lazy("%(name)s cannot be deleted: brands still hold this title.")
