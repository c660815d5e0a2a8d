"""Demo records of the brands app: the seven Hubei famous brand products (湖北名牌产品) within
their validity period in the source report (2014), whose output was about half of the county's
output of industrial enterprises above designated size.

The report names the two titles won that year: the "通城" brand of 合玉立农产品专业合作社 and
湖北福人药业股份有限公司. It gives no products, certificate numbers, dates or figures, so those
are samples, as are the other five titles (products of demo organizations and of two sample
organizations): every brand here is marked ``is_sample``. The validity periods (three years)
cover 31 December 2014, and the 2014 figures give a share of exactly 50%.

Two more sample titles of other kinds (湖北省著名商标) are dated from the day the demo is
loaded, so that the public list, the expiring titles and ``send_reminders`` have something to
show: one valid for years yet, one that ends within 90 days.

Award programmes: the four the bureau guided applicants for in 2014 (the municipal government
quality award, the Changjiang Quality Award, Hubei famous brand products, the national
quality-education practice base), with sample dates and lists of materials, and a current
round of each, open on the day the demo is loaded.

Award applications, in the current rounds and through the services, as the people would make
them: 湖北瀛通电子有限公司 applies for the Changjiang Quality Award (accepted, under review by a
panel that is scoring, after the county bureau's guidance visit and the municipal bureau's
on-site visit) and, with the county bureau's help, to be a national quality-education practice
base (a recommendation only: decided and in its public notice); 湖北百丈潭酒业有限公司 applies
for the municipal government quality award (returned for supplement, then resubmitted). The
files are small sample PDFs.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from brands import services
from brands.enums import CheckOutcome, ProgramKind, ProgramLevel, VisitKind
from brands.models import (
    AwardApplication,
    AwardProgram,
    Brand,
    BrandTitle,
    CountyIndustrialOutput,
    RequiredMaterial,
)
from portal import demo
from portal.enums import Industry, OrganizationKind
from portal.models import Organization, Region, User
from portal.validators import make_uscc
from scoring import services as scoring_services
from scoring.models import ScoringTemplate

D = datetime.date
FAMOUS_BRAND = "湖北名牌产品"
FIGURE_YEAR = 2014
COUNTY_OUTPUT = Decimal("520000.00")
COUNTY_SOURCE = "通城县统计数据（示例数据：报道只载明名牌产品产值约占50%）"

# Holders the report does not name: well-formed sample codes, marked as such.
SAMPLE_ORGANIZATIONS = [
    (
        "materials",
        "通城县示例新材料有限公司",
        "91",
        "MA48K9L2",
        OrganizationKind.ENTERPRISE,
        Industry.C,
    ),
    (
        "grain_coop",
        "通城县示例粮油专业合作社",
        "93",
        "MA48L1M3",
        OrganizationKind.COOPERATIVE,
        Industry.A,
    ),
]

# (holder, product, certificate number, valid from, valid until, output in 2014 in 10,000 yuan)
FAMOUS_BRANDS = [
    ("heyuli", "“通城”牌农产品", "HBMP-2014-S001", D(2014, 12, 1), D(2017, 11, 30), "12000"),
    ("furen", "“福人”牌金刚藤胶囊", "HBMP-2014-S002", D(2014, 12, 1), D(2017, 11, 30), "52000"),
    ("yingtong", "“瀛通”牌耳机线材", "HBMP-2013-S003", D(2013, 12, 1), D(2016, 11, 30), "68000"),
    ("baizhangtan", "“百丈潭”牌白酒", "HBMP-2012-S004", D(2012, 12, 1), D(2015, 11, 30), "36000"),
    (
        "huangpaoshan",
        "“黄袍山”牌油茶籽油",
        "HBMP-2012-S005",
        D(2012, 12, 1),
        D(2015, 11, 30),
        "30000",
    ),
    (
        "materials",
        "“示例”牌新型墙体材料",
        "HBMP-2013-S006",
        D(2013, 12, 1),
        D(2016, 11, 30),
        "40000",
    ),
    ("grain_coop", "“示例”牌富硒大米", "HBMP-2013-S007", D(2013, 12, 1), D(2016, 11, 30), "22000"),
]

OTHER_TITLES = [
    ("湖北省著名商标", "Hubei famous trademark"),
    ("中国驰名商标", "China well-known trademark"),
]


def _holder(key: str) -> Organization:
    row = next((row for row in SAMPLE_ORGANIZATIONS if row[0] == key), None)
    if row is None:
        return demo.organization(key)
    _, name, prefix, body, kind, industry = row
    organization, _ = Organization.objects.get_or_create(
        uscc=make_uscc(prefix, "421222", body),
        defaults={
            "name": name,
            "uscc_is_sample": True,
            "kind": kind,
            "region": Region.objects.get(code="421222"),
            "industry": industry,
            "address": "湖北省咸宁市通城县",
        },
    )
    return organization


def _years_later(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (or earlier); 28 February for a 29 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _brand(*, holder, title, product, number, valid_from, valid_until, outputs=None) -> None:
    if Brand.objects.filter(certificate_number=number).exists():
        return
    services.register_brand(
        brand=Brand(
            product=product,
            holder=holder,
            title=title,
            certificate_number=number,
            valid_from=valid_from,
            valid_until=valid_until,
            is_sample=True,
        ),
        outputs=outputs,
    )


@demo.register
@transaction.atomic
def seed(stdout=None) -> None:
    famous = BrandTitle.objects.get(name=FAMOUS_BRAND)
    for key, product, number, valid_from, valid_until, output in FAMOUS_BRANDS:
        _brand(
            holder=_holder(key),
            title=famous,
            product=product,
            number=number,
            valid_from=valid_from,
            valid_until=valid_until,
            outputs={FIGURE_YEAR: Decimal(output)},
        )
    if not CountyIndustrialOutput.objects.filter(year=FIGURE_YEAR).exists():
        services.set_county_output(
            year=FIGURE_YEAR, output=COUNTY_OUTPUT, source_note=COUNTY_SOURCE
        )

    titles = {
        name: BrandTitle.objects.get_or_create(name=name, defaults={"name_en": name_en})[0]
        for name, name_en in OTHER_TITLES
    }
    trademark = titles["湖北省著名商标"]
    today = timezone.localdate()
    ends_soon = today + datetime.timedelta(days=45)
    _brand(
        holder=_holder("yingtong"),
        title=trademark,
        product="“瀛通”商标（耳机线材）",
        number="HBZM-S001",
        valid_from=_years_later(ends_soon, -3) + datetime.timedelta(days=1),
        valid_until=ends_soon,
    )
    started = today.replace(day=1) - datetime.timedelta(days=365)
    _brand(
        holder=_holder("baizhangtan"),
        title=trademark,
        product="“百丈潭”商标（白酒）",
        number="HBZM-S002",
        valid_from=started,
        valid_until=_years_later(started, 3) - datetime.timedelta(days=1),
    )


# --- award programmes ----------------------------------------------------------------------

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


@demo.register
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


# --- award applications --------------------------------------------------------------------

SAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


# Revenue, profit and taxes of the last three years, 10,000 yuan (samples).
YINGTONG_FIGURES = [
    ("86000", "5200", "3100"),
    ("94000", "6100", "3500"),
    ("105000", "7300", "3900"),
]
BAIZHANGTAN_FIGURES = [
    ("18000", "1500", "1900"),
    ("20500", "1800", "2200"),
    ("23000", "2100", "2500"),
]


def _fill(application, user, *, product, profile, quality, achievements, figures) -> None:
    application.product = product
    application.contact_name = application.contact_name or user.get_full_name()
    application.contact_phone = application.contact_phone or "0715-4321000"
    application.employees = 1200 if "瀛通" in str(application.organization) else 460
    application.profile = profile
    application.quality_management = quality
    application.achievements = achievements
    application.figures = {
        str(year): {"revenue": revenue, "profit": profit, "tax": tax}
        for year, (revenue, profit, tax) in zip(
            services.figure_years(application.program), figures, strict=True
        )
    }
    application.declared_by = user.get_full_name() or user.username
    application.declaration_confirmed = True
    services.save_application_form(
        application=application,
        actor=user,
        fields=[
            "product",
            "contact_name",
            "contact_phone",
            "employees",
            "profile",
            "quality_management",
            "achievements",
            "figures",
            "declared_by",
            "declaration_confirmed",
        ],
    )
    for material in application.program.materials.all():
        services.upload_material(
            application=application,
            required=material,
            uploaded_file=ContentFile(SAMPLE_PDF, name=f"{material.name}（示例）.pdf"),
            kind="pdf",
            actor=user,
        )


def _check_items(application, failing=()):
    return [
        {
            "required": material,
            "present": True,
            "authentic": True,
            "accurate": material.name not in failing,
            "compliant": True,
            "comment": "数据与审计报告不一致" if material.name in failing else "",
        }
        for material in application.program.materials.all()
    ]


def _start(program_name, organization, user):
    program = AwardProgram.objects.get(name=program_name, round=str(timezone.localdate().year))
    if AwardApplication.objects.filter(program=program, organization=organization).exists():
        return None
    return services.start_application(program=program, organization=organization, actor=user)


@demo.register
@transaction.atomic
def seed_applications(stdout=None) -> None:
    staff = User.objects.get(username="staff")
    yingtong_user = User.objects.get(username="enterprise")
    baizhangtan_user = User.objects.get(username="enterprise2")
    yingtong = yingtong_user.membership.organization
    baizhangtan = baizhangtan_user.membership.organization
    today = timezone.localdate()

    application = _start("长江质量奖", yingtong, yingtong_user)
    if application is not None:
        _fill(
            application,
            yingtong_user,
            product="耳机线材及电声组件",
            profile="公司专业从事耳机线材、电声组件的研发与制造，产品配套国内外知名消费电子品牌。",
            quality="导入卓越绩效管理模式，通过GB/T 19001、GB/T 24001认证，主导制定企业标准12项。",
            achievements="获咸宁市政府质量奖；建成省级企业技术中心。",
            figures=[
                ("86000", "5200", "3100"),
                ("94000", "6100", "3500"),
                ("105000", "7300", "3900"),
            ],
        )
        services.submit_application(application=application, actor=yingtong_user)
        services.check_application(
            application=application,
            actor=staff,
            items=_check_items(application),
            outcome=CheckOutcome.ACCEPTED,
            comment="材料齐全，予以受理。",
        )
        services.record_visit(
            application=application,
            kind=VisitKind.GUIDANCE,
            visited_on=today - datetime.timedelta(days=20),
            visitors="县质监局标准化股",
            notes="指导企业对照卓越绩效评价准则完善自评报告。",
            photos=[],
            actor=staff,
        )
        services.record_visit(
            application=application,
            kind=VisitKind.ON_SITE,
            visited_on=today - datetime.timedelta(days=3),
            visitors="市质监局质量科及专家组",
            notes="现场查看生产线和质量检测中心，听取企业汇报。",
            photos=[],
            actor=staff,
        )
        reviewers = list(
            User.objects.filter(username__in=["reviewer", "reviewer2", "reviewer3"]).order_by(
                "username"
            )
        )
        if reviewers:
            application = services.assign_panel(
                application=application, reviewers=reviewers, chair=reviewers[0], actor=staff
            )
            scoring_services.start_scoring(panel=application.panel, actor=staff)

    application = _start(MUNICIPAL_AWARD, baizhangtan, baizhangtan_user)
    if application is not None:
        _fill(
            application,
            baizhangtan_user,
            product="“百丈潭”牌白酒",
            profile="公司以当地优质高粱和山泉水酿造白酒，是通城县重点骨干企业。",
            quality="建立从原粮到成品的全过程质量控制，执行GB/T 26760等标准。",
            achievements="“百丈潭”商标为湖北省著名商标。",
            figures=[
                ("18000", "1500", "1900"),
                ("20500", "1800", "2200"),
                ("23000", "2100", "2500"),
            ],
        )
        services.submit_application(application=application, actor=baizhangtan_user)
        services.check_application(
            application=application,
            actor=staff,
            items=_check_items(application, failing={"近三年财务报表"}),
            outcome=CheckOutcome.RETURNED,
            comment="近三年财务报表与申报表数据不一致，请补充经审计的财务报表。",
            supplement_deadline=today + datetime.timedelta(days=14),
        )
        report = application.program.materials.get(name="近三年财务报表")
        services.upload_material(
            application=application,
            required=report,
            uploaded_file=ContentFile(SAMPLE_PDF, name="近三年财务报表（审计后，示例）.pdf"),
            kind="pdf",
            actor=baizhangtan_user,
        )
        services.submit_application(application=application, actor=baizhangtan_user)

    application = _start("全国中小学质量教育社会实践基地", yingtong, yingtong_user)
    if application is not None:
        _fill(
            application,
            yingtong_user,
            product="瀛通电声科技质量教育基地",
            profile="公司开放生产线和检测中心，在县质监局帮助下接待中小学生开展质量教育实践。",
            quality="配备专职讲解员，制定接待方案和安全预案。",
            achievements="近一年接待县内中小学生质量教育实践活动6批次。",
            figures=[
                ("86000", "5200", "3100"),
                ("94000", "6100", "3500"),
                ("105000", "7300", "3900"),
            ],
        )
        services.submit_application(application=application, actor=yingtong_user)
        services.check_application(
            application=application,
            actor=staff,
            items=_check_items(application),
            outcome=CheckOutcome.ACCEPTED,
            comment="材料齐全。",
        )
        services.record_visit(
            application=application,
            kind=VisitKind.GUIDANCE,
            visited_on=today - datetime.timedelta(days=10),
            visitors="县质监局、县教育局",
            notes="查看接待场地和安全设施，帮助企业完善质量教育课程。",
            photos=[],
            actor=staff,
        )
        services.decide_application(
            application=application,
            awarded=True,
            reason="场地、设施和讲解人员符合要求，县局同意推荐。",
            actor=staff,
        )
        services.publish_notice(application=application, actor=staff)
