"""Award programmes, a round a year for each, and their applications in every state: the form,
materials (and the files they replaced), submitted versions, completeness checks, visits,
panels, decisions, public notices and objections."""

from bench.dataset.applications import ApplicationWriter
from bench.dataset.base import AWARD_TEMPLATE, DAY, D
from brands.enums import ApplicationStatus, ProgramKind, ProgramLevel
from brands.models import (
    AwardProgram,
    BrandTitle,
    RequiredMaterial,
)

S = ApplicationStatus
FAMOUS_BRAND = "湖北名牌产品"
# The materials each kind of programme asks for: (name, description, mandatory).
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
# (name, level, scored, confers the famous-brand title, kind of materials)
PROGRAMMES = [
    ("咸宁市政府质量奖", ProgramLevel.MUNICIPAL, True, False, "award"),
    ("长江质量奖", ProgramLevel.PROVINCIAL, True, False, "award"),
    ("通城县县长质量奖", ProgramLevel.COUNTY, True, False, "award"),
    ("全国质量奖", ProgramLevel.NATIONAL, True, False, "award"),
    (FAMOUS_BRAND, ProgramLevel.PROVINCIAL, False, True, "brand"),
    ("全国中小学质量教育社会实践基地", ProgramLevel.NATIONAL, False, False, "base"),
    ("湖北省标准化良好行为企业", ProgramLevel.PROVINCIAL, False, False, "brand"),
    ("全国质量信得过班组", ProgramLevel.NATIONAL, False, False, "base"),
    ("咸宁市知名商标", ProgramLevel.MUNICIPAL, False, False, "brand"),
    ("湖北省守合同重信用企业", ProgramLevel.PROVINCIAL, False, False, "brand"),
]


class AwardsMixin:
    def programmes(self) -> None:
        programmes = self.table(
            AwardProgram,
            "id name level kind scoring_template confers_title round opens_on closes_on "
            "eligibility created modified",
        )
        materials = self.table(
            RequiredMaterial,
            "id program name description mandatory position created modified",
        )
        self.famous_title = BrandTitle.objects.get(name=FAMOUS_BRAND).pk
        template = self.templates[AWARD_TEMPLATE]
        self.programme_rows = []
        for name, level, scored, confers, kind in PROGRAMMES:
            for age in range(self.scale.rounds - 1, -1, -1):
                year = self.today.year - age
                pk = self.ids.take(AwardProgram)
                if age == 0:  # the current round, open today
                    opens_on, closes_on = self.today - DAY * 30, self.today + DAY * 60
                else:
                    opens_on, closes_on = D(year, 3, 1), D(year, 5, 31)
                created = self.moment(opens_on - DAY * 30)
                programmes.add(
                    pk,
                    name,
                    level,
                    ProgramKind.SCORED if scored else ProgramKind.RECOMMENDATION,
                    template.pk if scored else None,
                    self.famous_title if confers else None,
                    str(year),
                    opens_on,
                    closes_on,
                    "在湖北省注册、近三年无重大质量安全事故、经营状况良好的企业。",
                    created,
                    created,
                )
                required = []
                for position, (title, description, mandatory) in enumerate(MATERIALS[kind]):
                    material = self.ids.take(RequiredMaterial)
                    materials.add(
                        material, pk, title, description, mandatory, position, created, created
                    )
                    required.append((material, title))
                self.programme_rows.append(
                    {
                        "id": pk,
                        "scored": scored,
                        "confers": confers,
                        "age": age,
                        "year": year,
                        "opens_on": opens_on,
                        "closes_on": closes_on,
                        "required": required,
                    }
                )
                if scored:
                    self.used_templates.add(template.pk)

    def applications(self) -> None:
        scale = self.scale
        rows = self.programme_rows
        scored = [row for row in rows if row["scored"]]
        others = len(rows) - len(scored)
        per_other = (scale.applications - scale.scored_applications_per_round * len(scored)) // (
            others or 1
        )
        # The enterprise applies to the latest programmes, the heavy organization to all.
        latest = sorted(rows, key=lambda row: (row["age"], row["id"]))
        own = {
            row["id"]: [self.enterprise_organization]
            for row in latest[: scale.enterprise_applications]
        }
        for row in rows:
            own.setdefault(row["id"], []).append(self.heavy_organization)
        self.heavy_application = None
        self.famous_awards: list[tuple] = []
        for row in rows:
            wanted = scale.scored_applications_per_round if row["scored"] else per_other
            applicants = own[row["id"]]
            applicants = applicants + self.random.sample(
                self.applicant_pool, min(len(self.applicant_pool), max(0, wanted - len(applicants)))
            )
            for organization in applicants:
                heavy = (
                    organization == self.heavy_organization
                    and row["scored"]
                    and row["age"] == 0
                    and self.heavy_application is None
                )
                ApplicationWriter(self, row, organization, heavy).write()

    def application_status(self, programme: dict, organization: int, heavy: bool) -> str:
        scored, age = programme["scored"], programme["age"]
        if heavy:
            return S.UNDER_REVIEW
        if organization == self.enterprise_organization and age == 0:
            return S.UNDER_REVIEW if scored else S.NOTICE
        if age == 0:  # the round open now
            weights = [
                (S.DRAFT, 30),
                (S.SUBMITTED, 20),
                (S.RETURNED, 10),
                (S.ACCEPTED, 10 if scored else 15),
                (S.UNDER_REVIEW, 15 if scored else 0),
                (S.DECIDED, 5 if scored else 10),
                (S.NOTICE, 3 if scored else 5),
                (S.WITHDRAWN, 5),
            ]
        elif age == 1:
            weights = [
                (S.UNDER_REVIEW, 5 if scored else 0),
                (S.DECIDED, 5),
                (S.NOTICE, 3),
                (S.FINAL, 75),
                (S.WITHDRAWN, 10),
                (S.DRAFT, 2),
            ]
        else:
            weights = [(S.FINAL, 85), (S.WITHDRAWN, 12), (S.DRAFT, 3)]
        return self.pick([(status, weight) for status, weight in weights if weight])
