"""The yearly output figures: a brand's (on its page) and the county's (its own page)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView
from django.views.generic.edit import CreateView, DeleteView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from brands import selectors, services
from brands.forms import BrandOutputForm, CountyOutputForm
from brands.models import BrandOutput, CountyIndustrialOutput
from brands.views.brands import BrandObjectMixin


class BrandOutputMixin(BrandObjectMixin):
    """Views of a brand's output figures: allowed to whoever may change the brand."""

    permission_required = "brands.change_brand"

    def outputs_url(self) -> str:
        return reverse("brands:brand-detail", args=[self.get_brand().pk]) + "#outputs"

    def get_output(self) -> BrandOutput:
        return get_object_or_404(BrandOutput, pk=self.kwargs["output"], brand=self.get_brand())

    def get_context_data(self, **kwargs):
        return super().get_context_data(brand=self.get_brand(), **kwargs)


class BrandOutputFormView(BrandOutputMixin, FormView):
    """Add a year's figure, or (with ``output`` in the URL) change one."""

    form_class = BrandOutputForm
    template_name = "brands/brandoutput_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs() | {"brand": self.get_brand()}
        if "output" in self.kwargs:
            kwargs["instance"] = self.get_output()
        return kwargs

    def form_valid(self, form):
        record = services.set_brand_output(
            brand=self.get_brand(),
            year=form.instance.year if form.instance.pk else form.cleaned_data["year"],
            output=form.cleaned_data["output"],
        )
        messages.success(
            self.request, _("The output of %(year)s has been saved.") % {"year": record.year}
        )
        return redirect(self.outputs_url())


class BrandOutputDeleteView(BrandOutputMixin, DeleteView):
    template_name = "brands/brandoutput_confirm_delete.html"
    context_object_name = "output"

    def get_object(self, queryset=None):
        return self.get_output()

    def form_valid(self, form):
        self.object.delete()
        messages.success(
            self.request,
            _("The output of %(year)s has been removed.") % {"year": self.object.year},
        )
        return redirect(self.outputs_url())


# --- the county's output of industrial enterprises above designated size ---------------------


class CountyOutputListView(PermissionRequiredMixin, ListView):
    """Staff: the county's output per year, each year with the output of the titles valid in
    it and their share (``selectors.output_shares``)."""

    permission_required = "brands.view_countyindustrialoutput"
    template_name = "brands/countyoutput_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.county_outputs()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["object_list"])
        shares = selectors.output_shares([row.year for row in rows])
        context["rows"] = [(row, shares[row.year]) for row in rows]
        return context


class CountyOutputCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "brands.add_countyindustrialoutput"
    model = CountyIndustrialOutput
    form_class = CountyOutputForm
    template_name = "brands/countyoutput_form.html"
    success_url = reverse_lazy("brands:county-output-list")

    def form_valid(self, form):
        record = services.set_county_output(
            year=form.cleaned_data["year"],
            output=form.cleaned_data["output"],
            source_note=form.cleaned_data["source_note"],
        )
        messages.success(
            self.request,
            _("The county's output of %(year)s has been saved.") % {"year": record.year},
        )
        return redirect(self.success_url)


class CountyOutputUpdateView(PermissionRequiredMixin, UpdateView):
    permission_required = "brands.change_countyindustrialoutput"
    model = CountyIndustrialOutput
    form_class = CountyOutputForm
    template_name = "brands/countyoutput_form.html"
    context_object_name = "record"
    success_url = reverse_lazy("brands:county-output-list")

    def form_valid(self, form):
        services.set_county_output(
            year=self.object.year,
            output=form.cleaned_data["output"],
            source_note=form.cleaned_data["source_note"],
        )
        messages.success(self.request, _("The changes have been saved."))
        return redirect(self.success_url)
