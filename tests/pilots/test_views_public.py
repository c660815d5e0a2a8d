"""Public pilot pages and the public home page."""

import datetime

import pytest
from django.urls import reverse

from pilots.enums import PilotStatus
from tests.factories import StaffFactory
from tests.pilots.factories import (
    PilotProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_public_detail_shows_no_internal_fields(client):
    pilot = PilotProjectFactory(
        status=PilotStatus.PASSED, approval_document="鄂质监标发〔2011〕12号", batch="第七批"
    )
    content = client.get(reverse("pilots:public-pilot-detail", args=[pilot.pk])).content.decode()
    assert pilot.name in content
    assert "鄂质监标发" not in content
    assert "第七批" not in content


def test_public_home_counts_pilots_and_lists_recent_passes(client):
    from pilots import services as pilot_services

    staff = StaffFactory()
    older = PilotProjectFactory(
        name="较早通过", status=PilotStatus.ACCEPTANCE_REQUESTED, level="national"
    )
    newer = PilotProjectFactory(
        name="最近通过", status=PilotStatus.ACCEPTANCE_REQUESTED, level="municipal"
    )
    pilot_services.set_pilot_state(
        pilot=older, target="passed", actor=staff, occurred_on=datetime.date(2010, 10, 1)
    )
    pilot_services.set_pilot_state(
        pilot=newer, target="passed", actor=staff, occurred_on=datetime.date(2013, 9, 26)
    )
    PilotProjectFactory(status=PilotStatus.IN_PROGRESS, level="county")
    PilotProjectFactory(status=PilotStatus.DECLARED, level="national")

    response = client.get(reverse("portal:home"))

    assert response.context["public_stats"] == {"passed": 2, "building": 1, "national": 1}
    assert [pilot.name for pilot in response.context["recently_passed"]] == ["最近通过", "较早通过"]
