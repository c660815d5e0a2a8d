"""Demo records of the pilots app: the seven pilots of the source report.

Dates the report gives are real (the camellia-oil zone passed on 2013-09-26, the administrative
service centre on 2014-06-25, the Jingangteng zone in 2010); other dates, the lead organizations of
zones the report does not name, and the standards' designations are samples, said so in comments.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from pilots import services
from pilots.enums import (
    ActivityKind,
    PilotCategory,
    PilotLevel,
    PilotStatus,
    StandardKind,
    SystemPart,
)
from pilots.models import Activity, PilotProject, PilotStandard, Standard
from portal import demo
from portal.enums import Industry, OrganizationKind, Role
from portal.models import Organization, Region, ReviewerProfile, User
from portal.services import add_role
from portal.validators import make_uscc
from scoring import services as scoring_services
from scoring.models import ScoringTemplate
from scoring.selectors import template_leaves

D = datetime.date
SAMPLE_DATE = "（日期为示例）"
PATH_TO_PASSED = [
    PilotStatus.APPROVED,
    PilotStatus.IN_PROGRESS,
    PilotStatus.ACCEPTANCE_REQUESTED,
    PilotStatus.PASSED,
]

# Lead organizations the report does not name: well-formed samples, marked as such.
SAMPLE_ORGANIZATIONS = [
    ("hog_coop", "通城县示例生猪养殖专业合作社", "93", "MA48H7J9"),
    ("tea_coop", "通城县示例茶叶种植专业合作社", "93", "MA48J8K1"),
]


def _sample_organization(key):
    _, name, prefix, body = next(row for row in SAMPLE_ORGANIZATIONS if row[0] == key)
    organization, _ = Organization.objects.get_or_create(
        uscc=make_uscc(prefix, "421222", body),
        defaults={
            "name": name,
            "uscc_is_sample": True,
            "kind": OrganizationKind.COOPERATIVE,
            "region": Region.objects.get(code="421222"),
            "industry": Industry.A,
            "address": "湖北省咸宁市通城县",
        },
    )
    return organization


def _standard(designation, title, *, kind, issuing_body, sample=True):
    standard, _ = Standard.objects.get_or_create(
        designation=designation,
        defaults={"title": title, "kind": kind, "issuing_body": issuing_body, "is_sample": sample},
    )
    return standard


def _pilot(staff, *, name, moves, participants=(), **fields):
    """Create the pilot and walk it through ``moves`` [(status, date, comment)], once.

    The declaration is dated a month before the first move (a sample date).
    """
    if PilotProject.objects.filter(name=name).exists():
        return None
    pilot = services.create_pilot(
        pilot=PilotProject(name=name, region=Region.objects.get(code="421222"), **fields),
        participants=list(participants),
        actor=staff,
        declared_on=moves[0][1] - datetime.timedelta(days=30),
    )
    for status, date, comment in moves:
        services.set_pilot_state(
            pilot=pilot, target=status, actor=staff, occurred_on=date, comment=comment
        )
    return pilot


AGRICULTURAL_TEMPLATE = "农业标准化示范区考核验收评分表（示例）"
SERVICE_TEMPLATE = "服务标准化试点考核验收评分表（示例）"
# Expert reviewers beside portal's demo "reviewer" (names are fictional).
DEMO_REVIEWERS = [
    ("reviewer2", "孙丽", "高级工程师", "质量管理、农产品质量安全", "city_bureau"),
    ("reviewer3", "周涛", "研究员", "农业标准化", "province_bureau"),
]


def _reviewers():
    reviewers = [User.objects.get(username="reviewer")]
    for username, full_name, title, specialty, employer in DEMO_REVIEWERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"full_name": full_name, "email": f"{username}@example.com"},
        )
        if created:
            user.set_password(demo.DEMO_PASSWORD)
            user.save(update_fields=["password"])
            add_role(user, Role.REVIEWER)
            ReviewerProfile.objects.create(
                user=user,
                title=title,
                specialty=specialty,
                employer=demo.organization(employer),
            )
        reviewers.append(user)
    return reviewers


def _item_scores(leaves, total: Decimal) -> dict:
    """Points per item that add up to ``total``: the shortfall spread over the items by their
    weight, in cents, the last item taking what rounding leaves."""
    maximum = sum(leaf.max_points for leaf in leaves)
    shortfall = maximum - total
    scores, taken = {}, Decimal(0)
    for index, leaf in enumerate(leaves):
        if index == len(leaves) - 1:
            deduction = shortfall - taken
        else:
            deduction = (shortfall * leaf.max_points / maximum).quantize(Decimal("0.01"))
            taken += deduction
        scores[leaf.pk] = (leaf.max_points - deduction, "")
    return scores


def _template(name):
    return ScoringTemplate.objects.filter(name=name).order_by("-version").first()


def _review(staff, pilot, *, date, organizer, methods, template_name, totals, opinion):
    """Schedule, score and conclude an acceptance review held on paper, through the services.

    Staff enter it as a clerk enters paper records, on the reviewers' behalf and with the real
    dates, so that the panel's record reads in the order of the day: scheduled two weeks before
    (a sample date), then the declarations, the scoring, the sheets and the conclusion on the
    day of the review.
    """
    template = _template(template_name)
    reviewers = _reviewers()[: len(totals)]
    review = services.schedule_review(
        pilot=pilot,
        scheduled_for=date,
        organizer=organizer,
        methods=methods,
        template=template,
        reviewers=reviewers,
        chair=reviewers[-1],
        actor=staff,
        occurred_on=date - datetime.timedelta(days=14),
    )
    for member in review.panel.members.order_by("pk"):
        scoring_services.declare(member=member, conflict=False, actor=staff, occurred_on=date)
    scoring_services.start_scoring(panel=review.panel, actor=staff, occurred_on=date)
    leaves = template_leaves(template)
    for member, total in zip(review.panel.members.order_by("pk"), totals, strict=True):
        scoring_services.submit_score_sheet(
            sheet=member.sheet,
            scores=_item_scores(leaves, Decimal(total)),
            actor=staff,
            occurred_on=date,
        )
    return services.conclude_review(review=review, opinion=opinion, actor=staff, concluded_on=date)


def _open_review(staff, pilot):
    """A review in scoring that waits for the demo ``reviewer``: they have not declared yet;
    ``reviewer2`` (the chair) has declared and saved part of a draft sheet. Its dates are
    samples."""
    services.set_pilot_state(
        pilot=pilot,
        target=PilotStatus.ACCEPTANCE_REQUESTED,
        actor=staff,
        occurred_on=D(2014, 5, 1),
        comment="申请考核验收" + SAMPLE_DATE,
    )
    template = _template(AGRICULTURAL_TEMPLATE)
    reviewer, reviewer2 = _reviewers()[:2]
    review = services.schedule_review(
        pilot=pilot,
        scheduled_for=D(2014, 5, 20),
        organizer=demo.organization("city_bureau"),
        methods=["material_review", "on_site", "household_visits"],
        template=template,
        reviewers=[reviewer, reviewer2],
        chair=reviewer2,
        actor=staff,
        occurred_on=D(2014, 5, 5),
    )
    chair = review.panel.members.get(reviewer=reviewer2)
    scoring_services.declare(member=chair, conflict=False, actor=staff, occurred_on=D(2014, 5, 8))
    scoring_services.start_scoring(panel=review.panel, actor=staff, occurred_on=D(2014, 5, 20))
    chair.refresh_from_db()
    leaves = template_leaves(template)
    half = leaves[: len(leaves) // 2]
    scoring_services.save_score_sheet(
        sheet=chair.sheet,
        scores={leaf.pk: (leaf.max_points, "") for leaf in half},
        actor=reviewer2,
    )
    return review


@demo.register
@transaction.atomic
def seed(stdout=None) -> None:
    staff = User.objects.get(username="staff")
    bureau = demo.organization("bureau")
    huangpaoshan = demo.organization("huangpaoshan")
    telecom = demo.organization("telecom")
    centre = demo.organization("service_centre")

    camellia = _pilot(
        staff,
        name="油茶栽培国家级农业标准化示范区",
        category=PilotCategory.AGRICULTURAL_ZONE,
        level=PilotLevel.NATIONAL,
        lead_organization=huangpaoshan,
        batch="国家级农业标准化示范项目",
        planned_completion=D(2013, 12, 31),
        targets="油茶繁育、种植、加工、销售全过程标准化；产前、产中、产后均有相应标准控制。",
        moves=[
            (PilotStatus.APPROVED, D(2011, 12, 1), "批准实施" + SAMPLE_DATE),
            (PilotStatus.IN_PROGRESS, D(2012, 1, 10), "制定创建工作规划和实施方案" + SAMPLE_DATE),
            (PilotStatus.ACCEPTANCE_REQUESTED, D(2013, 8, 20), "申请考核验收" + SAMPLE_DATE),
        ],
    )
    if camellia is not None:
        # 2013-09-26: a team of the provincial bureau; the sheets' totals average exactly 95.47.
        _review(
            staff,
            camellia,
            date=D(2013, 9, 26),
            organizer=demo.organization("province_bureau"),
            methods=["video", "report_hearing", "record_check", "base_visit", "household_visits"],
            template_name=AGRICULTURAL_TEMPLATE,
            totals=["95.00", "96.41", "95.00"],
            opinion="示范区组织机构健全，标准体系覆盖产前、产中、产后全过程，标准实施和宣传培训到位，"
            "示范带动作用明显。验收组一致同意通过考核验收。",
        )
        for designation, title, part in [
            ("Q/HPS 003-2012", "油茶良种苗木繁育规程", SystemPart.PRE_PRODUCTION),
            ("Q/HPS 001-2012", "油茶栽培技术规程", SystemPart.PRODUCTION),
            ("Q/HPS 002-2012", "油茶籽质量验收规范", SystemPart.POST_PRODUCTION),
        ]:
            standard = _standard(
                designation, title, kind=StandardKind.ENTERPRISE, issuing_body=huangpaoshan.name
            )
            PilotStandard.objects.create(pilot=camellia, standard=standard, part=part)
        # The report: 300 farmer-trainings and more than 500 technical manuals in all.
        for kind, date, title, place, participants, materials in [
            (ActivityKind.TRAINING, D(2012, 3, 15), "油茶栽培技术培训", "黄袍山", 120, 200),
            (
                ActivityKind.OUTREACH,
                D(2012, 7, 8),
                "送农业标准下乡：田间地头解答技术难题",
                "塘湖镇",
                80,
                150,
            ),
            (ActivityKind.TRAINING, D(2013, 3, 20), "油茶标准化种植培训", "黄袍山", 100, 150),
        ]:
            Activity.objects.create(
                pilot=camellia,
                kind=kind,
                date=date,
                title=title,
                place=place,
                organizer=bureau,
                participants_count=participants,
                materials_count=materials,
                summary="免费向农户提供标准资料和技术手册。",
                created_by=staff,
            )

    centre_pilot = _pilot(
        staff,
        name="通城县人民政府政务服务中心服务标准化试点",
        category=PilotCategory.ADMINISTRATIVE_SERVICE_PILOT,
        level=PilotLevel.MUNICIPAL,
        lead_organization=centre,
        batch="咸宁市首家行政服务标准化试点",
        targets="建立完善行政服务标准体系，覆盖各个环节和岗位。",
        moves=[
            (PilotStatus.APPROVED, D(2013, 6, 1), "批准实施" + SAMPLE_DATE),
            (PilotStatus.IN_PROGRESS, D(2013, 7, 1), "制定创建工作规划、实施方案" + SAMPLE_DATE),
            (PilotStatus.ACCEPTANCE_REQUESTED, D(2014, 6, 1), "申请评估验收" + SAMPLE_DATE),
        ],
    )
    if centre_pilot is not None:
        # 2014-06-25: an expert group of the Xianning bureau; "a high score" (sample sheets).
        _review(
            staff,
            centre_pilot,
            date=D(2014, 6, 25),
            organizer=demo.organization("city_bureau"),
            methods=["material_review", "on_site"],
            template_name=SERVICE_TEMPLATE,
            totals=["93.50", "92.80", "94.00"],
            opinion="试点单位建立了覆盖各环节和岗位的行政服务标准体系，服务质量明显提升。"
            "专家组同意通过评估验收（评分为示例）。",
        )
        standard = _standard(
            "T/TCZW 001-2014",
            "政务服务中心服务规范",
            kind=StandardKind.ASSOCIATION,
            issuing_body=centre.name,
        )
        PilotStandard.objects.create(
            pilot=centre_pilot, standard=standard, part=SystemPart.PROVISION
        )
        Activity.objects.create(
            pilot=centre_pilot,
            kind=ActivityKind.TRAINING,
            date=D(2013, 9, 12),
            title="服务业标准化培训（省标准化研究院专家授课）",
            place="通城县政务服务中心",
            organizer=demo.organization("institute"),
            participants_count=60,
            materials_count=60,
            created_by=staff,
        )

    _pilot(
        staff,
        name="金刚藤种植国家级农业标准化示范区",
        category=PilotCategory.AGRICULTURAL_ZONE,
        level=PilotLevel.NATIONAL,
        lead_organization=demo.organization("furen"),
        targets="金刚藤中药材标准化种植。牵头单位为示例数据，报道未载明。",
        moves=list(
            zip(
                PATH_TO_PASSED,
                [D(2008, 6, 1), D(2008, 7, 1), D(2010, 9, 1), D(2010, 10, 28)],
                ["批准实施" + SAMPLE_DATE, "", "", "以高分通过考核验收（报道只载明2010年）。"],
                strict=True,
            )
        ),
    )
    _pilot(
        staff,
        name="中国电信通城分公司省级服务业标准化试点",
        category=PilotCategory.SERVICE_INDUSTRY_PILOT,
        level=PilotLevel.PROVINCIAL,
        lead_organization=telecom,
        batch="湖北省服务业标准化试点（2012年）",
        moves=[
            (PilotStatus.APPROVED, D(2012, 5, 1), "2012年成功申报" + SAMPLE_DATE),
            (PilotStatus.IN_PROGRESS, D(2012, 6, 1), ""),
        ],
    )
    _pilot(
        staff,
        name="中国电信通城分公司市级服务标准化示范单位",
        category=PilotCategory.SERVICE_DEMONSTRATION_UNIT,
        level=PilotLevel.MUNICIPAL,
        lead_organization=telecom,
        moves=list(
            zip(
                PATH_TO_PASSED,
                [D(2012, 9, 1), D(2012, 10, 1), D(2013, 10, 1), D(2013, 11, 15)],
                ["批准实施" + SAMPLE_DATE, "", "", "创建为市级服务标准化示范单位" + SAMPLE_DATE],
                strict=True,
            )
        ),
    )
    for key, name in [
        ("hog_coop", "牲猪养殖市级农业标准化示范区"),
        ("tea_coop", "茶叶种植市级农业标准化示范区"),
    ]:
        zone = _pilot(
            staff,
            name=name,
            category=PilotCategory.AGRICULTURAL_ZONE,
            level=PilotLevel.MUNICIPAL,
            lead_organization=_sample_organization(key),
            targets="牵头单位为示例数据，报道未载明。",
            moves=[
                (PilotStatus.APPROVED, D(2013, 3, 1), "批准实施" + SAMPLE_DATE),
                (PilotStatus.IN_PROGRESS, D(2013, 4, 1), ""),
            ],
        )
        if zone is not None and key == "hog_coop":
            # Something for a newcomer logging in as "reviewer" to do.
            _open_review(staff, zone)


# The reviewers of the demo reviews, after portal's "reviewer" in the list of logins.
_after_reviewer = next(i for i, row in enumerate(demo.DEMO_LOGINS) if row[0] == "reviewer") + 1
demo.DEMO_LOGINS[_after_reviewer:_after_reviewer] = [
    (username, "expert reviewer (panel of the demo acceptance reviews)", demo.name_of(employer))
    for username, _name, _title, _specialty, employer in DEMO_REVIEWERS
]
