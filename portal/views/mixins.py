"""View mixins shared by every app."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rules.contrib.views import PermissionRequiredMixin


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
    """For DeleteView: delete with a message, or, while other records still refer to the object
    (``ProtectedError``), keep it and say why with ``protected_message`` (``%(name)s``)."""

    protected_message = gettext_lazy("%(name)s cannot be deleted.")

    def form_valid(self, form):
        name = str(self.object)
        try:
            self.object.delete()
        except ProtectedError:
            messages.error(self.request, self.protected_message % {"name": name})
            return redirect(self.object)
        messages.success(self.request, _("%(name)s has been deleted.") % {"name": name})
        return HttpResponseRedirect(self.get_success_url())
