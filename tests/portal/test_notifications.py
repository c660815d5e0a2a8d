import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from portal import notifications
from portal.models import Registration
from tests.factories import RegistrationFactory, StaffFactory
from tests.portal.test_views_public import registration_data

pytestmark = pytest.mark.django_db

CONTROL_CHARACTER_MESSAGE = (
    "Enter this on a single line, without line breaks, tabs or other invisible control "
    "characters (found U+000D)."
)


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that refuses everything, whatever ``fail_silently`` says."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingFirstEmailBackend(BaseEmailBackend):
    """A mail server that refuses first@example.com and delivers the rest to the outbox."""

    def send_messages(self, email_messages):
        if email_messages[0].to == ["first@example.com"]:
            raise smtplib.SMTPRecipientsRefused({"first@example.com": (550, b"No such user")})
        mail.outbox.extend(email_messages)
        return len(email_messages)


def test_registration_form_refuses_line_break_in_organization_name(client):
    response = client.post(
        reverse("portal:register"),
        registration_data(**{"organization-name": "通城县茶叶\r\n有限公司"}),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response.context["organization_form"].errors == {"name": [CONTROL_CHARACTER_MESSAGE]}
    assert Registration.objects.exists() is False


def test_registration_subject_is_one_line_and_not_html_escaped(
    django_capture_on_commit_callbacks,
):
    StaffFactory(email="clerk@example.com")
    registration = RegistrationFactory(organization_name="A&B <茶>\r\nBcc: x@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_staff_of_registration(registration)

    assert [message.subject for message in mail.outbox] == [
        "新的企业注册申请：A&B <茶> Bcc: x@example.com"
    ]


def test_registration_survives_a_mail_server_failure_and_logs_the_message(
    client, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.portal.test_notifications.FailingEmailBackend"
    StaffFactory(email="clerk@example.com")

    with (
        caplog.at_level(logging.ERROR, logger="portal.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("portal:register"), registration_data())

    assert response.status_code == 302
    assert response.url == reverse("portal:register-done")
    assert Registration.objects.count() == 1
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert "clerk@example.com" in record.getMessage()
    assert "新的企业注册申请：通城县新茶叶有限公司" in record.getMessage()


def test_one_refused_message_does_not_stop_the_others(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.portal.test_notifications.RefusingFirstEmailBackend"
    users = [StaffFactory(email="first@example.com"), StaffFactory(email="second@example.com")]

    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_users(users, "sheet_reopened", {"reason": "补充说明"})

    assert [message.to for message in mail.outbox] == [["second@example.com"]]
    # Retried, then given up and logged with the whole message.
    assert [r.levelno for r in caplog.records if r.name == "portal.notifications"] == [
        logging.WARNING
    ] * 4 + [logging.ERROR]


class FlakyEmailBackend(BaseEmailBackend):
    """A mail server that fails the first time it is asked, then delivers."""

    calls = 0

    def send_messages(self, email_messages):
        FlakyEmailBackend.calls += 1
        if FlakyEmailBackend.calls == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        mail.outbox.extend(email_messages)
        return len(email_messages)


def test_a_message_that_fails_once_is_retried_and_delivered(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.portal.test_notifications.FlakyEmailBackend"
    FlakyEmailBackend.calls = 0
    user = StaffFactory(email="clerk@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_users([user], "sheet_reopened", {"reason": "补充说明"})

    assert [message.to for message in mail.outbox] == [["clerk@example.com"]]
    assert [r.levelno for r in caplog.records if r.name == "portal.notifications"] == [
        logging.WARNING
    ]


def test_notify_users_leaves_a_notification_in_each_language_for_active_users(
    django_capture_on_commit_callbacks,
):
    from portal.models import Notification

    active, inactive = StaffFactory(), StaffFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_users(
            [active, inactive], "sheet_reopened", {"reason": "补充说明", "path": "/sheets/1/"}
        )

    [notification] = Notification.objects.all()
    assert (notification.recipient, notification.kind, notification.path) == (
        active,
        "sheet_reopened",
        "/sheets/1/",
    )
    assert notification.titles == {
        "zh-hans": "您的评分表已被退回",
        "en": "Your score sheet has been reopened",
    }


def test_nothing_is_sent_or_left_when_the_action_rolls_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    from portal.models import Notification

    user = StaffFactory(email="clerk@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notifications.notify_users([user], "sheet_reopened", {"reason": "x"})
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass

    assert (Notification.objects.count(), len(mail.outbox)) == (0, 0)
