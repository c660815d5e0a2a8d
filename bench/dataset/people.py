"""Organizations, over the county-level divisions of the Region table, and the people: staff,
enterprise members, expert reviewers and the admin site's superuser."""

from bench import names
from bench.dataset.base import ADMIN_USERNAME, FIRST_YEAR, D
from portal.enums import Industry, OrganizationKind, Role
from portal.models import Membership, Organization, Region, ReviewerProfile, User
from portal.validators import make_uscc

KINDS = [
    (OrganizationKind.ENTERPRISE, 70),
    (OrganizationKind.COOPERATIVE, 15),
    (OrganizationKind.BRANCH, 5),
    (OrganizationKind.PUBLIC_INSTITUTION, 5),
    (OrganizationKind.GOVERNMENT_BODY, 3),
    (OrganizationKind.OTHER, 2),
]
# Registering department and kind of entity (GB 32100-2015, positions 1 and 2).
USCC_PREFIXES = {
    OrganizationKind.ENTERPRISE: "91",
    OrganizationKind.COOPERATIVE: "93",
    OrganizationKind.PUBLIC_INSTITUTION: "12",
    OrganizationKind.GOVERNMENT_BODY: "11",
    OrganizationKind.BRANCH: "91",
    OrganizationKind.OTHER: "51",
}
POSITIONS = ["质量经理", "总经理", "办公室主任", "品牌专员", "技术负责人"]
REVIEWER_TITLES = ["高级工程师", "研究员", "教授", "高级农艺师", "正高级工程师", "副研究员"]
SPECIALTIES = ["农业标准化", "服务标准化", "质量管理", "卓越绩效", "农产品质量安全"]


