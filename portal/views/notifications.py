"""The notifications of the navigation bar's bell: each person reads only their own."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from portal import selectors, services


class NotificationListView(LoginRequiredMixin, ListView):
    template_name = "portal/notification_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.notifications_for_user(self.request.user)


class NotificationOpenView(LoginRequiredMixin, View):
    """Open what a notification is about, marking it read. Another person's is not found."""

    def get(self, request, pk):
        notification = get_object_or_404(selectors.notifications_for_user(request.user), pk=pk)
        services.mark_notifications_read(user=request.user, notification=notification)
        path = notification.path
        if path and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
            return redirect(path)
        return redirect("portal:notification-list")


class NotificationsReadView(LoginRequiredMixin, View):
    """POST: mark every notification of the user as read."""

    http_method_names = ["post"]

    def post(self, request):
        count = services.mark_notifications_read(user=request.user)
        if count:
            messages.success(request, _("All notifications are marked as read."))
        return redirect("portal:notification-list")
