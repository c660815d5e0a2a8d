"""Demo award applications, in the current rounds and through the services, as the people
would make them:

- 湖北瀛通电子有限公司 applies for the Changjiang Quality Award: accepted after the county
  bureau's guidance visit, visited on site by the municipal bureau, and under review by a panel
  that is scoring;
- with the county bureau's help, 瀛通 applies to be a national quality-education practice base
  (a recommendation only): decided and in its public notice;
- 湖北百丈潭酒业有限公司 applies for the municipal government quality award: returned for a
  supplement, then resubmitted with the audited accounts.

The files are small sample PDFs; the figures are samples.
"""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from brands import services
from brands.demo.programs import MUNICIPAL_AWARD
from brands.enums import CheckOutcome, VisitKind
from brands.models import AwardApplication, AwardProgram
from portal.models import User
from scoring import services as scoring_services

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
FORM_FIELDS = [
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
]


@dataclass
class Form:
    """What an applicant writes in the four sections."""

    product: str
    employees: int
    profile: str
    quality_management: str
    achievements: str
    figures: list[tuple[str, str, str]]


@dataclass
class Visit:
    kind: str
    days_ago: int
    visitors: str
    notes: str


def _fill(application, user, form: Form) -> None:
    for name in ("product", "employees", "profile", "quality_management", "achievements"):
        setattr(application, name, getattr(form, name))
    application.contact_name = application.contact_name or user.get_full_name()
    application.contact_phone = application.contact_phone or "0715-4321000"
    application.figures = {
        str(year): {"revenue": revenue, "profit": profit, "tax": tax}
        for year, (revenue, profit, tax) in zip(
            services.figure_years(application.program), form.figures, strict=True
        )
    }
    application.declared_by = user.get_full_name() or user.username
    application.declaration_confirmed = True
    services.save_application_form(application=application, actor=user, fields=FORM_FIELDS)
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


def _submitted(program_name: str, user: User, form: Form):
    """The user's organization's application to this year's round, filled in and submitted;
    None when the demo has made it already."""
    organization = user.membership.organization
    program = AwardProgram.objects.get(name=program_name, round=str(timezone.localdate().year))
    if AwardApplication.objects.filter(program=program, organization=organization).exists():
        return None
    application = services.start_application(program=program, organization=organization, actor=user)
    _fill(application, user, form)
    return services.submit_application(application=application, actor=user)


def _accept(application, staff, comment: str, visits: list[Visit]):
    services.check_application(
        application=application,
        actor=staff,
        items=_check_items(application),
        outcome=CheckOutcome.ACCEPTED,
        comment=comment,
    )
    for visit in visits:
        services.record_visit(
            application=application,
            kind=visit.kind,
            visited_on=timezone.localdate() - datetime.timedelta(days=visit.days_ago),
            visitors=visit.visitors,
            notes=visit.notes,
            photos=[],
            actor=staff,
        )
    application.refresh_from_db()
    return application


def seed_applications(stdout=None) -> None:
    staff = User.objects.get(username="staff")
    yingtong = User.objects.get(username="enterprise")
    baizhangtan = User.objects.get(username="enterprise2")

    application = _submitted(
        "长江质量奖",
        yingtong,
        Form(
            product="耳机线材及电声组件",
            employees=1200,
            profile="公司专业从事耳机线材、电声组件的研发与制造，产品配套国内外知名消费电子品牌。",
            quality_management=(
                "导入卓越绩效管理模式，通过GB/T 19001、GB/T 24001认证，主导制定企业标准12项。"
            ),
            achievements="获咸宁市政府质量奖；建成省级企业技术中心。",
            figures=YINGTONG_FIGURES,
        ),
    )
    if application is not None:
        application = _accept(
            application,
            staff,
            "材料齐全，予以受理。",
            [
                Visit(
                    VisitKind.GUIDANCE,
                    20,
                    "县质监局标准化股",
                    "指导企业对照卓越绩效评价准则完善自评报告。",
                ),
                Visit(
                    VisitKind.ON_SITE,
                    3,
                    "市质监局质量科及专家组",
                    "现场查看生产线和质量检测中心，听取企业汇报。",
                ),
            ],
        )
        reviewers = list(
            User.objects.filter(username__in=["reviewer", "reviewer2", "reviewer3"]).order_by(
                "username"
            )
        )
        application = services.assign_panel(
            application=application, reviewers=reviewers, chair=reviewers[0], actor=staff
        )
        scoring_services.start_scoring(panel=application.panel, actor=staff)

    application = _submitted(
        MUNICIPAL_AWARD,
        baizhangtan,
        Form(
            product="“百丈潭”牌白酒",
            employees=460,
            profile="公司以当地优质高粱和山泉水酿造白酒，是通城县重点骨干企业。",
            quality_management="建立从原粮到成品的全过程质量控制，执行GB/T 26760等标准。",
            achievements="“百丈潭”商标为湖北省著名商标。",
            figures=BAIZHANGTAN_FIGURES,
        ),
    )
    if application is not None:
        services.check_application(
            application=application,
            actor=staff,
            items=_check_items(application, failing={"近三年财务报表"}),
            outcome=CheckOutcome.RETURNED,
            comment="近三年财务报表与申报表数据不一致，请补充经审计的财务报表。",
            supplement_deadline=timezone.localdate() + datetime.timedelta(days=14),
        )
        services.upload_material(
            application=application,
            required=application.program.materials.get(name="近三年财务报表"),
            uploaded_file=ContentFile(SAMPLE_PDF, name="近三年财务报表（审计后，示例）.pdf"),
            kind="pdf",
            actor=baizhangtan,
        )
        services.submit_application(application=application, actor=baizhangtan)

    application = _submitted(
        "全国中小学质量教育社会实践基地",
        yingtong,
        Form(
            product="瀛通电声科技质量教育基地",
            employees=1200,
            profile="公司开放生产线和检测中心，在县质监局帮助下接待中小学生开展质量教育实践。",
            quality_management="配备专职讲解员，制定接待方案和安全预案。",
            achievements="近一年接待县内中小学生质量教育实践活动6批次。",
            figures=YINGTONG_FIGURES,
        ),
    )
    if application is not None:
        application = _accept(
            application,
            staff,
            "材料齐全。",
            [
                Visit(
                    VisitKind.GUIDANCE,
                    10,
                    "县质监局、县教育局",
                    "查看接待场地和安全设施，帮助企业完善质量教育课程。",
                )
            ],
        )
        services.decide_application(
            application=application,
            awarded=True,
            reason="场地、设施和讲解人员符合要求，县局同意推荐。",
            actor=staff,
        )
        services.publish_notice(application=application, actor=staff)
