"""Sections that the brands app adds to pages of the portal app (``portal.sections``)."""

from brands import selectors
from portal.rules import is_bureau_staff


def organization_brands(request, organization):
    """The titles the organization holds, on its page (to staff and its own members)."""
    brands = selectors.brands_of_organization(request.user, organization)
    return "brands/_organization_brands.html", {"brands": brands, "organization": organization}


def home_brands(request) -> dict:
    """Visitors: how many titles are within their validity period; staff: how many expire
    within 90 days."""
    user = request.user
    if not user.is_authenticated:
        return {"public_brand_count": selectors.public_brand_count()}
    if is_bureau_staff(user):
        return {"expiring_brand_count": selectors.expiring_brands().count()}
    return {}
