"""Factories of the pilots app: pilots, standards, activities, photos, documents, reviews."""

import datetime

import factory

from pilots.models import AcceptanceReview
from tests.factories import OrganizationFactory, StaffFactory, region
from tests.scoring.factories import PanelFactory


class PilotProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.PilotProject"

    name = factory.Sequence(lambda n: f"示范区{n}")
    category = "agricultural_zone"
    level = "national"
    lead_organization = factory.SubFactory(OrganizationFactory)
    region = factory.LazyFunction(region)
    status = "declared"


class PilotTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.PilotTransition"

    pilot = factory.SubFactory(PilotProjectFactory)
    from_status = "declared"
    to_status = "approved"
    actor = factory.SubFactory(StaffFactory)
    occurred_on = factory.Faker("past_date")


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.Standard"

    designation = factory.Sequence(lambda n: f"Q/TEST {n + 1:03d}-2020")
    title = factory.Sequence(lambda n: f"测试标准{n}")
    kind = "enterprise"


class PilotStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.PilotStandard"

    pilot = factory.SubFactory(PilotProjectFactory)
    standard = factory.SubFactory(StandardFactory)
    part = "production"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.Activity"

    kind = "training"
    date = datetime.date(2013, 3, 20)
    title = factory.Sequence(lambda n: f"培训{n}")
    pilot = factory.SubFactory(PilotProjectFactory)
    participants_count = 0
    materials_count = 0
    created_by = factory.SubFactory(StaffFactory)


class PhotoFactory(factory.django.DjangoModelFactory):
    """A photo row with small real JPEG files."""

    class Meta:
        model = "pilots.Photo"

    activity = factory.SubFactory(ActivityFactory)
    image = factory.django.FileField(filename="photo.jpg", data=b"\xff\xd8\xff\xe0 photo")
    thumbnail = factory.django.FileField(filename="thumb.jpg", data=b"\xff\xd8\xff\xe0 thumb")
    width = 640
    height = 480
    original_name = "现场.jpg"
    uploaded_by = factory.SubFactory(StaffFactory)


class PilotDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.PilotDocument"

    pilot = factory.SubFactory(PilotProjectFactory)
    kind = "plan"
    title = "创建工作规划"
    file = factory.django.FileField(filename="plan.pdf", data=b"%PDF-1.4 plan")
    original_name = "创建工作规划.pdf"
    size = 13
    uploaded_by = factory.SubFactory(StaffFactory)


class AcceptanceReviewFactory(factory.django.DjangoModelFactory):
    """A review of a pilot whose acceptance was requested, its panel scoring."""

    class Meta:
        model = AcceptanceReview

    pilot = factory.SubFactory(PilotProjectFactory, status="acceptance_requested")
    panel = factory.SubFactory(PanelFactory)
    scheduled_for = datetime.date(2013, 9, 20)
    organizer = factory.SubFactory(OrganizationFactory)
    methods = factory.LazyFunction(lambda: ["material_review", "on_site"])
