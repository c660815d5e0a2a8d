"""Everything in the portal app that writes several rows or changes a state."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from portal import notifications
from portal.enums import REGISTRATION_TRANSITIONS, RegistrationStatus, Role
from portal.models import Membership, Organization, Registration, ReviewerProfile, User
from portal.workflow import check_transition


def add_role(user: User, role: Role) -> None:
    user.groups.add(Group.objects.get(name=role))


@transaction.atomic
def register_enterprise(
    *, user: User, password: str, organization: Organization, position: str = ""
) -> Registration:
    """Save a new, inactive account and its registration for the bureau to approve.

    ``organization`` is either an existing one (a claim by credit code) or a new, unsaved one,
    which is saved now. Bureau staff with an e-mail address are told after the commit.
    """
    creates_organization = organization.pk is None
    if creates_organization:
        organization.save()
    user.is_active = False
    user.set_password(password)
    user.save()
    registration = Registration.objects.create(
        user=user,
        organization=organization,
        organization_name=organization.name,
        creates_organization=creates_organization,
        position=position,
    )
    notifications.notify_staff_of_registration(registration)
    return registration


@transaction.atomic
def approve_registration(
    *, registration: Registration, actor: User, comment: str = ""
) -> Registration:
    """Activate the account, make it an enterprise member of its organization, tell the user."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    check_transition(
        REGISTRATION_TRANSITIONS,
        registration.status,
        RegistrationStatus.APPROVED,
    )
    user = registration.user
    user.is_active = True
    user.save(update_fields=["is_active"])
    add_role(user, Role.ENTERPRISE_MEMBER)
    Membership.objects.create(
        user=user, organization=registration.organization, position=registration.position
    )
    registration.status = RegistrationStatus.APPROVED
    registration.decided_by = actor
    registration.decided = timezone.now()
    registration.decision_comment = comment
    registration.save(update_fields=["status", "decided_by", "decided", "decision_comment"])
    notifications.notify_registration_decided(registration)
    return registration


@transaction.atomic
def reject_registration(*, registration: Registration, actor: User, reason: str) -> Registration:
    """Refuse the registration with a reason; the account stays inactive.

    An organization that was entered with this registration, and that nobody else has joined
    or claimed since, is removed from the register again.
    """
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    check_transition(
        REGISTRATION_TRANSITIONS,
        registration.status,
        RegistrationStatus.REJECTED,
    )
    organization = registration.organization
    registration.status = RegistrationStatus.REJECTED
    registration.decided_by = actor
    registration.decided = timezone.now()
    registration.decision_comment = reason
    fields = ["status", "decided_by", "decided", "decision_comment"]
    if (
        registration.creates_organization
        and organization is not None
        and not organization.memberships.exists()
        and not organization.registrations.exclude(pk=registration.pk).exists()
    ):
        registration.organization = None
        fields.append("organization")
        registration.save(update_fields=fields)
        organization.delete()
    else:
        registration.save(update_fields=fields)
    notifications.notify_registration_decided(registration)
    return registration


# --- expert reviewers -----------------------------------------------------------------------


@transaction.atomic
def create_reviewer(*, user: User, profile: ReviewerProfile, actor: User, set_password_url) -> User:
    """Create an expert reviewer's account and profile and e-mail them a link to set their
    password (``set_password_url(user)`` builds it). The account has no usable password until
    then."""
    user.set_unusable_password()
    user.save()
    add_role(user, Role.REVIEWER)
    profile.user = user
    profile.save()
    notifications.notify_users(
        [user],
        "reviewer_invited",
        {"user": user, "actor": actor, "url": set_password_url(user)},
    )
    return user
