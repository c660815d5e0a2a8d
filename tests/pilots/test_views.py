"""Pilot pages: lists, moves, the form, history."""

import datetime

import pytest
from django.urls import reverse

from pilots import services
from pilots.enums import PilotStatus
from pilots.models import PilotProject
from tests.factories import OrganizationFactory, StaffFactory, region
from tests.pilots.factories import (
    ActivityFactory,
    PilotProjectFactory,
    PilotStandardFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def names(response):
    return sorted(pilot.name for pilot in response.context["object_list"])


def test_pilot_list_filters(staff_client):
    PilotProjectFactory(
        name="油茶示范区",
        category="agricultural_zone",
        level="national",
        approval_date=datetime.date(2011, 12, 1),
        status="passed",
    )
    PilotProjectFactory(
        name="政务服务试点",
        category="administrative_service_pilot",
        level="municipal",
        approval_date=datetime.date(2013, 6, 1),
    )
    url = reverse("pilots:pilot-list")

    assert names(staff_client.get(url, {"q": "油茶"})) == ["油茶示范区"]
    assert names(staff_client.get(url, {"category": "administrative_service_pilot"})) == [
        "政务服务试点"
    ]
    assert names(staff_client.get(url, {"level": "national"})) == ["油茶示范区"]
    assert names(staff_client.get(url, {"status": "passed"})) == ["油茶示范区"]
    assert names(staff_client.get(url, {"year": "2013"})) == ["政务服务试点"]
    assert names(staff_client.get(url, {"region": region("421200").pk})) == [
        "政务服务试点",
        "油茶示范区",
    ]


def test_pilot_list_sorts_by_name(staff_client):
    PilotProjectFactory(name="B")
    PilotProjectFactory(name="A")
    response = staff_client.get(reverse("pilots:pilot-list"), {"sort": "name"})
    assert [pilot.name for pilot in response.context["object_list"]] == ["A", "B"]


@pytest.mark.parametrize("rows", [1, 6])
def test_pilot_list_query_count(staff_client, django_assert_num_queries, rows):
    PilotProjectFactory.create_batch(rows, approval_date=datetime.date(2012, 1, 1))
    # session, user, groups, pending registrations, count, page,
    # region choices, approval years, unread notifications
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("pilots:pilot-list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_standard_list_query_count(staff_client, django_assert_num_queries, rows):
    for standard in StandardFactory.create_batch(rows):
        PilotStandardFactory(standard=standard)
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("pilots:standard-list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_activity_list_query_count(staff_client, django_assert_num_queries, rows):
    ActivityFactory.create_batch(rows)
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("pilots:activity-list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_public_list_query_count(client, django_assert_num_queries, rows):
    PilotProjectFactory.create_batch(rows, status=PilotStatus.PASSED)
    PilotProjectFactory(status=PilotStatus.DECLARED)
    with django_assert_num_queries(2):
        response = client.get(reverse("pilots:public-pilot-list"))
    assert len(response.context["object_list"]) == rows


def test_detail_offers_exactly_the_legal_moves(staff_client):
    pilot = PilotProjectFactory(status=PilotStatus.ACCEPTANCE_REQUESTED)
    response = staff_client.get(pilot.get_absolute_url())
    assert [status for status, _label in response.context["moves"]] == ["passed", "failed"]
    content = response.content.decode()
    assert reverse("pilots:pilot-move", args=[pilot.pk, "passed"]) in content
    assert reverse("pilots:pilot-move", args=[pilot.pk, "revoked"]) not in content


def test_detail_offers_member_no_moves(client, member, pilot):
    client.force_login(member)
    response = client.get(pilot.get_absolute_url())
    assert response.context["moves"] == []
    assert (
        reverse("pilots:pilot-move", args=[pilot.pk, "in_progress"])
        not in response.content.decode()
    )


def test_move_page_posts_the_move(staff_client, pilot):
    url = reverse("pilots:pilot-move", args=[pilot.pk, "in_progress"])
    response = staff_client.post(url, {"occurred_on": "2012-01-10", "comment": "实施方案已定"})
    pilot.refresh_from_db()
    assert response.url == pilot.get_absolute_url()
    assert pilot.status == "in_progress"
    assert pilot.transitions.get().occurred_on == datetime.date(2012, 1, 10)


def test_illegal_move_is_refused_with_a_message(staff_client, pilot):
    url = reverse("pilots:pilot-move", args=[pilot.pk, "passed"])
    response = staff_client.post(url, {"occurred_on": "2012-01-10"}, follow=True)
    pilot.refresh_from_db()
    assert pilot.status == "approved"
    assert [str(m) for m in response.context["messages"]] == ["无法从“已批准”变更为“已通过验收”。"]


def test_move_with_future_date_keeps_the_form(staff_client, pilot):
    url = reverse("pilots:pilot-move", args=[pilot.pk, "in_progress"])
    response = staff_client.post(url, {"occurred_on": "2999-01-01", "comment": "写了一半"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"occurred_on": ["日期不能晚于今天。"]}
    assert response.context["form"]["comment"].value() == "写了一半"


def test_activity_totals_per_year(staff_client, pilot):
    ActivityFactory(
        pilot=pilot,
        kind="training",
        date=datetime.date(2012, 3, 15),
        participants_count=120,
        materials_count=200,
    )
    ActivityFactory(
        pilot=pilot,
        kind="outreach",
        date=datetime.date(2012, 7, 8),
        participants_count=80,
        materials_count=150,
    )
    ActivityFactory(
        pilot=pilot,
        kind="training",
        date=datetime.date(2013, 3, 20),
        participants_count=100,
        materials_count=150,
    )
    totals = staff_client.get(pilot.get_absolute_url()).context["totals"]
    assert totals["per_year"] == [
        {"year": 2012, "activities": 2, "trainings": 1, "participants": 200, "materials": 350},
        {"year": 2013, "activities": 1, "trainings": 1, "participants": 100, "materials": 150},
    ]
    assert totals["total"] == {
        "activities": 3,
        "trainings": 2,
        "participants": 300,
        "materials": 500,
    }


def test_create_pilot_through_the_form(staff_client):
    lead, other = OrganizationFactory(), OrganizationFactory()
    response = staff_client.post(
        reverse("pilots:pilot-create"),
        {
            "name": "茶叶种植示范区",
            "category": "agricultural_zone",
            "level": "municipal",
            "lead_organization": lead.pk,
            "participants": [other.pk],
            "region": region().pk,
            "declared_on": "2012-12-01",
            "approval_date": "2013-03-01",
            "planned_completion": "2015-12-31",
            "target_area_mu": "1200.5",
            "target_households": "300",
        },
    )
    pilot = PilotProject.objects.get()
    assert response.url == pilot.get_absolute_url()
    assert pilot.status == "declared"
    assert list(pilot.participants.all()) == [other]
    assert pilot.transitions.get().occurred_on == datetime.date(2012, 12, 1)
    # A declared pilot has no approval date: the approve move will set it.
    assert pilot.approval_date is None


def test_create_pilot_with_errors_keeps_input(staff_client):
    lead = OrganizationFactory()
    response = staff_client.post(
        reverse("pilots:pilot-create"),
        {
            "name": "茶叶种植示范区",
            "category": "agricultural_zone",
            "level": "municipal",
            "lead_organization": lead.pk,
            "participants": [lead.pk],
            "region": region().pk,
            "declared_on": "2015-01-01",
            "approval_date": "2015-03-01",
            "planned_completion": "2013-12-31",
        },
    )
    form = response.context["form"]
    assert set(form.errors) == {"participants", "planned_completion"}
    assert form["name"].value() == "茶叶种植示范区"
    assert PilotProject.objects.count() == 0


def test_organization_page_lists_its_pilots(staff_client, pilot):
    other = PilotProjectFactory(name="参与的示范区", status=PilotStatus.IN_PROGRESS)
    other.participants.add(pilot.lead_organization)
    PilotProjectFactory(name="无关的示范区")
    response = staff_client.get(pilot.lead_organization.get_absolute_url())
    section = dict(response.context["sections"])["pilots/_organization_pilots.html"]
    assert sorted(p.name for p in section["pilots"]) == sorted([pilot.name, "参与的示范区"])


def test_move_form_refuses_a_date_before_the_previous_step(staff_client, pilot):
    from pilots import services as pilot_services

    pilot.status = "declared"
    pilot.save()
    pilot_services.set_pilot_state(
        pilot=pilot,
        target="approved",
        actor=StaffFactory(),
        occurred_on=datetime.date(2013, 4, 1),
    )
    url = reverse("pilots:pilot-move", args=[pilot.pk, "in_progress"])
    response = staff_client.post(url, {"occurred_on": "2013-03-01", "comment": "补录"})
    assert response.context["form"].errors == {
        "occurred_on": ["日期不能早于上一步（2013-04-01）。"]
    }
    assert response.context["form"]["comment"].value() == "补录"


def test_pilot_history_shows_status_changes_by_label_and_dates_as_iso(staff_client, staff_user):
    pilot = services.create_pilot(
        pilot=PilotProjectFactory.build(lead_organization=OrganizationFactory()),
        participants=[],
        actor=staff_user,
        declared_on=datetime.date(2013, 1, 5),
    )
    services.set_pilot_state(
        pilot=pilot,
        target=PilotStatus.APPROVED,
        actor=staff_user,
        occurred_on=datetime.date(2013, 3, 20),
    )

    response = staff_client.get(reverse("pilots:pilot-history", args=[pilot.pk]))

    changes = [
        [(change.label, change.old, change.new) for change in record.changes]
        for record in response.context["records"]
    ]
    assert changes == [
        [("批准日期", "", "2013-03-20"), ("状态", "已申报", "已批准")],
        [],
    ]


def test_pilot_edit_page_title_names_the_pilot(staff_client, english):
    pilot = PilotProjectFactory(name="油茶栽培示范区")

    response = staff_client.get(reverse("pilots:pilot-edit", args=[pilot.pk]))

    assert response.content.decode().count("<title>Edit pilot · 油茶栽培示范区 · ") == 1


def test_pilot_page_shows_the_latest_activities_and_photos_and_the_rest_on_request(
    staff_client, pilot
):
    from pilots.views.pilots import SECTION_PREVIEW
    from tests.pilots.factories import ActivityFactory, PhotoFactory

    activities = ActivityFactory.create_batch(SECTION_PREVIEW + 3, pilot=pilot)
    for activity in activities:
        PhotoFactory(activity=activity)

    page = staff_client.get(pilot.get_absolute_url())
    everything = staff_client.get(pilot.get_absolute_url(), {"show": ["activities", "photos"]})

    assert len(page.context["activities"]) == SECTION_PREVIEW
    assert len(page.context["photos"]) == SECTION_PREVIEW
    assert "?show=activities" in page.content.decode()
    assert "?show=photos" in page.content.decode()
    assert len(everything.context["activities"]) == SECTION_PREVIEW + 3
    assert len(everything.context["photos"]) == SECTION_PREVIEW + 3
    assert "Show all activities" not in everything.content.decode()
    assert "显示全部活动" not in everything.content.decode()
