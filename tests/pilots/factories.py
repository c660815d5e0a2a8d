"""Factories of acceptance reviews (kept apart from tests/factories.py's general ones)."""

import datetime

import factory

from pilots.models import AcceptanceReview
from tests.factories import OrganizationFactory, PilotProjectFactory
from tests.scoring.factories import PanelFactory


class AcceptanceReviewFactory(factory.django.DjangoModelFactory):
    """A review of a pilot whose acceptance was requested, its panel scoring."""

    class Meta:
        model = AcceptanceReview

    pilot = factory.SubFactory(PilotProjectFactory, status="acceptance_requested")
    panel = factory.SubFactory(PanelFactory)
    scheduled_for = datetime.date(2013, 9, 20)
    organizer = factory.SubFactory(OrganizationFactory)
    methods = factory.LazyFunction(lambda: ["material_review", "on_site"])
