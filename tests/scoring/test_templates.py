"""The scoring templates as data: the shipped ones, copying, the tree and its problems."""

from decimal import Decimal as D

import pytest

from scoring import services
from scoring.enums import Aggregation
from scoring.models import Criterion, ScoringTemplate
from scoring.selectors import template_leaves, template_problems, template_tree
from tests.scoring.factories import CriterionFactory, ScoringTemplateFactory, scoring_template_with

pytestmark = pytest.mark.django_db

AGRICULTURAL = "农业标准化示范区考核验收评分表（示例）"
SERVICE = "服务标准化试点考核验收评分表（示例）"
EXCELLENCE = "卓越绩效评价准则（GB/T 19580-2012）"


def groups_of(template) -> dict[str, tuple[str, D, int]]:
    """Each top-level group's code → (title, points, number of items)."""
    rows = template_tree(template)
    return {
        row.criterion.code: (
            row.criterion.title,
            row.criterion.max_points,
            sum(1 for other in rows if other.criterion.parent_id == row.criterion.pk),
        )
        for row in rows
        if row.depth == 0
    }


# --- shipped data ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "total", "pass_mark", "aggregation", "is_sample"),
    [
        (AGRICULTURAL, D("100"), D("80"), Aggregation.MEAN, True),
        (SERVICE, D("100"), D("80"), Aggregation.MEAN, True),
        (EXCELLENCE, D("1000"), D("600"), Aggregation.TRIMMED_MEAN, False),
    ],
)
def test_shipped_template_adds_up(name, total, pass_mark, aggregation, is_sample):
    template = ScoringTemplate.objects.get(name=name, version=1)

    assert (template.total_points, template.pass_mark) == (total, pass_mark)
    assert (template.aggregation, template.is_sample, template.is_frozen) == (
        aggregation,
        is_sample,
        False,
    )
    assert template_problems(template) == []


def test_agricultural_sample_groups_follow_published_score_sheets():
    template = ScoringTemplate.objects.get(name=AGRICULTURAL, version=1)
    groups = groups_of(template)

    assert {code: (title, points) for code, (title, points, _) in groups.items()} == {
        "1": ("组织管理", D("15")),
        "2": ("标准体系", D("20")),
        "3": ("标准实施与宣传", D("20")),
        "4": ("培训", D("15")),
        "5": ("生产过程控制", D("15")),
        "6": ("示范效果", D("15")),
    }
    assert all(2 <= items <= 4 for _, _, items in groups.values())
    assert [c.code for c in template_leaves(template)][:3] == ["1.1", "1.2", "1.3"]


def test_service_sample_groups_follow_gbt_24421():
    template = ScoringTemplate.objects.get(name=SERVICE, version=1)
    groups = groups_of(template)

    assert {code: (title, points) for code, (title, points, _) in groups.items()} == {
        "1": ("组织管理", D("15")),
        "2": ("标准体系建设", D("30")),
        "3": ("标准实施", D("25")),
        "4": ("评价与改进", D("15")),
        "5": ("试点成效", D("15")),
    }
    assert all(2 <= items <= 4 for _, _, items in groups.values())
    assert [c.title for c in template.criteria.filter(parent__code="2").order_by("position")] == [
        "服务通用基础标准体系",
        "服务保障标准体系",
        "服务提供标准体系",
    ]


def test_performance_excellence_items_follow_gbt_19580():
    template = ScoringTemplate.objects.get(name=EXCELLENCE, version=1)
    rows = [
        (row.depth, row.criterion.code, row.criterion.title, row.criterion.max_points)
        for row in template_tree(template)
    ]

    assert rows == [
        (0, "4.1", "领导", D("110")),
        (1, "4.1.1", "高层领导的作用", D("50")),
        (1, "4.1.2", "组织治理", D("30")),
        (1, "4.1.3", "社会责任", D("30")),
        (0, "4.2", "战略", D("90")),
        (1, "4.2.1", "战略制定", D("40")),
        (1, "4.2.2", "战略部署", D("50")),
        (0, "4.3", "顾客与市场", D("90")),
        (1, "4.3.1", "顾客和市场的了解", D("40")),
        (1, "4.3.2", "顾客关系与顾客满意", D("50")),
        (0, "4.4", "资源", D("130")),
        (1, "4.4.1", "人力资源", D("60")),
        (1, "4.4.2", "财务资源", D("15")),
        (1, "4.4.3", "信息和知识资源", D("20")),
        (1, "4.4.4", "技术资源", D("15")),
        (1, "4.4.5", "基础设施", D("10")),
        (1, "4.4.6", "相关方关系", D("10")),
        (0, "4.5", "过程管理", D("100")),
        (1, "4.5.1", "过程的识别与设计", D("50")),
        (1, "4.5.2", "过程的实施与改进", D("50")),
        (0, "4.6", "测量、分析与改进", D("80")),
        (1, "4.6.1", "测量、分析和评价", D("40")),
        (1, "4.6.2", "改进与创新", D("40")),
        (0, "4.7", "结果", D("400")),
        (1, "4.7.1", "产品和服务结果", D("80")),
        (1, "4.7.2", "顾客与市场结果", D("80")),
        (1, "4.7.3", "财务结果", D("80")),
        (1, "4.7.4", "资源结果", D("60")),
        (1, "4.7.5", "过程有效性结果", D("50")),
        (1, "4.7.6", "领导方面的结果", D("50")),
    ]
    assert "长江质量奖" in template.description
    assert "附录" in template.description


