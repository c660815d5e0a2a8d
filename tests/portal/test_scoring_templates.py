from decimal import Decimal as D

import pytest
from django.urls import reverse

from portal import services
from portal.models import Criterion, ScoringTemplate
from portal.selectors import template_leaves, template_problems, template_tree
from tests.factories import StaffFactory
from tests.pilots.factories import make_template

pytestmark = pytest.mark.django_db

SHIPPED = {
    "农业标准化示范区考核验收评分表（示例）": (D("100"), D("80")),
    "服务标准化试点考核验收评分表（示例）": (D("100"), D("80")),
    "卓越绩效评价准则（GB/T 19580-2012）": (D("1000"), D("600")),
}


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_templates_add_up(name):
    template = ScoringTemplate.objects.get(name=name, version=1)
    assert (template.total_points, template.pass_mark) == SHIPPED[name]
    assert template_problems(template) == []


def test_performance_excellence_categories_follow_gbt_19580():
    template = ScoringTemplate.objects.get(name="卓越绩效评价准则（GB/T 19580-2012）")
    categories = {
        row.criterion.code: row.criterion.max_points
        for row in template_tree(template)
        if row.depth == 0
    }
    assert categories == {
        "4.1": D("110"),
        "4.2": D("90"),
        "4.3": D("90"),
        "4.4": D("130"),
        "4.5": D("100"),
        "4.6": D("80"),
        "4.7": D("400"),
    }
    assert len(template_leaves(template)) == 23


def test_tree_lists_groups_before_their_items_with_depth():
    template = make_template(groups={"1": ["10", "20"], "2": ["70"]})
    rows = [(row.criterion.code, row.depth, row.is_leaf) for row in template_tree(template)]
    assert rows == [
        ("1", 0, False),
        ("1.1", 1, True),
        ("1.2", 1, True),
        ("2", 0, False),
        ("2.1", 1, True),
    ]


def test_problems_name_a_wrong_total_and_a_group_that_does_not_add_up():
    template = make_template(total="100", groups={"1": ["10", "20"], "2": ["60"]})
    Criterion.objects.filter(template=template, code="2").update(max_points=D("65"))
    template.refresh_from_db()
    assert template_problems(template) == [
        "各评分项合计90.00分，与模板总分100.00分不一致。",
        "2 第2组的分值为65.00分，但其下各项合计60.00分。",
    ]


def test_copy_template_copies_the_tree_as_next_version():
    original = make_template(groups={"1": ["10", "20"], "2": ["70"]})
    services.freeze_template(template=original)
    copy = services.copy_template(template=original)

    assert (copy.name, copy.version, copy.based_on, copy.is_frozen) == (
        original.name,
        2,
        original,
        False,
    )
    pairs = [
        (row.criterion.code, row.criterion.parent.code if row.criterion.parent else None)
        for row in template_tree(copy)
    ]
    assert pairs == [("1", None), ("1.1", "1"), ("1.2", "1"), ("2", None), ("2.1", "2")]
    assert Criterion.objects.filter(template=original).count() == 5
    original.refresh_from_db()
    assert original.is_frozen is True


# --- pages ----------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.mark.parametrize("extra", [0, 4])
def test_template_list_query_count(staff_client, django_assert_num_queries, extra):
    for _ in range(extra):
        make_template()
    # session, user, groups, pending registrations, permissions ×2, count, page
    with django_assert_num_queries(8):
        response = staff_client.get(reverse("portal:template-list"))
    assert len(response.context["object_list"]) == 3 + extra


def test_create_template_refuses_an_existing_name(staff_client):
    response = staff_client.post(
        reverse("portal:template-create"),
        {
            "name": "卓越绩效评价准则（GB/T 19580-2012）",
            "total_points": "1000",
            "pass_mark": "1200",
            "aggregation": "mean",
        },
    )
    errors = response.context["form"].errors
    assert set(errors) == {"name", "pass_mark"}
    assert response.context["form"]["total_points"].value() == "1000"


def test_add_criterion_under_a_group_and_refuse_duplicate_code(staff_client):
    template = make_template(groups={"1": ["10"]})
    group = template.criteria.get(code="1")
    url = reverse("portal:criterion-create", args=[template.pk])
    assert staff_client.get(url, {"parent": group.pk}).context["form"].initial["parent"] == group
    data = {"parent": group.pk, "code": "1.2", "title": "新条款", "max_points": "5", "position": 9}
    assert staff_client.post(url, data).status_code == 302
    assert template.criteria.get(code="1.2").parent == group
    response = staff_client.post(url, data)
    assert response.context["form"].errors == {"code": ["此模板中已有使用该编号的考核条款。"]}


def test_frozen_template_refuses_changes(staff_client):
    template = make_template()
    services.freeze_template(template=template)
    criterion = template.criteria.first()
    for url in (
        reverse("portal:template-edit", args=[template.pk]),
        reverse("portal:template-delete", args=[template.pk]),
        reverse("portal:criterion-create", args=[template.pk]),
        reverse("portal:criterion-edit", args=[criterion.pk]),
        reverse("portal:criterion-delete", args=[criterion.pk]),
    ):
        assert staff_client.get(url).status_code == 403


def test_copy_page_makes_an_editable_version(staff_client):
    template = make_template()
    services.freeze_template(template=template)
    response = staff_client.post(reverse("portal:template-copy", args=[template.pk]))
    copy = ScoringTemplate.objects.get(name=template.name, version=2)
    assert response.url == copy.get_absolute_url()
    assert staff_client.get(reverse("portal:template-edit", args=[copy.pk])).status_code == 200


def test_criterion_parent_choices_exclude_itself_and_descendants(staff_client):
    template = make_template(groups={"1": ["10"], "2": ["90"]})
    group = template.criteria.get(code="1")
    form = staff_client.get(reverse("portal:criterion-edit", args=[group.pk])).context["form"]
    assert [c.code for c in form.fields["parent"].queryset] == ["2", "2.1"]
