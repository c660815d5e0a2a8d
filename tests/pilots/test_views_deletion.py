"""Deleting pilots, standards and organizations: what holds them back is said first."""

import datetime

import pytest
from django.urls import reverse

from pilots.enums import PilotStatus
from pilots.models import PilotProject
from tests.factories import OrganizationFactory
from tests.pilots.factories import (
    AcceptanceReviewFactory,
    ActivityFactory,
    PilotDocumentFactory,
    PilotProjectFactory,
    PilotStandardFactory,
    PilotTransitionFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def test_pilot_delete_page_lists_what_goes_with_it(staff_client, english):
    pilot = PilotProjectFactory()
    PilotTransitionFactory(pilot=pilot)
    PilotStandardFactory(pilot=pilot)
    PilotDocumentFactory.create_batch(2, pilot=pilot)
    ActivityFactory(pilot=pilot)

    response = staff_client.get(reverse("pilots:pilot-delete", args=[pilot.pk]))

    assert response.context["can_delete"] is True
    assert response.context["parts"] == {
        "transitions": 1,
        "system_entries": 1,
        "documents": 2,
        "activities": 1,
    }
    content = response.content.decode()
    for text in [
        "1 entry of its standard system (the standard itself stays in the register)",
        "2 documents, with their files",
        "its timeline (1 record)",
        "1 activity is kept, without the link to it.",
        "Yes, delete it",
    ]:
        assert text in content


def test_pilot_delete_by_staff_removes_it(staff_client):
    pilot = PilotProjectFactory()
    response = staff_client.post(reverse("pilots:pilot-delete", args=[pilot.pk]))
    assert response.url == reverse("pilots:pilot-list")
    assert PilotProject.objects.filter(pk=pilot.pk).exists() is False


def test_pilot_with_a_review_delete_page_says_why_before_anything_is_confirmed(
    staff_client, english
):
    review = AcceptanceReviewFactory()
    url = reverse("pilots:pilot-delete", args=[review.pilot.pk])

    response = staff_client.get(url)

    assert response.status_code == 200
    assert response.context["can_delete"] is False
    assert [
        (group.label, group.count, group.records) for group in response.context["references"]
    ] == [("Acceptance reviews", 1, [review])]
    content = response.content.decode()
    assert "This pilot cannot be deleted" in content
    assert review.get_absolute_url() in content
    assert "Yes, delete it" not in content
    assert 'method="post"' not in content.split("<main", 1)[-1]
    # Its acceptance is requested: no move takes it out of the register yet.
    assert response.context["can_revoke"] is False
    assert reverse("pilots:pilot-move", args=[review.pilot.pk, "revoked"]) not in content


def test_passed_pilot_delete_page_offers_the_revoke_move(staff_client, english):
    pilot = PilotProjectFactory(status=PilotStatus.PASSED)
    PilotTransitionFactory(
        pilot=pilot,
        from_status="acceptance_requested",
        to_status="passed",
        occurred_on=datetime.date(2010, 10, 28),
    )

    response = staff_client.get(reverse("pilots:pilot-delete", args=[pilot.pk]))

    assert response.context["can_delete"] is False
    assert [record.occurred_on for record in response.context["decisions"]] == [
        datetime.date(2010, 10, 28)
    ]
    content = response.content.decode()
    assert "2010-10-28 Passed" in content
    assert reverse("pilots:pilot-move", args=[pilot.pk, "revoked"]) in content
    assert "Yes, delete it" not in content


def test_pilot_delete_post_is_refused_while_a_review_refers_to_it(staff_client, english):
    review = AcceptanceReviewFactory()
    url = reverse("pilots:pilot-delete", args=[review.pilot.pk])

    response = staff_client.post(url, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert PilotProject.objects.filter(pk=review.pilot.pk).exists() is True
    assert [str(message) for message in response.context["messages"]] == [
        f"{review.pilot.name} cannot be deleted: what holds it back is listed below."
    ]


def test_pilot_detail_offers_delete_only_when_nothing_holds_it(staff_client):
    free = PilotProjectFactory()
    held = AcceptanceReviewFactory().pilot
    decided = PilotProjectFactory(status=PilotStatus.PASSED)
    PilotTransitionFactory(pilot=decided, to_status="passed")

    offered = {
        pilot.name: reverse("pilots:pilot-delete", args=[pilot.pk])
        in staff_client.get(pilot.get_absolute_url()).content.decode()
        for pilot in (free, held, decided)
    }

    assert offered == {free.name: True, held.name: False, decided.name: False}


def test_standard_delete_page_lists_the_pilots_using_it(staff_client, english):
    entry = PilotStandardFactory()
    newer = StandardFactory()
    StandardFactory(superseded_by=entry.standard, status="superseded")
    url = reverse("pilots:standard-delete", args=[entry.standard.pk])

    response = staff_client.get(url)

    assert response.context["can_delete"] is False
    assert [(group.label, group.count) for group in response.context["references"]] == [
        ("Standards (superseded by)", 1),
        ("Standards of pilots' systems", 1),
    ]
    content = response.content.decode()
    assert "This standard cannot be deleted" in content
    assert reverse("pilots:standard-edit", args=[entry.standard.pk]) in content
    assert "Yes, delete it" not in content
    assert (
        staff_client.get(reverse("pilots:standard-delete", args=[newer.pk])).context["can_delete"]
        is True
    )


def test_standard_superseding_another_is_not_deleted(staff_client):
    newer = StandardFactory()
    older = StandardFactory(superseded_by=newer, status="superseded")

    staff_client.post(reverse("pilots:standard-delete", args=[newer.pk]))

    older.refresh_from_db()
    assert older.superseded_by == newer


def test_standard_detail_offers_delete_only_when_unused(staff_client):
    used, unused = PilotStandardFactory().standard, StandardFactory()
    offered = {
        standard.pk: reverse("pilots:standard-delete", args=[standard.pk])
        in staff_client.get(standard.get_absolute_url()).content.decode()
        for standard in (used, unused)
    }
    assert offered == {used.pk: False, unused.pk: True}


def test_organization_taking_part_in_a_pilot_is_not_deleted(staff_client, english):
    pilot = PilotProjectFactory()
    participant = OrganizationFactory()
    pilot.participants.add(participant)
    url = reverse("portal:organization-delete", args=[participant.pk])

    page = staff_client.get(url)
    staff_client.post(url)

    assert [(group.label, group.records) for group in page.context["references"]] == [
        ("Pilot projects (participating organizations)", [pilot])
    ]
    assert list(pilot.participants.all()) == [participant]


def test_organization_leading_a_pilot_lists_it_before_anything_is_confirmed(staff_client, english):
    pilot = PilotProjectFactory()
    review = AcceptanceReviewFactory(organizer=pilot.lead_organization)

    page = staff_client.get(
        reverse("portal:organization-delete", args=[pilot.lead_organization.pk])
    )

    assert [(group.label, group.count) for group in page.context["references"]] == [
        ("Pilot projects (lead organization)", 1),
        ("Acceptance reviews", 1),
    ]
    assert review.get_absolute_url() in page.content.decode()
