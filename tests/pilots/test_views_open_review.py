"""One open acceptance review per pilot."""

import datetime

import pytest
from django.urls import reverse

from pilots import services
from pilots.enums import PilotStatus
from tests.factories import StaffFactory
from tests.pilots.factories import (
    AcceptanceReviewFactory,
    PilotProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_detail_offers_no_result_moves_nor_a_second_review_while_one_is_open(staff_client):
    review = AcceptanceReviewFactory()
    response = staff_client.get(review.pilot.get_absolute_url())

    assert response.context["moves"] == []
    assert response.context["can_schedule_review"] is False
    assert response.context["open_review"] == review
    content = response.content.decode()
    assert reverse("pilots:pilot-move", args=[review.pilot.pk, "passed"]) not in content
    assert reverse("pilots:review-schedule", args=[review.pilot.pk]) not in content
    assert "data-open-review" in content


def test_detail_offers_a_review_once_the_acceptance_is_requested(staff_client):
    pilot = PilotProjectFactory(status=PilotStatus.ACCEPTANCE_REQUESTED)
    response = staff_client.get(pilot.get_absolute_url())
    assert response.context["can_schedule_review"] is True
    assert reverse("pilots:review-schedule", args=[pilot.pk]) in response.content.decode()


@pytest.mark.parametrize("target", ["passed", "failed"])
def test_move_page_for_a_result_points_to_the_open_review(staff_client, english, target):
    review = AcceptanceReviewFactory(scheduled_for=datetime.date(2013, 9, 20))
    url = reverse("pilots:pilot-move", args=[review.pilot.pk, target])

    response = staff_client.get(url)

    assert (response.context["allowed"], response.context["open_review"]) == (False, review)
    content = response.content.decode()
    assert "The acceptance review of 2013-09-20 is open" in content
    assert review.get_absolute_url() in content
    assert 'name="occurred_on"' not in content


def test_move_post_for_a_result_is_refused_while_a_review_is_open(staff_client, english):
    review = AcceptanceReviewFactory(scheduled_for=datetime.date(2013, 9, 20))
    url = reverse("pilots:pilot-move", args=[review.pilot.pk, "passed"])

    response = staff_client.post(url, {"occurred_on": "2013-09-20"}, follow=True)

    review.pilot.refresh_from_db()
    assert review.pilot.status == "acceptance_requested"
    assert [str(message) for message in response.context["messages"]] == [
        "The acceptance review of 2013-09-20 is open: the pilot's result comes from its "
        "conclusion, not from a move."
    ]


def test_schedule_page_says_a_review_is_open_instead_of_a_form(staff_client, english):
    review = AcceptanceReviewFactory(scheduled_for=datetime.date(2013, 9, 20))

    response = staff_client.get(reverse("pilots:review-schedule", args=[review.pilot.pk]))

    assert response.context["open_review"] == review
    content = response.content.decode()
    assert "The acceptance review of 2013-09-20 is still open" in content
    assert 'name="scheduled_for"' not in content


def test_schedule_form_refuses_a_date_before_the_acceptance_request(staff_client, english):
    pilot = PilotProjectFactory(status=PilotStatus.IN_PROGRESS)
    services.set_pilot_state(
        pilot=pilot,
        target=PilotStatus.ACCEPTANCE_REQUESTED,
        actor=StaffFactory(),
        occurred_on=datetime.date(2013, 9, 1),
    )

    response = staff_client.post(
        reverse("pilots:review-schedule", args=[pilot.pk]), {"scheduled_for": "2013-08-31"}
    )

    assert response.context["form"].errors["scheduled_for"] == [
        "The review cannot be dated before the acceptance request (2013-09-01)."
    ]
