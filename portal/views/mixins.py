"""View mixins shared by every app."""

from django import forms
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from portal import services
from portal.enums import Role
from portal.models import User
from portal.references import references_to
from portal.workflow import DomainError


class FoundObjectMixin(PermissionRequiredMixin):
    """Find the view's object once and check ``permission_required`` on it.

    The object is looked up among all rows of ``found_queryset()``, not among those the user may
    see, so that a stranger gets 403 (not allowed) rather than 404 (no such page).
    ``permission_object_for`` says which object the rule is asked about (e.g. a photo's activity).
    """

    lookup_kwarg = "pk"

    def found_queryset(self):
        raise NotImplementedError

    def get_found_object(self):
        if not hasattr(self, "_found_object"):
            self._found_object = get_object_or_404(
                self.found_queryset(), pk=self.kwargs[self.lookup_kwarg]
            )
        return self._found_object

    def get_object(self, queryset=None):
        return self.get_found_object()

    def permission_object_for(self, found):
        return found

    def get_permission_object(self):
        return self.permission_object_for(self.get_found_object())


class ProtectedDeleteMixin:
    """For DeleteView of a record that others may refer to.

    ``permission_required`` opens the confirmation page to those who delete such records;
    ``delete_permission`` (an object permission whose rule says that nothing refers to this one
    any more) decides whether it can go. While it cannot, the page says why before anything is
    confirmed — ``references`` lists what refers to it (``portal.references``: every relation
    but the record's ``parts``; a view adds more with ``deletion_context``) — and offers no
    delete button; a POST is refused with ``protected_message`` (``%(name)s``) and leads back to
    that page. ``perform_delete()`` may call a service instead of ``delete()``; its
    ``DomainError`` or a ``ProtectedError`` (a reference that came in meanwhile) is refused the
    same way.
    """

    delete_permission: str
    parts: tuple[str, ...] = ()
    protected_message = gettext_lazy("%(name)s cannot be deleted.")

    def can_delete(self) -> bool:
        return self.request.user.has_perm(self.delete_permission, self.object)

    def deletion_context(self, can_delete: bool) -> dict:
        """What the page shows besides the record: ``references``, empty when it can go."""
        return {"references": [] if can_delete else references_to(self.object, parts=self.parts)}

    def get_context_data(self, **kwargs):
        can_delete = self.can_delete()
        return super().get_context_data(
            can_delete=can_delete, **self.deletion_context(can_delete), **kwargs
        )

    def perform_delete(self) -> None:
        self.object.delete()

    def refuse(self, message: str):
        messages.error(self.request, message)
        return redirect(self.request.path)

    def form_valid(self, form):
        name = str(self.object)
        if not self.can_delete():
            return self.refuse(self.protected_message % {"name": name})
        try:
            self.perform_delete()
        except ProtectedError:
            return self.refuse(self.protected_message % {"name": name})
        except DomainError as error:
            return self.refuse(str(error))
        messages.success(self.request, _("%(name)s has been deleted.") % {"name": name})
        return HttpResponseRedirect(self.get_success_url())


class DomainErrorMixin:
    """The shape of every action view: permission → valid form → ``act(form)`` (the service
    call, a message, the response) — with the ``DomainError`` that a service raises caught here,
    once, and its message shown: on the form, which keeps what the user typed, or — when the view
    names ``domain_error_url()`` (actions without a form page of their own) — as an error
    message on that page."""

    def act(self, form):
        raise NotImplementedError

    def domain_error_url(self) -> str | None:
        return None

    def form_valid(self, form):
        try:
            return self.act(form)
        except DomainError as error:
            url = self.domain_error_url()
            if url is not None:
                messages.error(self.request, str(error))
                return redirect(url)
            form.add_error(None, str(error))
            return self.form_invalid(form)


# --- accounts that staff manage (bureau staff, expert reviewers) -----------------------------


class InvitationMixin:
    """Builds the link of an invitation e-mail, where a new account's owner chooses a password."""

    def set_password_url(self, user) -> str:
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        return self.request.build_absolute_uri(path)


class ManagedAccountMixin(PermissionRequiredMixin):
    """Views of one account of ``role`` (``pk`` in the URL; none when creating one), guarded by
    ``portal.change_account`` on it: another role's account is not found here (404)."""

    role: Role
    permission_required = "portal.change_account"

    def get_account(self) -> User:
        if "pk" not in self.kwargs:
            return User()
        if not hasattr(self, "_account"):
            self._account = get_object_or_404(
                User.objects.filter(groups__name=self.role), pk=self.kwargs["pk"]
            )
        return self._account

    def get_permission_object(self):
        account = self.get_account()
        return account if account.pk else None


class AccountActivationView(DomainErrorMixin, ManagedAccountMixin, FormView):
    """POST only: deactivate (``active = False``) or reactivate the account, then show its page
    (``edit_url_name``) again; a refusal (deactivating oneself) is said there."""

    http_method_names = ["post"]
    form_class = forms.Form
    active: bool
    edit_url_name: str

    def domain_error_url(self):
        return reverse(self.edit_url_name, args=[self.get_account().pk])

    def act(self, form):
        account = self.get_account()
        services.set_account_active(user=account, active=self.active, actor=self.request.user)
        message = (
            _("%(name)s has been reactivated and can log in again.")
            if self.active
            else _("%(name)s has been deactivated and can no longer log in.")
        )
        messages.success(self.request, message % {"name": account.get_full_name()})
        return redirect(self.domain_error_url())
