"""What the pilot, activity and standard forms accept: dates in a plausible range, names on
one line. Messages are checked in English, which does not depend on the translation files."""

import datetime

import pytest
from django.utils import timezone, translation

from pilots.forms import ActivityForm, PilotForm, PilotMoveForm, StandardForm
from tests.factories import OrganizationFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def range_message() -> str:
    latest = timezone.localdate()
    latest = latest.replace(year=latest.year + 10, day=28 if latest.day == 29 else latest.day)
    return f"Enter a date between 1949-01-01 and {latest.isoformat()}."


def single_line_message(character: str) -> str:
    return (
        "Enter this on a single line, without line breaks, tabs or other invisible control "
        f"characters (found {character})."
    )


def pilot_data(**overrides):
    return {
        "name": "茶叶种植示范区",
        "category": "agricultural_zone",
        "level": "municipal",
        "lead_organization": OrganizationFactory().pk,
        "region": region().pk,
        "declared_on": "2012-12-01",
        "approval_date": "2013-03-01",
        "planned_completion": "2015-12-31",
    } | overrides


def activity_data(**overrides):
    return {
        "kind": "training",
        "title": "油茶种植技术培训",
        "date": "2013-03-20",
        "participants_count": "30",
        "materials_count": "0",
    } | overrides


def standard_data(**overrides):
    return {"designation": "GB/T 19580-2012", "title": "卓越绩效评价准则", "status": "current"} | (
        overrides
    )


def test_pilot_form_accepts_plain_data():
    form = PilotForm(pilot_data())
    assert form.errors == {}


@pytest.mark.parametrize("field", ["planned_completion"])
@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_pilot_form_refuses_implausible_dates(field, date):
    form = PilotForm(
        pilot_data(**({"approval_date": "", "planned_completion": ""} | {field: date}))
    )
    assert form.errors == {field: [range_message()]}


def test_pilot_form_refuses_a_declaration_before_1949():
    form = PilotForm(pilot_data(declared_on="0001-01-01"))
    assert form.errors == {"declared_on": [range_message()]}


def test_pilot_form_keeps_refusing_a_future_declaration():
    form = PilotForm(pilot_data(declared_on="9999-12-31"))
    assert form.errors == {"declared_on": ["The date cannot be in the future."]}


def test_pilot_form_accepts_a_planned_completion_nine_years_ahead():
    later = timezone.localdate() + datetime.timedelta(days=9 * 365)
    form = PilotForm(pilot_data(planned_completion=later.isoformat()))
    assert form.errors == {}


def test_pilot_form_refuses_line_break_in_name():
    form = PilotForm(pilot_data(name="茶叶种植\n示范区"))
    assert form.errors == {"name": [single_line_message("U+000A")]}


def test_pilot_form_refuses_bidi_override_in_name():
    form = PilotForm(pilot_data(name="示范区\u202eexe.pdf"))
    assert form.errors == {"name": [single_line_message("U+202E")]}


def test_move_form_refuses_a_date_before_1949():
    form = PilotMoveForm({"occurred_on": "0001-01-01"})
    assert form.errors == {"occurred_on": [range_message()]}


def test_activity_form_refuses_year_one():
    form = ActivityForm(activity_data(date="0001-01-01"))
    assert form.errors == {"date": [range_message()]}


def test_activity_form_refuses_year_9999_as_not_yet_happened():
    form = ActivityForm(activity_data(date="9999-12-31"))
    assert form.errors == {"date": ["An activity is recorded after it took place."]}


def test_activity_form_refuses_control_characters_in_title_and_place():
    form = ActivityForm(activity_data(title="培训\t第一期", place="村委会\x00"))
    assert form.errors == {
        "title": [single_line_message("U+0009")],
        "place": ["Null characters are not allowed."],
    }


@pytest.mark.parametrize("field", ["issue_date", "implementation_date"])
@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_standard_form_refuses_implausible_dates(field, date):
    form = StandardForm(standard_data(**{field: date}))
    assert form.errors == {field: [range_message()]}


def test_standard_form_refuses_line_break_in_title():
    form = StandardForm(standard_data(title="卓越绩效\r\n评价准则"))
    assert form.errors == {"title": [single_line_message("U+000D")]}
