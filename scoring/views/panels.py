"""A panel's pages and actions, the same for every subject: staff add and remove members and
open scoring; members declare their interests. The subject's own page shows the panel
(``panel_context`` and ``templates/scoring/_panel*.html``) and concludes it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, RedirectView

from portal.views.mixins import DomainErrorMixin, FoundObjectMixin
from scoring import selectors, services
from scoring.enums import Declaration, SheetStatus
from scoring.exports import panel_matrix_workbook
from scoring.forms import DeclarationForm, PanelMemberAddForm, PaperDeclarationForm, ReasonForm
from scoring.models import Panel, PanelMember
from scoring.subjects import subject_related


def panel_context(panel: Panel, user, *, matrix: bool = True) -> dict:
    """What a subject's page needs to show its panel to ``user``: the user's own membership,
    and for staff the members, the result so far, the matrix (unless ``matrix`` is false: a
    page that shows it elsewhere) and the record."""
    is_staff = user.has_perm("scoring.manage_panel", panel)
    members = selectors.panel_members(panel) if is_staff else None
    context = {
        "panel": panel,
        "member": selectors.member_of(panel, user)
        if members is None
        else next((m for m in members if m.reviewer_id == user.pk and m.removed is None), None),
        "manages_panel": is_staff,
    }
    if is_staff:
        result = selectors.panel_result(panel, members)
        context.update(
            members=members,
            result=result,
            matrix=selectors.panel_matrix(panel, result, members) if matrix else None,
            events=selectors.panel_events(panel) if matrix else None,
            waiting=[member for member in members if member.is_active and not _submitted(member)],
        )
    return context


def _submitted(member) -> bool:
    sheet = getattr(member, "sheet", None)
    return sheet is not None and sheet.status == SheetStatus.SUBMITTED


class PanelMixin(FoundObjectMixin):
    def found_queryset(self):
        return Panel.objects.select_related("template", *subject_related())

    def get_panel(self) -> Panel:
        return self.get_found_object()

    def get_subject(self):
        return self.get_panel().subject

    def organization_ids(self) -> set[int]:
        subject = self.get_subject()
        return subject.panel_organization_ids() if subject is not None else set()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            panel=self.get_panel(), subject=self.get_subject(), **kwargs
        )

    def back(self, message=None, level=messages.SUCCESS):
        if message:
            messages.add_message(self.request, level, message)
        return redirect(self.get_panel())

    def domain_error_url(self):
        return self.get_panel().get_absolute_url()


class PanelView(PanelMixin, RedirectView):
    """A panel's address: its subject's page, where the panel is shown."""

    permission_required = "scoring.view_panel"

    def get_redirect_url(self, *args, **kwargs):
        return self.get_panel().get_absolute_url()


class PanelActionView(DomainErrorMixin, PanelMixin, FormView):
    """A staff action on a panel with a form page of its own (errors shown on the form)."""

    permission_required = "scoring.manage_panel"
    form_class = ReasonForm

    def domain_error_url(self):
        return None


class PanelMemberAddView(PanelActionView):
    """Staff find a reviewer by name, specialty or employer (``q``) and add them; the choices
    offered are the first ``PanelMemberAddForm.SHOWN`` that match, never a list of every
    reviewer of the province."""

    form_class = PanelMemberAddForm
    template_name = "scoring/panelmember_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "panel": self.get_panel(),
            "organization_ids": self.organization_ids(),
            "search": self.request.GET.get("q", ""),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.request.GET.get("q", "").strip(), **kwargs)

    def act(self, form):
        member = services.add_panel_member(
            panel=self.get_panel(),
            reviewer=form.cleaned_data["reviewer"],
            organization_ids=self.organization_ids(),
            actor=self.request.user,
        )
        return self.back(_("%(name)s has been added to the panel.") % {"name": member.reviewer})


class PanelMemberRemoveView(PanelActionView):
    template_name = "scoring/panelmember_remove.html"

    def get_member(self) -> PanelMember:
        return get_object_or_404(
            PanelMember.objects.select_related("reviewer"),
            pk=self.kwargs["member"],
            panel=self.get_panel(),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.get_member(), **kwargs)

    def act(self, form):
        member = services.remove_panel_member(
            member=self.get_member(), reason=form.cleaned_data["reason"], actor=self.request.user
        )
        return self.back(_("%(name)s has been removed from the panel.") % {"name": member.reviewer})


class StartScoringView(DomainErrorMixin, PanelMixin, FormView):
    """POST only: open the score sheets."""

    permission_required = "scoring.manage_panel"
    form_class = forms.Form
    http_method_names = ["post"]

    def domain_error_url(self):
        return self.get_panel().get_absolute_url()

    def act(self, form):
        services.start_scoring(panel=self.get_panel(), actor=self.request.user)
        return self.back(_("Scoring is open: reviewers can now fill in their sheets."))


class DeclarationView(DomainErrorMixin, PanelMixin, FormView):
    """A panel member declares a conflict of interest, or that they have none."""

    permission_required = "scoring.declare_panel"
    form_class = DeclarationForm
    template_name = "scoring/declaration_form.html"

    def get_member(self) -> PanelMember:
        member = selectors.member_of(self.get_panel(), self.request.user)
        if member is None:
            raise PermissionDenied
        return member

    def get(self, request, *args, **kwargs):
        if self.get_member().declaration != Declaration.PENDING:
            return self.back()
        return super().get(request, *args, **kwargs)

    def act(self, form):
        conflict = form.cleaned_data["declaration"] == Declaration.CONFLICT
        services.declare(
            member=self.get_member(),
            conflict=conflict,
            note=form.cleaned_data["note"],
            actor=self.request.user,
        )
        if conflict:
            messages.info(
                self.request,
                _("Thank you. You have been taken off the panel and the bureau has been told."),
            )
            return redirect("portal:home")
        return self.back(_("Thank you. The materials and your score sheet are open to you."))


class PanelMatrixExportView(PanelMixin, DetailView):
    permission_required = "scoring.manage_panel"

    def get(self, request, *args, **kwargs):
        panel = self.get_panel()
        matrix = selectors.panel_matrix(panel, selectors.panel_result(panel))
        response = HttpResponse(
            panel_matrix_workbook(panel, matrix),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="panel-{panel.pk}.xlsx"'
        return response


class PaperDeclarationView(PanelActionView):
    """Staff enter a reviewer's declaration made on paper (a review held before the portal, or
    on site without it), dated the day it was signed."""

    form_class = PaperDeclarationForm
    template_name = "scoring/paper_declaration_form.html"

    def get_member(self) -> PanelMember:
        return get_object_or_404(
            PanelMember.objects.select_related("reviewer"),
            pk=self.kwargs["member"],
            panel=self.get_panel(),
            removed=None,
            declaration=Declaration.PENDING,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.get_member(), **kwargs)

    def act(self, form):
        member = self.get_member()
        services.declare(
            member=member,
            conflict=form.cleaned_data["declaration"] == Declaration.CONFLICT,
            note=form.cleaned_data["note"],
            actor=self.request.user,
            occurred_on=form.cleaned_data["occurred_on"],
        )
        return self.back(
            _("The declaration of %(name)s has been recorded.") % {"name": member.reviewer}
        )
