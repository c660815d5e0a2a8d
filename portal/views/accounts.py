from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, UpdateView

from portal import selectors, services
from portal.forms import (
    AccountForm,
    LoginForm,
    ProfileForm,
    RegistrationOrganizationForm,
)
from portal.sections import home_context


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.is_authenticated:
            context["organization_count"] = selectors.organizations_for_user(user).count()
        context.update(home_context(self.request))
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


class ProfileUpdateView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    form_class = ProfileForm
    template_name = "portal/profile_form.html"
    success_url = reverse_lazy("portal:profile")
    success_message = gettext_lazy("Your profile has been saved.")

    def get_object(self, queryset=None):
        return self.request.user
