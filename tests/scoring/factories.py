"""Factories of the scoring app, and the one builder of scoring templates the tests use."""

from decimal import Decimal

import factory

from scoring.enums import Aggregation, Declaration, PanelStatus
from scoring.models import Criterion, Panel, PanelMember, ScoreSheet, ScoringTemplate
from tests.factories import ReviewerFactory


class ScoringTemplateFactory(factory.django.DjangoModelFactory):
    """An empty 100-point template (pass mark 80); add criteria with ``CriterionFactory``."""

    class Meta:
        model = ScoringTemplate

    name = factory.Sequence(lambda n: f"评分模板{n}")
    total_points = Decimal("100.00")
    pass_mark = Decimal("80.00")
    aggregation = Aggregation.MEAN


class CriterionFactory(factory.django.DjangoModelFactory):
    """A criterion worth 10 points; under ``parent`` it belongs to the parent's template."""

    class Meta:
        model = Criterion

    parent = None
    template = factory.Maybe(
        "parent",
        yes_declaration=factory.SelfAttribute("parent.template"),
        no_declaration=factory.SubFactory(ScoringTemplateFactory),
    )
    code = factory.Sequence(lambda n: f"{n + 1}")
    title = factory.Sequence(lambda n: f"考核条款{n + 1}")
    max_points = Decimal("10.00")
    position = factory.Sequence(lambda n: n)


def scoring_template_with(groups: dict[str, list[str]] | None = None, **fields) -> ScoringTemplate:
    """A template whose groups hold items: ``{"1": ["10", "20"], "2": ["70"]}`` makes groups 1
    (30 points: 1.1, 1.2) and 2 (70 points: 2.1), in that order. By default groups 1 (1.1: 20,
    1.2: 30) and 2 (2.1: 50), 100 points with a pass mark of 80."""
    groups = groups or {"1": ["20", "30"], "2": ["50"]}
    template = ScoringTemplateFactory(**fields)
    position = 0
    for code, items in groups.items():
        position += 1
        group = CriterionFactory(
            template=template,
            code=code,
            title=f"第{code}组",
            max_points=sum(Decimal(points) for points in items),
            position=position,
        )
        for index, points in enumerate(items, start=1):
            position += 1
            CriterionFactory(
                parent=group,
                code=f"{code}.{index}",
                title=f"第{code}.{index}项",
                max_points=Decimal(points),
                position=position,
            )
    return template


class PanelFactory(factory.django.DjangoModelFactory):
    """A panel scoring with the default template of ``scoring_template_with``; no subject."""

    class Meta:
        model = Panel

    template = factory.LazyFunction(scoring_template_with)
    status = PanelStatus.SCORING


class PanelMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMember

    panel = factory.SubFactory(PanelFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
    declaration = Declaration.NO_CONFLICT


class ScoreSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreSheet

    panel_member = factory.SubFactory(PanelMemberFactory)
