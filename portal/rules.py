"""Permission predicates of the portal app; other apps combine them with their own.

Roles are Django groups named after ``portal.enums.Role``; superusers count as bureau staff.
A deactivated account has no role: every role predicate asks for an active user.
Object permissions are declared in each model's ``Meta.rules_permissions``; the ones without a
model are added here.
"""

import rules

from portal.enums import Role
from portal.references import is_referred_to


def _is_active(user) -> bool:
    return user.is_authenticated and user.is_active


@rules.predicate
def is_bureau_staff(user) -> bool:
    return _is_active(user) and (
        user.is_superuser or rules.is_group_member(Role.BUREAU_STAFF)(user)
    )


@rules.predicate
def is_enterprise_member(user) -> bool:
    return _is_active(user) and rules.is_group_member(Role.ENTERPRISE_MEMBER)(user)


@rules.predicate
def is_reviewer(user) -> bool:
    return _is_active(user) and rules.is_group_member(Role.REVIEWER)(user)


@rules.predicate
def is_member_of(user, organization) -> bool:
    """The user is an enterprise member of this organization."""
    # The role first: it is read once per request, the membership is a query of its own.
    if organization is None or not _is_active(user) or not is_enterprise_member(user):
        return False
    membership = getattr(user, "membership", None)
    return membership is not None and membership.organization_id == organization.pk


@rules.predicate
def has_organization(user) -> bool:
    return _is_active(user) and getattr(user, "membership", None) is not None


@rules.predicate
def may_manage_account(user, account) -> bool:
    """Only a superuser changes an account with rights in the admin site: whoever may set its
    e-mail address may reset its password. With no account given (a list page), true."""
    return account is None or user.is_superuser or not (account.is_superuser or account.is_staff)


@rules.predicate
def organization_is_deletable(user, organization) -> bool:
    """Nothing refers to the organization: no members, reviewers, registrations, pilots,
    activities or reviews (any app's relation counts). With no organization given, true."""
    return organization is None or not is_referred_to(organization)


rules.add_perm("portal.view_own_organization", is_enterprise_member & has_organization)


is_authenticated = rules.is_authenticated
rules.add_perm("portal.manage_reviewers", is_bureau_staff)
rules.add_perm("portal.manage_staff", is_bureau_staff)
# Edit, deactivate or reactivate one staff or expert account.
rules.add_perm("portal.change_account", is_bureau_staff & may_manage_account)
