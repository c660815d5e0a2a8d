"""Single-line names in the organization and profile forms; the login form's length limit."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import translation

from portal.forms import OrganizationContactsForm, OrganizationForm, ProfileForm
from tests.factories import UserFactory, region

pytestmark = pytest.mark.django_db

LINE_BREAK_MESSAGE = (
    "Enter this on a single line, without line breaks, tabs or other invisible control "
    "characters (found U+000A)."
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def organization_data(**overrides):
    return {
        "name": "通城县茶叶有限公司",
        "uscc": "91350100M000100Y43",
        "kind": "enterprise",
        "region": region().pk,
    } | overrides


def test_organization_form_accepts_plain_data():
    assert OrganizationForm(organization_data()).errors == {}


@pytest.mark.parametrize("field", ["name", "name_en", "address", "legal_representative"])
def test_organization_form_refuses_line_break(field):
    form = OrganizationForm(organization_data(**{field: "通城县\n茶叶"}))
    assert form.errors == {field: [LINE_BREAK_MESSAGE]}


def test_contacts_form_refuses_line_break_in_contact_person():
    form = OrganizationContactsForm({"contact_person": "王\n经理"})
    assert form.errors == {"contact_person": [LINE_BREAK_MESSAGE]}


def test_profile_form_refuses_line_break_in_full_name():
    form = ProfileForm(
        {"full_name": "王\n经理", "email": "wang@example.com"}, instance=UserFactory()
    )
    assert form.errors == {"full_name": [LINE_BREAK_MESSAGE]}


def test_login_refuses_an_overlong_username_without_recording_it(client):
    response = client.post(
        reverse("login"), {"username": "x" * 10_000, "password": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Ensure this value has at most 150 characters (it has 10000)."
    ]
    assert AccessAttempt.objects.count() == 0
