"""Logging filters of the portal (see LOGGING in settings.py)."""

import logging


class ShortForbiddenFilter(logging.Filter):
    """A refused request (403) is routine: one line with its path and user, no traceback.

    Django logs the ``PermissionDenied`` behind every 403 on ``django.request`` with its whole
    traceback; other statuses pass through untouched.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            request = getattr(record, "request", None)
            user_id = getattr(getattr(request, "user", None), "pk", None)
            record.msg = "Forbidden: %s (user %s)"
            record.args = (getattr(request, "path", "?"), user_id or "anonymous")
            record.exc_info = None
            record.exc_text = None
        return True
