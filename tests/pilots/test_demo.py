import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from pilots import selectors
from pilots.models import PilotProject
from portal.models import User
from scoring.selectors import panel_events, template_leaves

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_seed_demo_loads_the_seven_pilots_of_the_report(seeded):
    pilots = {pilot.name: pilot for pilot in PilotProject.objects.all()}
    assert len(pilots) == 7
    camellia = pilots["油茶栽培国家级农业标准化示范区"]
    assert (camellia.level, camellia.status, camellia.lead_organization.name) == (
        "national",
        "passed",
        "黄袍山绿色产品有限公司",
    )
    assert selectors.date_of_status(camellia, "passed") == datetime.date(2013, 9, 26)
    centre = pilots["通城县人民政府政务服务中心服务标准化试点"]
    assert selectors.date_of_status(centre, "passed") == datetime.date(2014, 6, 25)
    jingangteng = pilots["金刚藤种植国家级农业标准化示范区"]
    assert selectors.date_of_status(jingangteng, "passed").year == 2010


def test_seed_demo_camellia_zone_covers_the_whole_process(seeded):
    camellia = PilotProject.objects.get(name="油茶栽培国家级农业标准化示范区")
    groups, missing = selectors.pilot_standard_system(camellia)
    assert missing == []
    titles = {entry.standard.title for group in groups for entry in group.entries}
    assert {"油茶栽培技术规程", "油茶籽质量验收规范"} <= titles
    assert all(entry.standard.is_sample for group in groups for entry in group.entries)


def test_seed_demo_camellia_activities_add_up_to_the_report(seeded):
    camellia = PilotProject.objects.get(name="油茶栽培国家级农业标准化示范区")
    total = selectors.activity_totals(camellia)["total"]
    assert (total["participants"], total["materials"]) == (300, 500)


def test_seed_demo_twice_adds_no_pilots(seeded):
    call_command("seed_demo", stdout=StringIO())
    assert PilotProject.objects.count() == 7


def test_seed_demo_camellia_review_gives_95_47(seeded):
    from decimal import Decimal

    camellia = PilotProject.objects.get(name="油茶栽培国家级农业标准化示范区")
    review = camellia.reviews.get()
    assert (review.scheduled_for, review.panel.score, review.panel.passed) == (
        datetime.date(2013, 9, 26),
        Decimal("95.47"),
        True,
    )
    assert review.organizer.name == "湖北省质量技术监督局"
    assert review.methods == [
        "video",
        "report_hearing",
        "record_check",
        "base_visit",
        "household_visits",
    ]
    assert review.panel.members.filter(sheet__status="submitted").count() == 3


def test_seed_demo_service_centre_review_by_the_xianning_bureau(seeded):
    centre = PilotProject.objects.get(name="通城县人民政府政务服务中心服务标准化试点")
    review = centre.reviews.get()
    assert (review.scheduled_for, review.organizer.name, review.panel.passed) == (
        datetime.date(2014, 6, 25),
        "咸宁市质量技术监督局",
        True,
    )


def test_seed_demo_leaves_a_review_for_reviewer_to_declare_and_score(seeded):
    hogs = PilotProject.objects.get(name="牲猪养殖市级农业标准化示范区")
    review = selectors.open_review(hogs)
    reviewer = User.objects.get(username="reviewer")

    assert hogs.status == "acceptance_requested"
    assert review.panel.status == "scoring"
    assert list(selectors.open_reviews_for_reviewer(reviewer)) == [review]
    members = {
        member.reviewer.username: member
        for member in review.panel.members.select_related("reviewer")
    }
    assert sorted(members) == ["reviewer", "reviewer2"]
    assert (members["reviewer"].declaration, hasattr(members["reviewer"], "sheet")) == (
        "pending",
        False,
    )
    chair = members["reviewer2"]
    assert (chair.is_chair, chair.declaration, chair.sheet.status) == (
        True,
        "no_conflict",
        "draft",
    )
    leaves = len(template_leaves(review.panel.template))
    assert 0 < chair.sheet.items.exclude(points=None).count() < leaves


@pytest.mark.parametrize(
    ("name", "year"),
    [("油茶栽培国家级农业标准化示范区", 2013), ("通城县人民政府政务服务中心服务标准化试点", 2014)],
)
def test_seed_demo_panel_records_read_in_the_year_of_the_review(seeded, name, year):
    review = PilotProject.objects.get(name=name).reviews.get()
    events = list(panel_events(review.panel))

    assert {event.occurred_on.year for event in events} == {year}
    # Newest first by date, and within a day by when each was entered: the order of the day.
    assert [event.pk for event in events] == sorted((event.pk for event in events), reverse=True)
    assert events[-1].to_status == "scheduled"
    assert events[0].to_status == "concluded"


def test_seed_demo_approval_dates_are_the_approve_moves(seeded):
    for pilot in PilotProject.objects.exclude(status="declared"):
        assert pilot.approval_date == selectors.date_of_status(pilot, "approved"), pilot.name
