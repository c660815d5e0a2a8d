"""E-mails the portal sends. Each is queued to go out after the surrounding transaction commits.

A message that cannot be sent (the mail server refuses it or cannot be reached) never fails the
request that caused it: it is logged at ERROR with its recipient, subject and body, so that it
can be sent again by hand.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, engines
from django.urls import reverse
from django.utils import translation

from portal.enums import RegistrationStatus, Role
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
    """Send each message on its own; log (and keep going after) any that fails."""
    for subject, body, sender, recipient in messages:
        try:
            EmailMessage(subject, body, sender, [recipient]).send()
        except Exception:
            logger.exception(
                "E-mail not sent; send it again by hand.\nTo: %s\nSubject: %s\n\n%s",
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

    recipients = list(
        User.objects.filter(groups__name=Role.BUREAU_STAFF, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    subject, body = _render(
        "registration_received",
        {
            "registration": registration,
            "path": reverse("portal:registration-detail", args=[registration.pk]),
        },
    )
    _send([(subject, body, None, recipients)])


def notify_registration_decided(registration) -> None:
    template = (
        "registration_approved"
        if registration.status == RegistrationStatus.APPROVED
        else "registration_rejected"
    )
    subject, body = _render(template, {"registration": registration})
    email = registration.user.email
    _send([(subject, body, None, [email] if email else [])])


def notify_users(users, template: str, context: dict) -> None:
    """E-mail ``email/<template>_subject.txt`` and ``_body.txt`` to each user with an address."""
    recipients = [user.email for user in users if user.email]
    subject, body = _render(template, context)
    _send([(subject, body, None, recipients)])
