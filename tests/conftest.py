import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import (
    EnterpriseMemberFactory,
    OrganizationFactory,
    ReviewerFactory,
    StaffFactory,
)


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Tests see the default language (Simplified Chinese) unless they choose another."""
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def staff_user(db):
    return StaffFactory()


@pytest.fixture
def organization(db):
    return OrganizationFactory()


@pytest.fixture
def member(organization):
    """An enterprise member of ``organization``."""
    return EnterpriseMemberFactory(membership__organization=organization)


@pytest.fixture
def other_member(db):
    """An enterprise member of some other organization."""
    return EnterpriseMemberFactory()


@pytest.fixture
def reviewer(db):
    return ReviewerFactory()


@pytest.fixture
def users(staff_user, member, other_member, reviewer):
    """One user per role, by the names the permission matrices use."""
    return {
        "anonymous": None,
        "staff": staff_user,
        "member": member,
        "other_member": other_member,
        "reviewer": reviewer,
    }


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client logged in as ``user`` (or anonymous for None)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session", autouse=True)
def _database_left_as_migrated(django_db_setup, django_db_blocker):
    """Leave the test database holding what the migrations load (regions, roles, shipped
    scoring templates) when the session ends.

    Transactional tests (threads, migrations, browsers) flush the whole database when they
    end, and a serialized rollback restores it only at the start of the next such test. The
    last one of a run leaves the database empty, and a later run with ``--reuse-db`` would
    start without regions; so the contents serialized after the migrations go back in here.
    """
    yield
    contents = getattr(connection, "_test_serialized_contents", None)
    if not contents:
        return
    from portal.models import Region

    with django_db_blocker.unblock():
        if not Region.objects.exists():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            connection.creation.deserialize_db_from_string(contents)