def test_copy_template_copies_the_whole_tree_as_the_next_version():
    original = scoring_template_with({"1": ["10", "20"], "2": ["70"]}, description="说明")
    item = original.criteria.get(code="1.1")
    CriterionFactory(parent=item, code="1.1.1", max_points=D("10"), guidance="看记录")
    services.freeze_template(template=original)
    before = list(original.criteria.order_by("pk").values())

    copy = services.copy_template(template=original)

    assert (copy.name, copy.version, copy.based_on, copy.is_frozen) == (
        original.name,
        2,
        original,
        False,
    )
    assert (copy.total_points, copy.pass_mark, copy.aggregation, copy.description) == (
        D("100"),
        D("80"),
        Aggregation.MEAN,
        "说明",
    )
    copied = [
        (
            row.depth,
            row.criterion.code,
            row.criterion.parent.code if row.criterion.parent else None,
            row.criterion.max_points,
            row.criterion.guidance,
        )
        for row in template_tree(copy)
    ]
    assert copied == [
        (0, "1", None, D("30"), ""),
        (1, "1.1", "1", D("10"), ""),
        (2, "1.1.1", "1.1", D("10"), "看记录"),
        (1, "1.2", "1", D("20"), ""),
        (0, "2", None, D("70"), ""),
        (1, "2.1", "2", D("70"), ""),
    ]
    assert {c.parent.template_id for c in copy.criteria.exclude(parent=None)} == {copy.pk}
    original.refresh_from_db()
    assert original.is_frozen is True
    assert list(original.criteria.order_by("pk").values()) == before


def test_copy_of_an_older_version_becomes_the_newest():
    original = scoring_template_with({"1": ["100"]})
    services.copy_template(template=original)

    third = services.copy_template(template=original)

    assert (third.version, third.based_on) == (3, original)


# --- the tree and its problems --------------------------------------------------------------


def test_tree_orders_siblings_by_position_and_gives_depth():
    template = ScoringTemplateFactory()
    second = CriterionFactory(template=template, code="2", max_points=D("40"), position=2)
    first = CriterionFactory(template=template, code="1", max_points=D("60"), position=1)
    CriterionFactory(parent=first, code="1.2", max_points=D("20"), position=5)
    item = CriterionFactory(parent=first, code="1.1", max_points=D("40"), position=4)
    CriterionFactory(parent=item, code="1.1.1", max_points=D("40"), position=0)
    CriterionFactory(parent=second, code="2.1", max_points=D("40"), position=0)

    rows = [
        (row.criterion.code, row.depth, row.is_leaf, row.children_total)
        for row in template_tree(template)
    ]

    assert rows == [
        ("1", 0, False, D("60")),
        ("1.1", 1, False, D("40")),
        ("1.1.1", 2, True, None),
        ("1.2", 1, True, None),
        ("2", 0, False, D("40")),
        ("2.1", 1, True, None),
    ]
    assert [c.code for c in template_leaves(template)] == ["1.1.1", "1.2", "2.1"]


def test_problems_name_a_wrong_total_and_a_group_that_does_not_add_up():
    template = scoring_template_with({"1": ["10", "20"], "2": ["60"]})
    Criterion.objects.filter(template=template, code="2").update(max_points=D("65"))

    assert template_problems(template) == [
        "各评分项合计90.00分，与模板总分100.00分不一致。",
        "2 第2组的分值为65.00分，但其下各项合计60.00分。",
    ]


def test_problems_of_a_template_without_criteria():
    assert template_problems(ScoringTemplateFactory()) == ["该模板尚无考核条款。"]


def test_no_problems_when_everything_adds_up():
    assert template_problems(scoring_template_with({"1": ["10", "20"], "2": ["70"]})) == []
