"""Permission predicates of the pilots app (declared on the models' Meta.rules_permissions)."""

import rules

from portal.rules import has_organization, is_bureau_staff, is_enterprise_member, is_reviewer


def _organization_id(user):
    membership = getattr(user, "membership", None)
    return membership.organization_id if membership is not None else None


@rules.predicate
def is_pilot_member(user, pilot) -> bool:
    """The user is an enterprise member of the pilot's lead or a participating organization."""
    if pilot is None or not user.is_authenticated or not is_enterprise_member(user):
        return False
    organization_id = _organization_id(user)
    if organization_id is None:
        return False
    if pilot.lead_organization_id == organization_id:
        return True
    return pilot.participants.filter(pk=organization_id).exists()


@rules.predicate
def is_activity_member(user, activity) -> bool:
    return (
        activity is not None
        and activity.pilot is not None
        and is_pilot_member(user, activity.pilot)
    )


rules.add_perm(
    "pilots.view_pilot_list",
    is_bureau_staff | (is_enterprise_member & has_organization),
)


def _active_member(user, review):
    if review is None or not user.is_authenticated:
        return None
    return review.panel.filter(reviewer=user, removed=None).first()


@rules.predicate
def sits_on_panel(user, review) -> bool:
    """The user is an active (not removed) member of the review's panel."""
    return _active_member(user, review) is not None


@rules.predicate
def has_declared_no_conflict(user, review) -> bool:
    member = _active_member(user, review)
    return member is not None and member.declaration == "no_conflict"


@rules.predicate
def reviews_pilot(user, pilot) -> bool:
    """An active panel member who declared no conflict on a review of this pilot: the pilot's
    page and documents open to them."""
    if pilot is None or not user.is_authenticated:
        return False
    return pilot.reviews.filter(
        panel__reviewer=user, panel__removed=None, panel__declaration="no_conflict"
    ).exists()


@rules.predicate
def owns_sheet(user, sheet) -> bool:
    return (
        sheet is not None
        and sheet.panel_member.reviewer_id == user.pk
        and sheet.panel_member.removed is None
    )


@rules.predicate
def sheet_is_editable(user, sheet) -> bool:
    return (
        sheet is not None
        and sheet.status == "draft"
        and sheet.panel_member.review.status == "scoring"
    )


rules.add_perm("pilots.declare_acceptancereview", sits_on_panel)
rules.add_perm("pilots.view_review_list", is_bureau_staff | is_reviewer)
