"""Scoring templates: staff keep the criteria that reviewers score; reviewers may read them.

A template that a review uses is frozen (``ScoringTemplate.is_frozen``): the rules refuse every
change to it and to its criteria, and staff change it through "copy as new version".
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DeleteView, DetailView, ListView
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import CreateView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from portal.views.mixins import FoundObjectMixin, ProtectedDeleteMixin
from scoring import selectors, services
from scoring.forms import CriterionForm, ScoringTemplateForm
from scoring.models import Criterion, ScoringTemplate
from scoring.rules import TEMPLATE_PARTS

# --- templates ------------------------------------------------------------------------------


class TemplateListView(PermissionRequiredMixin, ListView):
    permission_required = "scoring.view_scoringtemplate"
    template_name = "scoring/scoringtemplate_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.scoring_templates_for_list()


class TemplateMixin(FoundObjectMixin):
    model = ScoringTemplate
    context_object_name = "template"

    def found_queryset(self):
        return ScoringTemplate.objects.select_related("based_on")


class TemplateDetailView(TemplateMixin, DetailView):
    permission_required = "scoring.view_scoringtemplate"
    template_name = "scoring/scoringtemplate_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.template_tree(self.object)
        context.update(
            rows=rows,
            items_total=sum(row.criterion.max_points for row in rows if row.is_leaf),
            problems=selectors.template_problems(self.object, rows),
            versions=ScoringTemplate.objects.filter(name=self.object.name).order_by("-version"),
        )
        return context


class TemplateCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "scoring.add_scoringtemplate"
    model = ScoringTemplate
    form_class = ScoringTemplateForm
    template_name = "scoring/scoringtemplate_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("%(name)s has been created. Add its criteria now.") % {"name": self.object},
        )
        return response


class TemplateUpdateView(SuccessMessageMixin, TemplateMixin, UpdateView):
    permission_required = "scoring.change_scoringtemplate"
    form_class = ScoringTemplateForm
    template_name = "scoring/scoringtemplate_form.html"
    success_message = gettext_lazy("The changes have been saved.")


class TemplateDeleteView(ProtectedDeleteMixin, TemplateMixin, DeleteView):
    """Staff delete a template nobody uses; otherwise the page lists the panels that use it and
    offers to copy it as a new version instead."""

    permission_required = "scoring.add_scoringtemplate"
    delete_permission = "scoring.delete_scoringtemplate"
    parts = TEMPLATE_PARTS
    template_name = "scoring/scoringtemplate_confirm_delete.html"
    success_url = reverse_lazy("scoring:template-list")

    protected_message = gettext_lazy("%(name)s is in use and cannot be deleted.")


class TemplateCopyView(TemplateMixin, SingleObjectMixin, View):
    """POST only: an editable copy as the next version (the way to change a template in use)."""

    permission_required = "scoring.copy_scoringtemplate"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        copy = services.copy_template(template=self.get_object())
        messages.success(
            request,
            _("Version %(version)s has been made from version %(original)s; you can edit it.")
            % {"version": copy.version, "original": copy.based_on.version},
        )
        return redirect(copy)


# --- criteria -------------------------------------------------------------------------------


class CriterionCreateView(FoundObjectMixin, CreateView):
    """A new criterion in the template of the URL, under ``?parent=<id>`` when given."""

    permission_required = "scoring.change_scoringtemplate"
    model = Criterion
    form_class = CriterionForm
    template_name = "scoring/criterion_form.html"

    def found_queryset(self):
        return ScoringTemplate.objects.all()

    @property
    def template(self) -> ScoringTemplate:
        return self.get_found_object()

    def get_object(self, queryset=None):
        return None  # the found object is the template; the criterion is new

    def get_initial(self):
        pk = self.request.GET.get("parent", "")
        parent = self.template.criteria.filter(pk=pk).first() if pk.isdigit() else None
        return {"parent": parent} if parent else {}

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"template": self.template}

    def get_context_data(self, **kwargs):
        return super().get_context_data(template=self.template, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("%(name)s has been added.") % {"name": self.object})
        return response

    def get_success_url(self):
        return self.template.get_absolute_url()


class CriterionMixin(FoundObjectMixin):
    """A criterion changes with its template, and only while the template is not in use."""

    permission_required = "scoring.change_scoringtemplate"
    model = Criterion
    context_object_name = "criterion"

    def found_queryset(self):
        return Criterion.objects.select_related("template")

    def permission_object_for(self, found):
        return found.template

    def get_context_data(self, **kwargs):
        return super().get_context_data(template=self.object.template, **kwargs)

    def get_success_url(self):
        return self.object.template.get_absolute_url()


class CriterionUpdateView(SuccessMessageMixin, CriterionMixin, UpdateView):
    form_class = CriterionForm
    template_name = "scoring/criterion_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"template": self.object.template}

    success_message = gettext_lazy("The changes have been saved.")


class CriterionDeleteView(CriterionMixin, DeleteView):
    template_name = "scoring/criterion_confirm_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.template_tree(self.object.template)
        index = next(i for i, row in enumerate(rows) if row.criterion.pk == self.object.pk)
        below = 0
        for row in rows[index + 1 :]:
            if row.depth <= rows[index].depth:
                break
            below += 1
        context["descendant_count"] = below
        return context

    def form_valid(self, form):
        name = str(self.object)
        success_url = self.get_success_url()
        self.object.delete()
        messages.success(self.request, _("%(name)s has been deleted.") % {"name": name})
        return HttpResponseRedirect(success_url)
