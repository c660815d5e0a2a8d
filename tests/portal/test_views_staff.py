import pytest
from django.urls import reverse

from portal.enums import OrganizationKind, RegistrationStatus
from portal.models import Organization
from tests.factories import MembershipFactory, OrganizationFactory, RegistrationFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def names(response):
    return [organization.name for organization in response.context["object_list"]]


def test_organization_list_searches_name_and_code(staff_client):
    OrganizationFactory(name="湖北瀛通电子有限公司")
    target = OrganizationFactory(name="黄袍山绿色产品有限公司")
    url = reverse("portal:organization-list")

    assert names(staff_client.get(url, {"q": "黄袍山"})) == ["黄袍山绿色产品有限公司"]
    assert names(staff_client.get(url, {"q": target.uscc[-6:].lower()})) == [target.name]


def test_organization_list_filters_kind_and_region_including_children(staff_client):
    OrganizationFactory(name="甲合作社", kind=OrganizationKind.COOPERATIVE)
    OrganizationFactory(name="乙企业", kind=OrganizationKind.ENTERPRISE, region=region("420100"))
    url = reverse("portal:organization-list")

    assert names(staff_client.get(url, {"kind": "cooperative"})) == ["甲合作社"]
    xianning = region("421200")
    assert names(staff_client.get(url, {"region": xianning.pk})) == ["甲合作社"]
    hubei = region("420000")
    assert sorted(names(staff_client.get(url, {"region": hubei.pk}))) == ["乙企业", "甲合作社"]


def test_organization_list_empty_search_explains(staff_client):
    response = staff_client.get(reverse("portal:organization-list"), {"q": "不存在"})
    assert "没有符合这些条件的组织。" in response.content.decode()


def test_organization_list_paginates(staff_client, settings):
    OrganizationFactory.create_batch(21)
    response = staff_client.get(reverse("portal:organization-list"), {"page": 2})
    assert len(response.context["object_list"]) == 1
    assert response.context["page_obj"].paginator.num_pages == 2


