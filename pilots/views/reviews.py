"""Acceptance reviews: staff schedule and conclude them. Their panels (members, declarations,
sheets, matrix) are the scoring app's, shown here through ``scoring.views.panels``."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, RedirectView
from rules.contrib.views import PermissionRequiredMixin

from pilots import selectors, services
from pilots.forms import ReviewScheduleForm
from pilots.models import AcceptanceReview
from pilots.views.pilots import PilotObjectMixin
from portal.views.mixins import DomainErrorMixin, FoundObjectMixin
from scoring.enums import PanelStatus
from scoring.forms import ConcludePanelForm
from scoring.selectors import panel_result
from scoring.views.panels import panel_context


class ReviewListView(PermissionRequiredMixin, ListView):
    """Staff: every review. Reviewers: the reviews whose panel they sit on."""

    permission_required = "pilots.view_review_list"
    template_name = "pilots/acceptancereview_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.reviews_for_user(self.request.user)


class ReviewScheduleView(DomainErrorMixin, PilotObjectMixin, FormView):
    permission_required = "pilots.add_acceptancereview"
    form_class = ReviewScheduleForm
    template_name = "pilots/acceptancereview_form.html"

    def get_form_kwargs(self):
        pilot = self.get_pilot()
        return super().get_form_kwargs() | {
            "pilot": pilot,
            "not_before": selectors.last_move_date(pilot),
        }

    def get_initial(self):
        return {"methods": ["material_review", "on_site"]}

    def get_context_data(self, **kwargs):
        pilot = self.get_pilot()
        # Said before the form is filled in: the acceptance is not requested, or a review is open.
        return super().get_context_data(
            pilot=pilot,
            refusal=services.scheduling_refusal(pilot),
            open_review=selectors.open_review(pilot),
            **kwargs,
        )

    def act(self, form):
        data = form.cleaned_data
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
        messages.success(self.request, _("The acceptance review has been scheduled."))
        return redirect(review)


class ReviewMixin(FoundObjectMixin):
    def found_queryset(self):
        return AcceptanceReview.objects.select_related(
            "pilot", "pilot__lead_organization", "organizer", "panel", "panel__template"
        )

    def get_review(self) -> AcceptanceReview:
        return self.get_found_object()


class ReviewDetailView(ReviewMixin, DetailView):
    permission_required = "pilots.view_acceptancereview"
    template_name = "pilots/acceptancereview_detail.html"
    context_object_name = "review"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        review.panel._subject = review
        context.update(panel_context(review.panel, self.request.user))
        return context


class ConcludeReviewView(DomainErrorMixin, ReviewMixin, FormView):
    """The conclusion: the panel's checklist first; the form once every sheet is in."""

    permission_required = "pilots.manage_acceptancereview"
    form_class = ConcludePanelForm
    template_name = "pilots/acceptancereview_conclude.html"

    def get(self, request, *args, **kwargs):
        review = self.get_review()
        if review.panel.status != PanelStatus.SCORING:
            messages.info(
                request,
                _("The review is concluded already.")
                if review.panel.status == PanelStatus.CONCLUDED
                else _("Scoring has not been opened yet: there is nothing to conclude."),
            )
            return redirect(review)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"not_before": self.get_review().scheduled_for}

    def get_initial(self):
        review = self.get_review()
        return {"concluded_on": min(review.scheduled_for, timezone.localdate())}

    def get_context_data(self, **kwargs):
        review = self.get_review()
        review.panel._subject = review
        return super().get_context_data(
            review=review, result=panel_result(review.panel), **kwargs
        ) | panel_context(review.panel, self.request.user)

    def act(self, form):
        review = services.conclude_review(
            review=self.get_review(),
            opinion=form.cleaned_data["opinion"],
            concluded_on=form.cleaned_data["concluded_on"],
            actor=self.request.user,
        )
        messages.success(
            self.request,
            _("The review is concluded with %(score)s points; the pilot is now “%(status)s”.")
            % {"score": review.panel.score, "status": review.pilot.get_status_display()},
        )
        return redirect(review)


class ReviewPanelRedirectView(ReviewMixin, RedirectView):
    """Addresses of panel pages before panels moved to the scoring app (``/reviews/<pk>/...``):
    they lead to the review's panel at its new address."""

    permission_required = "pilots.view_acceptancereview"
    permanent = True
    target = ""

    def get_redirect_url(self, *args, **kwargs):
        arguments = [self.get_review().panel_id]
        if "member" in kwargs:
            arguments.append(kwargs["member"])
        return reverse(self.target, args=arguments)
