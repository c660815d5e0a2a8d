from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import DeleteView, DetailView, FormView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import CreateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from portal import selectors, services
from portal.enums import RegistrationStatus
from portal.filters import OrganizationFilter, RegistrationFilter
from portal.forms import (
    AccountForm,
    ApproveRegistrationForm,
    LoginForm,
    OrganizationContactsForm,
    OrganizationForm,
    ProfileForm,
    RegistrationOrganizationForm,
    RejectRegistrationForm,
)
from portal.models import Organization


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.is_authenticated:
            context["organization_count"] = selectors.organizations_for_user(
                self.request.user
            ).count()
        return context


# --- accounts -------------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class RegisterView(FormView):
    """An enterprise registers an account and its organization; staff approve it later."""

    template_name = "portal/register.html"
    form_class = AccountForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            messages.info(request, _("You are logged in already."))
            return redirect("portal:home")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("organization_form", self.get_organization_form())
        return super().get_context_data(**kwargs)

    def get_organization_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return RegistrationOrganizationForm(data, prefix="organization")

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        organization_form = self.get_organization_form()
        if not (form.is_valid() and organization_form.is_valid()):
            return self.render_to_response(
                self.get_context_data(form=form, organization_form=organization_form)
            )
        services.register_enterprise(
            user=form.save(commit=False),
            password=form.cleaned_data["password1"],
            organization=organization_form.organization,
            position=form.cleaned_data["position"],
        )
        return redirect("portal:register-done")


class RegisterDoneView(TemplateView):
    template_name = "portal/register_done.html"


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "portal/profile.html"


class ProfileUpdateView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "portal/profile_form.html"
    success_url = reverse_lazy("portal:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)


# --- organizations --------------------------------------------------------------------------


class OrganizationListView(PermissionRequiredMixin, FilterView):
    permission_required = "portal.view_organization"
    filterset_class = OrganizationFilter
    template_name = "portal/organization_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.organizations_for_user(self.request.user)


class OrganizationMixin(PermissionRequiredMixin):
    model = Organization

    def get_queryset(self):
        return selectors.organizations_for_user(self.request.user)

    def get_object(self, queryset=None):
        # Found among all organizations, so that a stranger gets 403 rather than 404.
        return get_object_or_404(
            Organization.objects.select_related("region"), pk=self.kwargs["pk"]
        )


# Other apps add sections to an organization's page (its pilots, brands, applications) without
# portal importing them: each entry is ``section(request, organization) -> (template, context)``
# or None. Apps register theirs in AppConfig.ready().
ORGANIZATION_SECTIONS: list = []


class OrganizationDetailView(OrganizationMixin, DetailView):
    permission_required = "portal.view_organization"
    template_name = "portal/organization_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = selectors.organization_members(self.object)
        context["reviewers"] = selectors.organization_reviewers(self.object)
        context["sections"] = [
            section
            for section in (add(self.request, self.object) for add in ORGANIZATION_SECTIONS)
            if section is not None
        ]
        return context


class OrganizationCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "portal.add_organization"
    model = Organization
    form_class = OrganizationForm
    template_name = "portal/organization_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("%(name)s has been added.") % {"name": self.object})
        return response


class OrganizationUpdateView(OrganizationMixin, UpdateView):
    permission_required = "portal.change_organization"
    form_class = OrganizationForm
    template_name = "portal/organization_form.html"

    def form_valid(self, form):
        messages.success(self.request, _("The changes have been saved."))
        return super().form_valid(form)


class OrganizationContactsUpdateView(OrganizationMixin, UpdateView):
    permission_required = "portal.change_contacts_organization"
    form_class = OrganizationContactsForm
    template_name = "portal/organization_contacts_form.html"

    def form_valid(self, form):
        messages.success(self.request, _("The contact details have been saved."))
        return super().form_valid(form)


class OrganizationHistoryView(OrganizationMixin, DetailView):
    permission_required = "portal.view_history_organization"
    template_name = "portal/organization_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["records"], context["field_labels"] = selectors.history_with_changes(self.object)
        return context


class OrganizationDeleteView(OrganizationMixin, DeleteView):
    permission_required = "portal.delete_organization"
    template_name = "portal/organization_confirm_delete.html"
    success_url = reverse_lazy("portal:organization-list")

    def form_valid(self, form):
        name = str(self.object)
        try:
            self.object.delete()
        except ProtectedError:
            messages.error(
                self.request,
                _("%(name)s cannot be deleted: members, reviewers or records still refer to it.")
                % {"name": name},
            )
            return redirect(self.object)
        messages.success(self.request, _("%(name)s has been deleted.") % {"name": name})
        return HttpResponseRedirect(self.get_success_url())


class MyOrganizationView(PermissionRequiredMixin, TemplateView):
    permission_required = "portal.view_own_organization"

    def get(self, request, *args, **kwargs):
        return redirect(request.user.membership.organization)


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


class RegistrationDecisionView(PermissionRequiredMixin, SingleObjectMixin, FormView):
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

    def form_valid(self, form):
        try:
            self.decide(form)
        except services.IllegalTransition as error:
            messages.error(self.request, str(error))
        return redirect(reverse("portal:registration-detail", args=[self.object.pk]))


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
