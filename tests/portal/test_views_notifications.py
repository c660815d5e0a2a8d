"""The bell: each person reads, opens and clears only their own notifications."""

import pytest
from django.urls import reverse

from portal.models import Notification
from tests.factories import EnterpriseMemberFactory, ReviewerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def notify(user, path="/reviews/", title="请声明利益冲突"):
    return Notification.objects.create(
        recipient=user, kind="panel_assigned", titles={"zh-hans": title, "en": "Declare"}, path=path
    )


@pytest.mark.parametrize(
    "url", ["portal:notification-list", "portal:notifications-read"], ids=["list", "read"]
)
def test_notifications_need_a_login(client, url):
    response = client.get(reverse(url)) if url.endswith("list") else client.post(reverse(url))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("factory", [StaffFactory, EnterpriseMemberFactory, ReviewerFactory])
def test_every_role_sees_only_its_own_notifications(client, factory):
    user = factory()
    mine, _theirs = notify(user), notify(StaffFactory(), title="别人的")
    client.force_login(user)

    response = client.get(reverse("portal:notification-list"))

    assert list(response.context["object_list"]) == [mine]
    assert "别人的" not in response.content.decode()


def test_the_bell_counts_unread_notifications(client):
    user = ReviewerFactory()
    notify(user), notify(user)
    client.force_login(user)
    page = client.get(reverse("portal:home")).content.decode()
    assert '<span class="badge text-bg-warning">2<span class="visually-hidden">' in page


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client):
    user = ReviewerFactory()
    notification = notify(user, path="/reviews/3/")
    client.force_login(user)

    response = client.get(reverse("portal:notification-open", args=[notification.pk]))

    notification.refresh_from_db()
    assert (response.url, notification.read is not None) == ("/reviews/3/", True)


def test_a_notification_never_leads_off_the_site(client):
    user = ReviewerFactory()
    notification = notify(user, path="https://evil.example/")
    client.force_login(user)
    response = client.get(reverse("portal:notification-open", args=[notification.pk]))
    assert response.url == reverse("portal:notification-list")


def test_another_persons_notification_is_not_found(client):
    notification = notify(StaffFactory())
    client.force_login(ReviewerFactory())
    response = client.get(reverse("portal:notification-open", args=[notification.pk]))
    assert (response.status_code, Notification.objects.get().read) == (404, None)


def test_mark_all_read_touches_only_ones_own(client):
    user, other = ReviewerFactory(), StaffFactory()
    notify(user), notify(user), notify(other)
    client.force_login(user)

    response = client.post(reverse("portal:notifications-read"))

    assert response.url == reverse("portal:notification-list")
    assert Notification.objects.filter(read=None).get().recipient == other


@pytest.mark.parametrize("rows", [1, 6])
def test_notification_list_query_count(client, django_assert_num_queries, rows):
    user = ReviewerFactory()
    for _ in range(rows):
        notify(user)
    client.force_login(user)
    # session, user, count, unread count (bell), groups, model page
    with django_assert_num_queries(6):
        client.get(reverse("portal:notification-list"))
