"""The panel services on a panel that no pilot links: the machinery any subject shares."""

import datetime
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from portal.workflow import IllegalTransition
from scoring import services
from scoring.enums import PANEL_TRANSITIONS, SHEET_TRANSITIONS, Declaration, PanelStatus
from scoring.models import Panel, PanelEvent, ScoreSheet
from scoring.selectors import panel_events, panel_result, template_leaves
from tests.factories import (
    EnterpriseMemberFactory,
    OrganizationFactory,
    ReviewerFactory,
    StaffFactory,
)
from tests.scoring.factories import (
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    scoring_template_with,
)

pytestmark = pytest.mark.django_db

# Written out: a panel is scheduled, then scored, then concluded, never back; until it concludes
# it can be closed (its subject withdrawn).
PANEL_MOVES = {
    ("scheduled", "scoring"),
    ("scoring", "concluded"),
    ("scheduled", "closed"),
    ("scoring", "closed"),
}
SHEET_MOVES = {("draft", "submitted"), ("submitted", "draft")}


def moves(table):
    return {(current, target) for current, targets in table.items() for target in targets}


def test_panel_table_lists_exactly_the_written_moves():
    assert moves(PANEL_TRANSITIONS) == PANEL_MOVES


def test_sheet_table_lists_exactly_the_written_moves():
    assert moves(SHEET_TRANSITIONS) == SHEET_MOVES


def full_scores(sheet):
    return {
        leaf.pk: (leaf.max_points, "")
        for leaf in template_leaves(sheet.panel_member.panel.template)
    }


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in PanelStatus.values for t in PanelStatus.values if c != t],
)
def test_every_panel_move_by_the_table(current, target):
    panel = PanelFactory(status=current)
    ScoreSheetFactory(panel_member__panel=panel)
    staff = StaffFactory()
    sheet = panel.members.get().sheet
    if current == PanelStatus.SCORING:
        services.submit_score_sheet(
            sheet=sheet, scores=full_scores(sheet), actor=sheet.panel_member.reviewer
        )
    move = {
        PanelStatus.SCORING: lambda: services.start_scoring(panel=panel, actor=staff),
        PanelStatus.CONCLUDED: lambda: services.conclude_panel(
            panel=panel, opinion="同意", actor=staff
        ),
        PanelStatus.CLOSED: lambda: services.close_panel(panel=panel, actor=staff, reason="撤回"),
        PanelStatus.SCHEDULED: None,
    }[target]
    if move is None:
        return  # no service moves a panel back to scheduled
    if (current, target) in PANEL_MOVES:
        move()
        assert Panel.objects.get(pk=panel.pk).status == target
    else:
        with pytest.raises(IllegalTransition):
            move()
        assert Panel.objects.get(pk=panel.pk).status == current


def test_create_panel_refuses_an_employee_of_the_given_organizations():
    organization = OrganizationFactory()
    insider = ReviewerFactory(reviewer_profile__employer=organization, full_name="内部专家")
    with pytest.raises(services.PanelError) as raised:
        services.create_panel(
            template=scoring_template_with(),
            reviewers=[ReviewerFactory(), insider],
            chair=insider,
            organization_ids={organization.pk},
            actor=StaffFactory(),
        )
    assert (
        str(raised.value) == "内部专家不能担任本专家组成员：其工作单位是被评审的组织（利益冲突）。"
    )
    assert Panel.objects.count() == 0


def test_create_panel_makes_members_freezes_template_and_records():
    template = scoring_template_with()
    reviewers = ReviewerFactory.create_batch(2)
    panel = services.create_panel(
        template=template,
        reviewers=reviewers,
        chair=reviewers[1],
        organization_ids=set(),
        actor=StaffFactory(),
    )
    template.refresh_from_db()
    assert (panel.status, template.is_frozen, panel.subject) == ("scheduled", True, None)
    assert [(m.reviewer, m.is_chair) for m in panel.members.order_by("pk")] == [
        (reviewers[0], False),
        (reviewers[1], True),
    ]
    assert list(panel.events.values_list("from_status", "to_status")) == [("", "scheduled")]


def test_create_panel_refuses_a_non_reviewer():
    member = EnterpriseMemberFactory()
    with pytest.raises(services.PanelError):
        services.create_panel(
            template=scoring_template_with(),
            reviewers=[member],
            chair=member,
            organization_ids=set(),
            actor=StaffFactory(),
        )


def test_add_panel_member_refuses_an_employee_of_the_given_organizations():
    panel = PanelFactory()
    organization = OrganizationFactory()
    insider = ReviewerFactory(reviewer_profile__employer=organization)
    with pytest.raises(services.PanelError):
        services.add_panel_member(
            panel=panel, reviewer=insider, organization_ids=[organization.pk], actor=StaffFactory()
        )
    assert panel.members.count() == 0


