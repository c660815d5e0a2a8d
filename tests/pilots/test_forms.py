"""What the pilot, activity and standard forms accept: names on one line. Messages are checked
in English, which does not depend on the translation files."""

import pytest
from django.utils import translation

from pilots.forms import ActivityForm, PilotForm, StandardForm
from tests.factories import OrganizationFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


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


def test_pilot_form_refuses_line_break_in_name():
    form = PilotForm(pilot_data(name="茶叶种植\n示范区"))
    assert form.errors == {"name": [single_line_message("U+000A")]}


def test_pilot_form_refuses_bidi_override_in_name():
    form = PilotForm(pilot_data(name="示范区\u202eexe.pdf"))
    assert form.errors == {"name": [single_line_message("U+202E")]}


def test_activity_form_refuses_control_characters_in_title_and_place():
    form = ActivityForm(activity_data(title="培训\t第一期", place="村委会\x00"))
    assert form.errors == {
        "title": [single_line_message("U+0009")],
        "place": ["Null characters are not allowed."],
    }


def test_standard_form_refuses_line_break_in_title():
    form = StandardForm(standard_data(title="卓越绩效\r\n评价准则"))
    assert form.errors == {"title": [single_line_message("U+000D")]}
