import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from pilots import selectors, services
from pilots.dates import PilotDateError, pilot_date_errors
from pilots.enums import PILOT_TRANSITIONS, PilotStatus
from pilots.models import (
    Activity,
    Photo,
    PilotDocument,
    PilotProject,
    PilotTransition,
    Standard,
)
from tests.factories import (
    EnterpriseMemberFactory,
    OrganizationFactory,
    ReviewerFactory,
    StaffFactory,
)
from tests.pilots.factories import (
    AcceptanceReviewFactory,
    ActivityFactory,
    PhotoFactory,
    PilotDocumentFactory,
    PilotProjectFactory,
    PilotStandardFactory,
    PilotTransitionFactory,
)

pytestmark = pytest.mark.django_db

# The pilot workflow, written out: any move not listed here must be refused.
ALLOWED_MOVES = {
    ("declared", "approved"),
    ("approved", "in_progress"),
    ("in_progress", "acceptance_requested"),
    ("acceptance_requested", "passed"),
    ("acceptance_requested", "failed"),
    ("failed", "in_progress"),
    ("passed", "revoked"),
}
EVERY_MOVE = [
    pytest.param(current, target, (current, target) in ALLOWED_MOVES, id=f"{current}-{target}")
    for current in PilotStatus.values
    for target in PilotStatus.values
    if current != target
]


def test_the_table_lists_exactly_the_written_moves():
    assert {
        (current, target) for current, targets in PILOT_TRANSITIONS.items() for target in targets
    } == ALLOWED_MOVES


@pytest.mark.parametrize(("current", "target", "allowed"), EVERY_MOVE)
def test_transition_table_by_staff(current, target, allowed):
    pilot = PilotProjectFactory(status=current)
    staff = StaffFactory()
    if allowed:
        services.set_pilot_state(pilot=pilot, target=target, actor=staff, comment="依据文件")
        record = PilotTransition.objects.get(pilot=pilot)
        assert (record.from_status, record.to_status, record.actor, record.comment) == (
            current,
            target,
            staff,
            "依据文件",
        )
        assert PilotProject.objects.get(pk=pilot.pk).status == target
    else:
        with pytest.raises(services.IllegalTransition):
            services.set_pilot_state(pilot=pilot, target=target, actor=staff)
        assert PilotProject.objects.get(pk=pilot.pk).status == current
        assert PilotTransition.objects.count() == 0


@pytest.mark.parametrize(
    "make_actor",
    [
        pytest.param(
            lambda pilot: EnterpriseMemberFactory(membership__organization=pilot.lead_organization),
            id="own-member",
        ),
        pytest.param(lambda pilot: EnterpriseMemberFactory(), id="other-member"),
        pytest.param(lambda pilot: ReviewerFactory(), id="reviewer"),
    ],
)
def test_only_staff_may_move_a_pilot(make_actor):
    pilot = PilotProjectFactory(status=PilotStatus.DECLARED)
    with pytest.raises(PermissionDenied):
        services.set_pilot_state(pilot=pilot, target=PilotStatus.APPROVED, actor=make_actor(pilot))
    assert PilotProject.objects.get(pk=pilot.pk).status == PilotStatus.DECLARED


def test_move_records_the_date_it_took_effect():
    pilot = PilotProjectFactory(status=PilotStatus.ACCEPTANCE_REQUESTED)
    services.set_pilot_state(
        pilot=pilot,
        target=PilotStatus.PASSED,
        actor=StaffFactory(),
        occurred_on=datetime.date(2013, 9, 26),
    )
    assert PilotTransition.objects.get().occurred_on == datetime.date(2013, 9, 26)


