import pytest
from django.core import mail

from portal import services
from portal.enums import RegistrationStatus, Role
from portal.models import Membership, Organization, Registration, User
from portal.workflow import IllegalTransition
from tests.factories import OrganizationFactory, RegistrationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def new_user(username="applicant"):
    return User(username=username, full_name="申请人", email=f"{username}@example.com")


def test_register_enterprise_with_new_organization_saves_inactive_account(
    django_capture_on_commit_callbacks,
):
    StaffFactory(email="clerk@example.com")
    organization = OrganizationFactory.build(name="通城县新企业有限公司")

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_enterprise(
            user=new_user(), password="Sesame-Street-9", organization=organization, position="经理"
        )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    assert registration.creates_organization is True
    assert registration.organization_name == "通城县新企业有限公司"
    assert registration.user.is_active is False
    assert registration.user.check_password("Sesame-Street-9") is True
    assert Organization.objects.filter(pk=organization.pk).exists() is True
    assert [message.to for message in mail.outbox] == [["clerk@example.com"]]


def test_register_enterprise_contact_person_fits_the_organization_field():
    user = new_user()
    user.full_name = "长" * 100
    registration = services.register_enterprise(
        user=user, password="Sesame-Street-9", organization=OrganizationFactory.build()
    )
    registration.organization.refresh_from_db()
    assert registration.organization.contact_person == "长" * 50


def test_register_enterprise_claiming_existing_organization_creates_no_organization(
    organization,
):
    registration = services.register_enterprise(
        user=new_user(), password="Sesame-Street-9", organization=organization
    )
    assert registration.creates_organization is False
    assert Organization.objects.count() == 1


def test_approve_registration_activates_account_and_makes_member(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(user__email="applicant@example.com")
    staff = StaffFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_registration(registration=registration, actor=staff, comment="欢迎")

    registration.refresh_from_db()
    user = registration.user
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.decided_by == staff
    assert registration.decision_comment == "欢迎"
    assert user.is_active is True
    assert user.groups.filter(name=Role.ENTERPRISE_MEMBER).exists() is True
    assert Membership.objects.get(user=user).organization == registration.organization
    assert [message.to for message in mail.outbox] == [["applicant@example.com"]]


def test_reject_registration_removes_organization_entered_with_it():
    registration = RegistrationFactory(creates_organization=True)
    organization_pk = registration.organization.pk

    services.reject_registration(registration=registration, actor=StaffFactory(), reason="代码不符")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert registration.organization is None
    assert registration.decision_comment == "代码不符"
    assert registration.user.is_active is False
    assert Organization.objects.filter(pk=organization_pk).exists() is False


def test_reject_registration_keeps_organization_that_others_joined(member):
    registration = RegistrationFactory(
        creates_organization=True, organization=member.membership.organization
    )
    services.reject_registration(registration=registration, actor=StaffFactory(), reason="重复")
    registration.refresh_from_db()
    assert registration.organization == member.membership.organization


def test_reject_registration_keeps_claimed_organization(organization):
    registration = RegistrationFactory(organization=organization, creates_organization=False)
    services.reject_registration(registration=registration, actor=StaffFactory(), reason="不认识")
    assert Organization.objects.filter(pk=organization.pk).exists() is True


MOVES = [
    (current, target, (current, target) in {("pending", "approved"), ("pending", "rejected")})
    for current in RegistrationStatus
    for target in (RegistrationStatus.APPROVED, RegistrationStatus.REJECTED)
]


@pytest.mark.parametrize(("current", "target", "allowed"), MOVES)
def test_registration_transition_table(current, target, allowed):
    registration = RegistrationFactory(status=current)
    move = (
        services.approve_registration
        if target == RegistrationStatus.APPROVED
        else services.reject_registration
    )
    kwargs = {"comment": ""} if target == RegistrationStatus.APPROVED else {"reason": "原因"}
    if allowed:
        move(registration=registration, actor=StaffFactory(), **kwargs)
        registration.refresh_from_db()
        assert registration.status == target
    else:
        with pytest.raises(IllegalTransition):
            move(registration=registration, actor=StaffFactory(), **kwargs)
        assert Registration.objects.get(pk=registration.pk).status == current
