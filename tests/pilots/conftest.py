import pytest

from pilots.enums import PilotStatus
from tests.pilots.factories import (
    ActivityFactory,
    PhotoFactory,
    PilotDocumentFactory,
    PilotProjectFactory,
    PilotStandardFactory,
)


@pytest.fixture
def pilot(organization):
    """An approved pilot led by ``organization`` (the ``member`` fixture's organization)."""
    return PilotProjectFactory(lead_organization=organization, status=PilotStatus.APPROVED)


@pytest.fixture
def pilot_objects(pilot):
    """One of everything that hangs off ``pilot``."""
    activity = ActivityFactory(pilot=pilot)
    return {
        "pilot": pilot,
        "entry": PilotStandardFactory(pilot=pilot),
        "activity": activity,
        "photo": PhotoFactory(activity=activity),
        "document": PilotDocumentFactory(pilot=pilot),
    }


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
