import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_my_organization_redirects_to_own_organization(client, member):
    client.force_login(member)
    response = client.get(reverse("portal:my-organization"))
    assert response.url == member.membership.organization.get_absolute_url()


def test_member_sees_contacts_button_not_full_edit(client, member):
    client.force_login(member)
    organization = member.membership.organization
    content = client.get(organization.get_absolute_url()).content.decode()
    assert reverse("portal:organization-contacts", args=[organization.pk]) in content
    assert reverse("portal:organization-edit", args=[organization.pk]) not in content
    assert reverse("portal:organization-history", args=[organization.pk]) not in content


def test_member_edits_contacts_only(client, member):
    client.force_login(member)
    organization = member.membership.organization
    original_name = organization.name
    response = client.post(
        reverse("portal:organization-contacts", args=[organization.pk]),
        {
            "address": "通城县隽水镇工业园",
            "contact_person": "王五",
            "contact_phone": "13800000000",
            "contact_email": "q@example.com",
            "name": "篡改的名字",
        },
    )
    organization.refresh_from_db()
    assert response.status_code == 302
    assert organization.contact_person == "王五"
    assert organization.contact_phone == "13800000000"
    assert organization.name == original_name
    assert organization.history.first().history_user == member


def test_member_contacts_bad_phone_keeps_input(client, member):
    client.force_login(member)
    organization = member.membership.organization
    response = client.post(
        reverse("portal:organization-contacts", args=[organization.pk]),
        {"address": "隽水镇", "contact_person": "王五", "contact_phone": "12", "contact_email": ""},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["contact_phone"]
    assert response.context["form"]["contact_person"].value() == "王五"


def test_member_cannot_post_contacts_of_another_organization(client, member, other_member):
    client.force_login(member)
    other = other_member.membership.organization
    response = client.post(
        reverse("portal:organization-contacts", args=[other.pk]),
        {"address": "", "contact_person": "入侵者", "contact_phone": "", "contact_email": ""},
    )
    other.refresh_from_db()
    assert response.status_code == 403
    assert other.contact_person == ""


def test_navigation_shows_member_only_their_links(client, member):
    client.force_login(member)
    content = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:my-organization") in content
    assert reverse("portal:organization-list") not in content
    assert reverse("portal:registration-list") not in content


def test_navigation_shows_staff_registers(client, staff_user):
    client.force_login(staff_user)
    content = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:organization-list") in content
    assert reverse("portal:registration-list") in content
    assert reverse("portal:my-organization") not in content
