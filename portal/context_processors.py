from django.conf import settings

from portal import selectors
from portal.rules import is_bureau_staff


def portal(request):
    """The bureau's name everywhere; the unread-notification count of the navigation bar's bell;
    the open-registration count for staff's navigation bar."""
    context = {"BUREAU_NAME": settings.BUREAU_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["unread_notification_count"] = selectors.unread_notification_count(user)
    if user is not None and is_bureau_staff(user):
        context["pending_registration_count"] = selectors.pending_registration_count()
    return context
