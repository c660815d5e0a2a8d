"""Lists sort the way readers expect: levels by rank, Chinese names by pinyin."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from pilots.enums import PilotLevel
from tests.factories import OrganizationFactory, StaffFactory
from tests.pilots.factories import PilotProjectFactory

pytestmark = pytest.mark.django_db

NAMES = ["咸宁示范区", "阿里示范区", "通城示范区", "北京示范区", "湖北示范区"]
PINYIN = ["阿里示范区", "北京示范区", "湖北示范区", "通城示范区", "咸宁示范区"]


def listed(client, **params):
    response = client.get(reverse("pilots:pilot-list"), params)
    return [pilot.name for pilot in response.context["object_list"]]


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def test_levels_sort_by_rank_not_by_code(staff_client):
    for name, level in [
        ("市级", PilotLevel.MUNICIPAL),
        ("国家级", PilotLevel.NATIONAL),
        ("县级", PilotLevel.COUNTY),
        ("省级", PilotLevel.PROVINCIAL),
    ]:
        PilotProjectFactory(name=name, level=level)
    assert listed(staff_client, sort="level") == ["国家级", "省级", "市级", "县级"]
    assert listed(staff_client, sort="level_low") == ["县级", "市级", "省级", "国家级"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pinyin order needs ICU")
def test_names_sort_in_pinyin_order(staff_client):
    for name in NAMES:
        PilotProjectFactory(name=name)
    assert listed(staff_client, sort="name") == PINYIN


def test_default_order_is_the_most_recent_approval_first(staff_client):
    PilotProjectFactory(name="旧", approval_date=datetime.date(2010, 1, 1))
    PilotProjectFactory(name="未批准", approval_date=None)
    PilotProjectFactory(name="新", approval_date=datetime.date(2014, 1, 1))
    assert listed(staff_client) == ["新", "旧", "未批准"]
    assert listed(staff_client, sort="oldest") == ["旧", "新", "未批准"]


def test_sort_choices_are_translated_and_the_default_is_listed_once(staff_client):
    form = staff_client.get(reverse("pilots:pilot-list")).context["filter"].form
    assert [str(label) for _value, label in form.fields["sort"].choices] == [
        "最近批准的在前",
        "最早批准的在前",
        "名称（按拼音）",
        "级别：国家级在前",
        "级别：县级在前",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pinyin order needs ICU")
def test_organization_list_is_in_pinyin_order(staff_client):
    for name in NAMES:
        OrganizationFactory(name=name.replace("示范区", "公司"))
    response = staff_client.get(reverse("portal:organization-list"), {"q": "公司"})
    assert [o.name for o in response.context["object_list"]] == [
        name.replace("示范区", "公司") for name in PINYIN
    ]


@pytest.mark.parametrize("sort", ["", "junk", "level", "-name", "\x00"])
def test_any_sort_value_gives_a_page(staff_client, sort):
    PilotProjectFactory()
    response = staff_client.get(reverse("pilots:pilot-list"), {"sort": sort})
    assert response.status_code == 200


def test_filters_fold_behind_a_button_on_phones_until_used(staff_client):
    page = staff_client.get(reverse("pilots:pilot-list")).content.decode()
    used = staff_client.get(reverse("pilots:pilot-list"), {"q": "茶"}).content.decode()
    assert 'class="filter-bar collapse d-md-flex row' in page
    assert 'class="filter-bar collapse d-md-flex show row' in used
    assert 'data-bs-target="#filters" aria-expanded="false"' in page
