from django.conf import settings
from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.http import Http404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView
from django.views.generic.edit import CreateView, DeleteView, UpdateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from pilots import selectors
from pilots.filters import StandardFilter
from pilots.forms import StandardForm
from pilots.models import Standard
from portal.attachments import serve_private_file
from portal.rules import is_bureau_staff
from portal.views.mixins import ProtectedDeleteMixin


class StandardListView(PermissionRequiredMixin, FilterView):
    permission_required = "pilots.view_standard"
    filterset_class = StandardFilter
    template_name = "pilots/standard_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.standards_for_list(self.request.user)


class StandardDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "pilots.view_standard"
    model = Standard
    template_name = "pilots/standard_detail.html"

    def get_queryset(self):
        return Standard.objects.select_related("superseded_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["uses"] = selectors.pilots_using_standard(self.object, self.request.user)
        context["sees_every_pilot"] = is_bureau_staff(self.request.user)
        context["chain"] = self.object.supersession_chain()
        context["supersedes"] = self.object.supersedes.order_by("designation")
        return context


class StandardCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "pilots.add_standard"
    model = Standard
    form_class = StandardForm
    template_name = "pilots/standard_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request, _("%(name)s has been added.") % {"name": self.object.designation}
        )
        return response


class StandardUpdateView(SuccessMessageMixin, PermissionRequiredMixin, UpdateView):
    permission_required = "pilots.change_standard"
    model = Standard
    form_class = StandardForm
    template_name = "pilots/standard_form.html"
    success_message = gettext_lazy("The changes have been saved.")


class StandardDeleteView(ProtectedDeleteMixin, PermissionRequiredMixin, DeleteView):
    """Staff delete a standard that nothing refers to; otherwise the page lists the pilots whose
    systems use it and the standards it supersedes, and offers to withdraw it instead."""

    permission_required = "pilots.change_standard"
    delete_permission = "pilots.delete_standard"
    model = Standard
    template_name = "pilots/standard_confirm_delete.html"
    success_url = reverse_lazy("pilots:standard-list")

    protected_message = gettext_lazy(
        "%(name)s cannot be deleted: what still refers to it is listed below."
    )


class StandardPdfView(PermissionRequiredMixin, DetailView):
    permission_required = "pilots.view_standard"
    model = Standard

    def get(self, request, *args, **kwargs):
        standard = self.get_object()
        if not standard.pdf:
            raise Http404
        return serve_private_file(
            standard.pdf, download_name=f"{standard.designation}.pdf", as_attachment=False
        )
