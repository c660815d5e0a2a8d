import datetime
import threading
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import translation

from pilots import selectors, services
from pilots.enums import PilotStatus
from pilots.models import AcceptanceReview
from portal.workflow import DomainError
from scoring import services as scoring_services
from scoring.enums import Declaration, PanelStatus, SheetStatus
from scoring.models import ItemScore, PanelMember, ScoreSheet
from scoring.selectors import template_leaves
from tests.factories import (
    EnterpriseMemberFactory,
    OrganizationFactory,
    ReviewerFactory,
    StaffFactory,
)
from tests.pilots.factories import AcceptanceReviewFactory, PilotProjectFactory
from tests.scoring.factories import PanelMemberFactory, ScoreSheetFactory, scoring_template_with

pytestmark = pytest.mark.django_db


def schedule(pilot=None, reviewers=None, chair=None, template=None):
    pilot = pilot or PilotProjectFactory(status=PilotStatus.ACCEPTANCE_REQUESTED)
    reviewers = reviewers if reviewers is not None else ReviewerFactory.create_batch(3)
    return services.schedule_review(
        pilot=pilot,
        scheduled_for=datetime.date(2013, 9, 26),
        organizer=OrganizationFactory(),
        methods=["video", "report_hearing"],
        template=template or scoring_template_with(),
        reviewers=reviewers,
        chair=chair or reviewers[0],
        actor=StaffFactory(),
    )


def fill(sheet, values, *, submit=True):
    leaves = template_leaves(sheet.panel_member.panel.template)
    scores = {
        leaf.pk: (D(value) if value is not None else None, "")
        for leaf, value in zip(leaves, values, strict=True)
    }
    move = scoring_services.submit_score_sheet if submit else scoring_services.save_score_sheet
    return move(sheet=sheet, scores=scores, actor=sheet.panel_member.reviewer)


# --- scheduling and the panel ---------------------------------------------------------------


def test_schedule_review_creates_panel_and_freezes_template(django_capture_on_commit_callbacks):
    reviewers = ReviewerFactory.create_batch(3)
    template = scoring_template_with()
    with django_capture_on_commit_callbacks(execute=True):
        review = schedule(reviewers=reviewers, chair=reviewers[1], template=template)

    assert review.panel.status == PanelStatus.SCHEDULED
    assert [(m.reviewer, m.is_chair) for m in review.panel.members.order_by("pk")] == [
        (reviewers[0], False),
        (reviewers[1], True),
        (reviewers[2], False),
    ]
    template.refresh_from_db()
    assert template.is_frozen is True
    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.email for r in reviewers)


def test_schedule_review_needs_acceptance_requested():
    with pytest.raises(DomainError):
        schedule(pilot=PilotProjectFactory(status=PilotStatus.IN_PROGRESS))


def test_schedule_review_refuses_reviewer_employed_by_the_lead_organization():
    pilot = PilotProjectFactory(status=PilotStatus.ACCEPTANCE_REQUESTED)
    insider = ReviewerFactory(
        reviewer_profile__employer=pilot.lead_organization, full_name="内部人"
    )
    with pytest.raises(DomainError) as raised:
        schedule(pilot=pilot, reviewers=[ReviewerFactory(), insider])
    assert "内部人" in str(raised.value)
    assert AcceptanceReview.objects.count() == 0


def test_schedule_review_refuses_reviewer_employed_by_a_participant():
    pilot = PilotProjectFactory(status=PilotStatus.ACCEPTANCE_REQUESTED)
    participant = OrganizationFactory()
    pilot.participants.add(participant)
    insider = ReviewerFactory(reviewer_profile__employer=participant)
    with pytest.raises(DomainError):
        schedule(pilot=pilot, reviewers=[insider])


def test_schedule_review_refuses_non_reviewers_and_outside_chair():
    with pytest.raises(DomainError):
        schedule(reviewers=[EnterpriseMemberFactory()])
    with pytest.raises(DomainError):
        schedule(reviewers=[ReviewerFactory()], chair=ReviewerFactory())


def test_schedule_review_refuses_template_that_does_not_add_up():
    template = scoring_template_with({"1": ["40"]})
    with pytest.raises(DomainError):
        schedule(template=template)


