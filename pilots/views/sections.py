"""Sections that the pilots app adds to pages of the portal app (``portal.sections``)."""

from pilots import selectors
from portal.rules import is_reviewer


def organization_pilots(request, organization):
    """The pilots an organization leads or takes part in, on its page (to those who may see)."""
    pilots = selectors.pilots_for_user(request.user).filter(
        pk__in=selectors.pilots_of_organization(organization).values("pk")
    )
    return "pilots/_organization_pilots.html", {"pilots": pilots, "organization": organization}


def home_figures(request) -> dict:
    """The public figures of the register for visitors; a reviewer's open reviews."""
    user = request.user
    if not user.is_authenticated:
        return {
            "public_stats": selectors.public_pilot_stats(),
            "recently_passed": selectors.recently_passed_pilots(),
        }
    if is_reviewer(user):
        return {"open_review_count": selectors.open_reviews_for_reviewer(user).count()}
    return {}
