"""Querysets that decide what a user may see and what a page needs."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from portal.enums import RegistrationStatus
from portal.models import (
    Criterion,
    Membership,
    Organization,
    Registration,
    ScoringTemplate,
    User,
)
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


@dataclass
class CriterionRow:
    """A criterion in tree order, with its depth and whether it is a leaf (the items scored)."""

    criterion: Criterion
    depth: int
    is_leaf: bool
    children_total: Decimal | None  # sum of the children's maxima, for groups


def template_tree(template: ScoringTemplate) -> list[CriterionRow]:
    """The criteria in display order (each group followed by its children), in one query."""
    criteria = sorted(template.criteria.all(), key=lambda c: (c.position, c.pk))
    children: dict[int | None, list[Criterion]] = {}
    for criterion in criteria:
        children.setdefault(criterion.parent_id, []).append(criterion)
    rows: list[CriterionRow] = []

    def walk(parent_id, depth):
        for criterion in children.get(parent_id, []):
            kids = children.get(criterion.pk, [])
            rows.append(
                CriterionRow(
                    criterion,
                    depth,
                    not kids,
                    sum((kid.max_points for kid in kids), Decimal(0)) if kids else None,
                )
            )
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    return rows


def template_leaves(template: ScoringTemplate) -> list[Criterion]:
    return [row.criterion for row in template_tree(template) if row.is_leaf]


def template_problems(template: ScoringTemplate, rows: list[CriterionRow] | None = None) -> list:
    """What keeps the template from being used: sums that do not add up, or no items at all."""
    rows = template_tree(template) if rows is None else rows
    problems = []
    leaves_total = sum((row.criterion.max_points for row in rows if row.is_leaf), Decimal(0))
    if not rows:
        problems.append(_("The template has no criteria yet."))
    elif leaves_total != template.total_points:
        problems.append(
            _("The items add up to %(sum)s points, not the template's total of %(total)s.")
            % {"sum": leaves_total, "total": template.total_points}
        )
    for row in rows:
        if row.children_total is not None and row.children_total != row.criterion.max_points:
            problems.append(
                _("%(code)s %(title)s has %(max)s points, but its items add up to %(sum)s.")
                % {
                    "code": row.criterion.code,
                    "title": row.criterion.title,
                    "max": row.criterion.max_points,
                    "sum": row.children_total,
                }
            )
    return problems


def usable_templates() -> list[ScoringTemplate]:
    """Templates whose points add up, for scheduling a review."""
    templates = ScoringTemplate.objects.prefetch_related("criteria").order_by("name", "-version")
    return [template for template in templates if not template_problems(template)]


def scoring_templates_for_list() -> QuerySet[ScoringTemplate]:
    """Templates with ``item_count``: their leaves, the criteria that reviewers score."""
    return ScoringTemplate.objects.annotate(
        item_count=Count("criteria", filter=Q(criteria__children__isnull=True))
    ).order_by("name", "-version")
