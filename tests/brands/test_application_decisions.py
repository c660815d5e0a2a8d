"""The award application workflow through its services, after the bureau's check: the panel,
the decision, the public notice and its objections, the final decision and the brand it enters
in the register, withdrawal from every open state, moves by strangers, visits."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from brands import services
from brands.enums import ApplicationStatus, CheckOutcome
from brands.models import Brand, BrandTitle, Objection
from portal.models import Notification
from portal.workflow import IllegalTransition
from scoring.enums import PanelStatus
from scoring.models import Panel
from tests.brands import applications as make
from tests.factories import ReviewerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


# --- panel, decision, notice, final -----------------------------------------------------------


def test_a_scored_application_goes_to_a_panel_of_the_programmes_template(member, staff_user):
    program = make.program(scored=True)
    reviewers = [ReviewerFactory(), ReviewerFactory()]

    application = make.under_review(program, member, staff_user, reviewers)

    assert application.status == ApplicationStatus.UNDER_REVIEW
    assert application.panel.template == program.scoring_template
    assert application.panel.subject == application
    assert set(application.panel.members.values_list("reviewer", flat=True)) == {
        r.pk for r in reviewers
    }
    assert Notification.objects.filter(recipient=reviewers[0], kind="panel_assigned").exists()


def test_a_reviewer_employed_by_the_applicant_cannot_sit_on_its_panel(member, staff_user):
    program = make.program(scored=True)
    conflicted = ReviewerFactory(reviewer_profile__employer=member.membership.organization)

    with pytest.raises(Exception, match=conflicted.get_full_name()):
        make.under_review(program, member, staff_user, [conflicted, ReviewerFactory()])
    assert not Panel.objects.exists()


def test_a_recommendation_is_decided_without_a_panel(member, staff_user):
    application = make.accepted(make.program(), member, staff_user)

    with pytest.raises(services.ApplicationError, match="recommendation only"):
        services.assign_panel(
            application=application,
            reviewers=[ReviewerFactory()],
            chair=ReviewerFactory(),
            actor=staff_user,
        )
    application = services.decide_application(
        application=application, awarded=True, reason="同意推荐", actor=staff_user
    )
    assert application.status == ApplicationStatus.DECIDED


def test_a_scored_application_is_not_decided_before_its_panel(member, staff_user):
    application = make.accepted(make.program(scored=True), member, staff_user)

    with pytest.raises(services.ApplicationError, match="Assign the expert panel first"):
        services.decide_application(
            application=application, awarded=True, reason="理由", actor=staff_user
        )


def test_deciding_concludes_the_panel_once_every_sheet_is_in(member, staff_user):
    from scoring import services as scoring_services

    reviewers = [ReviewerFactory(), ReviewerFactory()]
    application = make.under_review(make.program(scored=True), member, staff_user, reviewers)
    panel = application.panel
    scoring_services.start_scoring(panel=panel, actor=staff_user)

    with pytest.raises(Exception, match="Waiting for the sheets"):
        services.decide_application(
            application=application, awarded=True, reason="理由", actor=staff_user
        )

    leaves = list(panel.template.criteria.filter(children__isnull=True))
    for reviewer in reviewers:
        member_row = panel.members.get(reviewer=reviewer)
        scoring_services.declare(member=member_row, conflict=False, actor=reviewer)
        member_row.refresh_from_db()
        scoring_services.submit_score_sheet(
            sheet=member_row.sheet,
            scores={leaf.pk: (leaf.max_points, "") for leaf in leaves},
            actor=reviewer,
        )

    application = services.decide_application(
        application=application, awarded=True, reason="评审通过", actor=staff_user
    )
    application.panel.refresh_from_db()
    assert application.panel.status == PanelStatus.CONCLUDED
    assert application.panel.score == 100
    assert application.transitions.filter(note_code="panel_concluded").exists()


def test_a_decision_needs_a_reason(member, staff_user):
    application = make.accepted(make.program(), member, staff_user)

    with pytest.raises(services.ApplicationError, match="reason"):
        services.decide_application(
            application=application, awarded=False, reason="  ", actor=staff_user
        )


def test_objections_are_taken_only_during_the_notice(member, staff_user, travel):
    application = make.in_notice(make.program(), member, staff_user, days=7)
    assert application.notice_ends == days(6)

    services.send_objection(application=application, name="", contact="", text="有异议")
    assert Objection.objects.filter(application=application).count() == 1
    assert Notification.objects.filter(recipient=staff_user, kind="objection_received").exists()

    travel(days(7))
    with pytest.raises(services.ApplicationError, match="objections are closed"):
        services.send_objection(application=application, name="", contact="", text="迟到的异议")


def test_finalising_waits_for_the_end_of_the_notice(member, staff_user, travel):
    application = make.in_notice(make.program(), member, staff_user, days=7)

    with pytest.raises(services.ApplicationError, match="runs until"):
        services.finalise_application(application=application, actor=staff_user)

    travel(days(7))
    application = services.finalise_application(application=application, actor=staff_user)
    assert application.status == ApplicationStatus.FINAL
    assert not Brand.objects.exists()


def test_a_final_famous_brand_award_enters_the_brand_in_the_register(member, staff_user, travel):
    title = BrandTitle.objects.get(name="湖北名牌产品")
    application = make.in_notice(make.program(confers_title=title), member, staff_user, days=7)
    travel(days(7))

    with pytest.raises(services.ApplicationError, match="certificate number"):
        services.finalise_application(application=application, actor=staff_user)
    services.finalise_application(
        application=application,
        actor=staff_user,
        certificate_number="HBMP-2026-001",
        valid_from=days(7),
        valid_until=days(7 + 3 * 365),
    )

    brand = Brand.objects.get()
    assert brand.source_application == application
    assert brand.holder == member.membership.organization
    assert brand.title == title
    assert brand.product == make.FORM["product"]


def test_a_refusal_is_made_final_without_a_notice(member, staff_user):
    application = make.decided(make.program(), member, staff_user, awarded=False)

    with pytest.raises(services.ApplicationError, match="Only an award"):
        services.publish_notice(application=application, actor=staff_user)
    application = services.finalise_application(application=application, actor=staff_user)
    assert application.status == ApplicationStatus.FINAL


# --- withdrawal and the transition table by role ----------------------------------------------


@pytest.mark.parametrize("state", ["draft", "submitted", "returned", "accepted", "under_review"])
@pytest.mark.parametrize("role", ["member", "staff"])
def test_withdraw_from_any_open_state(member, staff_user, state, role):
    program = make.program(scored=state == "under_review")
    application = {
        "draft": lambda: make.draft(program, member),
        "submitted": lambda: make.submitted(program, member),
        "returned": lambda: make.returned(program, member, staff_user),
        "accepted": lambda: make.accepted(program, member, staff_user),
        "under_review": lambda: make.under_review(program, member, staff_user),
    }[state]()
    actor = member if role == "member" else staff_user

    application = services.withdraw_application(application=application, actor=actor, reason="")

    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.transitions.filter(to_status=ApplicationStatus.WITHDRAWN).exists()
    if application.panel_id:
        application.panel.refresh_from_db()
        assert application.panel.status == PanelStatus.CLOSED


@pytest.mark.parametrize("state", ["decided", "notice"])
def test_no_withdrawal_once_decided(member, staff_user, state):
    program = make.program()
    application = (
        make.decided(program, member, staff_user)
        if state == "decided"
        else make.in_notice(program, member, staff_user)
    )
    with pytest.raises(PermissionDenied):
        services.withdraw_application(application=application, actor=member)


@pytest.mark.parametrize("role", ["other_member", "reviewer"])
def test_strangers_cannot_move_an_application(member, other_member, reviewer, role):
    application = make.submitted(make.program(), member)
    actor = {"other_member": other_member, "reviewer": reviewer}[role]

    with pytest.raises(PermissionDenied):
        services.withdraw_application(application=application, actor=actor)
    with pytest.raises(PermissionDenied):
        services.check_application(
            application=application,
            actor=actor,
            items=make.items(application),
            outcome=CheckOutcome.ACCEPTED,
            comment="",
        )


def test_the_enterprise_cannot_check_its_own_application(member):
    application = make.submitted(make.program(), member)

    with pytest.raises(PermissionDenied):
        services.check_application(
            application=application,
            actor=member,
            items=make.items(application),
            outcome=CheckOutcome.ACCEPTED,
            comment="",
        )


def test_a_move_the_table_does_not_allow_is_refused(member, staff_user):
    application = make.draft(make.program(), member)

    with pytest.raises(IllegalTransition):
        services.check_application(
            application=application,
            actor=staff_user,
            items=make.items(application),
            outcome=CheckOutcome.ACCEPTED,
            comment="",
        )


def test_visits_are_recorded_with_photos_and_not_in_the_future(member, staff_user):
    from tests.portal.attachments.files import picture, upload

    application = make.submitted(make.program(), member)
    with pytest.raises(services.ApplicationError, match="before it took place"):
        services.record_visit(
            application=application,
            kind="guidance",
            visited_on=days(1),
            visitors="县局",
            notes="",
            photos=[],
            actor=staff_user,
        )

    visit = services.record_visit(
        application=application,
        kind="on_site",
        visited_on=days(-1),
        visitors="市局专家组",
        notes="现场评审",
        photos=[upload("现场.jpg", picture("JPEG"))],
        actor=staff_user,
    )
    photo = visit.photos.get()
    assert photo.thumbnail.name and photo.image.name.startswith("visits/")


def test_withdrawing_during_scoring_closes_the_sheets(member, staff_user):
    from scoring import services as scoring_services

    reviewer = ReviewerFactory()
    application = make.under_review(
        make.program(scored=True), member, staff_user, [reviewer, ReviewerFactory()]
    )
    scoring_services.start_scoring(panel=application.panel, actor=staff_user)
    panel_member = application.panel.members.get(reviewer=reviewer)
    scoring_services.declare(member=panel_member, conflict=False, actor=reviewer)
    panel_member.refresh_from_db()
    sheet = panel_member.sheet
    assert reviewer.has_perm("scoring.change_scoresheet", sheet)

    services.withdraw_application(application=application, actor=member, reason="企业撤回")

    sheet.refresh_from_db()
    assert not reviewer.has_perm("scoring.change_scoresheet", sheet)
    assert sheet.panel_member.panel.events.filter(to_status=PanelStatus.CLOSED).exists()
    with pytest.raises(Exception, match="concluded"):
        scoring_services.add_panel_member(
            panel=application.panel,
            reviewer=ReviewerFactory(),
            organization_ids=set(),
            actor=staff_user,
        )
