"""Award programmes: staff keep them with their required materials; enterprise members see
those open now."""

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.edit import CreateView, DeleteView, UpdateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from brands import selectors, services
from brands.filters import AwardProgramFilter
from brands.forms import AwardProgramForm, RequiredMaterialForm
from brands.models import AwardProgram, RequiredMaterial
from brands.rules import PROGRAM_PARTS
from portal.views.mixins import FoundObjectMixin, ProtectedDeleteMixin


class ProgramListView(PermissionRequiredMixin, FilterView):
    """Staff: every programme, filtered by level, round and whether it is open."""

    permission_required = "brands.view_awardprogram"
    filterset_class = AwardProgramFilter
    template_name = "brands/awardprogram_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.programs_for_staff()


class ProgramObjectMixin(FoundObjectMixin):
    def found_queryset(self):
        return AwardProgram.objects.select_related("scoring_template")

    def get_program(self) -> AwardProgram:
        return self.get_found_object()


class ProgramDetailView(ProgramObjectMixin, DetailView):
    permission_required = "brands.view_awardprogram"
    template_name = "brands/awardprogram_detail.html"
    context_object_name = "program"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            materials=selectors.program_materials(self.object),
            application_count=self.object.applications.count(),
            **kwargs,
        )


class ProgramCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "brands.add_awardprogram"
    model = AwardProgram
    form_class = AwardProgramForm
    template_name = "brands/awardprogram_form.html"

    def form_valid(self, form):
        self.object = services.save_program(program=form.save(commit=False))
        messages.success(self.request, _("%(name)s has been added.") % {"name": self.object})
        return redirect(self.object)


class ProgramUpdateView(SuccessMessageMixin, ProgramObjectMixin, UpdateView):
    permission_required = "brands.change_awardprogram"
    form_class = AwardProgramForm
    template_name = "brands/awardprogram_form.html"
    context_object_name = "program"
    success_message = gettext_lazy("The changes have been saved.")

    def form_valid(self, form):
        self.object = services.save_program(program=form.save(commit=False))
        messages.success(self.request, self.success_message)
        return redirect(self.object)


class ProgramDeleteView(ProtectedDeleteMixin, ProgramObjectMixin, DeleteView):
    permission_required = "brands.change_awardprogram"
    delete_permission = "brands.delete_awardprogram"
    parts = PROGRAM_PARTS
    template_name = "brands/awardprogram_confirm_delete.html"
    context_object_name = "program"
    success_url = reverse_lazy("brands:program-list")
    protected_message = gettext_lazy("%(name)s cannot be deleted: other records refer to it.")


# --- the required materials of a programme, on its page ------------------------------------


class MaterialMixin(ProgramObjectMixin):
    """Views of a programme's materials: allowed to whoever may change the programme."""

    permission_required = "brands.change_awardprogram"

    def materials_url(self) -> str:
        return reverse("brands:program-detail", args=[self.get_program().pk]) + "#materials"

    def get_material(self) -> RequiredMaterial:
        return get_object_or_404(
            RequiredMaterial, pk=self.kwargs["material"], program=self.get_program()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(program=self.get_program(), **kwargs)


class MaterialFormView(MaterialMixin, FormView):
    """Add a material, or (with ``material`` in the URL) change one."""

    form_class = RequiredMaterialForm
    template_name = "brands/requiredmaterial_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs() | {"program": self.get_program()}
        if "material" in self.kwargs:
            kwargs["instance"] = self.get_material()
        return kwargs

    def form_valid(self, form):
        material = services.save_material(material=form.save(commit=False))
        messages.success(self.request, _("%(name)s has been saved.") % {"name": material.name})
        return redirect(self.materials_url())


class MaterialDeleteView(MaterialMixin, DeleteView):
    template_name = "brands/requiredmaterial_confirm_delete.html"
    context_object_name = "material"

    def get_object(self, queryset=None):
        return self.get_material()

    def form_valid(self, form):
        self.object.delete()
        messages.success(self.request, _("%(name)s has been removed.") % {"name": self.object.name})
        return redirect(self.materials_url())


# --- enterprise members --------------------------------------------------------------------


class OpenProgramListView(PermissionRequiredMixin, ListView):
    """Enterprise members: the programmes taking applications today, with their materials."""

    permission_required = "brands.view_open_programs"
    template_name = "brands/open_program_list.html"
    context_object_name = "programs"

    def get_queryset(self):
        return selectors.open_programs()

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)
