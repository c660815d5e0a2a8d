"""Background work of the portal (Django's tasks API, ``django_tasks``)."""

import datetime
import logging

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("portal.notifications")

EMAIL_ATTEMPTS = 5  # a message is tried this many times before it is given up (and logged)
EMAIL_RETRY_DELAY = datetime.timedelta(minutes=2)  # doubled after each failed attempt


@task()
def send_email(*, subject: str, body: str, recipient: str, attempt: int = 1) -> bool:
    """Send one e-mail. A failure is retried later (when the backend can defer, after a delay
    that doubles each time) up to ``EMAIL_ATTEMPTS`` times, then logged at ERROR with the whole
    message so that it can be sent by hand. Never raises: a mail server that is down must not
    fail the action that caused the message."""
    try:
        EmailMessage(subject, body, None, [recipient]).send()
    except Exception:
        if attempt >= EMAIL_ATTEMPTS:
            logger.exception(
                "E-mail not sent after %s attempts; send it again by hand.\nTo: %s\n"
                "Subject: %s\n\n%s",
                attempt,
                recipient,
                subject,
                body,
            )
            return False
        logger.warning("E-mail to %s failed (attempt %s); it will be retried.", recipient, attempt)
        retry = send_email
        if retry.get_backend().supports_defer:
            delay = EMAIL_RETRY_DELAY * 2 ** (attempt - 1)
            retry = retry.using(run_after=timezone.now() + delay)
        retry.enqueue(subject=subject, body=body, recipient=recipient, attempt=attempt + 1)
        return False
    return True
