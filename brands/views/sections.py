"""Sections that the brands app adds to pages of the portal app (``portal.sections``)."""

from brands import selectors
from brands.enums import OPEN_APPLICATION_STATUSES, ApplicationStatus
from portal.rules import is_bureau_staff, is_enterprise_member, is_reviewer


def organization_brands(request, organization):
    """The titles the organization holds, on its page (to staff and its own members)."""
    brands = selectors.brands_of_organization(request.user, organization)
    return "brands/_organization_brands.html", {"brands": brands, "organization": organization}


def home_brands(request) -> dict:
    """Visitors: how many titles are within their validity period, and the awards in public
    notice; staff: how many titles expire within 90 days and how many applications wait for
    the completeness check; enterprise members and reviewers: their applications still open."""
    user = request.user
    if not user.is_authenticated:
        return {
            "public_brand_count": selectors.public_brand_count(),
            "notice_count": selectors.notices_running().count(),
        }
    if is_bureau_staff(user):
        return {
            "expiring_brand_count": selectors.expiring_brands().count(),
            "applications_to_check": selectors.applications_for_user(user)
            .filter(status=ApplicationStatus.SUBMITTED)
            .count(),
        }
    if is_enterprise_member(user) or is_reviewer(user):
        return {
            "open_application_count": selectors.applications_for_user(user)
            .filter(status__in=OPEN_APPLICATION_STATUSES)
            .count()
        }
    return {}
