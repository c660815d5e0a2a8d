"""Permission predicates of the pilots app (declared on the models' Meta.rules_permissions)."""

import rules

from pilots.enums import DECISION_STATUSES
from portal.references import is_referred_to
from portal.rules import has_organization, is_bureau_staff, is_enterprise_member, is_reviewer
from scoring import rules as scoring_rules
from scoring.enums import Declaration


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


@rules.predicate
def sits_on_review_panel(user, review) -> bool:
    """The user is an active (not removed) member of the review's panel."""
    return review is not None and scoring_rules.sits_on_panel(user, review.panel)


@rules.predicate
def reviews_pilot(user, pilot) -> bool:
    """An active panel member who declared no conflict on a review of this pilot: the pilot's
    page and documents open to them."""
    if pilot is None or not user.is_authenticated:
        return False
    return pilot.reviews.filter(
        panel__members__reviewer=user,
        panel__members__removed=None,
        panel__members__declaration=Declaration.NO_CONFLICT,
    ).exists()


@rules.predicate
def reviews_activity(user, activity) -> bool:
    """The activity belongs to a pilot the user reviews (``reviews_pilot``): reviewers inspect
    the pilot's records, its activities and their photos, read-only."""
    return (
        activity is not None and activity.pilot is not None and reviews_pilot(user, activity.pilot)
    )


rules.add_perm("pilots.view_review_list", is_bureau_staff | is_reviewer)


# --- deleting -------------------------------------------------------------------------------

# What goes with a pilot when it is deleted: its timeline, the entries of its standard system
# and its documents; its activities are kept without the link to it. Anything else that refers
# to it (its acceptance reviews, and whatever refers to pilots in future) holds it back.
PILOT_PARTS = ("transitions", "system_entries", "documents", "activities")


@rules.predicate
def pilot_is_deletable(user, pilot) -> bool:
    """Nothing but the pilot's own parts refers to it, and its timeline records no decision
    (passed, failed or revoked). With no pilot given, true."""
    if pilot is None:
        return True
    return not is_referred_to(
        pilot,
        parts=PILOT_PARTS,
        also=[pilot.transitions.filter(to_status__in=DECISION_STATUSES)],
    )


@rules.predicate
def standard_is_deletable(user, standard) -> bool:
    """No pilot's standard system uses the standard and no other standard is superseded by it.
    With no standard given, true."""
    return standard is None or not is_referred_to(standard)
