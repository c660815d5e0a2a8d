"""A pilot's dates: the one set of rules for form and service."""

import datetime

import pytest
from django.urls import reverse

from pilots import services
from pilots.enums import PilotStatus
from tests.factories import OrganizationFactory
from tests.pilots.factories import (
    PilotProjectFactory,
)

pytestmark = pytest.mark.django_db


def approved_pilot(staff, *, declared_on, approved_on, **fields):
    pilot = services.create_pilot(
        pilot=PilotProjectFactory.build(lead_organization=OrganizationFactory(), **fields),
        participants=[],
        actor=staff,
        declared_on=declared_on,
    )
    return services.set_pilot_state(
        pilot=pilot, target=PilotStatus.APPROVED, actor=staff, occurred_on=approved_on
    )


def edit_data(pilot, **overrides):
    return {
        "name": pilot.name,
        "category": pilot.category,
        "level": pilot.level,
        "lead_organization": pilot.lead_organization_id,
        "region": pilot.region_id,
        "approval_date": "2000-01-01",  # not a field of the form: ignored
        "planned_completion": "",
    } | overrides


def test_pilot_forms_take_no_approval_date(staff_client, english, staff_user):
    pilot = approved_pilot(
        staff_user, declared_on=datetime.date(2013, 1, 1), approved_on=datetime.date(2013, 3, 1)
    )
    create = staff_client.get(reverse("pilots:pilot-create"))
    edit = staff_client.get(reverse("pilots:pilot-edit", args=[pilot.pk]))

    assert "approval_date" not in create.context["form"].fields
    assert "approval_date" not in edit.context["form"].fields
    content = edit.content.decode()
    assert "2013-03-01" in content
    assert "Set by the approve move, with the date that move took effect." in content


def test_pilot_edit_keeps_the_approval_date_of_the_move(staff_client, staff_user):
    pilot = approved_pilot(
        staff_user, declared_on=datetime.date(2013, 1, 1), approved_on=datetime.date(2013, 3, 1)
    )
    response = staff_client.post(
        reverse("pilots:pilot-edit", args=[pilot.pk]),
        edit_data(pilot, planned_completion="2015-12-31"),
    )
    pilot.refresh_from_db()
    assert response.url == pilot.get_absolute_url()
    assert (pilot.approval_date, pilot.planned_completion) == (
        datetime.date(2013, 3, 1),
        datetime.date(2015, 12, 31),
    )


def test_pilot_edit_refuses_a_planned_completion_before_the_approval(staff_client, staff_user):
    pilot = approved_pilot(
        staff_user, declared_on=datetime.date(2013, 1, 1), approved_on=datetime.date(2013, 3, 1)
    )
    response = staff_client.post(
        reverse("pilots:pilot-edit", args=[pilot.pk]),
        edit_data(pilot, planned_completion="2013-02-01"),
    )
    assert response.context["form"].errors == {"planned_completion": ["计划完成日期早于批准日期。"]}
    pilot.refresh_from_db()
    assert pilot.planned_completion is None


def test_pilot_edit_refuses_a_planned_completion_before_the_declaration(
    staff_client, english, staff_user
):
    pilot = services.create_pilot(
        pilot=PilotProjectFactory.build(lead_organization=OrganizationFactory()),
        participants=[],
        actor=staff_user,
        declared_on=datetime.date(2013, 1, 1),
    )
    response = staff_client.post(
        reverse("pilots:pilot-edit", args=[pilot.pk]),
        edit_data(pilot, planned_completion="2012-12-31"),
    )
    assert response.context["form"].errors == {
        "planned_completion": ["The planned completion is before the declaration (2013-01-01)."]
    }
