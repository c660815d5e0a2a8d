"""What every page costs before its own work: a rule that says no is not asked again of the
database's model permissions, and the staff's count of registrations awaiting approval is
cached until a registration changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import selectors
from tests.factories import EnterpriseMemberFactory, RegistrationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_a_rule_that_says_no_reads_no_model_permissions():
    member = EnterpriseMemberFactory()
    member = type(member).objects.get(pk=member.pk)  # no permission cache yet

    with CaptureQueriesContext(connection) as queries:
        assert not member.has_perm("brands.view_brand_list")

    assert not [q for q in queries.captured_queries if "auth_permission" in q["sql"]]


def test_admin_permissions_that_no_rule_defines_still_come_from_the_database():
    from rules.permissions import perm_exists

    assert not perm_exists("portal.add_region")
    staff = StaffFactory()  # the staff group holds the admin's model permissions
    member = EnterpriseMemberFactory()

    assert staff.has_perm("portal.add_region") is True
    assert member.has_perm("portal.add_region") is False


def test_pending_count_is_cached_until_a_registration_changes(client):
    staff = StaffFactory()
    client.force_login(staff)
    registration = RegistrationFactory()
    assert selectors.pending_registration_count() == 1

    with CaptureQueriesContext(connection) as queries:
        selectors.pending_registration_count()
    assert len(queries) == 0

    registration.status = "approved"
    registration.save()
    assert selectors.pending_registration_count() == 0
    RegistrationFactory()
    page = client.get(reverse("portal:home"))
    assert page.context["pending_registration_count"] == 1
