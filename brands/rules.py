"""Permission predicates of the brands app (declared on the models' Meta.rules_permissions).

Bureau staff keep the register; an enterprise member sees their own organization's brands,
read-only. Everyone sees the public list of titles within their validity period.
"""

import rules

from brands.enums import EDITABLE_APPLICATION_STATUSES, OPEN_APPLICATION_STATUSES
from portal.references import is_referred_to
from portal.rules import is_bureau_staff, is_enterprise_member, is_member_of, is_reviewer
from scoring import rules as scoring_rules
from scoring.enums import Declaration


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


# --- award applications ---------------------------------------------------------------------


@rules.predicate
def is_applicant_member(user, application) -> bool:
    """The user is an enterprise member of the applicant organization."""
    return application is not None and is_member_of(user, application.organization)


@rules.predicate
def application_is_editable(user, application) -> bool:
    """A draft, or returned for supplement: the enterprise edits its form and materials."""
    return application is not None and application.status in EDITABLE_APPLICATION_STATUSES


@rules.predicate
def application_is_open(user, application) -> bool:
    """Not yet decided (nor withdrawn): it can be withdrawn."""
    return application is not None and application.status in OPEN_APPLICATION_STATUSES


@rules.predicate
def sits_on_application_panel(user, application) -> bool:
    """An active member of the application's expert panel."""
    return (
        application is not None
        and application.panel_id is not None
        and scoring_rules.sits_on_panel(user, application.panel)
    )


@rules.predicate
def reads_application_materials(user, application) -> bool:
    """An active member of the application's panel who declared no conflict of interest: the
    form and the materials open to them."""
    if application is None or application.panel_id is None:
        return False
    member = scoring_rules.active_member(user, application.panel)
    return member is not None and member.declaration == Declaration.NO_CONFLICT


# The list of applications: staff see all of them, with filters; enterprise members their
# own; reviewers those they score.
rules.add_perm("brands.view_application_list", is_bureau_staff)
rules.add_perm("brands.view_applications", is_bureau_staff | is_enterprise_member | is_reviewer)
