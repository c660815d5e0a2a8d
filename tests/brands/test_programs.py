"""Award programmes: validation, services, the staff's pages and the enterprises' list."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from brands import selectors, services
from brands.enums import ProgramKind, ProgramLevel, ProgramWindow
from brands.models import AwardProgram, RequiredMaterial
from tests.brands.factories import AwardProgramFactory, RequiredMaterialFactory
from tests.scoring.factories import scoring_template_with

pytestmark = pytest.mark.django_db

D = datetime.date


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def program(**fields) -> AwardProgram:
    values = {
        "name": "咸宁市政府质量奖",
        "level": ProgramLevel.MUNICIPAL,
        "kind": ProgramKind.RECOMMENDATION,
        "round": "2014",
        "opens_on": D(2014, 4, 1),
        "closes_on": D(2014, 6, 30),
    }
    return AwardProgram(**(values | fields))


# --- validation ------------------------------------------------------------------------------


def test_program_closing_before_opening_is_refused():
    with pytest.raises(ValidationError) as error:
        services.save_program(program=program(closes_on=D(2014, 3, 31)))
    assert list(error.value.message_dict) == ["closes_on"]


def test_program_closing_on_its_opening_day_is_saved():
    saved = services.save_program(program=program(closes_on=D(2014, 4, 1)))
    assert saved.window_on(D(2014, 4, 1)) == ProgramWindow.OPEN


def test_program_with_implausible_date_is_refused():
    with pytest.raises(ValidationError) as error:
        services.save_program(program=program(opens_on=D(1900, 1, 1)))
    assert "opens_on" in error.value.message_dict


def test_scored_program_without_template_is_refused():
    with pytest.raises(ValidationError) as error:
        services.save_program(program=program(kind=ProgramKind.SCORED))
    assert list(error.value.message_dict) == ["scoring_template"]


def test_recommendation_with_template_is_refused():
    template = scoring_template_with()
    with pytest.raises(ValidationError) as error:
        services.save_program(program=program(scoring_template=template))
    assert list(error.value.message_dict) == ["scoring_template"]


def test_scored_program_with_template_is_saved():
    template = scoring_template_with()
    saved = services.save_program(
        program=program(kind=ProgramKind.SCORED, scoring_template=template)
    )
    assert saved.scoring_template == template


def test_same_round_of_a_program_twice_is_refused():
    services.save_program(program=program())
    with pytest.raises(ValidationError):
        services.save_program(program=program())


def test_program_is_saved_with_its_materials_in_order():
    saved = services.save_program(
        program=program(),
        materials=[RequiredMaterial(name="申报表"), RequiredMaterial(name="自评报告")],
    )
    assert list(selectors.program_materials(saved).values_list("name", "position")) == [
        ("申报表", 1),
        ("自评报告", 2),
    ]


def test_new_material_without_position_goes_last():
    material = RequiredMaterialFactory(position=7)
    added = services.save_material(material=RequiredMaterial(program=material.program, name="x"))
    assert added.position == 8


# --- the staff's pages -----------------------------------------------------------------------


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize("rows", [1, 6])
def test_program_list_query_count(staff_client, django_assert_num_queries, rows):
    for _ in range(rows):
        RequiredMaterialFactory(program=AwardProgramFactory())
    # session, user, groups, count, unread notifications, pending registrations,
    # round choices, page
    with django_assert_num_queries(8):
        response = staff_client.get(reverse("brands:program-list"))
    assert len(response.context["object_list"]) == rows


def listed(response) -> list[str]:
    return [program.name for program in response.context["object_list"]]


def test_program_list_filters_by_window(staff_client):
    AwardProgramFactory(name="已开始", opens_on=days(-1), closes_on=days(1))
    AwardProgramFactory(name="未开始", opens_on=days(1), closes_on=days(30))
    AwardProgramFactory(name="已结束", opens_on=days(-30), closes_on=days(-1))
    url = reverse("brands:program-list")
    assert listed(staff_client.get(url, {"window": "open"})) == ["已开始"]
    assert listed(staff_client.get(url, {"window": "upcoming"})) == ["未开始"]
    assert listed(staff_client.get(url, {"window": "closed"})) == ["已结束"]


def test_program_list_filters_by_level_round_and_search(staff_client):
    AwardProgramFactory(name="长江质量奖", level=ProgramLevel.PROVINCIAL, round="2014")
    AwardProgramFactory(name="咸宁市政府质量奖", level=ProgramLevel.MUNICIPAL, round="2015")
    url = reverse("brands:program-list")
    assert listed(staff_client.get(url, {"level": "provincial"})) == ["长江质量奖"]
    assert listed(staff_client.get(url, {"round": "2015"})) == ["咸宁市政府质量奖"]
    assert listed(staff_client.get(url, {"q": "长江"})) == ["长江质量奖"]


def test_program_list_ignores_an_unknown_window(staff_client):
    AwardProgramFactory()
    response = staff_client.get(reverse("brands:program-list"), {"window": "<b>x</b>"})
    assert response.status_code == 200


def test_program_create_saves_and_shows_the_program(staff_client):
    response = staff_client.post(
        reverse("brands:program-create"),
        {
            "name": "长江质量奖",
            "round": "2014",
            "level": "provincial",
            "kind": "recommendation",
            "opens_on": "2014-03-01",
            "closes_on": "2014-05-31",
            "eligibility": "",
        },
    )
    created = AwardProgram.objects.get()
    assert response.status_code == 302
    assert response.url == created.get_absolute_url()
    assert (created.name, created.round, created.closes_on) == (
        "长江质量奖",
        "2014",
        D(2014, 5, 31),
    )


def test_program_create_refuses_closing_before_opening(staff_client):
    response = staff_client.post(
        reverse("brands:program-create"),
        {
            "name": "长江质量奖",
            "round": "2014",
            "level": "provincial",
            "kind": "recommendation",
            "opens_on": "2014-05-31",
            "closes_on": "2014-03-01",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["closes_on"]
    assert AwardProgram.objects.count() == 0


def test_program_detail_lists_its_materials_and_actions(staff_client):
    material = RequiredMaterialFactory(name="营业执照复印件")
    content = staff_client.get(material.program.get_absolute_url()).content.decode()
    assert "营业执照复印件" in content
    assert reverse("brands:program-material-edit", args=[material.program.pk, material.pk]) in (
        content
    )
    assert reverse("brands:program-delete", args=[material.program.pk]) in content


def test_program_delete_removes_it_with_its_materials(staff_client):
    material = RequiredMaterialFactory()
    response = staff_client.post(reverse("brands:program-delete", args=[material.program.pk]))
    assert response.status_code == 302
    assert AwardProgram.objects.count() == 0
    assert RequiredMaterial.objects.count() == 0


def test_material_edit_saves_the_change(staff_client):
    material = RequiredMaterialFactory(mandatory=True)
    staff_client.post(
        reverse("brands:program-material-edit", args=[material.program.pk, material.pk]),
        {"name": "近三年财务报表", "description": "", "position": "3"},
    )
    material.refresh_from_db()
    assert (material.name, material.mandatory, material.position) == ("近三年财务报表", False, 3)


def test_material_of_another_program_is_not_found(staff_client):
    material = RequiredMaterialFactory()
    other = AwardProgramFactory()
    url = reverse("brands:program-material-edit", args=[other.pk, material.pk])
    assert staff_client.get(url).status_code == 404


# --- enterprise members ----------------------------------------------------------------------


def test_open_programs_lists_only_those_open_today(client, member):
    RequiredMaterialFactory(name="自评报告", program=AwardProgramFactory(name="开放中"))
    AwardProgramFactory(name="今天截止", opens_on=days(-5), closes_on=days(0))
    AwardProgramFactory(name="明天开始", opens_on=days(1), closes_on=days(30))
    AwardProgramFactory(name="昨天截止", opens_on=days(-30), closes_on=days(-1))
    client.force_login(member)
    response = client.get(reverse("brands:open-program-list"))
    assert [p.name for p in response.context["programs"]] == ["今天截止", "开放中"]
    content = response.content.decode()
    assert "自评报告" in content
    assert "明天开始" not in content


@pytest.mark.parametrize("rows", [1, 4])
def test_open_programs_query_count(client, member, django_assert_num_queries, rows):
    for _ in range(rows):
        RequiredMaterialFactory.create_batch(2, program=AwardProgramFactory())
    client.force_login(member)
    # session, user, groups, unread notifications, membership, programmes,
    # materials
    with django_assert_num_queries(7):
        response = client.get(reverse("brands:open-program-list"))
    assert len(response.context["programs"]) == rows


def test_enterprise_navbar_links_the_open_programs(client, member):
    client.force_login(member)
    content = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("brands:open-program-list")}"' in content


def test_reviewer_navbar_does_not_link_the_open_programs(client, reviewer):
    client.force_login(reviewer)
    content = client.get(reverse("portal:home")).content.decode()
    assert reverse("brands:open-program-list") not in content
