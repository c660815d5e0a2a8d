"""Everything in the brands app that writes: brands with their output figures and the county's
output."""

from decimal import Decimal

from django.db import transaction

from brands.models import Brand, BrandOutput, CountyIndustrialOutput


@transaction.atomic
def register_brand(*, brand: Brand, outputs: dict[int, Decimal] | None = None) -> Brand:
    """Save a new brand after validating it (``full_clean``: dates, certificate number), with
    its yearly output figures (``{year: output in 10,000 yuan}``), through
    ``set_brand_output``."""
    brand.full_clean()
    brand.save()
    for year, output in (outputs or {}).items():
        set_brand_output(brand=brand, year=year, output=output)
    return brand


@transaction.atomic
def set_brand_output(*, brand: Brand, year: int, output: Decimal) -> BrandOutput:
    """Record the brand's output value of ``year`` (in 10,000 yuan), replacing the year's
    figure if there is one. Refuses (``ValidationError``) an implausible year or a negative
    value."""
    record = BrandOutput.objects.select_for_update().filter(brand=brand, year=year).first()
    record = record or BrandOutput(brand=brand, year=year)
    record.output = output
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def set_county_output(
    *, year: int, output: Decimal, source_note: str = ""
) -> CountyIndustrialOutput:
    """Record the county's output of industrial enterprises above designated size in ``year``
    (10,000 yuan) and where the figure comes from, replacing the year's figure if there is one.
    Refuses (``ValidationError``) an implausible year or a negative value."""
    record = CountyIndustrialOutput.objects.select_for_update().filter(year=year).first()
    record = record or CountyIndustrialOutput(year=year)
    record.output = output
    record.source_note = source_note
    record.full_clean()
    record.save()
    return record
