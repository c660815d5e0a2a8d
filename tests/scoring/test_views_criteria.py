"""A template's criteria: create, edit and delete while it is not in use."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from tests.scoring.factories import (
    CriterionFactory,
)
from tests.scoring.pages import criterion_data, messages_of, template_data

pytestmark = pytest.mark.django_db


# --- criteria -------------------------------------------------------------------------------


def test_criterion_create_under_a_group_from_the_parent_link(staff_client, english, template):
    group = template.criteria.get(code="1")
    url = reverse("scoring:criterion-create", args=[template.pk])

    form = staff_client.get(url, {"parent": group.pk}).context["form"]
    assert form.initial["parent"] == group
    response = staff_client.post(
        url, criterion_data(parent=group.pk, code=" 1.3 ", max_points="2.5")
    )

    created = template.criteria.get(code="1.3")
    assert response.url == template.get_absolute_url()
    assert (created.parent, created.max_points, created.position) == (group, D("2.50"), 9)
    assert messages_of(staff_client.get(response.url)) == ["1.3 档案管理 has been added."]


def test_criterion_create_ignores_a_parent_of_another_template(staff_client, template):
    stranger = CriterionFactory()
    url = reverse("scoring:criterion-create", args=[template.pk])

    assert staff_client.get(url, {"parent": stranger.pk}).context["form"].initial == {}
    assert staff_client.get(url, {"parent": "x"}).context["form"].initial == {}
    response = staff_client.post(url, criterion_data(parent=stranger.pk))
    assert list(response.context["form"].errors) == ["parent"]


def test_criterion_create_proposes_the_next_position(staff_client, template):
    form = staff_client.get(reverse("scoring:criterion-create", args=[template.pk])).context["form"]

    assert form["position"].value() == 6


def test_criterion_create_refuses_a_duplicate_code_and_keeps_the_input(
    staff_client, english, template
):
    response = staff_client.post(
        reverse("scoring:criterion-create", args=[template.pk]),
        criterion_data(code="2.1", title="重复", guidance="说明"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"code": ["Another criterion of this template has the code 2.1."]}
    assert (form["title"].value(), form["guidance"].value()) == ("重复", "说明")
    assert template.criteria.count() == 5


@pytest.mark.parametrize(
    ("points", "error"),
    [
        ("0", "确保该值大于或等于0.01。"),
        ("-1", "确保该值大于或等于0.01。"),
        ("1.005", "确认小数不超过 2 位."),
        ("", "这个字段是必填项。"),
    ],
)
def test_criterion_create_refuses_points_out_of_range(staff_client, template, points, error):
    response = staff_client.post(
        reverse("scoring:criterion-create", args=[template.pk]), criterion_data(max_points=points)
    )

    assert response.context["form"].errors == {"max_points": [error]}


def test_criterion_edit_saves(staff_client, template):
    item = template.criteria.get(code="2.1")

    response = staff_client.post(
        reverse("scoring:criterion-edit", args=[item.pk]),
        criterion_data(
            parent=item.parent_id, code="2.1", title="示范效果", max_points="70", guidance="实地"
        ),
    )

    item.refresh_from_db()
    assert response.url == template.get_absolute_url()
    assert (item.title, item.guidance, item.position) == ("示范效果", "实地", 9)
    assert messages_of(staff_client.get(response.url)) == ["修改已保存。"]


def test_criterion_edit_keeping_its_own_code_is_no_duplicate(staff_client, template):
    item = template.criteria.get(code="1.1")

    response = staff_client.post(
        reverse("scoring:criterion-edit", args=[item.pk]),
        criterion_data(parent=item.parent_id, code="1.1", max_points="10"),
    )

    assert response.status_code == 302


def test_criterion_parent_choices_are_the_tree_without_itself_and_below(staff_client, template):
    group = template.criteria.get(code="1")
    CriterionFactory(parent=template.criteria.get(code="1.1"), code="1.1.1")

    form = staff_client.get(reverse("scoring:criterion-edit", args=[group.pk])).context["form"]
    assert [c.code for c in form.fields["parent"].queryset] == ["2", "2.1"]

    response = staff_client.post(
        reverse("scoring:criterion-edit", args=[group.pk]),
        criterion_data(parent=template.criteria.get(code="1.1.1").pk, code="1", max_points="30"),
    )
    assert list(response.context["form"].errors) == ["parent"]


def test_criterion_parent_choices_are_indented_by_depth(staff_client, template):
    form = staff_client.get(reverse("scoring:criterion-create", args=[template.pk])).context["form"]

    labels = [label for _, label in form.fields["parent"].choices]
    assert labels[1:] == [
        "1 第1组",
        "\u30001.1 第1.1项",
        "\u30001.2 第1.2项",
        "2 第2组",
        "\u30002.1 第2.1项",
    ]


def test_criterion_delete_asks_then_removes_it_with_what_is_under_it(
    staff_client, english, template
):
    group = template.criteria.get(code="1")
    url = reverse("scoring:criterion-delete", args=[group.pk])
    page = staff_client.get(url).content.decode()
    assert (
        'Delete 1 <span lang="zh-Hans">第1组</span> and the 2 criteria under it? '
        "This cannot be undone." in page
    )

    response = staff_client.post(url)

    assert response.url == template.get_absolute_url()
    assert sorted(template.criteria.values_list("code", flat=True)) == ["2", "2.1"]


def test_criterion_delete_of_an_item_asks_plainly(staff_client, english, template):
    item = template.criteria.get(code="2.1")

    page = staff_client.get(reverse("scoring:criterion-delete", args=[item.pk])).content.decode()

    assert 'Delete 2.1 <span lang="zh-Hans">第2.1项</span>? This cannot be undone.' in page


# --- a template in use ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_frozen_template_refuses_every_change(staff_client, frozen, method):
    criterion = frozen.criteria.get(code="1.1")
    urls = [
        (reverse("scoring:template-edit", args=[frozen.pk]), template_data(name="验收评分表")),
        (reverse("scoring:criterion-create", args=[frozen.pk]), criterion_data()),
        (
            reverse("scoring:criterion-edit", args=[criterion.pk]),
            criterion_data(code="1.1", max_points="99"),
        ),
        (reverse("scoring:criterion-delete", args=[criterion.pk]), {}),
    ]

    for url, data in urls:
        response = staff_client.get(url) if method == "get" else staff_client.post(url, data)
        assert (url, response.status_code) == (url, 403)

    frozen.refresh_from_db()
    assert (frozen.pass_mark, frozen.criteria.count()) == (D("80.00"), 5)
    assert frozen.criteria.get(code="1.1").max_points == D("10.00")
