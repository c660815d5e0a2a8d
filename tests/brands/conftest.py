import pytest

from tests.brands.factories import (
    AwardProgramFactory,
    BrandFactory,
    BrandOutputFactory,
    CountyIndustrialOutputFactory,
    RequiredMaterialFactory,
)


@pytest.fixture
def brand(organization):
    """A title valid today, held by ``organization`` (the ``member`` fixture's organization)."""
    return BrandFactory(holder=organization)


@pytest.fixture
def brand_objects(brand):
    """The brand, one of its output values, and a county output."""
    return {
        "brand": brand,
        "output": BrandOutputFactory(brand=brand),
        "county_output": CountyIndustrialOutputFactory(),
        "title": brand.title,
        "material": RequiredMaterialFactory(program=AwardProgramFactory()),
    }


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def travel(monkeypatch):
    """``travel(date)``: from then on, ``timezone.localdate()`` (today, for every rule and
    service that reads the date) answers ``date``."""
    from django.utils import timezone

    def to(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return to
