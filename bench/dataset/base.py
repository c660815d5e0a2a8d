"""What every part of the data set shares: its sizes (``Scale``), the random source, dates, ids
and the tables being written."""

import datetime
import random
import time
from dataclasses import dataclass, fields
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from bench import names
from bench.bulk import Ids, Table, reset_sequences
from brands.demo.applications import SAMPLE_PDF as DEMO_SAMPLE_PDF
from portal.demo import DEMO_PASSWORD
from portal.enums import Role
from portal.models import Region
from scoring.models import ScoringTemplate
from scoring.selectors import template_leaves

D = datetime.date
DAY = datetime.timedelta(days=1)
FIRST_YEAR = 2005
ADMIN_USERNAME = "benchadmin"
AGRICULTURAL_TEMPLATE = "农业标准化示范区考核验收评分表（示例）"
SERVICE_TEMPLATE = "服务标准化试点考核验收评分表（示例）"
AWARD_TEMPLATE = "卓越绩效评价准则（GB/T 19580-2012）"

# The shared file every file row points to: the demo's sample PDF.
SAMPLE_PDF = DEMO_SAMPLE_PDF
SAMPLE_FILES = {
    "bench/sample.pdf": SAMPLE_PDF,
    "bench/photo.jpg": b"\xff\xd8\xff\xe0 sample photo \xff\xd9",
    "bench/photo-thumbnail.jpg": b"\xff\xd8\xff\xe0 sample thumbnail \xff\xd9",
}


@dataclass(frozen=True)
class Scale:
    """How many rows of each kind (the defaults are the province-scale data set)."""

    organizations: int = 20_000
    enterprise_members: int = 3_000
    reviewers: int = 200
    staff: int = 20
    standards: int = 8_000
    pilots: int = 10_000
    standards_per_pilot: int = 5
    activities_per_pilot: int = 3
    reviews: int = 2_000
    rounds: int = 16
    applications: int = 100_000
    # A scored award takes a few dozen applications a round; a title or recommendation many.
    scored_applications_per_round: int = 62
    brands: int = 5_000
    registrations: int = 300
    notifications_per_demo_user: int = 60
    reviewer_panels: int = 120
    enterprise_applications: int = 10
    heavy_activities: int = 300
    heavy_standards: int = 80
    heavy_participants: int = 25
    heavy_panel_members: int = 9
    heavy_organization_pilots: int = 30
    heavy_organization_brands: int = 40
    heavy_organization_members: int = 30
    heavy_application_returns: int = 5
    heavy_application_extra_materials: int = 12

    @classmethod
    def tiny(cls) -> "Scale":
        """A few rows of each kind, every page still with something to show."""
        return cls(
            organizations=60,
            enterprise_members=12,
            reviewers=10,
            staff=2,
            standards=40,
            pilots=30,
            reviews=8,
            rounds=2,
            applications=90,
            scored_applications_per_round=5,
            brands=15,
            registrations=4,
            notifications_per_demo_user=3,
            reviewer_panels=4,
            enterprise_applications=3,
            heavy_activities=8,
            heavy_standards=6,
            heavy_participants=3,
            heavy_panel_members=4,
            heavy_organization_pilots=3,
            heavy_organization_brands=3,
            heavy_organization_members=3,
            heavy_application_returns=2,
            heavy_application_extra_materials=2,
        )

    def as_dict(self) -> dict:
        return {field.name: getattr(self, field.name) for field in fields(self)}


def cents(value: int) -> Decimal:
    """``value`` hundredths as a Decimal with two places."""
    return Decimal(value).scaleb(-2)


class Generator:
    """The state the parts of the data set share; ``steps`` name the methods that write it,
    in order."""

    steps: list[str] = []

    def __init__(self, scale: Scale, seed: int, stdout=None):
        self.scale = scale
        self.random = random.Random(seed)
        self.stdout = stdout
        self.ids = Ids()
        self.tables: dict = {}
        self.today = timezone.localdate()
        self.now = timezone.now()
        # The portal's offset from UTC (Asia/Shanghai keeps +08:00 all year).
        offset = timezone.localtime(self.now).strftime("%z")
        self.offset = f"{offset[:3]}:{offset[3:]}"
        self.password = make_password(DEMO_PASSWORD)
        self.counties = list(Region.objects.filter(level="county").order_by("code"))
        self.groups = {group.name: group.pk for group in Group.objects.filter(name__in=Role)}
        self.templates = {
            name: ScoringTemplate.objects.filter(name=name).order_by("-version").first()
            for name in (AGRICULTURAL_TEMPLATE, SERVICE_TEMPLATE, AWARD_TEMPLATE)
        }
        self.leaves = {name: template_leaves(template) for name, template in self.templates.items()}
        self.used_templates: set[int] = set()

    def run(self) -> dict:
        for step in self.steps:
            started = time.monotonic()
            getattr(self, step)()
            self.say(f"  {step}: {time.monotonic() - started:.1f} s")
        for table in self.tables.values():
            table.flush()
        ScoringTemplate.objects.filter(pk__in=self.used_templates).update(is_frozen=True)
        reset_sequences(self.tables)
        return {model._meta.label: table.count for model, table in self.tables.items()}

    def write_files(self) -> None:
        for name, content in SAMPLE_FILES.items():
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(content))

    # --- helpers ---------------------------------------------------------------------------

    def table(self, model, columns: str) -> Table:
        """The rows of ``model`` being written, with ``columns`` (the same at every call)."""
        if model not in self.tables:
            self.tables[model] = Table(model, columns)
        return self.tables[model]

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")
            self.stdout.flush()

    def pick(self, weighted: list[tuple]):
        """One of ``[(value, weight), ...]``."""
        values, weights = zip(*weighted, strict=True)
        return self.random.choices(values, weights)[0]

    def person(self) -> str:
        return self.random.choice(names.SURNAMES) + self.random.choice(names.GIVEN_NAMES)

    def phone(self) -> str:
        if self.random.random() < 0.5:
            return f"0715-{self.random.randint(4000000, 4999999)}"
        return f"1{self.random.choice('3578')}{self.random.randint(0, 999999999):09d}"

    def product(self) -> str:
        return f"“{self.random.choice(names.TRADE_NAMES)}”牌{self.random.choice(names.PRODUCTS)}"

    def date_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        """A day from ``start`` to ``end``, never after today."""
        end = min(end, self.today)
        if end <= start:
            return min(start, self.today)
        return start + DAY * self.random.randint(0, (end - start).days)

    def later(self, day: datetime.date, low: int, high: int) -> datetime.date:
        """``low`` to ``high`` days after ``day``, never after today."""
        return min(day + DAY * self.random.randint(low, high), self.today)

    def moment(self, day: datetime.date) -> str:
        """A time during office hours on ``day``, in the portal's time zone, as COPY reads it."""
        minutes = int(self.random.random() * 540)
        return f"{day.isoformat()} {9 + minutes // 60:02d}:{minutes % 60:02d}:00{self.offset}"

    def staff_id(self) -> int:
        return self.random.choice(self.staff_ids)

    def place(self, region: Region) -> str:
        return names.PLACES.get(region.code, region.name)
