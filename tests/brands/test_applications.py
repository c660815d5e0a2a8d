"""The award application workflow, through its services: every move by role, the deadlines,
the missing-material refusal, the supplement loop keeping every version, the decision, the
public notice and the brand that a final famous-brand award enters in the register."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from brands import services
from brands.enums import ApplicationStatus, CheckOutcome
from brands.models import ApplicationMaterial, Brand, BrandTitle, Objection
from portal.models import Notification
from portal.workflow import IllegalTransition
from scoring.enums import PanelStatus
from scoring.models import Panel
from tests.brands import applications as make
from tests.brands.factories import document
from tests.factories import EnterpriseMemberFactory, ReviewerFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English here."""
    with translation.override("en"):
        yield


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


# --- starting and filling in -----------------------------------------------------------------


def test_member_starts_a_draft_for_their_organization(member):
    program = make.program()

    application = make.draft(program, member)

    assert application.status == ApplicationStatus.DRAFT
    assert application.organization == member.membership.organization
    assert [t.to_status for t in application.transitions.all()] == [ApplicationStatus.DRAFT]
    assert application.reference == f"SQ{application.pk:06d}"


@pytest.mark.parametrize(("opens", "closes"), [(1, 30), (-30, -1)], ids=["not-open-yet", "closed"])
def test_no_draft_outside_the_application_period(member, opens, closes):
    program = make.program(opens_on=days(opens), closes_on=days(closes))

    with pytest.raises(services.ApplicationError, match="Applications to this programme"):
        make.draft(program, member)


def test_one_application_per_organization_and_programme_unless_withdrawn(member):
    program = make.program()
    first = make.draft(program, member)

    with pytest.raises(services.ApplicationError, match="applied to this programme already"):
        make.draft(program, member)

    services.withdraw_application(application=first, actor=member)
    assert make.draft(program, member).pk != first.pk


@pytest.mark.parametrize("role", ["staff", "reviewer", "other"])
def test_only_a_member_starts_their_own_organizations_draft(member, role):
    program = make.program()
    actor = {"staff": StaffFactory, "reviewer": ReviewerFactory, "other": EnterpriseMemberFactory}[
        role
    ]()

    with pytest.raises(PermissionDenied):
        services.start_application(
            program=program, organization=member.membership.organization, actor=actor
        )


def test_submitting_with_a_mandatory_material_missing_lists_what_is_missing(member):
    program = make.program(materials=2, optional=1)
    application = make.fill(make.draft(program, member), member, materials=False)
    first, second = program.materials.filter(mandatory=True)
    services.upload_material(
        application=application,
        required=first,
        uploaded_file=document(),
        kind="pdf",
        actor=member,
    )

    with pytest.raises(services.IncompleteApplication) as refused:
        services.submit_application(application=application, actor=member)

    assert refused.value.problems == [f"“{second.name}” is missing"]
    assert second.name in str(refused.value)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert not application.versions.exists()


def test_submitting_an_empty_form_lists_every_missing_part(member):
    program = make.program(materials=1, optional=0)
    application = make.draft(program, member)
    application.contact_phone = ""
    application.save()

    problems = services.submission_problems(application)

    assert "the declaration is not confirmed" in problems
    assert "the figures of the last three years are incomplete" in problems
    assert "“product, brand or service” is empty" in problems
    assert f"“{program.materials.get().name}” is missing" in problems


def test_submission_keeps_a_version_and_tells_staff(member, staff_user):
    program = make.program()

    application = make.submitted(program, member)

    assert application.status == ApplicationStatus.SUBMITTED
    version = application.versions.get()
    assert version.number == 1
    assert version.data["product"] == make.FORM["product"]
    assert set(version.materials.all()) == set(application.materials.all())
    assert Notification.objects.filter(recipient=staff_user, kind="application_submitted").exists()


