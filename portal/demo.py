"""Demo data of the source report: the organizations of Tongcheng County and four demo users.

The report gives no credit codes, so each organization gets a well-formed *sample* code (valid
check characters; the registering authority's area code, 421222 for Tongcheng) and is marked
``uscc_is_sample``. Other apps register their own seeders with ``register``; ``seed_demo`` runs
portal's first, then theirs.
"""

from collections.abc import Callable
from typing import NamedTuple

from portal.enums import Industry, OrganizationKind, Role
from portal.models import Membership, Organization, Region, Registration, ReviewerProfile, User
from portal.services import add_role
from portal.validators import make_uscc

DEMO_PASSWORD = "Demo-2014"
SEEDERS: list[Callable] = []
# (username, role, organization), in the words of the README's "Demo logins" table; other apps'
# demo modules add their own logins (pilots: the reviewers of its acceptance reviews).
DEMO_LOGINS = [
    ("staff", "bureau staff", "通城县质量技术监督局"),
    ("enterprise", "enterprise member", "湖北瀛通电子有限公司"),
    ("enterprise2", "enterprise member", "湖北百丈潭酒业有限公司"),
    ("reviewer", "expert reviewer", "湖北省标准化研究院"),
    (
        "furen",
        "registration awaiting approval (cannot log in until staff approves it)",
        "湖北福人药业股份有限公司",
    ),
]


class DemoOrganization(NamedTuple):
    key: str
    name: str
    name_en: str
    kind: str
    prefix: str  # registering department and kind of entity (USCC positions 1–2)
    division: str  # GB/T 2260 code of the registering authority (USCC positions 3–8)
    body: str  # sample organization code body (USCC positions 9–16)
    industry: str

    @property
    def uscc(self) -> str:
        return make_uscc(self.prefix, self.division, self.body)


ORGANIZATIONS = [
    DemoOrganization(
        "bureau",
        "通城县质量技术监督局",
        "Tongcheng County Bureau of Quality and Technical Supervision",
        OrganizationKind.GOVERNMENT_BODY,
        "11",
        "421222",
        "01101836",
        Industry.S,
    ),
    DemoOrganization(
        "city_bureau",
        "咸宁市质量技术监督局",
        "Xianning Bureau of Quality and Technical Supervision",
        OrganizationKind.GOVERNMENT_BODY,
        "11",
        "421200",
        "01102450",
        Industry.S,
    ),
    DemoOrganization(
        "province_bureau",
        "湖北省质量技术监督局",
        "Hubei Provincial Bureau of Quality and Technical Supervision",
        OrganizationKind.GOVERNMENT_BODY,
        "11",
        "420000",
        "01104217",
        Industry.S,
    ),
    DemoOrganization(
        "institute",
        "湖北省标准化研究院",
        "Hubei Provincial Institute of Standardization",
        OrganizationKind.PUBLIC_INSTITUTION,
        "12",
        "420100",
        "42000713",
        Industry.M,
    ),
    DemoOrganization(
        "huangpaoshan",
        "黄袍山绿色产品有限公司",
        "Huangpaoshan Green Products Co., Ltd.",
        OrganizationKind.ENTERPRISE,
        "91",
        "421222",
        "MA48B1C3",
        Industry.A,
    ),
    DemoOrganization(
        "telecom",
        "中国电信股份有限公司通城分公司",
        "China Telecom Corporation Limited, Tongcheng Branch",
        OrganizationKind.BRANCH,
        "91",
        "421222",
        "MA48C2D4",
        Industry.I,
    ),
    DemoOrganization(
        "service_centre",
        "通城县人民政府政务服务中心",
        "Administrative Service Centre of the Tongcheng County Government",
        OrganizationKind.GOVERNMENT_BODY,
        "11",
        "421222",
        "01106532",
        Industry.S,
    ),
    DemoOrganization(
        "yingtong",
        "湖北瀛通电子有限公司",
        "Hubei Yingtong Electronics Co., Ltd.",
        OrganizationKind.ENTERPRISE,
        "91",
        "421222",
        "MA48D3E5",
        Industry.C,
    ),
    DemoOrganization(
        "baizhangtan",
        "湖北百丈潭酒业有限公司",
        "Hubei Baizhangtan Liquor Co., Ltd.",
        OrganizationKind.ENTERPRISE,
        "91",
        "421222",
        "MA48E4F6",
        Industry.C,
    ),
    DemoOrganization(
        "heyuli",
        "通城县合玉立农产品专业合作社",
        "Tongcheng Heyuli Agricultural Products Specialized Cooperative",
        OrganizationKind.COOPERATIVE,
        "93",
        "421222",
        "MA48F5G7",
        Industry.A,
    ),
    DemoOrganization(
        "furen",
        "湖北福人药业股份有限公司",
        "Hubei Furen Pharmaceutical Co., Ltd.",
        OrganizationKind.ENTERPRISE,
        "91",
        "421222",
        "MA48G6H8",
        Industry.C,
    ),
]


def register(seeder: Callable) -> Callable:
    """Decorator for an app's ``demo.seed(stdout)``, run after portal's by ``seed_demo``."""
    SEEDERS.append(seeder)
    return seeder


def name_of(key: str) -> str:
    """A demo organization's name by its key in ORGANIZATIONS (no database needed)."""
    return next(row.name for row in ORGANIZATIONS if row.key == key)


def organization(key: str) -> Organization:
    """A demo organization by its key in ORGANIZATIONS, for other apps' seeders."""
    row = next(row for row in ORGANIZATIONS if row.key == key)
    return Organization.objects.get(uscc=row.uscc)


def _user(username: str, *, full_name: str, email: str, role: Role | None, active=True) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"full_name": full_name, "email": email, "is_active": active},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        if role:
            add_role(user, role)
    return user


def seed(stdout=None) -> None:
    for row in ORGANIZATIONS:
        Organization.objects.get_or_create(
            uscc=row.uscc,
            defaults={
                "name": row.name,
                "name_en": row.name_en,
                "uscc_is_sample": True,
                "kind": row.kind,
                "region": Region.objects.get(code=row.division),
                "industry": row.industry,
                "address": "湖北省咸宁市通城县" if row.division == "421222" else "",
            },
        )
    _user("staff", full_name="王静", email="staff@example.com", role=Role.BUREAU_STAFF)
    for username, full_name, key in [
        ("enterprise", "李强", "yingtong"),
        ("enterprise2", "陈芳", "baizhangtan"),
    ]:
        user = _user(
            username,
            full_name=full_name,
            email=f"{username}@example.com",
            role=Role.ENTERPRISE_MEMBER,
        )
        Membership.objects.get_or_create(
            user=user, defaults={"organization": organization(key), "position": "质量经理"}
        )
    reviewer = _user("reviewer", full_name="赵明", email="reviewer@example.com", role=Role.REVIEWER)
    ReviewerProfile.objects.get_or_create(
        user=reviewer,
        defaults={
            "title": "高级工程师",
            "specialty": "农业标准化、服务标准化",
            "employer": organization("institute"),
        },
    )
    # One registration waiting in the staff's queue.
    applicant = _user("furen", full_name="周兰", email="furen@example.com", role=None, active=False)
    furen = organization("furen")
    Registration.objects.get_or_create(
        user=applicant,
        defaults={"organization": furen, "organization_name": furen.name, "position": "品牌专员"},
    )
