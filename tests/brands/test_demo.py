import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from brands import selectors
from brands.models import Brand
from brands.selectors import brand_output_share

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_seed_demo_loads_seven_famous_brands_valid_in_2014(seeded):
    valid = Brand.objects.filter(selectors.valid_on(datetime.date(2014, 12, 31)))
    assert valid.count() == 7
    assert set(valid.values_list("title__name", flat=True)) == {"湖北名牌产品"}
    holders = set(valid.values_list("holder__name", flat=True))
    assert {"通城县合玉立农产品专业合作社", "湖北福人药业股份有限公司"} <= holders
    assert Brand.objects.filter(is_sample=False).count() == 0


def test_seed_demo_brands_produce_half_the_county_output_of_2014(seeded):
    assert brand_output_share(2014) == (
        Decimal("260000.00"),
        Decimal("520000.00"),
        Decimal("0.5000"),
    )


def test_seed_demo_has_titles_valid_today_and_one_expiring(seeded):
    assert selectors.brands_for_public().count() == 2
    assert [brand.certificate_number for brand in selectors.expiring_brands()] == ["HBZM-S001"]


def test_seed_demo_twice_adds_no_brands(seeded):
    before = sorted(Brand.objects.values_list("certificate_number", "modified"))
    call_command("seed_demo", stdout=StringIO())
    assert sorted(Brand.objects.values_list("certificate_number", "modified")) == before
