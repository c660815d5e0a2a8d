"""Querysets that decide what a user may see and what a page needs."""

from django.db.models import Count, QuerySet

from portal.enums import RegistrationStatus
from portal.models import Membership, Organization, Registration, User
from portal.rules import is_bureau_staff


def organizations_for_user(user: User) -> QuerySet[Organization]:
    """Staff see the whole register; an enterprise member sees their own organization."""
    organizations = (
        Organization.objects.select_related("region")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name", "pk")
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


def pending_registration_count() -> int:
    return Registration.objects.filter(status=RegistrationStatus.PENDING).count()


def history_with_changes(instance) -> tuple[list, dict]:
    """The instance's django-simple-history records, newest first, each with ``.changes``
    (the field changes against the record before it), and the model's field labels."""
    records = list(instance.history.select_related("history_user").order_by("-history_id"))
    for record in records:
        previous = record.prev_record
        record.changes = record.diff_against(previous).changes if previous else []
    labels = {
        field.name: field.verbose_name
        for field in type(instance)._meta.get_fields()
        if hasattr(field, "verbose_name")
    }
    return records, labels