def test_reviewer_added_again_declares_again_before_the_sheet_opens(
    django_capture_on_commit_callbacks,
):
    sheet = ScoreSheetFactory()
    member, staff = sheet.panel_member, StaffFactory()
    services.remove_panel_member(member=member, reason="临时有事", actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_panel_member(
            panel=member.panel, reviewer=member.reviewer, organization_ids=set(), actor=staff
        )
    member.refresh_from_db()
    assert (member.declaration, member.removed) == (Declaration.PENDING, None)
    assert len(mail.outbox) == 1
    with pytest.raises(PermissionDenied):
        services.save_score_sheet(sheet=sheet, scores=full_scores(sheet), actor=member.reviewer)


def test_declare_no_conflict_while_scoring_opens_the_sheet():
    member = PanelMemberFactory(declaration=Declaration.PENDING)
    services.declare(member=member, conflict=False, actor=member.reviewer)
    assert ScoreSheet.objects.filter(panel_member=member).count() == 1
    assert PanelEvent.objects.get(panel=member.panel).note == f"{member.reviewer}声明无利益冲突。"


def test_submit_then_reopen_then_submit_again_counts_once():
    sheet = ScoreSheetFactory()
    reviewer, staff = sheet.panel_member.reviewer, StaffFactory()
    services.submit_score_sheet(sheet=sheet, scores=full_scores(sheet), actor=reviewer)
    services.reopen_score_sheet(sheet=sheet, reason="请复核", actor=staff)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.total) == ("draft", None)
    services.submit_score_sheet(sheet=sheet, scores=full_scores(sheet), actor=reviewer)
    result = panel_result(sheet.panel_member.panel)
    assert (result.score, result.counted) == (D("100.00"), (D("100.00"),))


def test_save_score_sheet_keeps_a_draft_with_empty_items():
    sheet = ScoreSheetFactory()
    leaves = template_leaves(sheet.panel_member.panel.template)
    services.save_score_sheet(
        sheet=sheet, scores={leaves[0].pk: (D("12.5"), "好")}, actor=sheet.panel_member.reviewer
    )
    sheet.refresh_from_db()
    assert (sheet.status, list(sheet.items.values_list("points", "comment"))) == (
        "draft",
        [(D("12.50"), "好")],
    )


def test_conclude_panel_stores_the_result_and_the_date():
    sheet = ScoreSheetFactory()
    services.submit_score_sheet(
        sheet=sheet, scores=full_scores(sheet), actor=sheet.panel_member.reviewer
    )
    panel = services.conclude_panel(
        panel=sheet.panel_member.panel,
        opinion="同意",
        actor=StaffFactory(),
        concluded_on=datetime.date(2014, 6, 25),
    )
    panel.refresh_from_db()
    assert (panel.status, panel.score, panel.passed, panel.opinion, panel.concluded_on) == (
        "concluded",
        D("100.00"),
        True,
        "同意",
        datetime.date(2014, 6, 25),
    )


def test_panel_chair_is_the_active_member_marked_chair():
    panel = PanelFactory()
    PanelMemberFactory(panel=panel)
    chair = PanelMemberFactory(panel=panel, is_chair=True)
    assert panel.chair == chair.reviewer
    services.remove_panel_member(member=chair, reason="回避", actor=StaffFactory())
    assert panel.chair is None


# --- paper records entered by staff, with their dates ---------------------------------------


def event(panel, occurred_on, actor=None):
    return PanelEvent.objects.create(
        panel=panel,
        actor=actor or StaffFactory(),
        from_status=panel.status,
        to_status=panel.status,
        occurred_on=occurred_on,
    )


def test_staff_enter_a_paper_declaration_dated_on_the_members_behalf():
    staff = StaffFactory()
    member = PanelMemberFactory(declaration=Declaration.PENDING, reviewer__full_name="赵明")
    event(member.panel, datetime.date(2013, 9, 12))

    services.declare(
        member=member, conflict=False, actor=staff, occurred_on=datetime.date(2013, 9, 26)
    )

    record = member.panel.events.latest("recorded")
    assert (record.occurred_on, record.actor, record.note_params) == (
        datetime.date(2013, 9, 26),
        staff,
        {"name": "赵明"},
    )
    member.refresh_from_db()
    assert member.declaration == Declaration.NO_CONFLICT


def test_a_reviewer_cannot_date_their_own_declaration():
    member = PanelMemberFactory(declaration=Declaration.PENDING)
    with pytest.raises(PermissionDenied):
        services.declare(
            member=member,
            conflict=False,
            actor=member.reviewer,
            occurred_on=datetime.date(2013, 9, 26),
        )


