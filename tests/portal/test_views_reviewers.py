import pytest
from django.core import mail
from django.urls import reverse

from portal.enums import Role
from portal.models import ReviewerProfile, User
from tests.factories import OrganizationFactory, ReviewerFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def expert_data(**overrides):
    employer = OrganizationFactory()
    data = {
        "account-username": "expert1",
        "account-full_name": "钱专家",
        "account-email": "expert1@example.com",
        "account-phone": "13800000000",
        "profile-title": "研究员",
        "profile-specialty": "农业标准化",
        "profile-employer": employer.pk,
    }
    return data | overrides


def test_staff_add_an_expert_who_is_invited_by_email(
    staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("portal:reviewer-create"), expert_data())
    assert response.url == reverse("portal:reviewer-list")
    user = User.objects.get(username="expert1")
    assert user.groups.filter(name=Role.REVIEWER).exists() is True
    assert user.has_usable_password() is False
    assert ReviewerProfile.objects.get(user=user).title == "研究员"
    assert [message.to for message in mail.outbox] == [["expert1@example.com"]]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    assert staff_client.get(link, follow=True).context["validlink"] is True


def test_add_expert_with_errors_keeps_input(staff_client):
    ReviewerFactory(email="taken@example.com")
    response = staff_client.post(
        reverse("portal:reviewer-create"),
        expert_data(**{"account-email": "taken@example.com", "profile-title": ""}),
    )
    assert response.status_code == 200
    assert list(response.context["account_form"].errors) == ["email"]
    assert list(response.context["profile_form"].errors) == ["title"]
    assert response.context["account_form"]["full_name"].value() == "钱专家"


def test_edit_expert_changes_employer(staff_client):
    expert = ReviewerFactory()
    new_employer = OrganizationFactory()
    response = staff_client.post(
        reverse("portal:reviewer-edit", args=[expert.pk]),
        {
            "account-username": expert.username,
            "account-full_name": expert.full_name,
            "account-email": expert.email,
            "account-phone": "",
            "profile-title": "高级工程师",
            "profile-specialty": "服务标准化",
            "profile-employer": new_employer.pk,
        },
    )
    assert response.status_code == 302
    expert.refresh_from_db()
    assert (expert.is_active, expert.reviewer_profile.employer) == (True, new_employer)


def test_staff_deactivate_and_reactivate_an_expert(staff_client):
    expert = ReviewerFactory()
    edit_url = reverse("portal:reviewer-edit", args=[expert.pk])

    response = staff_client.post(reverse("portal:reviewer-deactivate", args=[expert.pk]))
    assert response.url == edit_url
    expert.refresh_from_db()
    assert expert.is_active is False
    page = staff_client.get(edit_url).content.decode()
    assert reverse("portal:reviewer-reactivate", args=[expert.pk]) in page

    staff_client.post(reverse("portal:reviewer-reactivate", args=[expert.pk]))
    expert.refresh_from_db()
    assert expert.is_active is True


def test_expert_edit_page_offers_deactivation(staff_client):
    expert = ReviewerFactory()
    page = staff_client.get(reverse("portal:reviewer-edit", args=[expert.pk])).content.decode()
    assert reverse("portal:reviewer-deactivate", args=[expert.pk]) in page


def test_edit_page_is_only_for_experts(staff_client):
    assert (
        staff_client.get(reverse("portal:reviewer-edit", args=[StaffFactory().pk])).status_code
        == 404
    )


@pytest.mark.parametrize("rows", [1, 5])
def test_expert_list_query_count(staff_client, django_assert_num_queries, rows):
    ReviewerFactory.create_batch(rows)
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("portal:reviewer-list"))
    assert len(response.context["object_list"]) == rows


def test_expert_list_searches_specialty(staff_client):
    ReviewerFactory(full_name="甲", reviewer_profile__specialty="茶叶种植")
    ReviewerFactory(full_name="乙", reviewer_profile__specialty="服务标准化")
    response = staff_client.get(reverse("portal:reviewer-list"), {"q": "茶叶"})
    assert [user.full_name for user in response.context["object_list"]] == ["甲"]


def test_only_a_superuser_changes_an_expert_with_admin_rights(client):
    expert = ReviewerFactory(is_staff=True)
    client.force_login(StaffFactory())
    assert client.get(reverse("portal:reviewer-edit", args=[expert.pk])).status_code == 403
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(reverse("portal:reviewer-edit", args=[expert.pk])).status_code == 200


@pytest.mark.parametrize("url", ["portal:reviewer-list", "portal:staff-account-list"])
def test_people_lists_head_their_name_column_as_a_persons_name(staff_client, url):
    ReviewerFactory()
    page = staff_client.get(reverse(url)).content.decode()
    assert '<th scope="col">姓名</th>' in page
    assert '<th scope="col">名称</th>' not in page
