"""E-mails the portal sends. Each is queued to go out after the surrounding transaction commits."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.enums import RegistrationStatus, Role


def _send(messages: list[tuple[str, str, str | None, list[str]]]) -> None:
    """Queue the messages, one e-mail per recipient so that nobody sees the others' addresses."""
    messages = [
        (subject, body, sender, [recipient])
        for subject, body, sender, recipients in messages
        for recipient in recipients
    ]
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))


def _render(template: str, context: dict) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"email/{template}_subject.txt", context).strip()
        body = render_to_string(f"email/{template}_body.txt", context)
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