class PeopleMixin:
    def organization_name(self, kind: str, region: Region, seen: set) -> tuple[str, str]:
        """A name not in ``seen`` for an organization of ``kind`` in ``region``, and its
        industry."""
        place = self.place(region)
        for attempt in range(50):
            trade = self.random.choice(names.TRADE_NAMES)
            if kind == OrganizationKind.ENTERPRISE:
                industry, words = self.random.choice(names.ENTERPRISE_TRADES)
                prefix = "湖北" if self.random.random() < 0.25 else place
                name = f"{prefix}{trade}{self.random.choice(words)}"
                name += self.random.choice(names.ENTERPRISE_SUFFIXES)
            elif kind == OrganizationKind.COOPERATIVE:
                industry = Industry.A
                crop = self.random.choice(names.COOPERATIVE_TRADES)
                name = f"{region.name}{trade}{crop}专业合作社"
            elif kind == OrganizationKind.PUBLIC_INSTITUTION:
                industry, body = self.random.choice(names.PUBLIC_INSTITUTIONS)
                name = f"{region.name}{trade if attempt else ''}{body}"
            elif kind == OrganizationKind.GOVERNMENT_BODY:
                industry = Industry.S
                body = self.random.choice(names.GOVERNMENT_BODIES)
                name = f"{region.name}{body}" if not attempt else f"{place}{trade}镇人民政府"
            elif kind == OrganizationKind.BRANCH:
                industry = self.random.choice([Industry.I, Industry.J, Industry.G, Industry.D])
                group = self.random.choice(names.GROUP_COMPANIES)
                suffix = self.random.choice(names.BRANCH_SUFFIXES)
                name = f"{group}{place}{trade if attempt else ''}{suffix}"
            else:
                industry = Industry.S
                name = f"{region.name}{trade}{self.random.choice(names.OTHER_BODIES)}"
            if name not in seen:
                seen.add(name)
                return name, industry
        name = f"{name}（{len(seen)}）"
        seen.add(name)
        return name, industry

    def organizations(self) -> None:
        count = self.scale.organizations
        table = self.table(
            Organization,
            "id name uscc uscc_is_sample kind region address legal_representative contact_person "
            "contact_phone industry created modified",
        )
        first = self.ids.take(Organization, count)
        seen: set = set()
        self.organization_region: dict[int, int] = {}
        self.organization_names: dict[int, str] = {}
        self.applicants: list[int] = []
        self.institutions: list[int] = []
        self.governments: list[int] = []
        for index in range(count):
            pk = first + index
            # The first organizations are of each kind once, so that a tiny data set has all.
            kind = KINDS[index][0] if index < len(KINDS) else self.pick(KINDS)
            region = self.counties[index % len(self.counties)]
            name, industry = self.organization_name(kind, region, seen)
            created = self.moment(self.date_between(D(FIRST_YEAR, 1, 1), self.today))
            table.add(
                pk,
                name,
                make_uscc(USCC_PREFIXES[kind], region.code, f"B{pk:07d}"),
                True,
                kind,
                region.pk,
                f"湖北省{region.name}{self.random.choice(names.TOWNS)}"
                f"{self.random.randint(1, 300)}号",
                self.person(),
                self.person(),
                self.phone(),
                industry,
                created,
                created,
            )
            self.organization_region[pk] = region.pk
            self.organization_names[pk] = name
            if kind in (OrganizationKind.ENTERPRISE, OrganizationKind.COOPERATIVE):
                self.applicants.append(pk)
            elif kind == OrganizationKind.PUBLIC_INSTITUTION:
                self.institutions.append(pk)
            elif kind == OrganizationKind.GOVERNMENT_BODY:
                self.governments.append(pk)
        # The enterprise of the demo login, and the busiest organization of all.
        self.enterprise_organization = self.applicants[len(self.applicants) // 3]
        self.heavy_organization = self.applicants[0]
        self.applicant_pool = [
            pk
            for pk in self.applicants
            if pk not in (self.enterprise_organization, self.heavy_organization)
        ]

    def user(self, username: str, role: str | None, *, active=True, superuser=False) -> int:
        pk = self.ids.take(User)
        joined = self.moment(self.date_between(D(2012, 1, 1), self.today))
        self.table(
            User,
            "id password is_superuser username email is_staff is_active date_joined full_name "
            "phone",
        ).add(
            pk,
            self.password,
            superuser,
            username,
            f"{username}@example.com",
            superuser,
            active,
            joined,
            self.person(),
            self.phone(),
        )
        if role:
            self.table(User.groups.through, "user group").add(pk, self.groups[role])
        return pk

    def member(self, username: str, organization: int) -> int:
        pk = self.user(username, Role.ENTERPRISE_MEMBER)
        self.table(Membership, "id user organization position created").add(
            self.ids.take(Membership),
            pk,
            organization,
            self.random.choice(POSITIONS),
            self.now,
        )
        self.members_of.setdefault(organization, []).append(pk)
        return pk

    def users(self) -> None:
        scale = self.scale
        self.staff_ids = [self.user("staff", Role.BUREAU_STAFF)]
        self.staff_ids += [
            self.user(f"staff{number:02d}", Role.BUREAU_STAFF)
            for number in range(2, scale.staff + 1)
        ]
        self.admin_id = self.user(ADMIN_USERNAME, None, superuser=True)

        self.members_of: dict[int, list[int]] = {}
        self.enterprise_id = self.member("enterprise", self.enterprise_organization)
        for number in range(1, scale.heavy_organization_members + 1):
            self.member(f"heavy{number:03d}", self.heavy_organization)
        organizations = self.random.sample(
            self.applicant_pool, min(scale.enterprise_members, len(self.applicant_pool))
        )
        for number, organization in enumerate(organizations, start=1):
            self.member(f"member{number:05d}", organization)

        profiles = self.table(ReviewerProfile, "id user title specialty employer")
        employers = self.institutions + self.governments
        self.reviewer_ids = []
        for number in range(scale.reviewers):
            pk = self.user("reviewer" if number == 0 else f"expert{number:04d}", Role.REVIEWER)
            profiles.add(
                self.ids.take(ReviewerProfile),
                pk,
                self.random.choice(REVIEWER_TITLES),
                "、".join(self.random.sample(SPECIALTIES, 2)),
                self.random.choice(employers),
            )
            self.reviewer_ids.append(pk)
        self.reviewer_id = self.reviewer_ids[0]
