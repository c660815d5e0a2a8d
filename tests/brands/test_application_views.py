"""The pages of award applications as each user works with them: the enterprise's sections and
uploads keeping what was typed, submitting, the bureau's check, the public notice and its
objection form, and the lists (their filters and query counts). Who may open what is in
test_application_permissions.py."""

import pytest
from django.urls import reverse
from django.utils import translation

from brands.enums import ApplicationStatus
from brands.models import AwardApplication, Objection
from portal.models import Membership, Notification
from tests.brands import applications as make
from tests.factories import EnterpriseMemberFactory

pytestmark = pytest.mark.django_db


pytestmark = pytest.mark.django_db


# --- the enterprise's pages ----------------------------------------------------------------


def test_start_from_the_open_programmes_page(client, member):
    program = make.program()
    client.force_login(member)

    page = client.get(reverse("brands:open-program-list")).content.decode()
    assert reverse("brands:application-start", args=[program.pk]) in page
    response = client.post(reverse("brands:application-start", args=[program.pk]))

    application = AwardApplication.objects.get()
    assert response.url == reverse("brands:application-section", args=[application.pk, "basic"])
    assert application.organization == member.membership.organization


def test_a_section_with_errors_keeps_what_was_typed(client, member, objects):
    application = objects["draft"]
    client.force_login(member)
    year = make.services.figure_years(application.program)[0]

    response = client.post(
        reverse("brands:application-section", args=[application.pk, "figures"]),
        {f"revenue_{year}": "-5", f"profit_{year}": "-3", f"tax_{year}": "abc"},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="-5"' in content and 'value="abc"' in content and 'value="-3"' in content
    assert 'aria-invalid="true"' in content


def test_save_and_continue_goes_to_the_next_section(client, member, objects):
    application = objects["draft"]
    client.force_login(member)

    response = client.post(
        reverse("brands:application-section", args=[application.pk, "quality"]),
        {"quality_management": "新的质量管理说明", "achievements": "", "next": "figures"},
    )

    assert response.url == reverse("brands:application-section", args=[application.pk, "figures"])
    application.refresh_from_db()
    assert application.quality_management == "新的质量管理说明"


def test_an_unknown_section_is_not_found(client, member, objects):
    client.force_login(member)
    url = reverse("brands:application-section", args=[objects["draft"].pk, "nonsense"])

    assert client.get(url).status_code == 404


def test_a_file_with_macros_or_a_password_is_refused_with_its_reason(client, member, objects):
    from tests.portal.attachments.files import upload
    from tests.portal.attachments.test_encrypted import ENCRYPTED_PDF

    client.force_login(member)
    url = reverse("brands:material-upload", args=[objects["draft"].pk, 0])
    with translation.override("en"):
        response = client.post(
            url,
            {"title": "审计报告", "file": upload("审计报告.pdf", ENCRYPTED_PDF)},
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert response.status_code == 200
    assert "protected by a password" in response.content.decode() or "密码" in (
        response.content.decode()
    )
    assert 'value="审计报告"' in response.content.decode()


def test_submitting_an_incomplete_application_shows_what_is_missing(client, member):
    application = make.draft(make.program(), member)
    client.force_login(member)

    page = client.get(reverse("brands:application-submit", args=[application.pk]))
    response = client.post(reverse("brands:application-submit", args=[application.pk]))

    assert b"data-problems" in page.content
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_submit_through_the_page(client, member, objects, staff_user):
    application = objects["draft"]
    client.force_login(member)

    response = client.post(reverse("brands:application-submit", args=[application.pk]))

    assert response.url == application.get_absolute_url()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert Notification.objects.filter(recipient=staff_user, kind="application_submitted").exists()


# --- the bureau's pages --------------------------------------------------------------------


def test_return_for_supplement_through_the_check_page(client, member, staff_user):
    application = make.submitted(make.program(), member)
    client.force_login(staff_user)
    data = {"outcome": "returned", "comment": "请补充", "supplement_deadline": ""}

    response = client.post(reverse("brands:application-check", args=[application.pk]), data)
    assert response.status_code == 200  # no deadline: the form says so, keeps the rest
    assert "请补充" in response.content.decode()

    import datetime

    from django.utils import timezone

    data["supplement_deadline"] = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    for material in application.program.materials.all():
        data[f"m{material.pk}_present"] = "on"
    response = client.post(reverse("brands:application-check", args=[application.pk]), data)
    assert response.url == application.get_absolute_url()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED
    client.force_login(member)
    content = client.get(application.get_absolute_url()).content.decode()
    assert "请补充" in content and "data-supplement" in content


def test_an_action_out_of_its_state_says_so(client, staff_user, objects):
    client.force_login(staff_user)

    response = client.get(reverse("brands:application-publish", args=[objects["reviewed"].pk]))

    assert b"data-refusal" in response.content
    response = client.post(
        reverse("brands:application-publish", args=[objects["reviewed"].pk]),
        {"starts_on": "2030-01-01", "days": "7"},
    )
    assert response.url == objects["reviewed"].get_absolute_url()


# --- the public notice ---------------------------------------------------------------------


def test_anyone_objects_during_the_notice(client, member, staff_user):
    application = make.in_notice(make.program(), member, staff_user)

    listing = client.get(reverse("brands:notice-list")).content.decode()
    assert reverse("brands:notice-detail", args=[application.pk]) in listing
    response = client.post(
        reverse("brands:notice-detail", args=[application.pk]),
        {"name": "", "contact": "", "text": "该企业去年发生质量事故", "website": ""},
    )

    assert response.status_code == 302
    assert Objection.objects.get().text == "该企业去年发生质量事故"


def test_the_honeypot_refuses_robots_and_an_empty_objection_is_explained(
    client, member, staff_user
):
    application = make.in_notice(make.program(), member, staff_user)
    url = reverse("brands:notice-detail", args=[application.pk])

    robot = client.post(url, {"text": "spam", "website": "http://spam.example"})
    empty = client.post(url, {"text": "", "name": "王五"})

    assert robot.status_code == 200 and empty.status_code == 200
    assert 'value="王五"' in empty.content.decode()
    assert not Objection.objects.exists()


def test_objections_are_limited_per_address(client, member, staff_user, settings):
    from django.core.cache import cache

    from brands.views.notices import OBJECTIONS_PER_HOUR

    cache.clear()
    application = make.in_notice(make.program(), member, staff_user)
    url = reverse("brands:notice-detail", args=[application.pk])
    for number in range(OBJECTIONS_PER_HOUR + 1):
        response = client.post(url, {"text": f"异议{number}"})

    assert response.status_code == 200
    assert Objection.objects.count() == OBJECTIONS_PER_HOUR
    cache.clear()


# --- lists -----------------------------------------------------------------------------------


def _many(member, count):
    for _ in range(count):
        make.draft(make.program(), member)


@pytest.mark.parametrize("rows", [1, 6])
def test_staff_application_list_query_count(
    client, staff_user, member, rows, django_assert_num_queries
):
    _many(member, rows)
    client.force_login(staff_user)
    # session, user, groups, pending registrations, notifications, count, page,
    # programmes of the filter
    with django_assert_num_queries(8):
        response = client.get(reverse("brands:application-list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_enterprise_application_list_query_count(client, member, rows, django_assert_num_queries):
    _many(member, rows)
    EnterpriseMemberFactory()  # someone else's application is not listed
    client.force_login(member)
    # session, user, groups, membership, count, notifications, page
    with django_assert_num_queries(7):
        response = client.get(reverse("brands:application-list"))
    assert len(response.context["object_list"]) == rows


def test_the_staff_list_filters_by_state_and_finds_by_number(client, staff_user, member):
    first = make.draft(make.program(), member)
    second = make.submitted(make.program(), member)
    client.force_login(staff_user)

    by_state = client.get(reverse("brands:application-list"), {"status": "submitted"})
    by_number = client.get(reverse("brands:application-list"), {"q": first.reference})

    assert list(by_state.context["object_list"]) == [second]
    assert list(by_number.context["object_list"]) == [first]


def test_membership_of_another_organization_shows_nothing(client, objects):
    stranger = EnterpriseMemberFactory()
    assert Membership.objects.get(user=stranger).organization != objects["draft"].organization
    client.force_login(stranger)

    response = client.get(reverse("brands:application-list"))

    assert list(response.context["object_list"]) == []


def test_the_programme_page_counts_its_applications_and_links_them(client, staff_user, objects):
    program = objects["draft"].program
    client.force_login(staff_user)

    content = client.get(program.get_absolute_url()).content.decode()

    assert f"{reverse('brands:application-list')}?program={program.pk}" in content


def test_a_brand_from_an_award_links_its_application(client, member, staff_user, travel):
    import datetime

    from django.utils import timezone

    from brands import services
    from brands.models import Brand, BrandTitle

    title = BrandTitle.objects.get(name="湖北名牌产品")
    application = make.in_notice(make.program(confers_title=title), member, staff_user, days=1)
    later = timezone.localdate() + datetime.timedelta(days=2)
    travel(later)
    services.finalise_application(
        application=application,
        actor=staff_user,
        certificate_number="HBMP-1",
        valid_from=later,
        valid_until=later + datetime.timedelta(days=1000),
    )
    client.force_login(staff_user)

    content = client.get(Brand.objects.get().get_absolute_url()).content.decode()

    assert application.get_absolute_url() in content
    public = client.get(reverse("brands:public-brand-list")).content.decode()
    assert "HBMP-1" in public
