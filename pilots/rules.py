"""Permission predicates of the pilots app (declared on the models' Meta.rules_permissions)."""

import rules

from portal.rules import has_organization, is_bureau_staff, is_enterprise_member


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
