"""Factories for acceptance reviews (kept apart from tests/factories.py's general ones)."""

from decimal import Decimal

import factory

from pilots.enums import Declaration, ReviewStatus
from pilots.models import AcceptanceReview, AcceptanceScoreSheet, PanelMember
from portal.models import Criterion, ScoringTemplate
from tests.factories import OrganizationFactory, PilotProjectFactory, ReviewerFactory


def make_template(*, total="100", pass_mark="80", rule="mean", groups=None) -> ScoringTemplate:
    """A template whose groups hold leaves: ``groups = {"1": ["10", "20"], "2": ["70"]}``."""
    groups = groups or {"1": ["20", "30"], "2": ["50"]}
    template = ScoringTemplate.objects.create(
        name=f"模板{ScoringTemplate.objects.count() + 1}",
        total_points=Decimal(total),
        pass_mark=Decimal(pass_mark),
        aggregation=rule,
    )
    position = 0
    for code, leaves in groups.items():
        position += 1
        group = Criterion.objects.create(
            template=template,
            code=code,
            title=f"第{code}组",
            max_points=sum(Decimal(points) for points in leaves),
            position=position,
        )
        for index, points in enumerate(leaves, start=1):
            position += 1
            Criterion.objects.create(
                template=template,
                parent=group,
                code=f"{code}.{index}",
                title=f"第{code}.{index}项",
                max_points=Decimal(points),
                position=position,
            )
    return template


class AcceptanceReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcceptanceReview

    pilot = factory.SubFactory(PilotProjectFactory, status="acceptance_requested")
    scheduled_for = factory.Faker("past_date")
    organizer = factory.SubFactory(OrganizationFactory)
    methods = factory.LazyFunction(lambda: ["material_review", "on_site"])
    template = factory.LazyFunction(make_template)
    status = ReviewStatus.SCORING


class PanelMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMember

    review = factory.SubFactory(AcceptanceReviewFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
    declaration = Declaration.NO_CONFLICT


class ScoreSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcceptanceScoreSheet

    panel_member = factory.SubFactory(PanelMemberFactory)
