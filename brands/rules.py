"""Permission predicates of the brands app (declared on the models' Meta.rules_permissions).

Bureau staff keep the register; an enterprise member sees their own organization's brands,
read-only. Everyone sees the public list of titles within their validity period.
"""

import rules

from portal.references import is_referred_to
from portal.rules import is_bureau_staff, is_enterprise_member, is_member_of


@rules.predicate
def is_holder_member(user, brand) -> bool:
    """The user is an enterprise member of the organization that holds the brand's title."""
    return brand is not None and is_member_of(user, brand.holder)


# A brand's own parts go with it; anything else that refers to it holds it back.
BRAND_PARTS = ("outputs", "reminders")


@rules.predicate
def brand_is_deletable(user, brand) -> bool:
    """Nothing but the brand's own output figures and reminders refers to it (with no brand
    given, true)."""
    return brand is None or not is_referred_to(brand, parts=BRAND_PARTS)


@rules.predicate
def title_is_deletable(user, title) -> bool:
    """No brand holds the title (with no title given, true)."""
    return title is None or not is_referred_to(title)


# The register's pages without an object: the list, the expiring titles, the county's output.
rules.add_perm("brands.view_brand_list", is_bureau_staff)


# A programme's own parts go with it; anything else that refers to it holds it back.
PROGRAM_PARTS = ("materials",)


@rules.predicate
def program_is_deletable(user, program) -> bool:
    """Nothing but the programme's own list of required materials refers to it (with no
    programme given, true)."""
    return program is None or not is_referred_to(program, parts=PROGRAM_PARTS)


# Enterprise members see the programmes open now (and staff, who keep them).
rules.add_perm("brands.view_open_programs", is_bureau_staff | is_enterprise_member)
