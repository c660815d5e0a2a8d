"""Scoring template pages: list, detail, create, edit, delete, copy."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from scoring import services
from scoring.models import Criterion, ScoringTemplate
from tests.scoring.factories import (
    CriterionFactory,
    PanelFactory,
    ScoringTemplateFactory,
    scoring_template_with,
)
from tests.scoring.pages import messages_of, template_data

pytestmark = pytest.mark.django_db


# --- the list -------------------------------------------------------------------------------


def test_template_list_shows_badges_and_counts_the_items(staff_client, frozen):
    ScoringTemplate.objects.exclude(pk=frozen.pk).delete()
    sample = scoring_template_with({"1": ["60", "40"]}, name="示例评分表", is_sample=True)

    response = staff_client.get(reverse("scoring:template-list"))

    rows = [
        (t.name, t.is_frozen, t.is_sample, t.item_count) for t in response.context["object_list"]
    ]
    assert rows == [("示例评分表", False, True, 2), ("验收评分表", True, False, 3)]
    page = response.content.decode()
    assert page.count("bi-lock") == 1
    assert page.count('<span class="badge text-bg-warning">示例</span>') == 1
    assert sample.get_absolute_url() in page


def test_template_list_paginates(staff_client, settings):
    ScoringTemplate.objects.all().delete()
    ScoringTemplateFactory.create_batch(settings.PAGE_SIZE + 1)

    response = staff_client.get(reverse("scoring:template-list"), {"page": 2})

    assert len(response.context["object_list"]) == 1
    assert response.context["page_obj"].paginator.num_pages == 2


@pytest.mark.parametrize("rows", [1, 6])
def test_template_list_query_count_does_not_grow(staff_client, django_assert_num_queries, rows):
    ScoringTemplate.objects.all().delete()
    for _ in range(rows):
        scoring_template_with({"1": ["50", "50"]})
    # session, user, groups, pending registrations,
    # count, page, unread notifications
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("scoring:template-list"))
    assert len(response.context["object_list"]) == rows


def test_template_list_for_a_reviewer_offers_no_new_template(client_for, reviewer):
    response = client_for(reviewer).get(reverse("scoring:template-list"))

    assert response.status_code == 200
    assert reverse("scoring:template-create") not in response.content.decode()


# --- the detail page ------------------------------------------------------------------------


def test_template_detail_shows_the_tree_indented_with_group_sums(staff_client, template):
    item = template.criteria.get(code="1.1")
    CriterionFactory(parent=item, code="1.1.1", title="会议记录", max_points=D("10"))

    response = staff_client.get(template.get_absolute_url())

    rows = [(row.criterion.code, row.depth, row.children_total) for row in response.context["rows"]]
    assert rows == [
        ("1", 0, D("30.00")),
        ("1.1", 1, D("10.00")),
        ("1.1.1", 2, None),
        ("1.2", 1, None),
        ("2", 0, D("70.00")),
        ("2.1", 1, None),
    ]
    page = response.content.decode()
    assert '<td class="code text-nowrap depth-2">1.1.1</td>' in page
    assert '<tr class="table-group fw-semibold">' in page
    assert response.context["problems"] == []
    assert response.context["items_total"] == D("100.00")


def test_template_detail_lists_the_problems(staff_client, template):
    Criterion.objects.filter(template=template, code="2.1").update(max_points=D("60"))

    response = staff_client.get(template.get_absolute_url())

    assert response.context["problems"] == [
        "各评分项合计90.00分，与模板总分100.00分不一致。",
        "2 第2组的分值为70.00分，但其下各项合计60.00分。",
    ]
    assert "该模板暂不能用于考核验收：" in response.content.decode()


def test_template_detail_offers_every_edit_while_not_in_use(staff_client, template):
    page = staff_client.get(template.get_absolute_url()).content.decode()
    group, item = template.criteria.get(code="1"), template.criteria.get(code="1.1")

    for url in (
        reverse("scoring:template-edit", args=[template.pk]),
        reverse("scoring:template-delete", args=[template.pk]),
        reverse("scoring:template-copy", args=[template.pk]),
        reverse("scoring:criterion-create", args=[template.pk]) + f"?parent={group.pk}",
        reverse("scoring:criterion-edit", args=[item.pk]),
        reverse("scoring:criterion-delete", args=[item.pk]),
    ):
        assert url in page
    assert reverse("scoring:criterion-create", args=[template.pk]) + f"?parent={item.pk}" not in (
        page
    )


def test_frozen_template_detail_offers_only_a_new_version(staff_client, english, frozen):
    page = staff_client.get(frozen.get_absolute_url()).content.decode()

    assert "This template is in use by a review, so it and its criteria can no longer" in page
    assert reverse("scoring:template-copy", args=[frozen.pk]) in page
    for name in ("template-edit", "template-delete", "criterion-create"):
        assert reverse(f"scoring:{name}", args=[frozen.pk]) not in page
    assert "/templates/criteria/" not in page


def test_template_detail_for_a_reviewer_is_read_only(client_for, reviewer, template):
    page = client_for(reviewer).get(template.get_absolute_url()).content.decode()

    assert "第1.1项" in page
    assert reverse("scoring:template-copy", args=[template.pk]) not in page
    assert reverse("scoring:template-edit", args=[template.pk]) not in page


def test_template_detail_without_criteria_says_so(staff_client):
    empty = ScoringTemplateFactory()

    response = staff_client.get(empty.get_absolute_url())

    assert response.context["rows"] == []
    # once in the problems, once in the empty box
    assert response.content.decode().count("该模板尚无考核条款。") == 2


# --- create, edit, delete -------------------------------------------------------------------


def test_template_create_starts_at_version_one(staff_client, english):
    response = staff_client.post(reverse("scoring:template-create"), template_data())

    created = ScoringTemplate.objects.get(name="标准化良好行为企业评分表")
    assert response.status_code == 302
    assert response.url == created.get_absolute_url()
    assert (created.version, created.pass_mark, created.aggregation, created.is_frozen) == (
        1,
        D("75.50"),
        "trimmed_mean",
        False,
    )
    follow = staff_client.get(response.url)
    assert messages_of(follow) == [
        "标准化良好行为企业评分表 (v1) has been created. Add its criteria now."
    ]


def test_template_create_refuses_an_existing_name_and_keeps_the_input(staff_client, template):
    response = staff_client.post(
        reverse("scoring:template-create"),
        template_data(name=" 验收评分表 ", pass_mark="120"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "name": ["已有同名模板；如需修改，请打开它并使用“复制为新版本”，或另取名称。"],
        "pass_mark": ["合格分数线不能高于总分。"],
    }
    assert (form["total_points"].value(), form["aggregation"].value()) == ("100", "trimmed_mean")
    assert ScoringTemplate.objects.filter(name="验收评分表").count() == 1


def test_template_edit_saves_and_keeps_the_version(staff_client, template):
    response = staff_client.post(
        reverse("scoring:template-edit", args=[template.pk]),
        template_data(name="验收评分表", pass_mark="85", is_sample="on"),
    )

    template.refresh_from_db()
    assert response.url == template.get_absolute_url()
    assert (template.version, template.pass_mark, template.is_sample) == (1, D("85.00"), True)
    assert messages_of(staff_client.get(response.url)) == ["修改已保存。"]


def test_template_edit_of_a_newer_version_keeps_the_shared_name(staff_client, frozen):
    copy = services.copy_template(template=frozen)

    response = staff_client.post(
        reverse("scoring:template-edit", args=[copy.pk]),
        template_data(name="验收评分表", total_points="100", pass_mark="60"),
    )

    assert response.status_code == 302
    copy.refresh_from_db()
    assert (copy.name, copy.version, copy.pass_mark) == ("验收评分表", 2, D("60.00"))


def test_template_edit_refuses_the_name_of_another_template(staff_client, template):
    other = ScoringTemplateFactory()

    response = staff_client.post(
        reverse("scoring:template-edit", args=[other.pk]), template_data(name="验收评分表")
    )

    assert list(response.context["form"].errors) == ["name"]


def test_template_delete_asks_then_removes_it_with_its_criteria(staff_client, template):
    url = reverse("scoring:template-delete", args=[template.pk])
    assert "确定删除验收评分表 (v1)及其全部考核条款吗？" in staff_client.get(url).content.decode()

    response = staff_client.post(url)

    assert response.url == reverse("scoring:template-list")
    assert not ScoringTemplate.objects.filter(pk=template.pk).exists()
    assert not Criterion.objects.filter(template_id=template.pk).exists()
    assert messages_of(staff_client.get(response.url)) == ["已删除验收评分表 (v1)。"]


def test_template_delete_of_one_a_review_refers_to_explains(staff_client, english, template):
    PanelFactory(template=template)  # scheduled without freezing it
    url = reverse("scoring:template-delete", args=[template.pk])

    response = staff_client.post(url)

    assert response.url == url
    assert ScoringTemplate.objects.filter(pk=template.pk).exists()
    assert messages_of(staff_client.get(response.url)) == [
        "验收评分表 (v1) is in use and cannot be deleted."
    ]


def test_template_in_use_delete_page_says_why_and_offers_the_copy(staff_client, english, template):
    panel = PanelFactory(template=template)
    services.freeze_template(template=template)
    url = reverse("scoring:template-delete", args=[template.pk])

    response = staff_client.get(url)

    assert response.context["can_delete"] is False
    assert [(group.label, group.records) for group in response.context["references"]] == [
        ("Expert panels", [panel])
    ]
    content = response.content.decode()
    assert "This template cannot be deleted" in content
    assert reverse("scoring:template-copy", args=[template.pk]) in content
    assert "Yes, delete it" not in content


def test_template_detail_offers_delete_only_when_unused(staff_client, template):
    used = scoring_template_with({"1": ["100"]}, name="在用评分表")
    PanelFactory(template=used)  # scheduled without freezing it
    offered = {
        t.pk: reverse("scoring:template-delete", args=[t.pk])
        in staff_client.get(t.get_absolute_url()).content.decode()
        for t in (used, template)
    }
    assert offered == {used.pk: False, template.pk: True}


# --- copy as a new version ------------------------------------------------------------------


def test_template_copy_makes_an_editable_next_version(staff_client, english, frozen):
    response = staff_client.post(reverse("scoring:template-copy", args=[frozen.pk]))

    copy = ScoringTemplate.objects.get(name="验收评分表", version=2)
    assert response.url == copy.get_absolute_url()
    assert (copy.based_on, copy.is_frozen, copy.criteria.count()) == (frozen, False, 5)
    follow = staff_client.get(response.url)
    assert messages_of(follow) == ["Version 2 has been made from version 1; you can edit it."]
    assert reverse("scoring:template-edit", args=[copy.pk]) in follow.content.decode()


def test_template_copy_only_by_post(staff_client, template):
    response = staff_client.get(reverse("scoring:template-copy", args=[template.pk]))

    assert response.status_code == 405
    assert ScoringTemplate.objects.filter(name="验收评分表").count() == 1
