"""Permission predicates of the brands app (declared on the models' Meta.rules_permissions).

Bureau staff keep the register; an enterprise member sees their own organization's brands,
read-only. Everyone sees the public list of titles within their validity period.
"""

import rules

from portal.rules import is_bureau_staff, is_member_of


@rules.predicate
def is_holder_member(user, brand) -> bool:
    """The user is an enterprise member of the organization that holds the brand's title."""
    return brand is not None and is_member_of(user, brand.holder)


# The register's pages without an object: the list, the expiring titles, the county's output.
rules.add_perm("brands.view_brand_list", is_bureau_staff)
