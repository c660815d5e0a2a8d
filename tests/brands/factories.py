"""Factories of the brands app: titles, brands with their output values, the county's output,
award programmes with their required materials."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import OrganizationFactory


class BrandTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "brands.BrandTitle"

    name = factory.Sequence(lambda n: f"测试称号{n}")


class BrandFactory(factory.django.DjangoModelFactory):
    """A title valid today: from a year ago for three years."""

    class Meta:
        model = "brands.Brand"

    product = factory.Sequence(lambda n: f"“测试{n}”牌产品")
    holder = factory.SubFactory(OrganizationFactory)
    title = factory.SubFactory(BrandTitleFactory)
    certificate_number = factory.Sequence(lambda n: f"TEST-{n:04d}")
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    valid_until = factory.LazyAttribute(
        lambda brand: brand.valid_from + datetime.timedelta(days=3 * 365)
    )


class BrandOutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "brands.BrandOutput"

    brand = factory.SubFactory(BrandFactory)
    year = 2014
    output = Decimal("1000.00")


class CountyIndustrialOutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "brands.CountyIndustrialOutput"

    year = 2014
    output = Decimal("10000.00")
    source_note = "测试数据"


class AwardProgramFactory(factory.django.DjangoModelFactory):
    """A programme open today (from ten days ago for a month), recommendation only."""

    class Meta:
        model = "brands.AwardProgram"

    name = factory.Sequence(lambda n: f"测试质量奖{n}")
    level = "municipal"
    kind = "recommendation"
    round = "2026"
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    closes_on = factory.LazyAttribute(lambda p: p.opens_on + datetime.timedelta(days=30))
    eligibility = "测试条件"


class RequiredMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "brands.RequiredMaterial"

    program = factory.SubFactory(AwardProgramFactory)
    name = factory.Sequence(lambda n: f"测试材料{n}")
    position = factory.Sequence(lambda n: n + 1)


def document(name="申报表.pdf"):
    """A small PDF upload, as the form field leaves it (checked, with its kind)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        name,
        b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n",
        content_type="application/pdf",
    )
    upload.document_kind = "pdf"
    return upload
