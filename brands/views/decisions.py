"""The bureau's actions on an award application: the completeness check, a longer supplement
deadline, the expert panel, the decision, the public notice, the final decision, and visits."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView

from brands import selectors, services
from brands.enums import ApplicationStatus, CheckOutcome
from brands.forms.applications import (
    AssignPanelForm,
    CompletenessCheckForm,
    DecisionForm,
    ExtendDeadlineForm,
    FinaliseForm,
    PublishForm,
    VisitForm,
)
from brands.models import VisitPhoto
from brands.views.applications import ApplicationMixin
from portal.attachments import serve_private_file
from portal.views.mixins import DomainErrorMixin, FoundObjectMixin
from scoring.selectors import panel_result


class BureauActionView(DomainErrorMixin, ApplicationMixin, FormView):
    """A staff action with a form page of its own; ``allowed_statuses`` are the states in which
    it makes sense (in any other, the page says so and offers the way back)."""

    permission_required = "brands.manage_awardapplication"
    allowed_statuses: tuple[str, ...] = ()
    action_title = ""

    def refusal(self) -> str:
        application = self.get_application()
        if self.allowed_statuses and application.status not in self.allowed_statuses:
            return _("This cannot be done while the application is “%(status)s”.") % {
                "status": application.get_status_display()
            }
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            refusal=self.refusal(), action_title=self.action_title, **kwargs
        )

    def form_valid(self, form):
        refusal = self.refusal()
        if refusal:
            messages.error(self.request, refusal)
            return redirect(self.get_application())
        return super().form_valid(form)

    def done(self, message: str):
        messages.success(self.request, message)
        return redirect(self.get_application())


class CompletenessCheckView(BureauActionView):
    template_name = "brands/completenesscheck_form.html"
    form_class = CompletenessCheckForm
    allowed_statuses = (ApplicationStatus.SUBMITTED,)

    @property
    def action_title(self):
        return _("Completeness check")

    def current(self) -> dict:
        return {
            required.pk: file
            for required, file in selectors.current_materials(self.get_application())
            if required is not None and file is not None
        }

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "materials": self.get_application().program.materials.order_by("position", "pk"),
            "current": self.current(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(current=self.current(), **kwargs)

    def act(self, form):
        outcome = form.cleaned_data["outcome"]
        services.check_application(
            application=self.get_application(),
            actor=self.request.user,
            items=form.items(),
            outcome=outcome,
            comment=form.cleaned_data["comment"],
            supplement_deadline=form.cleaned_data["supplement_deadline"],
        )
        if outcome == CheckOutcome.ACCEPTED:
            return self.done(_("The application has been accepted for review."))
        return self.done(_("The application has been returned for supplement."))


class ExtendDeadlineView(BureauActionView):
    template_name = "brands/application_action.html"
    form_class = ExtendDeadlineForm
    allowed_statuses = (ApplicationStatus.RETURNED,)

    @property
    def action_title(self):
        return _("Extend the supplement deadline")

    def act(self, form):
        application = services.extend_supplement_deadline(
            application=self.get_application(),
            actor=self.request.user,
            deadline=form.cleaned_data["deadline"],
            comment=form.cleaned_data["comment"],
        )
        return self.done(
            _("The supplement deadline is now %(date)s.")
            % {"date": application.supplement_deadline.isoformat()}
        )


class AssignPanelView(BureauActionView):
    template_name = "brands/application_panel_form.html"
    form_class = AssignPanelForm
    allowed_statuses = (ApplicationStatus.ACCEPTED,)

    @property
    def action_title(self):
        return _("Assign the expert panel")

    def refusal(self):
        refusal = super().refusal()
        if not refusal and self.get_application().program.scoring_template_id is None:
            return _("This programme is a recommendation only: its applications are not scored.")
        return refusal

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"application": self.get_application()}

    def act(self, form):
        services.assign_panel(
            application=self.get_application(),
            reviewers=form.cleaned_data["reviewers"],
            chair=form.cleaned_data["chair"],
            actor=self.request.user,
        )
        return self.done(_("The panel has been assigned; its reviewers have been told."))


class DecideView(BureauActionView):
    template_name = "brands/application_decide.html"
    form_class = DecisionForm
    allowed_statuses = (ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW)

    @property
    def action_title(self):
        return _("Decide")

    def refusal(self):
        return super().refusal() or services.decision_refusal(self.get_application())

    def get_context_data(self, **kwargs):
        application = self.get_application()
        context = {}
        if application.panel_id is not None:
            application.panel._subject = application
            context["panel"] = application.panel
            context["result"] = panel_result(application.panel)
        return super().get_context_data(**context, **kwargs)

    def act(self, form):
        application = services.decide_application(
            application=self.get_application(),
            awarded=form.cleaned_data["awarded"],
            reason=form.cleaned_data["reason"],
            actor=self.request.user,
        )
        if application.awarded:
            return self.done(_("Awarded. Publish it for public notice next."))
        return self.done(_("Not awarded. The enterprise has been told."))


class PublishView(BureauActionView):
    template_name = "brands/application_action.html"
    form_class = PublishForm
    allowed_statuses = (ApplicationStatus.DECIDED,)

    @property
    def action_title(self):
        return _("Publish for public notice")

    def refusal(self):
        refusal = super().refusal()
        if not refusal and not self.get_application().awarded:
            return _("Only an award is published for public notice.")
        return refusal

    def get_initial(self):
        return {"starts_on": timezone.localdate()}

    def act(self, form):
        application = services.publish_notice(
            application=self.get_application(),
            actor=self.request.user,
            starts_on=form.cleaned_data["starts_on"],
            days=form.cleaned_data["days"],
        )
        return self.done(
            _("Published for public notice until %(date)s.")
            % {"date": application.notice_ends.isoformat()}
        )


class FinaliseView(BureauActionView):
    template_name = "brands/application_finalise.html"
    form_class = FinaliseForm
    allowed_statuses = (ApplicationStatus.DECIDED, ApplicationStatus.NOTICE)

    @property
    def action_title(self):
        return _("Make the decision final")

    def confers_title(self) -> bool:
        application = self.get_application()
        return bool(application.awarded and application.program.confers_title_id)

    def refusal(self):
        return super().refusal() or services.finalisation_refusal(self.get_application())

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"confers_title": self.confers_title()}

    def get_initial(self):
        today = timezone.localdate()
        return {"valid_from": today, "valid_until": today.replace(year=today.year + 3)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            objections=self.get_application().objections.all(), **kwargs
        )

    def act(self, form):
        data = form.cleaned_data
        application = services.finalise_application(
            application=self.get_application(),
            actor=self.request.user,
            comment=data["comment"],
            certificate_number=data.get("certificate_number", ""),
            valid_from=data.get("valid_from"),
            valid_until=data.get("valid_until"),
        )
        if hasattr(application, "brand"):
            return self.done(_("The decision is final; the brand is now in the register."))
        return self.done(_("The decision is final."))


class VisitCreateView(BureauActionView):
    template_name = "brands/applicationvisit_form.html"
    form_class = VisitForm

    @property
    def action_title(self):
        return _("Record a visit")

    def refusal(self):
        if self.get_application().status == ApplicationStatus.DRAFT:
            return _("A draft has no visits: it is recorded once the application is submitted.")
        return ""

    def get_initial(self):
        return {"visited_on": timezone.localdate()}

    def act(self, form):
        data = form.cleaned_data
        services.record_visit(
            application=self.get_application(),
            kind=data["kind"],
            visited_on=data["visited_on"],
            visitors=data["visitors"],
            notes=data["notes"],
            photos=data["photos"],
            actor=self.request.user,
        )
        return self.done(_("The visit has been recorded."))


class VisitPhotoView(FoundObjectMixin, DetailView):
    """A visit's photo (or its thumbnail) for staff."""

    permission_required = "brands.manage_awardapplication"
    thumbnail = False

    def found_queryset(self):
        return VisitPhoto.objects.select_related("visit__application")

    def permission_object_for(self, found):
        return found.visit.application

    def get(self, request, *args, **kwargs):
        photo = self.get_found_object()
        return serve_private_file(
            photo.thumbnail if self.thumbnail else photo.image,
            download_name=photo.original_name,
            as_attachment=False,
        )