@pytest.mark.parametrize("rows", [1, 8])
def test_organization_list_query_count_does_not_grow(staff_client, django_assert_num_queries, rows):
    for organization in OrganizationFactory.create_batch(rows):
        MembershipFactory(organization=organization)
    # session, user, groups, pending registrations,
    # count, page, region choices of the filter form, unread notifications
    with django_assert_num_queries(8):
        response = staff_client.get(reverse("portal:organization-list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("rows", [1, 8])
def test_registration_list_query_count_does_not_grow(staff_client, django_assert_num_queries, rows):
    RegistrationFactory.create_batch(rows)
    # session, user, groups, pending registrations, count, page,
    # unread notifications
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("portal:registration-list"))
    assert len(response.context["object_list"]) == rows


def organization_data(**overrides):
    data = {
        "name": "通城县测试有限公司",
        "name_en": "",
        "uscc": " 91350100m000100y43 ",
        "kind": "enterprise",
        "region": region().pk,
        "industry": "C",
        "legal_representative": "张三",
        "address": "通城县隽水镇",
        "contact_person": "李四",
        "contact_phone": "0715-4321234",
        "contact_email": "",
    }
    return data | overrides


def test_organization_create_normalises_code_and_records_history(staff_client, staff_user):
    response = staff_client.post(reverse("portal:organization-create"), organization_data())

    organization = Organization.objects.get()
    assert response.status_code == 302
    assert response.url == organization.get_absolute_url()
    assert organization.uscc == "91350100M000100Y43"
    assert organization.history.get().history_user == staff_user


def test_organization_create_with_bad_code_explains_and_keeps_input(staff_client):
    response = staff_client.post(
        reverse("portal:organization-create"),
        organization_data(uscc="914403001922038217", contact_phone="12"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["uscc"] == ["最后一位是校验码，应为“6”而不是“7”；请检查代码是否输入有误。"]
    assert "contact_phone" in form.errors
    assert form["name"].value() == "通城县测试有限公司"
    assert Organization.objects.count() == 0


def test_organization_create_refuses_duplicate_code(staff_client):
    OrganizationFactory(uscc="91350100M000100Y43")
    response = staff_client.post(reverse("portal:organization-create"), organization_data())
    assert response.context["form"].errors["uscc"] == ["使用此信用代码的组织已登记。"]


def test_organization_edit_saves_and_history_shows_change(staff_client, organization):
    url = reverse("portal:organization-edit", args=[organization.pk])
    staff_client.post(url, organization_data(uscc=organization.uscc, name="改名有限公司"))

    organization.refresh_from_db()
    assert organization.name == "改名有限公司"
    response = staff_client.get(reverse("portal:organization-history", args=[organization.pk]))
    records = response.context["records"]
    assert [record.history_type for record in records] == ["~", "+"]
    assert "名称" in [change.label for change in records[0].changes]


def test_organization_delete_asks_then_deletes(staff_client, organization):
    url = reverse("portal:organization-delete", args=[organization.pk])
    assert staff_client.get(url).status_code == 200
    assert Organization.objects.filter(pk=organization.pk).exists()

    response = staff_client.post(url)
    assert response.url == reverse("portal:organization-list")
    assert not Organization.objects.filter(pk=organization.pk).exists()


def test_organization_delete_refused_while_members_refer_to_it(staff_client, member, settings):
    settings.LANGUAGE_CODE = "en"
    organization = member.membership.organization
    url = reverse("portal:organization-delete", args=[organization.pk])

    response = staff_client.post(url, follow=True)

    assert Organization.objects.filter(pk=organization.pk).exists()
    assert response.redirect_chain == [(url, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"{organization.name} cannot be deleted: what still refers to it is listed below."
    ]
    assert [(group.label, group.count) for group in response.context["references"]] == [
        ("Memberships", 1)
    ]


def test_organization_with_a_registration_is_not_deleted(staff_client, settings):
    settings.LANGUAGE_CODE = "en"
    registration = RegistrationFactory()
    organization = registration.organization
    url = reverse("portal:organization-delete", args=[organization.pk])

    page = staff_client.get(url)
    staff_client.post(url)

    assert page.context["can_delete"] is False
    assert [(group.label, group.records) for group in page.context["references"]] == [
        ("Registrations", [registration])
    ]
    content = page.content.decode()
    assert "This organization cannot be deleted" in content
    assert registration.get_absolute_url() in content
    assert "Yes, delete it" not in content
    registration.refresh_from_db()
    assert registration.organization == organization


def test_organization_detail_offers_delete_only_when_nothing_refers_to_it(staff_client, member):
    used, unused = member.membership.organization, OrganizationFactory()
    offered = {
        organization.pk: reverse("portal:organization-delete", args=[organization.pk])
        in staff_client.get(organization.get_absolute_url()).content.decode()
        for organization in (used, unused)
    }
    assert offered == {used.pk: False, unused.pk: True}


def test_registration_list_shows_pending_by_default(staff_client):
    pending = RegistrationFactory()
    RegistrationFactory(status=RegistrationStatus.APPROVED)
    response = staff_client.get(reverse("portal:registration-list"))
    assert list(response.context["object_list"]) == [pending]


def test_registration_approve_from_detail_page(staff_client):
    registration = RegistrationFactory()
    response = staff_client.post(
        reverse("portal:registration-approve", args=[registration.pk]), {"comment": ""}
    )
    registration.refresh_from_db()
    assert response.url == registration.get_absolute_url()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.user.is_active is True


def test_registration_reject_needs_reason(staff_client):
    registration = RegistrationFactory()
    response = staff_client.post(
        reverse("portal:registration-reject", args=[registration.pk]), {"reason": ""}
    )
    assert response.status_code == 200
    assert response.context["reject_form"].errors == {"reason": ["这个字段是必填项。"]}
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_registration_decided_twice_explains(staff_client):
    registration = RegistrationFactory(status=RegistrationStatus.REJECTED)
    response = staff_client.post(
        reverse("portal:registration-approve", args=[registration.pk]),
        {"comment": ""},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["无法从“已拒绝”变更为“已批准”。"]
