"""Permission predicates of the scoring app (declared on the models' Meta.rules_permissions).

Panel predicates take the ``Panel``; sheet predicates the ``ScoreSheet``. A member who has been
removed from a panel counts as not on it; a member whose declaration is not (or no longer) "no
conflict" may not open or change a sheet.
"""

import rules

from portal.references import is_referred_to
from portal.rules import is_bureau_staff, is_reviewer
from scoring.enums import Declaration, PanelStatus, SheetStatus


@rules.predicate
def template_is_editable(user, template) -> bool:
    """A template nobody uses yet; with no template given (a list page), true."""
    return template is None or not template.is_frozen


# What goes with a template when it is deleted: its criteria; newer versions copied from it only
# lose their "based on" link.
TEMPLATE_PARTS = ("criteria", "newer_versions")


@rules.predicate
def template_is_deletable(user, template) -> bool:
    """Nobody uses the template (it is not frozen and no panel refers to it)."""
    return template is None or (
        not template.is_frozen and not is_referred_to(template, parts=TEMPLATE_PARTS)
    )


def active_member(user, panel):
    """The user's active membership of ``panel``, or None."""
    if panel is None or not user.is_authenticated:
        return None
    return panel.members.filter(reviewer=user, removed=None).first()


@rules.predicate
def sits_on_panel(user, panel) -> bool:
    """The user is an active (not removed) member of the panel."""
    return active_member(user, panel) is not None


@rules.predicate
def owns_sheet(user, sheet) -> bool:
    """The sheet is the user's own, they are still on the panel, and their declaration of no
    conflict stands (a member removed and added again declares again)."""
    if sheet is None:
        return False
    member = sheet.panel_member
    return (
        member.reviewer_id == user.pk
        and member.removed is None
        and member.declaration == Declaration.NO_CONFLICT
    )


@rules.predicate
def sheet_member_may_score(user, sheet) -> bool:
    """The sheet's reviewer is still on the panel and their declaration of no conflict stands
    (staff entering a paper sheet on their behalf ask this, not ``owns_sheet``)."""
    if sheet is None:
        return False
    member = sheet.panel_member
    return member.removed is None and member.declaration == Declaration.NO_CONFLICT


@rules.predicate
def sheet_is_editable(user, sheet) -> bool:
    return (
        sheet is not None
        and sheet.status == SheetStatus.DRAFT
        and sheet.panel_member.panel.status == PanelStatus.SCORING
    )


@rules.predicate
def sheet_is_reopenable(user, sheet) -> bool:
    """A submitted sheet of a panel still scoring: staff may give it back to its reviewer."""
    return (
        sheet is not None
        and sheet.status == SheetStatus.SUBMITTED
        and sheet.panel_member.panel.status == PanelStatus.SCORING
    )


rules.add_perm("scoring.view_panel_list", is_bureau_staff | is_reviewer)