def test_another_reviewer_cannot_declare_on_a_members_behalf():
    member = PanelMemberFactory(declaration=Declaration.PENDING)
    with pytest.raises(PermissionDenied):
        services.declare(member=member, conflict=False, actor=ReviewerFactory())


@pytest.mark.parametrize(
    ("occurred_on", "message"),
    [
        (datetime.date(2013, 9, 11), "The date cannot be before the panel's previous event"),
        (timezone.localdate() + datetime.timedelta(days=1), "The date cannot be in the future."),
    ],
    ids=["before-the-previous-event", "in-the-future"],
)
def test_paper_dates_keep_the_panel_record_in_order(settings, occurred_on, message):
    settings.LANGUAGE_CODE = "en"
    panel = PanelFactory(status=PanelStatus.SCHEDULED)
    member = PanelMemberFactory(panel=panel, declaration=Declaration.PENDING)
    event(panel, datetime.date(2013, 9, 12))
    staff = StaffFactory()

    calls = [
        lambda: services.declare(
            member=member, conflict=False, actor=staff, occurred_on=occurred_on
        ),
        lambda: services.start_scoring(panel=panel, actor=staff, occurred_on=occurred_on),
    ]
    for call in calls:
        with pytest.raises(services.PanelError) as raised:
            call()
        assert str(raised.value).startswith(message)
    panel.refresh_from_db()
    assert (panel.status, panel.events.count()) == (PanelStatus.SCHEDULED, 1)


def test_start_scoring_dated_from_the_paper_files():
    panel = PanelFactory(status=PanelStatus.SCHEDULED)
    PanelMemberFactory(panel=panel)
    event(panel, datetime.date(2013, 9, 12))

    services.start_scoring(
        panel=panel, actor=StaffFactory(), occurred_on=datetime.date(2013, 9, 26)
    )

    assert panel.events.latest("recorded").occurred_on == datetime.date(2013, 9, 26)


def test_staff_enter_a_paper_sheet_dated_on_the_reviewers_behalf():
    staff = StaffFactory()
    sheet = ScoreSheetFactory(panel_member__reviewer__full_name="孙丽")

    services.submit_score_sheet(
        sheet=sheet, scores=full_scores(sheet), actor=staff, occurred_on=datetime.date(2013, 9, 26)
    )

    sheet.refresh_from_db()
    assert (sheet.status, sheet.total) == ("submitted", D("100.00"))
    record = sheet.panel_member.panel.events.get()
    assert (record.occurred_on, record.actor, record.note_code, record.note_params) == (
        datetime.date(2013, 9, 26),
        staff,
        "submitted",
        {"name": "孙丽"},
    )


def test_a_reviewer_cannot_date_their_own_sheet():
    sheet = ScoreSheetFactory()
    with pytest.raises(PermissionDenied):
        services.submit_score_sheet(
            sheet=sheet,
            scores=full_scores(sheet),
            actor=sheet.panel_member.reviewer,
            occurred_on=datetime.date(2013, 9, 26),
        )
    sheet.refresh_from_db()
    assert sheet.status == "draft"


def test_staff_cannot_submit_a_sheet_without_entering_a_paper_record():
    sheet = ScoreSheetFactory()
    with pytest.raises(PermissionDenied):
        services.submit_score_sheet(sheet=sheet, scores=full_scores(sheet), actor=StaffFactory())


def test_staff_cannot_enter_the_sheet_of_a_member_with_a_conflict():
    sheet = ScoreSheetFactory(panel_member__declaration=Declaration.CONFLICT)
    with pytest.raises(PermissionDenied):
        services.submit_score_sheet(
            sheet=sheet,
            scores=full_scores(sheet),
            actor=StaffFactory(),
            occurred_on=datetime.date(2013, 9, 26),
        )


def test_create_panel_dates_its_first_event():
    reviewer = ReviewerFactory()
    panel = services.create_panel(
        template=scoring_template_with(),
        reviewers=[reviewer],
        chair=reviewer,
        organization_ids=[],
        actor=StaffFactory(),
        occurred_on=datetime.date(2013, 9, 12),
    )
    assert panel.events.get().occurred_on == datetime.date(2013, 9, 12)


def test_panel_events_read_by_the_date_each_took_effect_then_by_recording():
    panel = PanelFactory()
    first = event(panel, datetime.date(2013, 9, 26))
    late_paper_record = event(panel, datetime.date(2013, 9, 12))
    same_day_later = event(panel, datetime.date(2013, 9, 26))

    assert list(panel_events(panel)) == [same_day_later, first, late_paper_record]
