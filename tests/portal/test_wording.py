"""The portal speaks one way, in each language: lists, names, Django's own messages, links."""

import pytest
from django import forms
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from portal.text import enumeration

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "joined"), [("zh-hans", "甲、乙、丙"), ("en", "甲, 乙, 丙")])
def test_enumeration_joins_the_way_the_language_lists(language, joined):
    with translation.override(language):
        assert enumeration(["甲", "乙", "丙"]) == joined


def test_favicon_redirects_to_the_static_icon_on_this_host(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response.url) == (301, "/static/img/favicon.svg")


def test_language_menu_names_each_language_in_its_own_words_with_buttons(client):
    page = client.get(reverse("portal:home")).content.decode()
    assert (
        '<button class="dropdown-item" type="submit" name="language" value="en" lang="en"' in page
    )
    assert ">English</button>" in page
    assert "英语" not in page
    assert "data-autosubmit" not in page


def test_django_messages_use_the_portals_wording():
    field = forms.EmailField()
    with pytest.raises(forms.ValidationError) as raised:
        field.clean("not an address")
    assert raised.value.messages == ["请输入有效的电子邮件地址。"]


@override_settings(
    AUTH_PASSWORD_VALIDATORS=[
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"}
    ]
)
def test_password_rules_address_the_user_politely():
    from django.contrib.auth.password_validation import password_validators_help_texts

    assert password_validators_help_texts() == ["您的密码不能全是数字。"]
