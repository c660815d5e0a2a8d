"""Querysets that decide what a user may see and what a page needs."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.collation import Pinyin
from portal.enums import RegistrationStatus
from portal.models import Membership, Notification, Organization, Registration, User
from portal.queries import SubqueryCount
from portal.rules import is_bureau_staff


def organizations_for_user(user: User) -> QuerySet[Organization]:
    """Staff see the whole register; an enterprise member sees their own organization."""
    organizations = (
        Organization.objects.select_related("region")
        .annotate(
            member_count=SubqueryCount(
                Membership.objects.filter(organization=OuterRef("pk")).values("pk")
            )
        )
        .order_by(Pinyin("name"), "pk")
    )
    if is_bureau_staff(user):
        return organizations
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None:
        return organizations.none()
    return organizations.filter(pk=membership.organization_id)


def is_unconfirmed_organization(organization: Organization) -> bool:
    """Entered by a registration that staff have not approved (pending, or rejected and kept for
    another claim), and nobody is a member yet: its name is not to be shown to visitors."""
    return (
        Organization.objects.filter(pk=organization.pk, registrations__creates_organization=True)
        .exclude(registrations__status=RegistrationStatus.APPROVED)
        .exclude(memberships__isnull=False)
        .exists()
    )


def organization_members(organization: Organization) -> QuerySet[Membership]:
    return organization.memberships.select_related("user").order_by("user__full_name")


def organization_reviewers(organization: Organization) -> QuerySet:
    return organization.reviewers.select_related("user").order_by("user__full_name")


def registrations_for_staff(*, status: str | None = None) -> QuerySet[Registration]:
    registrations = Registration.objects.select_related(
        "user", "organization", "organization__region", "decided_by"
    )
    if status:
        registrations = registrations.filter(status=status)
    return registrations


PENDING_REGISTRATIONS_KEY = "portal:pending-registration-count"


def pending_registration_count() -> int:
    """How many registrations await approval: shown on every staff page, so it is cached until
    a registration changes (``forget_pending_registration_count``), five minutes at most."""
    return cache.get_or_set(
        PENDING_REGISTRATIONS_KEY,
        lambda: Registration.objects.filter(status=RegistrationStatus.PENDING).count(),
        300,
    )


def forget_pending_registration_count(**kwargs) -> None:
    """Forget the cached count now and again once the transaction commits (a request that reads
    it meanwhile would cache the count from before the change)."""
    cache.delete(PENDING_REGISTRATIONS_KEY)
    transaction.on_commit(lambda: cache.delete(PENDING_REGISTRATIONS_KEY))


@dataclass
class FieldChange:
    """One field's change between two history records, ready to show."""

    label: str
    old: str
    new: str


# Kept by every record but not worth showing as a change.
HISTORY_SKIPPED_FIELDS = {"id", "created", "modified"}


def _history_value(record, field) -> str:
    value = getattr(record, field.attname)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = getattr(record, field.name, None)
        return str(related) if related is not None else ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def history_with_changes(instance) -> list:
    """The instance's django-simple-history records, newest first, each with ``.changes``: the
    ``FieldChange`` of every tracked field (status changes included) against the record before
    it, with choices by their label, related records by name and dates as YYYY-MM-DD."""
    records = list(instance.history.select_related("history_user").order_by("-history_id"))
    fields = [
        field
        for field in type(instance)._meta.concrete_fields
        if field.name not in HISTORY_SKIPPED_FIELDS
        and hasattr(records[0] if records else instance, field.attname)
    ]
    for record, previous in zip(records, [*records[1:], None], strict=True):
        record.changes = []
        if previous is None:
            continue
        for field in fields:
            old, new = _history_value(previous, field), _history_value(record, field)
            if old != new:
                record.changes.append(FieldChange(str(field.verbose_name), old, new))
    return records


def notifications_for_user(user: User) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created", "-pk")


def _unread_key(user_id: int) -> str:
    return f"portal:unread-notifications:{user_id}"


def unread_notification_count(user: User) -> int:
    """The bell's count, on every page: cached until the user's notifications change
    (``forget_unread_notification_counts``), a minute at most."""
    return cache.get_or_set(
        _unread_key(user.pk),
        lambda: Notification.objects.filter(recipient=user, read=None).count(),
        60,
    )


def forget_unread_notification_counts(user_ids) -> None:
    """Forget the cached bell counts of these users, now and once the transaction commits."""
    keys = [_unread_key(user_id) for user_id in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
