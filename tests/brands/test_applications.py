"""The award application workflow through its services, up to the bureau's acceptance: the
draft, the deadlines, the missing-material refusal, the check and the supplement loop keeping
every version. The panel, decision, notice and withdrawal are in test_application_decisions.py."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from brands import services
from brands.enums import ApplicationStatus, CheckOutcome
from brands.models import ApplicationMaterial
from portal.models import Notification
from tests.brands import applications as make
from tests.brands.factories import document
from tests.factories import EnterpriseMemberFactory, ReviewerFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


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
