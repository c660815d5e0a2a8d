"""Demo award programmes: the four the bureau guided applicants for in 2014 (the municipal
government quality award, the Changjiang Quality Award, Hubei famous brand products, the
national quality-education practice base), with sample dates and lists of materials, and a
current round of each, open on the day the demo is loaded."""

import datetime

from django.db import transaction
from django.utils import timezone

from brands import services
from brands.demo.register import FAMOUS_BRAND
from brands.enums import ProgramKind, ProgramLevel
from brands.models import (
    AwardProgram,
    BrandTitle,
    RequiredMaterial,
)
from scoring.models import ScoringTemplate

D = datetime.date

GBT_19580_TEMPLATE = "卓越绩效评价准则（GB/T 19580-2012）"
MUNICIPAL_AWARD = "咸宁市政府质量奖"

MATERIALS = {
    "award": [
        ("申报表", "加盖单位公章的纸质版一份，并提交电子版。", True),
        ("营业执照复印件", "", True),
        ("质量管理体系认证证书", "已通过认证的，提交证书复印件。", False),
        ("近三年财务报表", "经会计师事务所审计。", True),
        ("自评报告", "按卓越绩效评价准则逐条自评，附自评分。", True),
        ("质量、诚信记录证明", "近三年无重大质量、安全、环境事故的证明。", True),
    ],
    "brand": [
        ("申报表", "", True),
        ("营业执照复印件", "", True),
        ("产品检验报告", "近一年内有资质的检验机构出具。", True),
        ("近三年财务报表", "", True),
        ("商标注册证复印件", "", False),
    ],
    "base": [
        ("申报表", "", True),
        ("单位简介及质量教育开展情况", "", True),
        ("接待设施及安全保障说明", "", True),
        ("质量教育活动照片", "", False),
    ],
}

# (name, level, template used, round, opens on, closes on, eligibility, materials)
PROGRAMS = [
    (
        MUNICIPAL_AWARD,
        ProgramLevel.MUNICIPAL,
        True,
        "2014",
        D(2014, 4, 1),
        D(2014, 6, 30),
        "在咸宁市注册、实施卓越绩效管理满两年、近三年无重大质量安全事故的企业。",
        "award",
    ),
    (
        "长江质量奖",
        ProgramLevel.PROVINCIAL,
        True,
        "2014",
        D(2014, 3, 1),
        D(2014, 5, 31),
        "在湖北省注册、导入卓越绩效模式并取得显著成效的组织，获市州政府质量奖者优先推荐。",
        "award",
    ),
    (
        "湖北名牌产品",
        ProgramLevel.PROVINCIAL,
        False,
        "2014",
        D(2014, 5, 1),
        D(2014, 7, 31),
        "产品符合国家产业政策，质量达到国内同类产品先进水平，市场占有率和经济效益居省内同行业前列。",
        "brand",
    ),
    (
        "全国中小学质量教育社会实践基地",
        ProgramLevel.NATIONAL,
        False,
        "2014",
        D(2014, 6, 1),
        D(2014, 8, 31),
        "具备接待中小学生开展质量教育实践活动的场地、设施和讲解人员的企业或机构。",
        "base",
    ),
]


def _program(*, name, level, template, round, opens_on, closes_on, eligibility, materials):
    if AwardProgram.objects.filter(name=name, round=round).exists():
        return
    services.save_program(
        program=AwardProgram(
            name=name,
            level=level,
            kind=ProgramKind.SCORED if template else ProgramKind.RECOMMENDATION,
            scoring_template=template,
            confers_title=BrandTitle.objects.filter(name=FAMOUS_BRAND).first()
            if materials == "brand"
            else None,
            round=round,
            opens_on=opens_on,
            closes_on=closes_on,
            eligibility=eligibility,
        ),
        materials=[
            RequiredMaterial(name=m_name, description=description, mandatory=mandatory)
            for m_name, description, mandatory in MATERIALS[materials]
        ],
    )


@transaction.atomic
def seed_programs(stdout=None) -> None:
    """The four programmes of 2014 (the GB/T 19580 template scores both quality awards; the
    famous-brand title and the practice base are recommendations only), and the current round
    of the municipal award, open today so that enterprises see one."""
    template = ScoringTemplate.objects.filter(name=GBT_19580_TEMPLATE).order_by("-version").first()
    for name, level, scored, round, opens_on, closes_on, eligibility, materials in PROGRAMS:
        _program(
            name=name,
            level=level,
            template=template if scored else None,
            round=round,
            opens_on=opens_on,
            closes_on=closes_on,
            eligibility=eligibility,
            materials=materials,
        )
    today = timezone.localdate()
    for name, level, scored, _round, _opens, _closes, eligibility, materials in PROGRAMS:
        _program(
            name=name,
            level=level,
            template=template if scored else None,
            round=str(today.year),
            opens_on=today - datetime.timedelta(days=30),
            closes_on=today + datetime.timedelta(days=60),
            eligibility=eligibility,
            materials=materials,
        )
