"""Score sheets: the reviewer scores item by item; staff read them and may reopen one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from portal.views.mixins import DomainErrorMixin, FoundObjectMixin
from scoring import selectors, services
from scoring.forms import PaperDateField, ReasonForm, ScoreSheetForm
from scoring.models import ScoreSheet
from scoring.subjects import subject_related


class SheetMixin(FoundObjectMixin):
    def found_queryset(self):
        # The panel's subject comes with it (``scoring.subjects``), not by a query per kind.
        return ScoreSheet.objects.select_related(
            "panel_member__reviewer",
            "panel_member__panel__template",
            *subject_related("panel_member__panel__"),
        )

    def get_sheet(self) -> ScoreSheet:
        return self.get_found_object()

    def get_context_data(self, **kwargs):
        sheet = self.get_sheet()
        panel = sheet.panel_member.panel
        return super().get_context_data(sheet=sheet, panel=panel, subject=panel.subject, **kwargs)


class SheetView(DomainErrorMixin, SheetMixin, FormView):
    """The reviewer's score sheet: every item with its maximum and guidance, live subtotals,
    save as draft or submit. Staff see it read-only and may reopen a submitted sheet."""

    permission_required = "scoring.view_scoresheet"
    template_name = "scoring/scoresheet_detail.html"

    def submitting(self) -> bool:
        return "submit" in self.request.POST

    @cached_property
    def tree(self):
        """The template's criteria, read once for the form and the rows."""
        return selectors.template_tree(self.get_sheet().panel_member.panel.template)

    @cached_property
    def items(self):
        """The sheet's item scores, read once for the form and the rows."""
        return list(self.get_sheet().items.all())

    def get_form(self, form_class=None):
        kwargs = self.get_form_kwargs()
        if self.request.method != "POST":
            kwargs["initial"] = {
                **{f"points_{item.criterion_id}": item.points for item in self.items},
                **{f"comment_{item.criterion_id}": item.comment for item in self.items},
            }
        return ScoreSheetForm(
            criteria=[row.criterion for row in self.tree if row.is_leaf],
            submit=self.submitting(),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sheet, form = self.get_sheet(), context["form"]
        rows = []
        items = self.items if self.request.method != "POST" else None
        for row, item in selectors.sheet_rows(sheet, self.tree, items):
            fields = (
                (form[f"points_{row.criterion.pk}"], form[f"comment_{row.criterion.pk}"])
                if row.is_leaf
                else (None, None)
            )
            rows.append((row, item, *fields))
        context.update(
            rows=rows,
            editable=self.request.user.has_perm("scoring.change_scoresheet", sheet),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("scoring.change_scoresheet", self.get_sheet()):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def act(self, form):
        sheet, user = self.get_sheet(), self.request.user
        if self.submitting():
            sheet = services.submit_score_sheet(sheet=sheet, scores=form.scores(), actor=user)
            messages.success(
                self.request,
                _("Your sheet has been submitted with %(total)s points. Thank you.")
                % {"total": sheet.total},
            )
        else:
            services.save_score_sheet(sheet=sheet, scores=form.scores(), actor=user)
            messages.success(self.request, _("Your scores have been saved as a draft."))
        return redirect(sheet)


class SheetReopenView(DomainErrorMixin, SheetMixin, FormView):
    permission_required = "scoring.reopen_scoresheet"
    form_class = ReasonForm
    template_name = "scoring/scoresheet_reopen.html"

    def act(self, form):
        sheet = self.get_sheet()
        services.reopen_score_sheet(
            sheet=sheet, reason=form.cleaned_data["reason"], actor=self.request.user
        )
        messages.success(
            self.request,
            _("The sheet has been given back to %(name)s.") % {"name": sheet.panel_member.reviewer},
        )
        return redirect(sheet.panel_member.panel)


class PaperSheetView(SheetView):
    """Staff enter a sheet that its reviewer filled in on paper, dated the day it was signed,
    and submit it on the reviewer's behalf (the panel record names both)."""

    permission_required = "scoring.enter_scoresheet"

    def submitting(self) -> bool:
        return True

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["occurred_on"] = PaperDateField()
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"editable": True, "paper": True}

    def post(self, request, *args, **kwargs):
        return FormView.post(self, request, *args, **kwargs)

    def act(self, form):
        sheet = services.submit_score_sheet(
            sheet=self.get_sheet(),
            scores=form.scores(),
            actor=self.request.user,
            occurred_on=form.cleaned_data["occurred_on"],
        )
        messages.success(
            self.request,
            _("The paper sheet of %(name)s has been entered with %(total)s points.")
            % {"name": sheet.panel_member.reviewer, "total": sheet.total},
        )
        return redirect(sheet.panel_member.panel)