def test_nothing_is_submitted_after_the_closing_date(member, travel):
    program = make.program()
    application = make.fill(make.draft(program, member), member)
    travel(program.closes_on + datetime.timedelta(days=1))

    with pytest.raises(services.ApplicationError, match="closed on"):
        services.submit_application(application=application, actor=member)


# --- the check and the supplement loop -------------------------------------------------------


def test_return_for_supplement_and_resubmit_keeps_every_version_and_file(member, staff_user):
    program = make.program()
    application = make.returned(program, member, staff_user)
    assert application.status == ApplicationStatus.RETURNED
    assert application.supplement_request == "请补充财务报表"
    material = program.materials.filter(mandatory=True).first()
    old = application.materials.get(required=material, replaced=None)

    application.product = "新产品名称"
    services.save_application_form(application=application, actor=member, fields=["product"])
    services.upload_material(
        application=application,
        required=material,
        uploaded_file=document("新报表.pdf"),
        kind="pdf",
        actor=member,
    )
    application = services.submit_application(application=application, actor=member)

    assert application.status == ApplicationStatus.SUBMITTED
    first, second = application.versions.order_by("number")
    assert first.data["product"] == make.FORM["product"]
    assert second.data["product"] == "新产品名称"
    old.refresh_from_db()
    assert old.replaced is not None
    assert old in first.materials.all() and old not in second.materials.all()
    assert (
        ApplicationMaterial.objects.filter(application=application, required=material).count() == 2
    )
    assert [t.note_code for t in application.transitions.order_by("recorded")][-1] == "resubmitted"
    assert Notification.objects.filter(kind="application_resubmitted").exists()


def test_returning_needs_what_to_fix_and_a_future_deadline(member, staff_user):
    application = make.submitted(make.program(), member)
    for comment, deadline, message in [
        ("", days(7), "Say what the enterprise must supplement"),
        ("补充", None, "deadline"),
        ("补充", timezone.localdate(), "deadline"),
    ]:
        with pytest.raises(services.ApplicationError, match=message):
            services.check_application(
                application=application,
                actor=staff_user,
                items=make.items(application),
                outcome=CheckOutcome.RETURNED,
                comment=comment,
                supplement_deadline=deadline,
            )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not application.checks.exists()


def test_accepting_is_refused_while_a_mandatory_material_fails(member, staff_user):
    application = make.submitted(make.program(), member)
    failing = application.program.materials.filter(mandatory=True).first()

    with pytest.raises(services.ApplicationError, match=failing.name):
        services.check_application(
            application=application,
            actor=staff_user,
            items=make.items(application, failing={failing.pk}),
            outcome=CheckOutcome.ACCEPTED,
            comment="",
        )


def test_the_check_records_each_material_and_the_enterprise_is_told(member, staff_user):
    application = make.accepted(make.program(), member, staff_user)

    check = application.checks.get()
    assert check.items.count() == application.program.materials.count()
    assert all(item.passed for item in check.items.all())
    assert application.status == ApplicationStatus.ACCEPTED
    assert Notification.objects.filter(recipient=member, kind="application_status_changed").exists()


def test_after_the_supplement_deadline_only_an_extension_lets_it_be_resubmitted(
    member, staff_user, travel
):
    application = make.returned(make.program(), member, staff_user, days=3)
    travel(days(5))

    with pytest.raises(services.ApplicationError, match="ask the bureau to extend"):
        services.submit_application(application=application, actor=member)

    services.extend_supplement_deadline(
        application=application, actor=staff_user, deadline=days(10), comment="延期"
    )
    application.refresh_from_db()
    application = services.submit_application(application=application, actor=member)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.transitions.filter(note_code="deadline_extended").exists()


def test_the_enterprise_cannot_edit_once_submitted(member):
    application = make.submitted(make.program(), member)

    with pytest.raises(PermissionDenied):
        services.save_application_form(application=application, actor=member, fields=["product"])
    with pytest.raises(PermissionDenied):
        services.upload_material(
            application=application,
            required=None,
            title="其他",
            uploaded_file=document(),
            kind="pdf",
            actor=member,
        )


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
