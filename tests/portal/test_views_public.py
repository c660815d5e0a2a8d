import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from portal.enums import RegistrationStatus
from portal.models import Organization, Registration
from tests.factories import (
    PASSWORD,
    OrganizationFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db


def registration_data(**overrides):
    data = {
        "organization-mode": "new",
        "organization-uscc": "91350100M000100Y43",
        "organization-name": "通城县新茶叶有限公司",
        "organization-kind": "enterprise",
        "organization-region": region().pk,
        "organization-address": "",
        "organization-legal_representative": "",
        "username": "tea",
        "full_name": "茶叶经理",
        "email": "tea@example.com",
        "phone": "13800000000",
        "position": "质量经理",
        "password1": "Green-Tea-2026",
        "password2": "Green-Tea-2026",
    }
    return data | overrides


def test_home_page_for_anonymous_invites_login_and_registration(client):
    content = client.get(reverse("portal:home")).content.decode()
    assert reverse("login") in content
    assert reverse("portal:register") in content


def test_register_new_organization_creates_pending_registration(client):
    response = client.post(reverse("portal:register"), registration_data())

    assert response.url == reverse("portal:register-done")
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.PENDING
    assert registration.creates_organization is True
    assert registration.organization.name == "通城县新茶叶有限公司"
    assert registration.user.is_active is False


def test_register_claims_existing_organization_by_code(client, organization):
    response = client.post(
        reverse("portal:register"),
        registration_data(
            **{"organization-mode": "existing", "organization-uscc": organization.uscc.lower()}
        ),
    )
    assert response.status_code == 302
    assert Registration.objects.get().organization == organization
    assert Organization.objects.count() == 1


def test_register_claim_of_unknown_code_explains(client):
    response = client.post(
        reverse("portal:register"), registration_data(**{"organization-mode": "existing"})
    )
    errors = response.context["organization_form"].errors
    assert errors["uscc"] == ["尚无使用此信用代码的组织登记；请选择“登记我的组织”并填写其信息。"]


def test_register_new_with_taken_code_explains(client, organization):
    response = client.post(
        reverse("portal:register"), registration_data(**{"organization-uscc": organization.uscc})
    )
    errors = response.context["organization_form"].errors
    assert errors["uscc"] == [f"{organization.name}已使用此信用代码登记；请改选“加入我的组织”。"]


def test_register_new_organization_takes_the_applicant_as_its_contact(client):
    client.post(reverse("portal:register"), registration_data())

    organization = Registration.objects.get().organization
    assert (
        organization.contact_person,
        organization.contact_phone,
        organization.contact_email,
    ) == ("茶叶经理", "13800000000", "tea@example.com")


def test_register_claim_leaves_the_organization_contact_alone(client):
    organization = OrganizationFactory(contact_phone="0715-4321000", contact_email="")
    client.post(
        reverse("portal:register"),
        registration_data(
            **{"organization-mode": "existing", "organization-uscc": organization.uscc}
        ),
    )

    organization.refresh_from_db()
    assert (organization.contact_phone, organization.contact_email) == ("0715-4321000", "")


UNCONFIRMED_CODE_MESSAGE = (
    "An organization with this credit code is already in the portal; choose “Join my "
    "organization” instead, or ask the bureau."
)


@pytest.mark.parametrize(
    "status", [RegistrationStatus.PENDING, RegistrationStatus.REJECTED], ids=str
)
def test_register_new_with_code_of_an_unapproved_organization_hides_its_name(client, status):
    registration = RegistrationFactory(
        creates_organization=True, status=status, organization__name="待审核的茶叶有限公司"
    )
    response = client.post(
        reverse("portal:register"),
        registration_data(**{"organization-uscc": registration.organization.uscc}),
    )

    errors = response.context["organization_form"].errors
    assert errors["uscc"] == [gettext(UNCONFIRMED_CODE_MESSAGE)]
    assert "待审核的茶叶有限公司" not in response.content.decode()


def test_register_new_with_code_of_an_approved_registration_names_it(client):
    registration = RegistrationFactory(
        creates_organization=True, status=RegistrationStatus.APPROVED
    )
    response = client.post(
        reverse("portal:register"),
        registration_data(**{"organization-uscc": registration.organization.uscc}),
    )
    errors = response.context["organization_form"].errors
    assert errors["uscc"] == [
        f"{registration.organization.name}已使用此信用代码登记；请改选“加入我的组织”。"
    ]


def test_register_with_errors_keeps_everything_typed(client):
    response = client.post(
        reverse("portal:register"),
        registration_data(
            **{"organization-uscc": "914403001922038217", "organization-name": "", "password2": "x"}
        ),
    )
    assert response.status_code == 200
    form, organization_form = response.context["form"], response.context["organization_form"]
    assert set(organization_form.errors) == {"uscc", "name"}
    assert set(form.errors) == {"password2"}
    assert form["full_name"].value() == "茶叶经理"
    assert organization_form["uscc"].value() == "914403001922038217"
    assert Registration.objects.count() == 0


def test_login_pending_registration_says_it_awaits_approval(client):
    registration = RegistrationFactory()
    response = client.post(
        reverse("login"), {"username": registration.user.username, "password": PASSWORD}
    )
    assert response.context["form"].non_field_errors() == [
        "您的注册申请已收到，正在等待质监局审核。审核通过后即可登录。"
    ]
    assert "_auth_user_id" not in client.session


def test_login_rejected_registration_gives_reason(client):
    registration = RegistrationFactory(
        status=RegistrationStatus.REJECTED, decision_comment="信用代码与营业执照不符"
    )
    response = client.post(
        reverse("login"), {"username": registration.user.username, "password": PASSWORD}
    )
    assert response.context["form"].non_field_errors() == [
        "您的注册申请未获批准：信用代码与营业执照不符"
    ]


def test_login_with_right_password_logs_in(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.url == reverse("portal:home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_repeated_failed_logins_lock_out_with_clear_message(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), {"username": user.username, "password": "bad"})
        assert response.status_code == 200
    response = client.post(reverse("login"), {"username": user.username, "password": "bad"})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()

    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_email(client):
    UserFactory(email="quality@example.com")
    response = client.post(reverse("password_reset"), {"email": "quality@example.com"})
    assert response.url == reverse("password_reset_done")
    assert [message.to for message in mail.outbox] == [["quality@example.com"]]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_language_switch_to_english(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("portal:home")}, follow=True
    )
    assert response.context["LANGUAGE_CODE"] == "en"
    assert "Standardization Portal" in response.content.decode()


def test_default_language_is_simplified_chinese(client):
    response = client.get(reverse("portal:home"))
    assert response.context["LANGUAGE_CODE"] == "zh-hans"
    assert "标准化工作平台" in response.content.decode()


def test_approved_member_can_log_in(client):
    registration = RegistrationFactory()
    from portal import services

    services.approve_registration(registration=registration, actor=StaffFactory())
    response = client.post(
        reverse("login"), {"username": registration.user.username, "password": PASSWORD}
    )
    assert response.url == reverse("portal:home")
