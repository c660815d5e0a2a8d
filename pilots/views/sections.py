"""Sections that the pilots app adds to pages of the portal app."""

from pilots import selectors


def organization_pilots(request, organization):
    """The pilots an organization leads or takes part in, on its page (to those who may see)."""
    pilots = selectors.pilots_for_user(request.user).filter(
        pk__in=selectors.pilots_of_organization(organization).values("pk")
    )
    return "pilots/_organization_pilots.html", {"pilots": pilots, "organization": organization}
