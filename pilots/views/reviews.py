"""Acceptance reviews: staff schedule and conclude them, reviewers declare and score."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView
from rules.contrib.views import PermissionRequiredMixin

from pilots import selectors, services
from pilots.enums import Declaration
from pilots.exports import panel_matrix_workbook
from pilots.forms import (
    ConcludeReviewForm,
    DeclarationForm,
    PanelMemberAddForm,
    ReasonForm,
    ReviewScheduleForm,
    ScoreSheetForm,
)
from pilots.models import AcceptanceReview, AcceptanceScoreSheet, PanelMember
from pilots.views.pilots import PilotObjectMixin
from portal.selectors import template_leaves
from portal.views.mixins import FoundObjectMixin


class ReviewListView(PermissionRequiredMixin, ListView):
    """Staff: every review. Reviewers: the reviews whose panel they sit on."""

    permission_required = "pilots.view_review_list"
    template_name = "pilots/acceptancereview_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.reviews_for_user(self.request.user)


class ReviewScheduleView(PilotObjectMixin, FormView):
    permission_required = "pilots.add_acceptancereview"
    form_class = ReviewScheduleForm
    template_name = "pilots/acceptancereview_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"pilot": self.get_pilot()}

    def get_initial(self):
        return {"methods": ["material_review", "on_site"]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(pilot=self.get_pilot(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            review = services.schedule_review(
                pilot=self.get_pilot(),
                scheduled_for=data["scheduled_for"],
                organizer=data["organizer"],
                methods=data["methods"],
                template=data["template"],
                reviewers=data["reviewers"],
                chair=data["chair"],
                actor=self.request.user,
            )
        except services.ReviewError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The acceptance review has been scheduled."))
        return redirect(review)


class ReviewMixin(FoundObjectMixin):
    def found_queryset(self):
        return AcceptanceReview.objects.select_related(
            "pilot", "pilot__lead_organization", "organizer", "template"
        )

    def get_review(self):
        return self.get_found_object()

    def back(self, message=None, level=messages.SUCCESS):
        if message:
            messages.add_message(self.request, level, message)
        return redirect(self.get_review())


class ReviewDetailView(ReviewMixin, DetailView):
    permission_required = "pilots.view_acceptancereview"
    template_name = "pilots/acceptancereview_detail.html"
    context_object_name = "review"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review, user = self.object, self.request.user
        is_staff = user.has_perm("pilots.manage_acceptancereview", review)
        context.update(
            is_staff=is_staff,
            member=selectors.member_of(review, user),
            events=selectors.review_events(review) if is_staff else [],
        )
        if is_staff:
            result = services.panel_result(review)
            context.update(
                panel=selectors.review_panel(review),
                result=result,
                matrix=selectors.panel_matrix(review, result),
                add_form=PanelMemberAddForm(review=review),
            )
        return context


class ReviewActionView(ReviewMixin, FormView):
    """Base of a staff action on a review: a form (or a bare POST), a service, a message."""

    permission_required = "pilots.manage_acceptancereview"
    form_class = ReasonForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(review=self.get_review(), **kwargs)

    def form_valid(self, form):
        try:
            message = self.act(form)
        except (services.ReviewError, services.IllegalTransition) as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return self.back(message)


class PanelMemberAddView(ReviewActionView):
    form_class = PanelMemberAddForm
    template_name = "pilots/panelmember_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"review": self.get_review()}

    def act(self, form):
        member = services.add_panel_member(
            review=self.get_review(),
            reviewer=form.cleaned_data["reviewer"],
            actor=self.request.user,
        )
        return _("%(name)s has been added to the panel.") % {"name": member.reviewer}


class PanelMemberRemoveView(ReviewActionView):
    template_name = "pilots/panelmember_remove.html"

    def get_member(self):
        return get_object_or_404(
            PanelMember.objects.select_related("reviewer"),
            pk=self.kwargs["member"],
            review=self.get_review(),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.get_member(), **kwargs)

    def act(self, form):
        member = services.remove_panel_member(
            member=self.get_member(), reason=form.cleaned_data["reason"], actor=self.request.user
        )
        return _("%(name)s has been removed from the panel.") % {"name": member.reviewer}


class StartScoringView(ReviewMixin, DetailView):
    permission_required = "pilots.manage_acceptancereview"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.start_scoring(review=self.get_review(), actor=request.user)
        except (services.ReviewError, services.IllegalTransition) as error:
            return self.back(str(error), messages.ERROR)
        return self.back(_("Scoring is open: reviewers can now fill in their sheets."))


class ConcludeReviewView(ReviewActionView):
    form_class = ConcludeReviewForm
    template_name = "pilots/acceptancereview_conclude.html"

    def get_initial(self):
        review = self.get_review()
        return {"concluded_on": min(review.scheduled_for, timezone.localdate())}

    def get_context_data(self, **kwargs):
        result = services.panel_result(self.get_review())
        return super().get_context_data(result=result, **kwargs)

    def act(self, form):
        review = services.conclude_review(
            review=self.get_review(),
            opinion=form.cleaned_data["opinion"],
            concluded_on=form.cleaned_data["concluded_on"],
            actor=self.request.user,
        )
        return _(
            "The review is concluded with %(score)s points; the pilot is now “%(status)s”."
        ) % {
            "score": review.panel_score,
            "status": review.pilot.get_status_display(),
        }


class DeclarationView(ReviewMixin, FormView):
    """A panel member declares a conflict of interest, or that they have none."""

    permission_required = "pilots.declare_acceptancereview"
    form_class = DeclarationForm
    template_name = "pilots/declaration_form.html"

    def get_member(self):
        member = selectors.member_of(self.get_review(), self.request.user)
        if member is None:
            raise PermissionDenied
        return member

    def get(self, request, *args, **kwargs):
        if self.get_member().declaration != Declaration.PENDING:
            return self.back()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(review=self.get_review(), **kwargs)

    def form_valid(self, form):
        conflict = form.cleaned_data["declaration"] == DeclarationForm.CONFLICT
        try:
            services.declare_interest(
                member=self.get_member(),
                conflict=conflict,
                note=form.cleaned_data["note"],
                actor=self.request.user,
            )
        except services.ReviewError as error:
            return self.back(str(error), messages.ERROR)
        if conflict:
            messages.info(
                self.request,
                _("Thank you. You have been taken off the panel and the bureau has been told."),
            )
            return redirect("pilots:review-list")
        return self.back(
            _("Thank you. The pilot's documents and your score sheet are open to you.")
        )


# --- score sheets ---------------------------------------------------------------------------


class SheetMixin(FoundObjectMixin):
    def found_queryset(self):
        return AcceptanceScoreSheet.objects.select_related(
            "panel_member__reviewer",
            "panel_member__review__pilot",
            "panel_member__review__template",
        )

    def get_sheet(self):
        return self.get_found_object()


class SheetView(SheetMixin, FormView):
    """The reviewer's score sheet: every item with its maximum and guidance, live subtotals,
    save as draft or submit. Staff see it read-only and may reopen a submitted sheet."""

    permission_required = "pilots.view_acceptancescoresheet"
    template_name = "pilots/acceptancescoresheet_detail.html"

    def get_form(self, form_class=None):
        sheet = self.get_sheet()
        submit = "submit" in self.request.POST
        kwargs = self.get_form_kwargs()
        if self.request.method != "POST":
            kwargs["initial"] = {
                **{f"points_{item.criterion_id}": item.points for item in sheet.items.all()},
                **{f"comment_{item.criterion_id}": item.comment for item in sheet.items.all()},
            }
        return ScoreSheetForm(
            criteria=template_leaves(sheet.panel_member.review.template), submit=submit, **kwargs
        )

    def get_context_data(self, **kwargs):
        sheet = self.get_sheet()
        context = super().get_context_data(**kwargs)
        form = context["form"]
        rows = []
        for row, item in selectors.sheet_rows(sheet):
            fields = (
                (form[f"points_{row.criterion.pk}"], form[f"comment_{row.criterion.pk}"])
                if row.is_leaf
                else (None, None)
            )
            rows.append((row, item, *fields))
        context.update(
            sheet=sheet,
            review=sheet.panel_member.review,
            rows=rows,
            editable=self.request.user.has_perm("pilots.change_acceptancescoresheet", sheet),
            reopen_form=ReasonForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("pilots.change_acceptancescoresheet", self.get_sheet()):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        submit = "submit" in self.request.POST
        try:
            sheet = services.save_sheet(
                sheet=self.get_sheet(), scores=form.scores(), actor=self.request.user, submit=submit
            )
        except services.ReviewError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if submit:
            messages.success(
                self.request,
                _("Your sheet has been submitted with %(total)s points. Thank you.")
                % {"total": sheet.total},
            )
        else:
            messages.success(self.request, _("Your scores have been saved as a draft."))
        return redirect(sheet)

    def form_invalid(self, form):
        messages.error(
            self.request,
            _(
                "The sheet was not saved: please correct the items marked in red. Nothing you "
                "typed has been lost."
            ),
        )
        return super().form_invalid(form)


class SheetReopenView(SheetMixin, FormView):
    permission_required = "pilots.reopen_acceptancescoresheet"
    form_class = ReasonForm
    template_name = "pilots/acceptancescoresheet_reopen.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sheet=self.get_sheet(), **kwargs)

    def form_valid(self, form):
        sheet = self.get_sheet()
        try:
            services.reopen_sheet(
                sheet=sheet, reason=form.cleaned_data["reason"], actor=self.request.user
            )
        except (services.ReviewError, services.IllegalTransition) as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The sheet has been given back to %(name)s.") % {"name": sheet.panel_member.reviewer},
        )
        return redirect(sheet.panel_member.review)


class PanelMatrixExportView(ReviewMixin, DetailView):
    permission_required = "pilots.manage_acceptancereview"

    def get(self, request, *args, **kwargs):
        review = self.get_review()
        matrix = selectors.panel_matrix(review, services.panel_result(review))
        response = HttpResponse(
            panel_matrix_workbook(review, matrix),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename = f"panel-{review.scheduled_for:%Y%m%d}-{review.pk}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
