"""Logging in and staying logged in: deactivated accounts, lock-out, the login form."""

import json
import logging
import sys

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from portal import rules as portal_rules
from portal.log import ShortForbiddenFilter
from portal.models import User
from tests.factories import (
    PASSWORD,
    EnterpriseMemberFactory,
    ReviewerFactory,
    StaffFactory,
    UserFactory,
)
from tests.portal.test_settings import manage

pytestmark = pytest.mark.django_db


def log_in(client, user):
    """Log in through the login page, as a browser does (the backend it records is the real one)."""
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


# --- deactivated accounts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "url_name"),
    [(StaffFactory, "portal:organization-list"), (ReviewerFactory, "scoring:template-list")],
)
def test_deactivated_account_is_logged_out_on_its_next_request(client, factory, url_name):
    user = factory()
    log_in(client, user)
    url = reverse(url_name)
    assert client.get(url).status_code == 200

    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=" + url


def test_deactivated_account_sees_the_anonymous_home_page(client):
    user = StaffFactory()
    log_in(client, user)
    User.objects.filter(pk=user.pk).update(is_active=False)

    response = client.get(reverse("portal:home"))

    assert response.context["user"].is_authenticated is False


@pytest.mark.parametrize(
    ("predicate", "factory"),
    [
        (portal_rules.is_bureau_staff, StaffFactory),
        (portal_rules.is_enterprise_member, EnterpriseMemberFactory),
        (portal_rules.is_reviewer, ReviewerFactory),
        (portal_rules.has_organization, EnterpriseMemberFactory),
    ],
)
def test_role_predicates_refuse_inactive_users(predicate, factory):
    active, inactive = factory(), factory(is_active=False)
    assert (predicate(active), predicate(inactive)) == (True, False)


def test_is_member_of_refuses_inactive_member():
    active, inactive = EnterpriseMemberFactory(), EnterpriseMemberFactory(is_active=False)
    assert portal_rules.is_member_of(active, active.membership.organization) is True
    assert portal_rules.is_member_of(inactive, inactive.membership.organization) is False


def test_inactive_superuser_is_not_bureau_staff():
    user = StaffFactory(role=None, is_superuser=True, is_active=False)
    assert portal_rules.is_bureau_staff(user) is False


def test_inactive_user_has_no_object_permission(organization):
    member = EnterpriseMemberFactory(membership__organization=organization, is_active=False)
    assert member.has_perm("portal.view_organization", organization) is False


# --- lock-out behind a reverse proxy --------------------------------------------------------

CLIENT_ADDRESS_SETTINGS = [
    "AXES_IPWARE_META_PRECEDENCE_ORDER",
    "AXES_IPWARE_PROXY_COUNT",
    "AXES_IPWARE_PROXY_ORDER",
    "IPWARE_STRICT",
]


def client_address_settings(**environment):
    """The settings deciding a client's address, as the settings module reads them from
    ``environment`` (in a fresh process, since they are read once at start-up)."""
    names = json.dumps(CLIENT_ADDRESS_SETTINGS)
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names}}}))",
        **environment,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def behind_one_proxy_settings():
    return client_address_settings(AXES_PROXY_COUNT="1")


@pytest.fixture
def behind_one_proxy(settings, behind_one_proxy_settings):
    for name, value in behind_one_proxy_settings.items():
        setattr(settings, name, value)


def fail_login(client, username, forwarded_for):
    """A wrong password, through the local reverse proxy, from ``forwarded_for``."""
    return client.post(
        reverse("login"),
        {"username": username, "password": "wrong"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def attempts():
    return sorted(AccessAttempt.objects.values_list("ip_address", "failures_since_start"))


def test_behind_a_proxy_failed_logins_count_per_client_address(client, behind_one_proxy):
    user = UserFactory()
    fail_login(client, user.username, "203.0.113.5")
    fail_login(client, user.username, "198.51.100.7")
    assert attempts() == [("198.51.100.7", 1), ("203.0.113.5", 1)]


def test_behind_a_proxy_lock_out_of_one_address_spares_another(client, settings, behind_one_proxy):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = fail_login(client, user.username, "203.0.113.5")
    assert response.status_code == 429

    response = client.post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_behind_a_proxy_the_client_cannot_choose_its_address(client, behind_one_proxy):
    """The proxy appends the address it sees; what the client wrote before it does not count."""
    user = UserFactory()
    fail_login(client, user.username, "192.0.2.99, 203.0.113.5")
    assert attempts() == [("203.0.113.5", 1)]


def test_without_a_proxy_x_forwarded_for_is_ignored(client):
    user = UserFactory()
    fail_login(client, user.username, "203.0.113.5")
    assert attempts() == [("127.0.0.1", 1)]


def test_proxy_count_defaults_to_none():
    assert client_address_settings()["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["REMOTE_ADDR"]


def test_negative_proxy_count_refuses_to_start():
    result = manage("check", AXES_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "AXES_PROXY_COUNT must be 0 or more." in result.stderr


# --- the login form -------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_login_refuses_an_overlong_username_before_counting_it(client, url_name):
    response = client.post(reverse(url_name), {"username": "a" * 300, "password": "wrong"})

    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["username"]] == [
        "max_length"
    ]
    assert AccessAttempt.objects.count() == 0


def test_login_with_the_longest_username_still_counts_a_failure(client):
    username = "a" * User._meta.get_field("username").max_length
    response = client.post(reverse("login"), {"username": username, "password": "wrong"})
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == username


# --- logging --------------------------------------------------------------------------------


def reached_handlers(record):
    """The handlers that would write ``record``, walking the loggers as logging does; pytest's
    own capturing handlers are left out."""
    handlers, logger = [], logging.getLogger(record.name)
    while logger is not None:
        handlers += [
            handler
            for handler in logger.handlers
            if not type(handler).__module__.startswith("_pytest")
            and record.levelno >= handler.level
            and handler.filter(record)
        ]
        logger = logger.parent if logger.propagate else None
    return handlers


def test_forbidden_request_logs_one_line_with_path_and_user(client_for, member, caplog):
    url = reverse("portal:organization-list")
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client_for(member).get(url)

    assert response.status_code == 403
    records = [record for record in caplog.records if record.name == "django.request"]
    assert [(record.levelname, record.getMessage()) for record in records] == [
        ("WARNING", f"Forbidden: {url} (user {member.pk})")
    ]
    assert (records[0].exc_info, records[0].exc_text) == (None, None)
    assert "Traceback" not in caplog.text


def test_forbidden_request_is_written_once_even_in_debug(client_for, member, caplog, settings):
    settings.DEBUG = True
    with caplog.at_level(logging.INFO, logger="django.request"):
        client_for(member).get(reverse("portal:organization-list"))

    (record,) = [record for record in caplog.records if record.name == "django.request"]
    assert len(reached_handlers(record)) == 1


def test_other_errors_keep_their_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/boom/",),
            sys.exc_info(),
        )
    record.status_code = 500

    assert ShortForbiddenFilter().filter(record) is True
    assert (record.getMessage(), record.exc_info[0]) == (
        "Internal Server Error: /boom/",
        ValueError,
    )
