"""Public notices of awards: anyone reads the awards in their notice period and may object."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from brands import selectors, services
from brands.enums import ApplicationStatus
from brands.forms.applications import ObjectionForm
from brands.models import AwardApplication
from portal import throttle
from portal.views.mixins import DomainErrorMixin

# One address may send this many objections an hour.
OBJECTIONS_PER_HOUR = 5


class NoticeListView(ListView):
    template_name = "brands/notice_list.html"
    context_object_name = "notices"

    def get_queryset(self):
        return selectors.notices_running()


class NoticeDetailView(DomainErrorMixin, FormView):
    """An award in its notice period, with the objection form (a finished notice says so)."""

    template_name = "brands/notice_detail.html"
    form_class = ObjectionForm

    def get_application(self) -> AwardApplication:
        if not hasattr(self, "_application"):
            self._application = get_object_or_404(
                AwardApplication.objects.select_related("program", "organization"),
                pk=self.kwargs["pk"],
                status__in=(ApplicationStatus.NOTICE, ApplicationStatus.FINAL),
                awarded=True,
                notice_starts__isnull=False,
            )
        return self._application

    def get_context_data(self, **kwargs):
        application = self.get_application()
        return super().get_context_data(
            application=application, running=application.notice_running(), **kwargs
        )

    def act(self, form):
        if throttle.over_limit(self.request, "objection", limit=OBJECTIONS_PER_HOUR, seconds=3600):
            form.add_error(
                None,
                _("Too many objections have been sent from your address; try again in an hour."),
            )
            return self.form_invalid(form)
        services.send_objection(
            application=self.get_application(),
            name=form.cleaned_data["name"],
            contact=form.cleaned_data["contact"],
            text=form.cleaned_data["text"],
        )
        throttle.count(self.request, "objection", seconds=3600)
        messages.success(
            self.request, _("Your objection has been received; the bureau will look into it.")
        )
        return redirect("brands:notice-detail", self.get_application().pk)
