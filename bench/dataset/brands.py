"""Named brands (from the portal's own famous-brand awards, and titles entered by staff), their
yearly output and the county's; notifications of the demo logins; registrations."""

from bench.dataset.base import DAY, FIRST_YEAR, D, cents
from brands.models import Brand, BrandOutput, BrandTitle, CountyIndustrialOutput
from portal.enums import RegistrationStatus
from portal.models import Notification, Registration

BRAND_TITLES = [
    ("湖北省著名商标", "Hubei famous trademark", "湖北省工商行政管理局"),
    ("中国驰名商标", "China well-known trademark", "国家工商行政管理总局商标局"),
    ("咸宁市知名商标", "Xianning well-known trademark", "咸宁市工商行政管理局"),
    ("湖北省优质产品", "Hubei quality product", "湖北省质量技术监督局"),
]
NOTIFICATIONS = {
    "application_submitted": ("申报已提交", "An application was submitted"),
    "application_status_changed": ("申报状态已更新", "An application's status changed"),
    "panel_assigned": ("您已被选为评审专家", "You are on an expert panel"),
    "pilot_status_changed": ("试点状态已更新", "A pilot's status changed"),
}


class BrandsMixin:
    def brands(self) -> None:
        scale = self.scale
        titles = [(self.famous_title, 6)]
        existing = set(BrandTitle.objects.values_list("name", flat=True))
        for name, name_en, awarded_by in BRAND_TITLES:
            if name not in existing:
                pk = self.ids.take(BrandTitle)
                self.table(BrandTitle, "id name name_en awarded_by").add(
                    pk, name, name_en, awarded_by
                )
                titles.append((pk, 1))
        # The latest famous-brand awards made final in the portal, then titles entered by staff.
        self.famous_awards.sort(key=lambda award: -award[3])
        rows = self.famous_awards[: scale.brands * 2 // 5]
        holders = [self.enterprise_organization] * 3
        holders += [self.heavy_organization] * scale.heavy_organization_brands
        holders += self.random.choices(
            self.applicants, k=max(0, scale.brands - len(rows) - len(holders))
        )
        rows += [(None, holder, self.product(), None) for holder in holders]
        for number, (application, holder, product, year) in enumerate(rows[: scale.brands]):
            if application:
                valid_from = min(D(year, 12, 1), self.today)
            else:
                year = self.random.randint(FIRST_YEAR, self.today.year)
                valid_from = self.date_between(D(year, 1, 1), D(year, 12, 31))
            self.brand(
                number,
                application,
                holder,
                product,
                self.famous_title if application else self.pick(titles),
                valid_from,
            )
        county = self.table(CountyIndustrialOutput, "id year output source_note")
        recorded = set(CountyIndustrialOutput.objects.values_list("year", flat=True))
        for year in range(FIRST_YEAR, self.today.year + 1):
            if year not in recorded:
                county.add(
                    self.ids.take(CountyIndustrialOutput),
                    year,
                    cents(100_000_000 * (year - FIRST_YEAR + 20)),
                    "县统计公报（示例数据）",
                )

    def brand(self, number, application, holder, product, title, valid_from) -> None:
        """A title valid for three years from ``valid_from``, with most years' output."""
        pk = self.ids.take(Brand)
        valid_until = valid_from + DAY * (3 * 365 - 1)
        created = self.moment(valid_from)
        self.table(
            Brand,
            "id product holder title certificate_number valid_from valid_until source_application "
            "is_sample created modified",
        ).add(
            pk,
            product,
            holder,
            title,
            f"HB-{valid_from.year}-{number + 1:06d}",
            valid_from,
            valid_until,
            application,
            application is None,
            created,
            created,
        )
        outputs = self.table(BrandOutput, "id brand year output")
        for year in range(valid_from.year, min(valid_until.year, self.today.year) + 1):
            if self.random.random() < 0.8:
                outputs.add(
                    self.ids.take(BrandOutput),
                    pk,
                    year,
                    cents(self.random.randint(100_000, 10_000_000)),
                )

    def notifications(self) -> None:
        table = self.table(Notification, "id recipient kind titles path created read")
        for user in (self.staff_ids[0], self.enterprise_id, self.reviewer_id):
            for number in range(self.scale.notifications_per_demo_user):
                kind = self.random.choice(list(NOTIFICATIONS))
                chinese, english = NOTIFICATIONS[kind]
                created = self.moment(self.date_between(self.today - DAY * 200, self.today))
                table.add(
                    self.ids.take(Notification),
                    user,
                    kind,
                    {"zh-hans": chinese, "en": english},
                    "/applications/",
                    created,
                    created if number % 3 else None,
                )

    def registrations(self) -> None:
        """Enterprises' registrations: most approved (their accounts active), some waiting for
        the bureau, a few rejected."""
        table = self.table(
            Registration,
            "id user organization organization_name position status submitted decided_by decided "
            "decision_comment",
        )
        statuses = [
            (RegistrationStatus.PENDING, 2),
            (RegistrationStatus.APPROVED, 6),
            (RegistrationStatus.REJECTED, 1),
        ]
        for number in range(self.scale.registrations):
            status = statuses[number][0] if number < len(statuses) else self.pick(statuses)
            organization = self.random.choice(self.applicant_pool)
            username = f"applicant{number:04d}"
            if status == RegistrationStatus.APPROVED:
                user = self.member(username, organization)
            else:
                user = self.user(username, None, active=False)
            submitted_on = self.date_between(self.today - DAY * 700, self.today)
            decided = status != RegistrationStatus.PENDING
            table.add(
                self.ids.take(Registration),
                user,
                organization,
                self.organization_names[organization],
                "质量负责人",
                status,
                self.moment(submitted_on),
                self.staff_id() if decided else None,
                self.moment(self.later(submitted_on, 1, 5)) if decided else None,
                "信息不完整。" if status == RegistrationStatus.REJECTED else "",
            )
