import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from brands import selectors
from brands.enums import ApplicationStatus
from brands.models import AwardApplication, AwardProgram, Brand
from brands.selectors import brand_output_share

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_seed_demo_loads_seven_famous_brands_valid_in_2014(seeded):
    valid = Brand.objects.filter(selectors.valid_on(datetime.date(2014, 12, 31)))
    assert valid.count() == 7
    assert set(valid.values_list("title__name", flat=True)) == {"湖北名牌产品"}
    holders = set(valid.values_list("holder__name", flat=True))
    assert {"通城县合玉立农产品专业合作社", "湖北福人药业股份有限公司"} <= holders
    assert Brand.objects.filter(is_sample=False).count() == 0


def test_seed_demo_brands_produce_half_the_county_output_of_2014(seeded):
    assert brand_output_share(2014) == (
        Decimal("260000.00"),
        Decimal("520000.00"),
        Decimal("0.5000"),
    )


def test_seed_demo_has_titles_valid_today_and_one_expiring(seeded):
    assert selectors.brands_for_public().count() == 2
    assert [brand.certificate_number for brand in selectors.expiring_brands()] == ["HBZM-S001"]


def test_seed_demo_twice_adds_no_brands(seeded):
    before = sorted(Brand.objects.values_list("certificate_number", "modified"))
    call_command("seed_demo", stdout=StringIO())
    assert sorted(Brand.objects.values_list("certificate_number", "modified")) == before


def test_seed_demo_creates_the_four_programmes_of_2014(seeded):
    programs = AwardProgram.objects.filter(round="2014")
    assert sorted(programs.values_list("name", "level", "kind")) == sorted(
        [
            ("咸宁市政府质量奖", "municipal", "scored"),
            ("长江质量奖", "provincial", "scored"),
            ("湖北名牌产品", "provincial", "recommendation"),
            ("全国中小学质量教育社会实践基地", "national", "recommendation"),
        ]
    )
    changjiang = programs.get(name="长江质量奖")
    assert changjiang.scoring_template.name == "卓越绩效评价准则（GB/T 19580-2012）"
    assert programs.get(name="全国中小学质量教育社会实践基地").scoring_template is None
    for program in programs:
        assert 4 <= program.materials.count() <= 6


def test_seed_demo_has_a_round_of_each_programme_open_today(seeded):
    year = timezone.localdate().year
    assert sorted(str(program) for program in selectors.open_programs()) == sorted(
        f"{name}（{year}）"
        for name in (
            "咸宁市政府质量奖",
            "长江质量奖",
            "湖北名牌产品",
            "全国中小学质量教育社会实践基地",
        )
    )


def test_seed_demo_applications_are_in_the_states_of_the_report(seeded):
    states = {
        (application.organization.name, application.program.name): application
        for application in AwardApplication.objects.select_related("organization", "program")
    }
    changjiang = states[("湖北瀛通电子有限公司", "长江质量奖")]
    municipal = states[("湖北百丈潭酒业有限公司", "咸宁市政府质量奖")]
    base = states[("湖北瀛通电子有限公司", "全国中小学质量教育社会实践基地")]
    assert changjiang.status == ApplicationStatus.UNDER_REVIEW
    assert changjiang.panel.members.count() == 3
    assert set(changjiang.visits.values_list("kind", flat=True)) == {"guidance", "on_site"}
    # returned for supplement, then resubmitted: two versions, the replaced file kept
    assert municipal.status == ApplicationStatus.SUBMITTED
    assert municipal.versions.count() == 2
    assert municipal.materials.exclude(replaced=None).count() == 1
    assert municipal.checks.get().outcome == "returned"
    # a recommendation only, decided without a panel and in its public notice
    assert base.status == ApplicationStatus.NOTICE and base.panel is None
    assert base.notice_running()


def test_seed_demo_twice_adds_no_applications(seeded):
    before = sorted(AwardApplication.objects.values_list("pk", "status", "modified"))
    call_command("seed_demo", stdout=StringIO())
    assert sorted(AwardApplication.objects.values_list("pk", "status", "modified")) == before


def test_seed_demo_twice_adds_no_programmes(seeded):
    before = sorted(AwardProgram.objects.values_list("name", "round", "modified"))
    call_command("seed_demo", stdout=StringIO())
    assert sorted(AwardProgram.objects.values_list("name", "round", "modified")) == before
