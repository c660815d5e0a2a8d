"""Everything in the portal app that writes several rows or changes a state."""

import logging

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import notifications, selectors
from portal.enums import REGISTRATION_TRANSITIONS, RegistrationStatus, Role
from portal.models import (
    Membership,
    Notification,
    Organization,
    Registration,
    ReviewerProfile,
    User,
)
from portal.workflow import DomainError, check_transition

logger = logging.getLogger(__name__)


def add_role(user: User, role: Role) -> None:
    user.groups.add(Group.objects.get(name=role))


@transaction.atomic
def register_enterprise(
    *, user: User, password: str, organization: Organization, position: str = ""
) -> Registration:
    """Save a new, inactive account and its registration for the bureau to approve.

    ``organization`` is either an existing one (a claim by credit code) or a new, unsaved one,
    which is saved now with the applicant as its contact (where it names none). Bureau staff
    with an e-mail address are told after the commit.
    """
    creates_organization = organization.pk is None
    if creates_organization:
        longest_name = Organization._meta.get_field("contact_person").max_length
        organization.contact_person = organization.contact_person or user.full_name[:longest_name]
        organization.contact_phone = organization.contact_phone or user.phone
        organization.contact_email = organization.contact_email or user.email
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


# --- accounts that staff manage: bureau staff and expert reviewers --------------------------


class AccountChangeRefused(DomainError):
    """A change of an account that the portal does not allow (e.g. deactivating oneself)."""


def _invite(*, user: User, role: Role, template: str, actor: User, set_password_url) -> None:
    """Save a new account of ``role`` without a usable password and e-mail its owner a link
    to choose one (``set_password_url(user)`` builds it)."""
    user.set_unusable_password()
    user.save()
    add_role(user, role)
    notifications.notify_users(
        [user], template, {"user": user, "actor": actor, "url": set_password_url(user)}
    )


@transaction.atomic
def create_reviewer(*, user: User, profile: ReviewerProfile, actor: User, set_password_url) -> User:
    """Create an expert reviewer's account and profile and e-mail them a link to set their
    password. The account has no usable password until then."""
    _invite(
        user=user,
        role=Role.REVIEWER,
        template="reviewer_invited",
        actor=actor,
        set_password_url=set_password_url,
    )
    profile.user = user
    profile.save()
    return user


@transaction.atomic
def create_staff_member(*, user: User, actor: User, set_password_url) -> User:
    """Create an account of the bureau's staff and e-mail its owner a link to set a password."""
    _invite(
        user=user,
        role=Role.BUREAU_STAFF,
        template="staff_invited",
        actor=actor,
        set_password_url=set_password_url,
    )
    return user


@transaction.atomic
def set_account_active(*, user: User, active: bool, actor: User) -> User:
    """Deactivate an account (it can no longer log in, and its open sessions end) or
    reactivate it. Accounts are never deleted: what their owners did stays on record.
    Nobody deactivates their own account, so there is always someone left to undo it."""
    if not active and user.pk == actor.pk:
        raise AccountChangeRefused(_("You cannot deactivate your own account."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        change = "reactivated" if active else "deactivated"
        logger.info("Account %s %s by user %s", user.pk, change, actor.pk)
    return user


def mark_notifications_read(*, user: User, notification: Notification | None = None) -> int:
    """Mark one of the user's notifications, or all of them, as read; how many changed."""
    unread = Notification.objects.filter(recipient=user, read=None)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    changed = unread.update(read=timezone.now())
    selectors.forget_unread_notification_counts([user.pk])
    return changed
