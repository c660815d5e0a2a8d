"""Standards and a pilot's standard system."""

import pytest
from django.urls import reverse

from pilots.models import PilotStandard, Standard
from tests.pilots.factories import (
    PilotProjectFactory,
    PilotStandardFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def test_standard_system_groups_and_warns_about_missing_parts(staff_client, pilot):
    PilotStandardFactory(pilot=pilot, part="production")
    response = staff_client.get(pilot.get_absolute_url())
    groups = response.context["system_groups"]
    assert [(group.part.value, len(group.entries)) for group in groups] == [
        ("pre_production", 0),
        ("production", 1),
        ("post_production", 0),
    ]
    assert [part.value for part in response.context["missing_parts"]] == [
        "pre_production",
        "post_production",
    ]
    assert "全过程覆盖不完整" in response.content.decode()


def test_service_pilot_system_uses_gbt_24421_parts(staff_client):
    pilot = PilotProjectFactory(category="service_industry_pilot")
    response = staff_client.get(pilot.get_absolute_url())
    assert [group.part.value for group in response.context["system_groups"]] == [
        "general",
        "support",
        "provision",
    ]


def test_add_standard_to_system_offers_only_the_categorys_parts(staff_client, pilot):
    standard = StandardFactory()
    url = reverse("pilots:pilot-standard-add", args=[pilot.pk])
    form = staff_client.get(url).context["form"]
    assert [value for value, _label in form.fields["part"].choices] == [
        "pre_production",
        "production",
        "post_production",
    ]
    response = staff_client.post(url, {"standard": standard.pk, "part": "general", "note": ""})
    assert response.status_code == 200
    assert "part" in response.context["form"].errors

    staff_client.post(url, {"standard": standard.pk, "part": "production", "note": ""})
    assert PilotStandard.objects.get().standard == standard


def test_standard_create_normalises_designation(staff_client):
    response = staff_client.post(
        reverse("pilots:standard-create"),
        {"designation": "gb/t19580—2012", "title": "卓越绩效评价准则", "status": "current"},
    )
    standard = Standard.objects.get()
    assert response.url == standard.get_absolute_url()
    assert (standard.designation, standard.kind) == ("GB/T 19580-2012", "national")


def test_standard_designation_unique_after_normalisation(staff_client):
    StandardFactory(designation="GB/T 19580-2012", kind="national")
    response = staff_client.post(
        reverse("pilots:standard-create"),
        {"designation": "GB/T19580-2012", "title": "重复", "status": "current"},
    )
    assert response.context["form"].errors["designation"] == ["使用此编号的标准已登记。"]


def test_standard_detail_shows_supersession_chain(staff_client):
    newest = StandardFactory(designation="GB/T 19580-2012", kind="national")
    middle = StandardFactory(
        designation="GB/T 19580-2004", kind="national", status="superseded", superseded_by=newest
    )
    oldest = StandardFactory(
        designation="GB/T 19580-2001", kind="national", status="superseded", superseded_by=middle
    )
    response = staff_client.get(oldest.get_absolute_url())
    assert response.context["chain"] == [middle, newest]


def test_standard_delete_refused_while_used(staff_client):
    entry = PilotStandardFactory()
    response = staff_client.post(
        reverse("pilots:standard-delete", args=[entry.standard.pk]), follow=True
    )
    assert Standard.objects.filter(pk=entry.standard.pk).exists()
    assert len(list(response.context["messages"])) == 1
