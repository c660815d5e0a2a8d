import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db


def render(value, choices):
    return (
        Template("{% load portal_tags %}{% status_badge value choices %}")
        .render(Context({"value": value, "choices": choices}))
        .strip()
    )


@pytest.mark.parametrize(
    ("value", "choices", "html"),
    [
        ("passed", "PilotStatus", '<span class="badge text-bg-success">已通过验收</span>'),
        ("revoked", "PilotStatus", '<span class="badge text-bg-danger">已撤销</span>'),
        ("scoring", "PanelStatus", '<span class="badge text-bg-warning">评分中</span>'),
        ("submitted", "SheetStatus", '<span class="badge text-bg-success">已提交</span>'),
        ("current", "StandardStatus", '<span class="badge text-bg-success">现行</span>'),
        ("pending", "RegistrationStatus", '<span class="badge text-bg-warning">待审核</span>'),
    ],
)
def test_status_badge_shows_the_label_in_the_colour_registered_beside_its_choices(
    value, choices, html
):
    assert render(value, choices) == html


def test_status_badge_of_an_unknown_value_is_grey_and_shows_the_value():
    assert render("lost", "PilotStatus") == '<span class="badge text-bg-secondary">lost</span>'
