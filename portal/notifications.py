"""What the portal tells people: a notification in the portal (the bell) and an e-mail.

Both are written or queued in the transaction of the action that causes them and go out only
once it commits. Each e-mail is a background task (``portal.tasks.send_email``): one that cannot
be sent (the mail server refuses it or cannot be reached) never fails the request that caused
it; it is retried, and logged at ERROR with its recipient, subject and body when it is given up.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template import Context, engines
from django.urls import reverse
from django.utils import translation

from portal.enums import RegistrationStatus, Role
from portal.tasks import send_email
from portal.validators import single_line

logger = logging.getLogger(__name__)


def _send(messages: list[tuple[str, str, str | None, list[str]]]) -> None:
    """Queue the messages, one e-mail per recipient so that nobody sees the others' addresses."""
    messages = [
        (subject, body, sender, recipient)
        for subject, body, sender, recipients in messages
        for recipient in recipients
    ]
    if messages:
        transaction.on_commit(lambda: _deliver(messages))


def _deliver(messages: list[tuple[str, str, str | None, str]]) -> None:
    """Queue each message as its own task; a queue that refuses one is logged, never raised."""
    for subject, body, _sender, recipient in messages:
        try:
            send_email.enqueue(subject=subject, body=body, recipient=recipient)
        except Exception:
            logger.exception(
                "E-mail not queued; send it again by hand.\nTo: %s\nSubject: %s\n\n%s",
                recipient,
                subject,
                body,
            )


def _render_text(template: str, context: dict) -> str:
    """Render a plain-text template: nothing is HTML-escaped (``A&B`` stays ``A&B``)."""
    engine = engines["django"].engine
    return engine.get_template(template).render(Context(context, autoescape=False))


def _render(template: str, context: dict) -> tuple[str, str]:
    """The subject, on one clean line, and the body of ``email/<template>_*.txt``."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = single_line(_render_text(f"email/{template}_subject.txt", context))
        body = _render_text(f"email/{template}_body.txt", context)
    return subject, body


def notify_staff_of_registration(registration) -> None:
    from portal.models import User

    notify_users(
        User.objects.filter(groups__name=Role.BUREAU_STAFF, is_active=True),
        "registration_received",
        {
            "registration": registration,
            "path": reverse("portal:registration-detail", args=[registration.pk]),
        },
    )


def notify_registration_decided(registration) -> None:
    template = (
        "registration_approved"
        if registration.status == RegistrationStatus.APPROVED
        else "registration_rejected"
    )
    subject, body = _render(template, {"registration": registration})
    email = registration.user.email
    _send([(subject, body, None, [email] if email else [])])


def _titles(template: str, context: dict) -> dict[str, str]:
    """The subject of ``email/<template>_subject.txt`` in every language of the portal, so that
    each reader sees a notification in their own."""
    titles = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles[code] = single_line(_render_text(f"email/{template}_subject.txt", context))
    return titles


def notify_users(users, template: str, context: dict) -> None:
    """Tell each active user: a notification in the portal, linking ``context["path"]`` when
    given, and an e-mail (``email/<template>_subject.txt`` and ``_body.txt``) to those with an
    address."""
    from portal.models import Notification

    users = [user for user in users if user.is_active]
    titles = _titles(template, context)
    Notification.objects.bulk_create(
        Notification(recipient=user, kind=template, titles=titles, path=context.get("path", ""))
        for user in users
    )
    from portal.selectors import forget_unread_notification_counts

    forget_unread_notification_counts([user.pk for user in users])
    recipients = [user.email for user in users if user.email]
    subject, body = _render(template, context)
    _send([(subject, body, None, recipients)])