def test_move_refuses_a_future_date():
    pilot = PilotProjectFactory(status=PilotStatus.DECLARED)
    with pytest.raises(services.IllegalTransition):
        services.set_pilot_state(
            pilot=pilot,
            target=PilotStatus.APPROVED,
            actor=StaffFactory(),
            occurred_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_move_tells_the_lead_organizations_members(django_capture_on_commit_callbacks):
    organization = OrganizationFactory()
    EnterpriseMemberFactory(membership__organization=organization, email="lead@example.com")
    EnterpriseMemberFactory(email="stranger@example.com")
    pilot = PilotProjectFactory(status=PilotStatus.DECLARED, lead_organization=organization)

    with django_capture_on_commit_callbacks(execute=True):
        services.set_pilot_state(pilot=pilot, target=PilotStatus.APPROVED, actor=StaffFactory())

    assert [message.to for message in mail.outbox] == [["lead@example.com"]]
    assert mail.outbox[0].subject == f"{pilot.name}的状态已变为“已批准”"


def test_create_pilot_starts_declared_with_a_timeline_entry():
    staff = StaffFactory()
    participant = OrganizationFactory()
    pilot = services.create_pilot(
        pilot=PilotProjectFactory.build(
            status=PilotStatus.PASSED, lead_organization=OrganizationFactory()
        ),
        participants=[participant],
        actor=staff,
    )
    assert pilot.status == PilotStatus.DECLARED
    assert list(pilot.participants.all()) == [participant]
    record = pilot.transitions.get()
    assert (record.from_status, record.to_status, record.actor) == ("", "declared", staff)
    assert (record.note_code, record.note) == ("entered", "登记入册。")


def test_move_cannot_be_dated_before_the_previous_one():
    pilot = PilotProjectFactory(status=PilotStatus.DECLARED)
    staff = StaffFactory()
    services.set_pilot_state(
        pilot=pilot, target=PilotStatus.APPROVED, actor=staff, occurred_on=datetime.date(2013, 4, 1)
    )
    with pytest.raises(services.IllegalTransition) as raised:
        services.set_pilot_state(
            pilot=pilot,
            target=PilotStatus.IN_PROGRESS,
            actor=staff,
            occurred_on=datetime.date(2013, 3, 1),
        )
    assert str(raised.value) == "状态变更的日期不能早于上一步（2013-04-01）。"


def test_approval_sets_the_approval_date_when_missing():
    pilot = PilotProjectFactory(status=PilotStatus.DECLARED, approval_date=None)
    services.set_pilot_state(
        pilot=pilot,
        target=PilotStatus.APPROVED,
        actor=StaffFactory(),
        occurred_on=datetime.date(2013, 4, 15),
    )
    assert PilotProject.objects.get(pk=pilot.pk).approval_date == datetime.date(2013, 4, 15)


def test_delete_activity_removes_its_photos_and_their_files_after_commit(
    django_capture_on_commit_callbacks,
):
    photo = PhotoFactory()
    activity = photo.activity
    storage, names = photo.image.storage, [photo.image.name, photo.thumbnail.name]

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_activity(activity=activity)

    assert (Activity.objects.filter(pk=activity.pk).exists(), Photo.objects.count()) == (False, 0)
    assert [storage.exists(name) for name in names] == [False, False]


# --- the date rules ---------------------------------------------------------------------------

D = datetime.date


@pytest.mark.parametrize(
    ("status", "declared_on", "approval_date", "planned_completion", "broken"),
    [
        ("declared", D(2013, 1, 1), None, D(2015, 1, 1), set()),
        ("declared", D(2013, 1, 1), D(2013, 3, 1), None, {"approval_date"}),
        ("declared", D(2013, 1, 1), None, D(2012, 12, 31), {"planned_completion"}),
        ("approved", D(2013, 1, 1), D(2013, 3, 1), D(2015, 1, 1), set()),
        ("approved", D(2013, 1, 1), D(2012, 12, 1), None, {"approval_date"}),
        ("approved", D(2013, 1, 1), D(2013, 3, 1), D(2013, 2, 1), {"planned_completion"}),
        ("passed", None, D(2013, 3, 1), D(2013, 3, 1), set()),
        ("in_progress", None, None, None, set()),
    ],
)
def test_pilot_date_rules(status, declared_on, approval_date, planned_completion, broken):
    errors = pilot_date_errors(
        status=status,
        declared_on=declared_on,
        approval_date=approval_date,
        planned_completion=planned_completion,
    )
    assert set(errors) == broken


def test_create_pilot_refuses_an_approval_date_while_declared():
    pilot = PilotProjectFactory.build(
        lead_organization=OrganizationFactory(), approval_date=D(2013, 3, 1)
    )
    with pytest.raises(PilotDateError):
        services.create_pilot(
            pilot=pilot, participants=[], actor=StaffFactory(), declared_on=D(2013, 1, 1)
        )
    assert PilotProject.objects.count() == 0


def test_create_pilot_refuses_a_planned_completion_before_the_declaration():
    pilot = PilotProjectFactory.build(
        lead_organization=OrganizationFactory(), planned_completion=D(2012, 12, 31)
    )
    with pytest.raises(PilotDateError):
        services.create_pilot(
            pilot=pilot, participants=[], actor=StaffFactory(), declared_on=D(2013, 1, 1)
        )
    assert PilotProject.objects.count() == 0


def test_approval_date_is_the_approve_moves_date_even_if_one_was_typed_before():
    staff = StaffFactory()
    pilot = services.create_pilot(
        pilot=PilotProjectFactory.build(lead_organization=OrganizationFactory()),
        participants=[],
        actor=staff,
        declared_on=D(2013, 1, 1),
    )
    PilotProject.objects.filter(pk=pilot.pk).update(approval_date=D(2012, 1, 1))  # old data

    services.set_pilot_state(
        pilot=pilot, target=PilotStatus.APPROVED, actor=staff, occurred_on=D(2013, 3, 1)
    )

    assert PilotProject.objects.get(pk=pilot.pk).approval_date == D(2013, 3, 1)


def test_approval_after_the_planned_completion_is_refused(settings):
    settings.LANGUAGE_CODE = "en"
    pilot = PilotProjectFactory(status=PilotStatus.DECLARED, planned_completion=D(2013, 2, 1))
    with pytest.raises(PilotDateError) as raised:
        services.set_pilot_state(
            pilot=pilot,
            target=PilotStatus.APPROVED,
            actor=StaffFactory(),
            occurred_on=D(2013, 3, 1),
        )
    assert str(raised.value) == "The planned completion is before the approval date."
    assert PilotProject.objects.get(pk=pilot.pk).status == PilotStatus.DECLARED


def test_timeline_reads_by_the_date_each_move_took_effect_then_by_recording():
    pilot = PilotProjectFactory()
    first = PilotTransitionFactory(pilot=pilot, occurred_on=D(2013, 3, 1))
    late_paper_record = PilotTransitionFactory(pilot=pilot, occurred_on=D(2013, 1, 1))
    same_day_later = PilotTransitionFactory(pilot=pilot, occurred_on=D(2013, 3, 1))

    assert list(selectors.pilot_timeline(pilot)) == [same_day_later, first, late_paper_record]


# --- deleting a pilot -----------------------------------------------------------------------


def test_delete_pilot_takes_its_parts_and_keeps_its_activities(django_capture_on_commit_callbacks):
    pilot = PilotProjectFactory()
    PilotTransitionFactory(pilot=pilot)
    entry = PilotStandardFactory(pilot=pilot)
    document = PilotDocumentFactory(pilot=pilot)
    activity = ActivityFactory(pilot=pilot)
    storage, name = document.file.storage, document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_pilot(pilot=pilot, actor=StaffFactory())

    assert PilotProject.objects.filter(pk=pilot.pk).exists() is False
    assert PilotTransition.objects.count() == 0
    assert PilotDocument.objects.count() == 0
    assert storage.exists(name) is False
    assert Standard.objects.filter(pk=entry.standard_id).exists() is True
    activity.refresh_from_db()
    assert activity.pilot is None


def test_delete_pilot_refuses_a_pilot_with_a_review():
    review = AcceptanceReviewFactory()
    with pytest.raises(services.PilotKept):
        services.delete_pilot(pilot=review.pilot, actor=StaffFactory())
    assert PilotProject.objects.filter(pk=review.pilot_id).exists() is True


@pytest.mark.parametrize("decision", ["passed", "failed", "revoked"])
def test_delete_pilot_refuses_a_pilot_whose_timeline_records_a_decision(decision):
    pilot = PilotProjectFactory(status=PilotStatus.IN_PROGRESS)
    PilotTransitionFactory(pilot=pilot, from_status="acceptance_requested", to_status=decision)
    with pytest.raises(services.PilotKept):
        services.delete_pilot(pilot=pilot, actor=StaffFactory())
    assert PilotProject.objects.filter(pk=pilot.pk).exists() is True


def test_delete_pilot_refuses_anyone_but_staff():
    pilot = PilotProjectFactory()
    with pytest.raises(PermissionDenied):
        services.delete_pilot(pilot=pilot, actor=EnterpriseMemberFactory())


@pytest.mark.parametrize(
    ("make", "deletable"),
    [
        (lambda pilot: None, True),
        (lambda pilot: PilotStandardFactory(pilot=pilot), True),
        (lambda pilot: PilotDocumentFactory(pilot=pilot), True),
        (lambda pilot: ActivityFactory(pilot=pilot), True),
        (lambda pilot: PilotTransitionFactory(pilot=pilot), True),
        (lambda pilot: AcceptanceReviewFactory(pilot=pilot), False),
        (lambda pilot: PilotTransitionFactory(pilot=pilot, to_status="passed"), False),
    ],
    ids=["bare", "standard", "document", "activity", "timeline", "review", "decision"],
)
def test_pilot_is_deletable_by_what_hangs_on_it(make, deletable):
    pilot = PilotProjectFactory()
    make(pilot)
    assert StaffFactory().has_perm("pilots.delete_pilotproject", pilot) is deletable
