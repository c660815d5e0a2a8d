import datetime

import pytest

from pilots.enums import PILOT_TRANSITIONS, PilotStatus
from pilots.models import PilotTransition
from portal.enums import REGISTRATION_TRANSITIONS, RegistrationStatus
from portal.workflow import DomainError, IllegalTransition, check_transition, record_transition
from tests.factories import StaffFactory
from tests.pilots.factories import PilotProjectFactory

pytestmark = pytest.mark.django_db


def test_illegal_transition_is_a_domain_error():
    assert issubclass(IllegalTransition, DomainError) is True


def test_check_transition_allows_a_listed_move():
    assert (
        check_transition(
            REGISTRATION_TRANSITIONS, RegistrationStatus.PENDING, RegistrationStatus.APPROVED
        )
        is None
    )


def test_check_transition_message_names_both_states_from_the_choices():
    with pytest.raises(IllegalTransition) as raised:
        check_transition(
            REGISTRATION_TRANSITIONS, RegistrationStatus.APPROVED, RegistrationStatus.REJECTED
        )
    assert str(raised.value) == "无法从“已批准”变更为“已拒绝”。"


def test_check_transition_refuses_a_state_not_in_the_table():
    with pytest.raises(IllegalTransition) as raised:
        check_transition(PILOT_TRANSITIONS, "nonsense", PilotStatus.APPROVED)
    assert str(raised.value) == "无法从“nonsense”变更为“已批准”。"


def test_record_transition_writes_every_field_with_text_parameters():
    pilot = PilotProjectFactory()
    actor = StaffFactory()
    record = record_transition(
        PilotTransition,
        pilot=pilot,
        actor=actor,
        from_status=PilotStatus.DECLARED,
        to_status=PilotStatus.APPROVED,
        occurred_on=datetime.date(2013, 9, 26),
        note="review_concluded",
        note_params={"score": 95.47},
        comment="纸质记录",
    )
    record.refresh_from_db()
    assert (
        record.pilot,
        record.actor,
        record.from_status,
        record.to_status,
        record.occurred_on,
        record.note_code,
        record.note_params,
        record.comment,
    ) == (
        pilot,
        actor,
        "declared",
        "approved",
        datetime.date(2013, 9, 26),
        "review_concluded",
        {"score": "95.47"},
        "纸质记录",
    )


def test_record_transition_dates_today_and_starts_from_nothing_by_default(settings):
    record = record_transition(
        PilotTransition,
        pilot=PilotProjectFactory(),
        actor=StaffFactory(),
        from_status="",
        to_status=PilotStatus.DECLARED,
    )
    assert (record.from_status, record.occurred_on, record.note_code, record.note_params) == (
        "",
        datetime.date.today(),
        "",
        {},
    )
