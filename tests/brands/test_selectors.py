import datetime
from decimal import Decimal

import pytest

from brands import selectors
from brands.enums import BrandStatus
from brands.models import Brand
from brands.selectors import OutputShare, brand_output_share
from tests.brands.factories import (
    BrandFactory,
    BrandOutputFactory,
    CountyIndustrialOutputFactory,
)
from tests.factories import EnterpriseMemberFactory, ReviewerFactory, StaffFactory

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 27)


def test_with_status_finds_what_brand_status_computes():
    today = D(2017, 9, 1)
    periods = {
        "not yet valid": (D(2017, 9, 2), D(2020, 9, 1)),
        "starts today": (D(2017, 9, 1), D(2020, 8, 31)),
        "91 days left": (D(2014, 12, 1), D(2017, 12, 1)),
        "90 days left": (D(2014, 12, 1), D(2017, 11, 30)),
        "last day": (D(2014, 9, 2), D(2017, 9, 1)),
        "ended yesterday": (D(2014, 9, 1), D(2017, 8, 31)),
    }
    for product, (valid_from, valid_until) in periods.items():
        BrandFactory(product=product, valid_from=valid_from, valid_until=valid_until)

    found = {
        status: sorted(
            Brand.objects.filter(selectors.with_status(status, today)).values_list(
                "product", flat=True
            )
        )
        for status in BrandStatus
    }
    computed = {
        status: sorted(
            brand.product for brand in Brand.objects.all() if brand.status_on(today) == status
        )
        for status in BrandStatus
    }

    assert found == computed
    assert found == {
        BrandStatus.NOT_YET_VALID: ["not yet valid"],
        BrandStatus.VALID: ["91 days left", "starts today"],
        BrandStatus.EXPIRING: ["90 days left", "last day"],
        BrandStatus.EXPIRED: ["ended yesterday"],
    }


@pytest.fixture
def year_2014():
    """Brands around the end of 2014, each with a 2014 output, and the county's 2014 output."""
    counted = [
        BrandFactory(valid_from=D(2012, 12, 1), valid_until=D(2015, 11, 30)),
        BrandFactory(valid_from=D(2014, 12, 31), valid_until=D(2017, 12, 30)),
        BrandFactory(valid_from=D(2011, 12, 31), valid_until=D(2014, 12, 31)),
    ]
    not_counted = [
        BrandFactory(valid_from=D(2011, 12, 30), valid_until=D(2014, 12, 30)),
        BrandFactory(valid_from=D(2015, 1, 1), valid_until=D(2017, 12, 31)),
    ]
    for brand, output in zip(counted, ["100.00", "200.50", "49.50"], strict=True):
        BrandOutputFactory(brand=brand, year=2014, output=Decimal(output))
    for brand in not_counted:
        BrandOutputFactory(brand=brand, year=2014, output=Decimal("1000.00"))
    BrandOutputFactory(brand=counted[0], year=2013, output=Decimal("5000.00"))
    CountyIndustrialOutputFactory(year=2014, output=Decimal("700.00"))
    return counted


def test_brand_output_share_counts_brands_valid_on_31_december(year_2014):
    assert brand_output_share(2014, today=TODAY) == (
        Decimal("350.00"),
        Decimal("700.00"),
        Decimal("0.5000"),
    )


def test_brand_output_share_rounds_half_up_to_four_places():
    brand = BrandFactory(valid_from=D(2014, 1, 1), valid_until=D(2016, 12, 31))
    BrandOutputFactory(brand=brand, year=2014, output=Decimal("1.00"))
    CountyIndustrialOutputFactory(year=2014, output=Decimal("16.00"))
    # 1/16 = 0.0625 exactly; 1/32 = 0.03125 rounds half up to 0.0313
    assert brand_output_share(2014, today=TODAY).share == Decimal("0.0625")
    BrandOutputFactory(brand=brand, year=2015, output=Decimal("1.00"))
    CountyIndustrialOutputFactory(year=2015, output=Decimal("32.00"))
    assert brand_output_share(2015, today=TODAY).share == Decimal("0.0313")


def test_brand_output_share_of_the_current_year_counts_brands_valid_today():
    valid_today = BrandFactory(valid_from=D(2026, 1, 1), valid_until=D(2026, 11, 27))
    ended = BrandFactory(valid_from=D(2024, 1, 1), valid_until=D(2026, 11, 26))
    BrandOutputFactory(brand=valid_today, year=2026, output=Decimal("30.00"))
    BrandOutputFactory(brand=ended, year=2026, output=Decimal("70.00"))
    CountyIndustrialOutputFactory(year=2026, output=Decimal("120.00"))

    assert brand_output_share(2026, today=TODAY) == (
        Decimal("30.00"),
        Decimal("120.00"),
        Decimal("0.2500"),
    )


def test_brand_output_share_without_county_output_has_no_share(year_2014):
    assert brand_output_share(2013, today=TODAY) == OutputShare(Decimal("5000.00"), None, None)


def test_brand_output_share_with_zero_county_output_has_no_share():
    CountyIndustrialOutputFactory(year=2014, output=Decimal("0.00"))
    assert brand_output_share(2014, today=TODAY) == (Decimal("0.00"), Decimal("0.00"), None)


def test_output_shares_of_several_years_match_each_year_alone(year_2014, django_assert_num_queries):
    CountyIndustrialOutputFactory(year=2013, output=Decimal("10000.00"))
    with django_assert_num_queries(2):
        shares = selectors.output_shares([2013, 2014, 2015], today=TODAY)
    assert shares == {year: brand_output_share(year, today=TODAY) for year in (2013, 2014, 2015)}
    assert shares[2013].percent == Decimal("50.0000")


def test_valid_in_year_filter_matches_the_share(year_2014):
    found = set(Brand.objects.filter(selectors.valid_in_year(2014, TODAY)))
    assert found == set(year_2014)


def test_brands_for_user_by_role(organization):
    own = BrandFactory(holder=organization)
    BrandFactory()
    member = EnterpriseMemberFactory(membership__organization=organization)

    assert list(selectors.brands_for_user(member)) == [own]
    assert selectors.brands_for_user(StaffFactory()).count() == 2
    assert list(selectors.brands_for_user(ReviewerFactory())) == []


def test_brands_for_public_are_those_valid_today():
    today = D(2017, 11, 30)
    expiring = BrandFactory(valid_from=D(2014, 12, 1), valid_until=today)
    valid = BrandFactory(valid_from=D(2017, 1, 1), valid_until=D(2019, 12, 31))
    BrandFactory(valid_from=D(2014, 1, 1), valid_until=D(2017, 11, 29))
    BrandFactory(valid_from=D(2017, 12, 1), valid_until=D(2020, 11, 30))

    assert set(selectors.brands_for_public(today)) == {expiring, valid}


def test_reminder_recipients_are_active_staff_and_the_holders_members(organization):
    brand = BrandFactory(holder=organization)
    staff = StaffFactory()
    StaffFactory(is_active=False)
    member = EnterpriseMemberFactory(membership__organization=organization)
    EnterpriseMemberFactory(membership__organization=organization, is_active=False)
    EnterpriseMemberFactory()
    ReviewerFactory()

    assert list(selectors.reminder_recipients(brand)) == [staff, member]