def test_declaring_a_conflict_removes_the_reviewer_and_tells_staff(
    django_capture_on_commit_callbacks,
):
    StaffFactory(email="clerk@example.com")
    member = PanelMemberFactory(declaration=Declaration.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        scoring_services.declare(
            member=member, conflict=True, note="曾为该企业提供咨询", actor=member.reviewer
        )
    member.refresh_from_db()
    assert member.declaration == Declaration.CONFLICT
    assert member.removed is not None
    assert member.removal_reason == "已申报存在利益冲突：曾为该企业提供咨询"
    assert [message.to for message in mail.outbox] == [["clerk@example.com"]]


def test_declaring_no_conflict_during_scoring_opens_a_sheet():
    member = PanelMemberFactory(declaration=Declaration.PENDING)
    scoring_services.declare(member=member, conflict=False, actor=member.reviewer)
    assert ScoreSheet.objects.filter(panel_member=member).exists()


def test_only_the_member_declares():
    member = PanelMemberFactory(declaration=Declaration.PENDING)
    with pytest.raises(PermissionDenied):
        scoring_services.declare(member=member, conflict=False, actor=ReviewerFactory())


def test_start_scoring_gives_sheets_to_declared_members_only():
    review = schedule()
    first, second, _third = review.panel.members.order_by("pk")
    scoring_services.declare(member=first, conflict=False, actor=first.reviewer)
    scoring_services.start_scoring(panel=review.panel, actor=StaffFactory())
    assert list(ScoreSheet.objects.values_list("panel_member", flat=True)) == [first.pk]
    scoring_services.declare(member=second, conflict=False, actor=second.reviewer)
    assert ScoreSheet.objects.count() == 2


# --- sheets ---------------------------------------------------------------------------------


def test_save_draft_then_submit_stores_total():
    sheet = ScoreSheetFactory()
    fill(sheet, ["18.5", None, "40"], submit=False)
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT
    fill(sheet, ["18.5", "29.25", "40"])
    sheet.refresh_from_db()
    assert (sheet.status, sheet.total) == (SheetStatus.SUBMITTED, D("87.75"))
    assert ItemScore.objects.filter(sheet=sheet).count() == 3


def test_submit_needs_every_item():
    sheet = ScoreSheetFactory()
    with pytest.raises(scoring_services.IncompleteSheet) as raised:
        fill(sheet, ["18.5", None, "40"])
    assert raised.value.codes == ["1.2"]
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT


@pytest.mark.parametrize("points", ["-0.01", "20.01"])
def test_points_outside_zero_to_maximum_are_refused(points):
    sheet = ScoreSheetFactory()
    with pytest.raises(DomainError):
        fill(sheet, [points, "1", "1"], submit=False)


def test_submitted_sheet_is_read_only_and_second_submit_refused():
    sheet = ScoreSheetFactory()
    fill(sheet, ["20", "30", "50"])
    with pytest.raises(DomainError):
        fill(sheet, ["1", "1", "1"])
    sheet.refresh_from_db()
    assert sheet.total == D("100.00")


def test_other_reviewer_cannot_save_someone_elses_sheet():
    sheet = ScoreSheetFactory()
    leaves = template_leaves(sheet.panel_member.panel.template)
    with pytest.raises(PermissionDenied):
        scoring_services.save_score_sheet(
            sheet=sheet, scores={leaves[0].pk: (D("1"), "")}, actor=ReviewerFactory()
        )


def test_sheets_are_closed_before_scoring_opens():
    sheet = ScoreSheetFactory(panel_member__panel__status=PanelStatus.SCHEDULED)
    with pytest.raises(PermissionDenied):
        fill(sheet, ["1", "1", "1"], submit=False)


def test_reopen_records_the_reason_and_returns_a_draft(django_capture_on_commit_callbacks):
    sheet = ScoreSheetFactory(panel_member__reviewer__email="expert@example.com")
    fill(sheet, ["20", "30", "50"])
    with django_capture_on_commit_callbacks(execute=True):
        scoring_services.reopen_score_sheet(sheet=sheet, reason="第2项请复核", actor=StaffFactory())
    sheet.refresh_from_db()
    assert (sheet.status, sheet.total) == (SheetStatus.DRAFT, None)
    event = sheet.panel_member.panel.events.order_by("-pk").first()
    assert (event.note_code, event.comment) == ("reopened", "第2项请复核")
    name = sheet.panel_member.reviewer.get_full_name()
    assert event.note == f"{name}的评分表被退回。"
    with translation.override("en"):
        assert event.note == f"The sheet of {name} was reopened."
    assert [message.to for message in mail.outbox] == [["expert@example.com"]]


def test_reviewer_cannot_reopen():
    sheet = ScoreSheetFactory()
    fill(sheet, ["20", "30", "50"])
    with pytest.raises(PermissionDenied):
        scoring_services.reopen_score_sheet(
            sheet=sheet, reason="x", actor=sheet.panel_member.reviewer
        )


# --- conclusion -----------------------------------------------------------------------------


def test_conclude_waits_for_every_sheet():
    review = AcceptanceReviewFactory()
    done = ScoreSheetFactory(panel_member__panel=review.panel)
    ScoreSheetFactory(
        panel_member__panel=review.panel, panel_member__reviewer__full_name="迟到专家"
    )
    fill(done, ["20", "30", "50"])
    with pytest.raises(DomainError) as raised:
        services.conclude_review(review=review, opinion="同意", actor=StaffFactory())
    assert "迟到专家" in str(raised.value)


def test_conclude_passes_the_pilot_with_the_panel_mean():
    review = AcceptanceReviewFactory()
    for values in (["19", "29", "47"], ["19.41", "29", "48"], ["18", "29", "48"]):
        fill(ScoreSheetFactory(panel_member__panel=review.panel), values)
    staff = StaffFactory()

    services.conclude_review(
        review=review, opinion="同意通过验收", actor=staff, concluded_on=datetime.date(2013, 9, 26)
    )

    review.panel.refresh_from_db()
    assert (review.panel.status, review.panel.score, review.panel.passed) == (
        "concluded",
        D("95.47"),
        True,
    )
    pilot = review.pilot
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.PASSED
    assert pilot.transitions.get().occurred_on == datetime.date(2013, 9, 26)


def test_conclude_below_the_pass_mark_fails_the_pilot():
    review = AcceptanceReviewFactory()
    fill(ScoreSheetFactory(panel_member__panel=review.panel), ["10", "10", "10"])
    services.conclude_review(review=review, opinion="未达到要求", actor=StaffFactory())
    review.pilot.refresh_from_db()
    assert (review.pilot.status, AcceptanceReview.objects.get().panel.passed) == ("failed", False)


def test_removed_reviewer_does_not_hold_up_or_count():
    review = AcceptanceReviewFactory()
    fill(ScoreSheetFactory(panel_member__panel=review.panel), ["20", "30", "50"])
    absent = ScoreSheetFactory(panel_member__panel=review.panel)
    scoring_services.remove_panel_member(
        member=absent.panel_member, reason="因病缺席", actor=StaffFactory()
    )
    services.conclude_review(review=review, opinion="同意", actor=StaffFactory())
    assert AcceptanceReview.objects.get().panel.score == D("100.00")


# --- one open review per pilot ---------------------------------------------------------------


def test_schedule_review_refuses_a_second_while_one_is_open(settings):
    settings.LANGUAGE_CODE = "en"
    review = AcceptanceReviewFactory(scheduled_for=datetime.date(2013, 9, 20))

    with pytest.raises(services.ReviewError) as raised:
        schedule(pilot=review.pilot)

    assert str(raised.value) == (
        "The acceptance review of 2013-09-20 is still open: conclude it before scheduling another."
    )
    assert review.pilot.reviews.count() == 1


@pytest.mark.parametrize("panel_status", [PanelStatus.SCHEDULED, PanelStatus.SCORING])
def test_a_review_is_open_until_it_concludes(panel_status):
    review = AcceptanceReviewFactory(panel__status=panel_status)
    with pytest.raises(services.ReviewError):
        schedule(pilot=review.pilot)


def test_a_pilot_that_failed_and_asked_again_gets_a_new_review():
    review = AcceptanceReviewFactory()
    fill(ScoreSheetFactory(panel_member__panel=review.panel), ["10", "10", "10"])
    staff = StaffFactory()
    services.conclude_review(
        review=review, opinion="未达到要求", actor=staff, concluded_on=datetime.date(2013, 9, 20)
    )
    for status, day in [("in_progress", 21), ("acceptance_requested", 22)]:
        services.set_pilot_state(
            pilot=review.pilot, target=status, actor=staff, occurred_on=datetime.date(2013, 9, day)
        )

    again = schedule(pilot=review.pilot)

    assert review.pilot.reviews.count() == 2
    assert selectors.open_review(review.pilot) == again


@pytest.mark.parametrize("target", [PilotStatus.PASSED, PilotStatus.FAILED])
def test_no_result_by_a_move_while_a_review_is_open(settings, target):
    settings.LANGUAGE_CODE = "en"
    review = AcceptanceReviewFactory(scheduled_for=datetime.date(2013, 9, 20))

    with pytest.raises(services.ReviewError) as raised:
        services.set_pilot_state(pilot=review.pilot, target=target, actor=StaffFactory())

    assert str(raised.value) == (
        "The acceptance review of 2013-09-20 is open: the pilot's result comes from its "
        "conclusion, not from a move."
    )
    review.pilot.refresh_from_db()
    assert (review.pilot.status, review.pilot.transitions.count()) == ("acceptance_requested", 0)


@pytest.mark.parametrize("target", [PilotStatus.PASSED, PilotStatus.FAILED])
def test_a_result_by_a_move_once_the_review_is_concluded_is_the_tables_to_refuse(target):
    """After the conclusion the pilot has its result: the table refuses a second one."""
    review = AcceptanceReviewFactory()
    fill(ScoreSheetFactory(panel_member__panel=review.panel), ["20", "30", "50"])
    services.conclude_review(review=review, opinion="同意", actor=StaffFactory())
    with pytest.raises(services.IllegalTransition):
        services.set_pilot_state(pilot=review.pilot, target=target, actor=StaffFactory())


@pytest.mark.parametrize("target", [PilotStatus.PASSED, PilotStatus.FAILED])
def test_a_result_by_a_move_without_a_review(target):
    pilot = PilotProjectFactory(status=PilotStatus.ACCEPTANCE_REQUESTED)
    services.set_pilot_state(pilot=pilot, target=target, actor=StaffFactory())
    pilot.refresh_from_db()
    assert pilot.status == target


def test_conclude_review_still_gives_the_result_while_its_review_was_the_open_one():
    review = AcceptanceReviewFactory()
    fill(ScoreSheetFactory(panel_member__panel=review.panel), ["20", "30", "50"])

    services.conclude_review(review=review, opinion="同意", actor=StaffFactory())

    review.pilot.refresh_from_db()
    assert (review.pilot.status, selectors.open_review(review.pilot)) == ("passed", None)


# --- the review's dates ---------------------------------------------------------------------


def requested_on(day: datetime.date):
    pilot = PilotProjectFactory(status=PilotStatus.IN_PROGRESS)
    services.set_pilot_state(
        pilot=pilot,
        target=PilotStatus.ACCEPTANCE_REQUESTED,
        actor=StaffFactory(),
        occurred_on=day,
    )
    return pilot


def test_schedule_review_refuses_a_date_before_the_acceptance_request(settings):
    settings.LANGUAGE_CODE = "en"
    pilot = requested_on(datetime.date(2013, 9, 27))
    with pytest.raises(services.ReviewError) as raised:
        schedule(pilot=pilot)  # dated 2013-09-26
    assert str(raised.value) == (
        "The review cannot be dated before the acceptance request (2013-09-27)."
    )


def test_schedule_review_from_the_paper_files_dates_the_panel_record():
    pilot = requested_on(datetime.date(2013, 8, 20))
    reviewer = ReviewerFactory()

    review = services.schedule_review(
        pilot=pilot,
        scheduled_for=datetime.date(2013, 9, 26),
        organizer=OrganizationFactory(),
        methods=["on_site"],
        template=scoring_template_with(),
        reviewers=[reviewer],
        chair=reviewer,
        actor=StaffFactory(),
        occurred_on=datetime.date(2013, 9, 12),
    )

    assert review.panel.events.get().occurred_on == datetime.date(2013, 9, 12)


def test_schedule_review_cannot_be_entered_as_scheduled_before_the_request():
    pilot = requested_on(datetime.date(2013, 8, 20))
    reviewer = ReviewerFactory()
    with pytest.raises(services.ReviewError):
        services.schedule_review(
            pilot=pilot,
            scheduled_for=datetime.date(2013, 9, 26),
            organizer=OrganizationFactory(),
            methods=["on_site"],
            template=scoring_template_with(),
            reviewers=[reviewer],
            chair=reviewer,
            actor=StaffFactory(),
            occurred_on=datetime.date(2013, 8, 19),
        )


# --- concurrency ----------------------------------------------------------------------------


def _in_threads(*jobs):
    errors = []

    def run(job):
        try:
            job()
        except Exception as error:  # collected and returned to the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_submitting_at_once_both_count():
    review = AcceptanceReviewFactory()
    first = ScoreSheetFactory(panel_member__panel=review.panel)
    second = ScoreSheetFactory(panel_member__panel=review.panel)

    errors = _in_threads(
        lambda: fill(ScoreSheet.objects.get(pk=first.pk), ["20", "30", "50"]),
        lambda: fill(ScoreSheet.objects.get(pk=second.pk), ["10", "20", "40"]),
    )

    assert errors == []
    assert sorted(ScoreSheet.objects.values_list("total", flat=True)) == [
        D("70.00"),
        D("100.00"),
    ]
    assert ItemScore.objects.count() == 6


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_reviewer_submitting_twice_at_once_saves_once():
    sheet = ScoreSheetFactory()

    errors = _in_threads(
        lambda: fill(ScoreSheet.objects.get(pk=sheet.pk), ["20", "30", "50"]),
        lambda: fill(ScoreSheet.objects.get(pk=sheet.pk), ["20", "30", "50"]),
    )

    assert [type(error) for error in errors] == [scoring_services.PanelError]
    assert ItemScore.objects.filter(sheet=sheet).count() == 3
    assert ScoreSheet.objects.get(pk=sheet.pk).total == D("100.00")
    assert PanelMember.objects.count() == 1
