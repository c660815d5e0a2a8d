from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from portal import selectors, services
from portal.enums import RegistrationStatus
from portal.filters import RegistrationFilter
from portal.forms import (
    ApproveRegistrationForm,
    RejectRegistrationForm,
)
from portal.views.mixins import DomainErrorMixin

# --- registrations --------------------------------------------------------------------------


class RegistrationListView(PermissionRequiredMixin, FilterView):
    permission_required = "portal.view_registration"
    filterset_class = RegistrationFilter
    template_name = "portal/registration_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if "status" not in self.request.GET:
            kwargs["data"] = {"status": RegistrationStatus.PENDING}
        return kwargs

    def get_queryset(self):
        return selectors.registrations_for_staff()


class RegistrationDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "portal.view_registration"
    template_name = "portal/registration_detail.html"

    def get_queryset(self):
        return selectors.registrations_for_staff()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("approve_form", ApproveRegistrationForm())
        context.setdefault("reject_form", RejectRegistrationForm())
        return context


class RegistrationDecisionView(
    DomainErrorMixin, PermissionRequiredMixin, SingleObjectMixin, FormView
):
    """Base of approve and reject: POST only; errors go back to the registration page."""

    permission_required = "portal.decide_registration"
    template_name = "portal/registration_detail.html"
    http_method_names = ["post"]

    def get_queryset(self):
        return selectors.registrations_for_staff()

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(**{self.context_form_name: form}))

    def domain_error_url(self):
        return reverse("portal:registration-detail", args=[self.object.pk])

    def act(self, form):
        self.decide(form)
        return redirect(self.domain_error_url())


class RegistrationApproveView(RegistrationDecisionView):
    form_class = ApproveRegistrationForm
    context_form_name = "approve_form"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("reject_form", RejectRegistrationForm())
        return super().get_context_data(**kwargs)

    def decide(self, form):
        services.approve_registration(
            registration=self.object, actor=self.request.user, comment=form.cleaned_data["comment"]
        )
        messages.success(
            self.request,
            _("%(user)s can now log in as a member of %(organization)s.")
            % {"user": self.object.user.get_full_name(), "organization": self.object.organization},
        )


class RegistrationRejectView(RegistrationDecisionView):
    form_class = RejectRegistrationForm
    context_form_name = "reject_form"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("approve_form", ApproveRegistrationForm())
        return super().get_context_data(**kwargs)

    def decide(self, form):
        services.reject_registration(
            registration=self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(self.request, _("The registration has been rejected."))
