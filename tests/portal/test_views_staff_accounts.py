"""Staff accounts: staff invite, edit, deactivate and reactivate the bureau's staff."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from portal.enums import Role
from portal.models import User
from tests.factories import PASSWORD, ReviewerFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def account_data(**overrides):
    data = {
        "username": "clerk1",
        "full_name": "孙科员",
        "email": "clerk1@example.com",
        "phone": "0715-4321000",
    }
    return data | overrides


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def names(response):
    return [account.get_full_name() for account in response.context["object_list"]]


# --- the list -------------------------------------------------------------------------------


def test_staff_account_list_shows_staff_only(staff_client, staff_user):
    StaffFactory(full_name="李科长")
    ReviewerFactory(full_name="钱专家")
    response = staff_client.get(reverse("portal:staff-account-list"))
    assert sorted(names(response)) == sorted(["李科长", staff_user.full_name])


def test_staff_account_list_searches_name_email_and_phone(staff_client):
    StaffFactory(full_name="李科长", email="li@example.com", phone="0715-1111111")
    StaffFactory(full_name="王科员", email="wang@example.com", phone="0715-2222222")
    url = reverse("portal:staff-account-list")

    assert names(staff_client.get(url, {"q": "李"})) == ["李科长"]
    assert names(staff_client.get(url, {"q": "WANG@"})) == ["王科员"]
    assert names(staff_client.get(url, {"q": "2222"})) == ["王科员"]


def test_staff_account_list_paginates(staff_client):
    StaffFactory.create_batch(20)
    response = staff_client.get(reverse("portal:staff-account-list"), {"page": 2})
    assert len(response.context["object_list"]) == 1
    assert response.context["page_obj"].paginator.num_pages == 2


@pytest.mark.parametrize("others", [0, 6])
def test_staff_account_list_query_count_does_not_grow(
    staff_client, django_assert_num_queries, others
):
    StaffFactory.create_batch(others, is_active=False)
    # session, user, groups, count, pending registrations, page, unread notifications
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("portal:staff-account-list"))
    assert len(response.context["object_list"]) == others + 1


def test_navigation_links_staff_accounts_for_staff_only(client_for, users):
    url = reverse("portal:staff-account-list")
    home = reverse("portal:home")
    assert url in client_for(users["staff"]).get(home).content.decode()
    assert url not in client_for(users["reviewer"]).get(home).content.decode()


# --- inviting and editing -------------------------------------------------------------------


def test_staff_invite_a_colleague_by_email(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("portal:staff-account-create"), account_data())

    assert response.url == reverse("portal:staff-account-list")
    account = User.objects.get(username="clerk1")
    assert (
        account.groups.filter(name=Role.BUREAU_STAFF).exists(),
        account.is_staff,
        account.is_superuser,
    ) == (
        True,
        False,
        False,
    )
    assert account.has_usable_password() is False
    assert [message.to for message in mail.outbox] == [["clerk1@example.com"]]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    assert staff_client.get(link, follow=True).context["validlink"] is True


def test_invite_with_taken_email_or_username_keeps_input(staff_client):
    StaffFactory(username="Clerk1", email="taken@example.com")
    response = staff_client.post(
        reverse("portal:staff-account-create"), account_data(email="TAKEN@example.com")
    )
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["email", "username"]
    assert response.context["form"]["full_name"].value() == "孙科员"
    assert User.objects.filter(username="clerk1").exists() is False


def test_staff_edit_a_colleague(staff_client):
    colleague = StaffFactory()
    response = staff_client.post(
        reverse("portal:staff-account-edit", args=[colleague.pk]),
        account_data(username=colleague.username, email="new@example.com"),
    )
    assert response.url == reverse("portal:staff-account-list")
    colleague.refresh_from_db()
    assert (colleague.full_name, colleague.email, colleague.phone) == (
        "孙科员",
        "new@example.com",
        "0715-4321000",
    )
    assert colleague.check_password(PASSWORD) is True


def test_staff_edit_page_is_only_for_staff_accounts(staff_client):
    url = reverse("portal:staff-account-edit", args=[ReviewerFactory().pk])
    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("admin_rights", [{"is_superuser": True}, {"is_staff": True}], ids=str)
def test_only_a_superuser_changes_an_account_with_admin_rights(client, admin_rights):
    administrator = StaffFactory(full_name="管理员", **admin_rights)
    urls = [
        reverse("portal:staff-account-edit", args=[administrator.pk]),
        reverse("portal:staff-account-deactivate", args=[administrator.pk]),
    ]
    client.force_login(StaffFactory())
    assert [client.post(url, account_data()).status_code for url in urls] == [403, 403]
    administrator.refresh_from_db()
    assert (administrator.full_name, administrator.is_active) == ("管理员", True)

    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(urls[0]).status_code == 200


# --- deactivating and reactivating ----------------------------------------------------------


def test_staff_deactivate_a_colleague_who_is_then_logged_out(client, staff_client):
    colleague = StaffFactory()
    other_browser = type(client)()
    other_browser.post(reverse("login"), {"username": colleague.username, "password": PASSWORD})

    response = staff_client.post(reverse("portal:staff-account-deactivate", args=[colleague.pk]))

    assert response.url == reverse("portal:staff-account-edit", args=[colleague.pk])
    colleague.refresh_from_db()
    assert colleague.is_active is False
    assert User.objects.filter(pk=colleague.pk).exists() is True
    assert other_browser.get(reverse("portal:organization-list")).status_code == 302


def test_staff_reactivate_a_colleague(staff_client):
    colleague = StaffFactory(is_active=False)
    staff_client.post(reverse("portal:staff-account-reactivate", args=[colleague.pk]))
    colleague.refresh_from_db()
    assert colleague.is_active is True


def test_staff_cannot_deactivate_themselves(staff_client, staff_user):
    response = staff_client.post(
        reverse("portal:staff-account-deactivate", args=[staff_user.pk]), follow=True
    )
    staff_user.refresh_from_db()
    assert staff_user.is_active is True
    assert messages_of(response) == [gettext("You cannot deactivate your own account.")]
    deactivate = reverse("portal:staff-account-deactivate", args=[staff_user.pk])
    assert deactivate not in response.content.decode()


def test_deactivation_is_post_only(staff_client):
    url = reverse("portal:staff-account-deactivate", args=[StaffFactory().pk])
    assert staff_client.get(url).status_code == 405
