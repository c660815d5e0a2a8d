from django.conf import settings
from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView
from django.views.generic.edit import CreateView, DeleteView, UpdateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from brands import selectors, services
from brands.enums import EXPIRY_WARNING_DAYS
from brands.filters import BrandFilter
from brands.forms import BrandForm
from brands.models import Brand, BrandReminder
from portal.selectors import history_with_changes
from portal.views.mixins import FoundObjectMixin, ProtectedDeleteMixin


class BrandListView(PermissionRequiredMixin, FilterView):
    """Staff: the register of named brands, with its filters, and the share of the county's
    industrial output that the titles valid in a year produced (the year chosen in the filter,
    else the latest year whose county output is recorded)."""

    permission_required = "brands.view_brand_list"
    filterset_class = BrandFilter
    template_name = "brands/brand_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.brands_for_user(self.request.user)

    def figure_year(self) -> int:
        form = self.filterset.form
        if form.is_valid() and form.cleaned_data.get("year"):
            return int(form.cleaned_data["year"])
        return selectors.latest_county_output_year() or timezone.localdate().year

    def get_context_data(self, **kwargs):
        year = self.figure_year()
        return super().get_context_data(
            figure_year=year,
            figure=selectors.brand_output_share(year),
            expiring_count=selectors.expiring_brands().count(),
            **kwargs,
        )


class ExpiringBrandListView(PermissionRequiredMixin, ListView):
    """Staff: titles that end within 90 days, soonest first, with the reminder sent for each."""

    permission_required = "brands.view_brand_list"
    template_name = "brands/brand_expiring.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        reminder = BrandReminder.objects.filter(
            brand=OuterRef("pk"), valid_until=OuterRef("valid_until")
        ).values("sent_on")[:1]
        return selectors.expiring_brands().annotate(reminded_on=Subquery(reminder))

    def get_context_data(self, **kwargs):
        return super().get_context_data(warning_days=EXPIRY_WARNING_DAYS, **kwargs)


class BrandObjectMixin(FoundObjectMixin):
    def found_queryset(self):
        return Brand.objects.select_related("holder", "title", "source_application")

    def get_brand(self) -> Brand:
        return self.get_found_object()


class BrandDetailView(BrandObjectMixin, DetailView):
    """The brand, its title's validity and its yearly output: staff with their actions, the
    holder's members read-only."""

    permission_required = "brands.view_brand"
    template_name = "brands/brand_detail.html"
    context_object_name = "brand"

    def get_context_data(self, **kwargs):
        return super().get_context_data(outputs=selectors.brand_outputs(self.object), **kwargs)


class BrandCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "brands.add_brand"
    model = Brand
    form_class = BrandForm
    template_name = "brands/brand_form.html"

    def form_valid(self, form):
        self.object = services.register_brand(brand=form.save(commit=False))
        messages.success(self.request, _("%(name)s has been added.") % {"name": self.object})
        return redirect(self.object)


class BrandUpdateView(SuccessMessageMixin, BrandObjectMixin, UpdateView):
    permission_required = "brands.change_brand"
    form_class = BrandForm
    template_name = "brands/brand_form.html"
    context_object_name = "brand"
    success_message = gettext_lazy("The changes have been saved.")


class BrandHistoryView(BrandObjectMixin, DetailView):
    permission_required = "brands.view_history_brand"
    template_name = "brands/brand_history.html"
    context_object_name = "brand"

    def get_context_data(self, **kwargs):
        return super().get_context_data(records=history_with_changes(self.object), **kwargs)


class BrandDeleteView(ProtectedDeleteMixin, BrandObjectMixin, DeleteView):
    permission_required = "brands.change_brand"
    delete_permission = "brands.delete_brand"
    parts = ("outputs", "reminders")
    template_name = "brands/brand_confirm_delete.html"
    context_object_name = "brand"
    success_url = reverse_lazy("brands:brand-list")
    protected_message = gettext_lazy("%(name)s cannot be deleted: other records refer to it.")
