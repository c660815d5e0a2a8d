import pytest

from scoring import services as scoring_services
from tests.brands import applications as make
from tests.brands.factories import (
    AwardProgramFactory,
    BrandFactory,
    BrandOutputFactory,
    CountyIndustrialOutputFactory,
    RequiredMaterialFactory,
)
from tests.factories import ReviewerFactory


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


@pytest.fixture
def objects(member, staff_user):
    """A draft of ``member``'s organization (with a file), and another of its applications under
    review by a panel of two: one who declared no conflict, one who has not declared yet."""
    draft = make.fill(make.draft(make.program(), member), member)
    declared, undeclared = ReviewerFactory(), ReviewerFactory()
    reviewed = make.under_review(
        make.program(scored=True), member, staff_user, [declared, undeclared]
    )
    scoring_services.declare(
        member=reviewed.panel.members.get(reviewer=declared), conflict=False, actor=declared
    )
    return {
        "draft": draft,
        "reviewed": reviewed,
        "draft_file": draft.materials.first(),
        "reviewed_file": reviewed.materials.first(),
        "panel_declared": declared,
        "panel_undeclared": undeclared,
    }


@pytest.fixture
def roles(users, objects):
    return users | {
        "anonymous": None,
        "panel_declared": objects["panel_declared"],
        "panel_undeclared": objects["panel_undeclared"],
    }


@pytest.fixture
def english():
    """The messages are asserted in English (``pytest.mark.usefixtures("english")``)."""
    from django.utils import translation

    with translation.override("en"):
        yield
