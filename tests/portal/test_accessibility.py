"""The server's share of WCAG 2.1 AA (docs/accessibility.md): error summaries that link to their
fields, titles that say a form was refused, Chinese text marked as Chinese in other languages.
The browser's share is tests/browser/test_accessibility.py and test_keyboard.py."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from tests.factories import (
    EnterpriseMemberFactory,
    OrganizationFactory,
    ReviewerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


class ContactForm(forms.Form):
    name = forms.CharField(label="Name")
    channel = forms.ChoiceField(
        label="Channel", choices=[("mail", "Mail"), ("phone", "Phone")], widget=forms.RadioSelect
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Nothing can be sent today.")


def render(template: str, **context) -> str:
    return Template("{% load portal_tags %}" + template).render(Context(context))


def summary_items(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", html)]


def test_error_summary_links_each_problem_to_its_field():
    with translation.override("en"):
        html = render("{% error_summary form %}", form=ContactForm({"name": ""}))

    assert summary_items(html) == [
        "Nothing can be sent today.",
        "This field is required.",
        '<a class="alert-link" href="#id_name">Name: This field is required.</a>',
        '<a class="alert-link" href="#id_channel_0">Channel: This field is required.</a>',
    ]
    assert 'tabindex="-1" data-error-summary' in html


def test_error_summary_of_forms_without_errors_is_empty():
    html = render("{% error_summary form other %}", form=ContactForm(), other=None)

    assert html.strip() == ""


def test_error_summary_says_the_note_given_instead_of_the_usual_one():
    with translation.override("en"):
        html = render(
            '{% error_summary form note="The file must be chosen again." %}',
            form=ContactForm({"name": ""}),
        )

    assert '<p class="mb-2">The file must be chosen again.</p>' in html
    assert "Everything you entered has been kept" not in html


@pytest.mark.parametrize(
    ("form", "title"),
    [(ContactForm(), "Contact"), (ContactForm({"name": ""}), "Error: Contact")],
)
def test_error_title_prefix_marks_pages_whose_form_was_refused(form, title):
    with translation.override("en"):
        assert render("{% error_title_prefix %}Contact", form=form) == title


@pytest.mark.parametrize(
    ("language", "value", "html"),
    [
        ("en", "油茶栽培示范区", '<span lang="zh-Hans">油茶栽培示范区</span>'),
        ("en", "GB/T 19580-2012", "GB/T 19580-2012"),
        (
            "en",
            "Acceptance review of 卓越绩效（GB/T 19580-2012）示范区 (v1)",
            'Acceptance review of <span lang="zh-Hans">卓越绩效（GB/T 19580-2012）示范区</span>'
            " (v1)",
        ),
        (
            "en",
            "赵明 · 高级工程师 · Hubei",
            '<span lang="zh-Hans">赵明</span> · <span lang="zh-Hans">高级工程师</span> · Hubei',
        ),
        ("en", "<b>王静</b>", '&lt;b&gt;<span lang="zh-Hans">王静</span>&lt;/b&gt;'),
        ("en", mark_safe("王静<br>李强"), '<span lang="zh-Hans">王静<br>李强</span>'),
        (
            "en",
            mark_safe("Person-times (人次)."),
            'Person-times (<span lang="zh-Hans">人次</span>).',
        ),
        ("en", None, "None"),
        ("zh-hans", "油茶栽培示范区", "油茶栽培示范区"),
        ("zh-hans", "<b>王静</b>", "&lt;b&gt;王静&lt;/b&gt;"),
    ],
)
def test_zh_marks_chinese_text_as_chinese_only_in_other_languages(language, value, html):
    with translation.override(language):
        assert render("{{ value|zh }}", value=value) == html


def test_zh_leaves_text_alone_where_nothing_is_escaped():
    with translation.override("en"):
        assert render("{% autoescape off %}{{ value|zh }}{% endautoescape %}", value="王静") == (
            "王静"
        )


def test_refused_form_page_title_starts_with_error(client):
    client.force_login(EnterpriseMemberFactory())

    response = client.post(reverse("password_change"), {}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    title = re.search(r"<title>(.*?)</title>", response.content.decode()).group(1)
    assert title.startswith("Error: Change password · ")


def test_expert_edit_page_title_says_what_the_page_is_for(client):
    client.force_login(StaffFactory())
    expert = ReviewerFactory(full_name="赵明")
    response = client.get(
        reverse("portal:reviewer-edit", args=[expert.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    title = re.search(r"<title>(.*?)</title>", response.content.decode()).group(1)
    assert title.startswith("Edit expert · 赵明 · ")


@pytest.mark.parametrize(
    ("name", "subject", "title"),
    [
        (
            "portal:staff-account-edit",
            lambda: StaffFactory(full_name="王静"),
            "Edit staff member · 王静",
        ),
        (
            "portal:organization-edit",
            lambda: OrganizationFactory(name="黄袍山公司"),
            "Edit organization · 黄袍山公司",
        ),
    ],
)
def test_edit_page_title_names_what_is_edited(client, name, subject, title):
    client.force_login(StaffFactory())

    response = client.get(reverse(name, args=[subject().pk]), HTTP_ACCEPT_LANGUAGE="en")

    assert re.search(r"<title>(.*) · ", response.content.decode()).group(1) == title
