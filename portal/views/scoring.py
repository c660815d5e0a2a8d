"""Scoring templates: staff manage the criteria that reviewers score (reviewers may read them)."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import DeleteView, DetailView, ListView
from django.views.generic.edit import CreateView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from portal import selectors, services
from portal.forms import CriterionForm, ScoringTemplateForm
from portal.models import Criterion, ScoringTemplate


class TemplateListView(PermissionRequiredMixin, ListView):
    permission_required = "portal.view_scoringtemplate"
    template_name = "portal/scoringtemplate_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return ScoringTemplate.objects.annotate(criterion_count=Count("criteria")).order_by(
            "name", "-version"
        )


class TemplateDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "portal.view_scoringtemplate"
    model = ScoringTemplate
    template_name = "portal/scoringtemplate_detail.html"
    context_object_name = "template"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.template_tree(self.object)
        context.update(
            rows=rows,
            problems=selectors.template_problems(self.object, rows),
            versions=ScoringTemplate.objects.filter(name=self.object.name).order_by("-version"),
        )
        return context


class TemplateCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "portal.add_scoringtemplate"
    model = ScoringTemplate
    form_class = ScoringTemplateForm
    template_name = "portal/scoringtemplate_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The template has been created. Add its criteria now."))
        return response


class TemplateUpdateView(PermissionRequiredMixin, UpdateView):
    permission_required = "portal.change_scoringtemplate"
    model = ScoringTemplate
    form_class = ScoringTemplateForm
    template_name = "portal/scoringtemplate_form.html"

    def form_valid(self, form):
        messages.success(self.request, _("The changes have been saved."))
        return super().form_valid(form)


class TemplateDeleteView(PermissionRequiredMixin, DeleteView):
    permission_required = "portal.delete_scoringtemplate"
    model = ScoringTemplate
    template_name = "portal/scoringtemplate_confirm_delete.html"
    success_url = reverse_lazy("portal:template-list")

    def form_valid(self, form):
        name = str(self.object)
        try:
            self.object.delete()
        except ProtectedError:
            messages.error(
                self.request, _("%(name)s is in use and cannot be deleted.") % {"name": name}
            )
            return redirect(self.object)
        messages.success(self.request, _("%(name)s has been deleted.") % {"name": name})
        return redirect(self.success_url)


class TemplateCopyView(PermissionRequiredMixin, DetailView):
    """POST: an editable copy as the next version (the way to change a template in use)."""

    permission_required = "portal.copy_scoringtemplate"
    model = ScoringTemplate
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        copy = services.copy_template(template=self.get_object())
        messages.success(
            request,
            _("Version %(version)s has been made; you can edit it.") % {"version": copy.version},
        )
        return redirect(copy)


class CriterionMixin(PermissionRequiredMixin):
    """Criteria change only with their template, and only while it is not in use."""

    permission_required = "portal.change_scoringtemplate"
    model = Criterion

    def get_template(self):
        if not hasattr(self, "_template"):
            if "template" in self.kwargs:
                self._template = get_object_or_404(ScoringTemplate, pk=self.kwargs["template"])
            else:
                self._template = self.get_object().template
        return self._template

    def get_permission_object(self):
        return self.get_template()

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"template": self.get_template()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(template=self.get_template(), **kwargs)

    def get_success_url(self):
        return self.get_template().get_absolute_url()


class CriterionCreateView(CriterionMixin, CreateView):
    form_class = CriterionForm
    template_name = "portal/criterion_form.html"

    def get_initial(self):
        parent = self.get_template().criteria.filter(pk=self.request.GET.get("parent") or None)
        return {"parent": parent.first()}

    def form_valid(self, form):
        messages.success(self.request, _("%(name)s has been added.") % {"name": form.instance})
        return super().form_valid(form)


class CriterionUpdateView(CriterionMixin, UpdateView):
    form_class = CriterionForm
    template_name = "portal/criterion_form.html"

    def form_valid(self, form):
        messages.success(self.request, _("The changes have been saved."))
        return super().form_valid(form)


class CriterionDeleteView(CriterionMixin, DeleteView):
    template_name = "portal/criterion_confirm_delete.html"

    def get_form_kwargs(self):
        return super(CriterionMixin, self).get_form_kwargs()

    def form_valid(self, form):
        name = str(self.object)
        self.object.delete()
        messages.success(self.request, _("%(name)s has been deleted.") % {"name": name})
        return redirect(self.get_success_url())
