"""An enterprise member's pilots page and what their pilot page offers them."""

import pytest
from django.urls import reverse

from pilots.enums import PilotStatus
from tests.pilots.factories import (
    PilotProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_enterprise_pilot_list_separates_own_and_published_pilots(member_client, organization):
    led = PilotProjectFactory(name="本单位申报中的示范区", lead_organization=organization)
    joined = PilotProjectFactory(name="本单位参与的示范区", status=PilotStatus.IN_PROGRESS)
    joined.participants.add(organization)
    published = PilotProjectFactory(name="别人已通过的示范区", status=PilotStatus.PASSED)
    PilotProjectFactory(name="别人申报中的示范区")

    response = member_client.get(reverse("pilots:pilot-list"))

    assert sorted(pilot.name for pilot in response.context["own_pilots"]) == [
        "本单位参与的示范区",
        "本单位申报中的示范区",
    ]
    assert list(response.context["object_list"]) == [published]
    assert "filter" not in response.context
    content = response.content.decode()
    assert f'href="{led.get_absolute_url()}"' in content
    assert f'href="{reverse("pilots:public-pilot-detail", args=[published.pk])}"' in content
    assert f'href="{published.get_absolute_url()}"' not in content
    assert "别人申报中的示范区" not in content
    assert reverse("pilots:pilot-create") not in content


def test_enterprise_pilot_list_when_empty_says_how_to_declare_a_pilot(member_client, english):
    content = member_client.get(reverse("pilots:pilot-list")).content.decode()

    assert "Your organization has no pilot in the register yet." in content
    assert "To declare a pilot project or demonstration zone, contact" in content
    assert "No other organization's pilot has been published yet." in content
    assert "once they are entered" not in content


@pytest.mark.parametrize("rows", [1, 6])
def test_enterprise_pilot_list_query_count(
    member_client, organization, django_assert_num_queries, rows
):
    for _ in range(rows):
        PilotProjectFactory(lead_organization=organization)
        PilotProjectFactory(status=PilotStatus.PASSED)
    # session, user, groups, membership, organization, published count,
    # own pilots, published page, unread notifications
    with django_assert_num_queries(9):
        response = member_client.get(reverse("pilots:pilot-list"))
    assert (len(response.context["own_pilots"]), len(response.context["object_list"])) == (
        rows,
        rows,
    )


def test_pilot_page_tells_a_member_who_attaches_documents_and_photos(member_client, pilot, english):
    content = member_client.get(pilot.get_absolute_url()).content.decode()

    assert "The bureau attaches the pilot's plans" in content
    assert "belong here" not in content
    assert reverse("pilots:document-upload", args=[pilot.pk]) not in content
    assert "No photos yet." in content
    assert "Photos are uploaded on an activity's page." not in content


def test_pilot_page_invites_staff_to_attach_documents_and_photos(staff_client, pilot, english):
    content = staff_client.get(pilot.get_absolute_url()).content.decode()

    assert "plans, implementation schemes and reports belong here." in content
    assert reverse("pilots:document-upload", args=[pilot.pk]) in content
    assert "Photos are uploaded on an activity's page." in content
