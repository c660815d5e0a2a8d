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
def _empty_cache():
    """Each test starts with an empty cache (counts cached by an earlier test are stale)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A reused test database (``--reuse-db``) holds what the migrations load again.

    Transactional tests (threads, migrations, browsers) flush the whole database when they end,
    and a serialized rollback puts its contents back only at the start of the next such test;
    the last one of a run leaves the database empty, so the next run with ``--reuse-db`` would
    start without the regions, roles and shipped templates the migrations load. When that is
    so, the migrations run again and the contents are serialized anew.
    """
    from portal.models import Region

    with django_db_blocker.unblock():
        if not Region.objects.exists():
            call_command("migrate", "portal", "zero", verbosity=0, interactive=False)
            call_command("migrate", verbosity=0, interactive=False)
            if getattr(connection, "_test_serialized_contents", None) is not None:
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
