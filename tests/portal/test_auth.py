"""Logging in and staying logged in: deactivated accounts, lock-out, the login form."""

import pytest
from django.urls import reverse

from portal import rules as portal_rules
from portal.models import User
from tests.factories import PASSWORD, EnterpriseMemberFactory, ReviewerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def log_in(client, user):
    """Log in through the login page, as a browser does (the backend it records is the real one)."""
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


# --- deactivated accounts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "url_name"),
    [(StaffFactory, "portal:organization-list"), (ReviewerFactory, "portal:template-list")],
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
