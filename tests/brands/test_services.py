import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from brands import services
from brands.models import Brand, BrandOutput, CountyIndustrialOutput
from tests.brands.factories import BrandFactory, BrandOutputFactory, BrandTitleFactory
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def new_brand(**fields):
    values = {
        "product": "“通城”牌农产品",
        "holder": OrganizationFactory(),
        "title": BrandTitleFactory(),
        "certificate_number": "HBMP-2014-001",
        "valid_from": D(2014, 12, 1),
        "valid_until": D(2017, 11, 30),
    }
    return Brand(**(values | fields))


def test_register_brand_saves_it_with_its_outputs():
    brand = services.register_brand(
        brand=new_brand(), outputs={2014: Decimal("12000"), 2015: Decimal("13500.50")}
    )
    assert sorted(brand.outputs.values_list("year", "output")) == [
        (2014, Decimal("12000.00")),
        (2015, Decimal("13500.50")),
    ]
    assert brand.history.count() == 1


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"valid_until": D(2014, 11, 30)}, "valid_until"),
        ({"valid_from": D(1900, 1, 1)}, "valid_from"),
        ({"certificate_number": "HBMP\n2014"}, "certificate_number"),
        ({"product": "通城\u202e牌"}, "product"),
    ],
)
def test_register_brand_refuses_invalid_fields(fields, error_field):
    with pytest.raises(ValidationError) as error:
        services.register_brand(brand=new_brand(**fields))
    assert list(error.value.message_dict) == [error_field]
    assert Brand.objects.count() == 0


def test_register_brand_refuses_a_certificate_number_twice():
    services.register_brand(brand=new_brand())
    with pytest.raises(ValidationError) as error:
        services.register_brand(brand=new_brand())
    assert list(error.value.message_dict) == ["certificate_number"]


def test_set_brand_output_replaces_the_years_figure():
    output = BrandOutputFactory(year=2014, output=Decimal("100.00"))
    services.set_brand_output(brand=output.brand, year=2014, output=Decimal("150.00"))
    assert list(BrandOutput.objects.values_list("year", "output")) == [(2014, Decimal("150.00"))]


@pytest.mark.parametrize(("year", "output"), [(1900, "1.00"), (2014, "-0.01")])
def test_set_brand_output_refuses_implausible_figures(year, output):
    with pytest.raises(ValidationError):
        services.set_brand_output(brand=BrandFactory(), year=year, output=Decimal(output))
    assert BrandOutput.objects.count() == 0


def test_set_county_output_replaces_the_years_figure():
    services.set_county_output(year=2014, output=Decimal("500000"), source_note="统计公报")
    services.set_county_output(year=2014, output=Decimal("520000"), source_note="修订")
    assert list(CountyIndustrialOutput.objects.values_list("year", "output", "source_note")) == [
        (2014, Decimal("520000.00"), "修订")
    ]
