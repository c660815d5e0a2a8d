"""Standards, pilots (with their participants, timelines, standard systems, activities, photos
and documents) and their acceptance reviews."""

from dataclasses import dataclass

from bench import names
from bench.dataset.base import (
    AGRICULTURAL_TEMPLATE,
    DAY,
    FIRST_YEAR,
    SAMPLE_PDF,
    SERVICE_TEMPLATE,
    D,
    cents,
)
from bench.dataset.panels import PanelPlan
from pilots.enums import (
    ActivityKind,
    DocumentKind,
    PilotCategory,
    PilotLevel,
    PilotStatus,
    ReviewMethod,
    StandardKind,
    StandardStatus,
    system_parts,
)
from pilots.models import (
    AcceptanceReview,
    Activity,
    Photo,
    PilotDocument,
    PilotProject,
    PilotStandard,
    PilotTransition,
    Standard,
)
from scoring.enums import PanelStatus
from scoring.models import Panel

# (code, kind, issuing body, weight)
STANDARD_HEADS = [
    ("GB/T", StandardKind.NATIONAL, "国家标准化管理委员会", 5),
    ("GB", StandardKind.NATIONAL, "国家标准化管理委员会", 1),
    ("NY/T", StandardKind.SECTOR, "农业部", 3),
    ("LY/T", StandardKind.SECTOR, "国家林业局", 1),
    ("SB/T", StandardKind.SECTOR, "商务部", 1),
    ("DB42/T", StandardKind.LOCAL, "湖北省质量技术监督局", 3),
    ("T/HBBZ", StandardKind.ASSOCIATION, "湖北省标准化协会", 1),
    ("Q/TC", StandardKind.ENTERPRISE, "通城县企业", 2),
]
CATEGORIES = [
    (PilotCategory.AGRICULTURAL_ZONE, 45),
    (PilotCategory.SERVICE_INDUSTRY_PILOT, 20),
    (PilotCategory.SERVICE_DEMONSTRATION_UNIT, 15),
    (PilotCategory.ADMINISTRATIVE_SERVICE_PILOT, 10),
    (PilotCategory.OTHER, 10),
]
LEVELS = [
    (PilotLevel.NATIONAL, 10),
    (PilotLevel.PROVINCIAL, 25),
    (PilotLevel.MUNICIPAL, 35),
    (PilotLevel.COUNTY, 30),
]
LEVEL_WORDS = {
    PilotLevel.NATIONAL: "国家级",
    PilotLevel.PROVINCIAL: "省级",
    PilotLevel.MUNICIPAL: "市级",
    PilotLevel.COUNTY: "县级",
}
STATUSES = [
    (PilotStatus.DECLARED, 8),
    (PilotStatus.APPROVED, 8),
    (PilotStatus.IN_PROGRESS, 35),
    (PilotStatus.ACCEPTANCE_REQUESTED, 10),
    (PilotStatus.PASSED, 31),
    (PilotStatus.FAILED, 4),
    (PilotStatus.REVOKED, 4),
]
# Years a pilot needs after its approval to reach each state.
YEARS_TO = {
    PilotStatus.IN_PROGRESS: 1,
    PilotStatus.ACCEPTANCE_REQUESTED: 2,
    PilotStatus.PASSED: 3,
    PilotStatus.FAILED: 3,
    PilotStatus.REVOKED: 5,
}
PASSED_OPINION = "示范区组织机构健全，标准体系完整，标准实施到位。验收组同意通过考核验收。"
FAILED_OPINION = "标准实施记录不完整，示范带动作用不明显。验收组不同意通过，请限期整改。"


@dataclass
class PilotRow:
    id: int
    category: str
    status: str
    moves: list  # [(status, date)]; the first is the declaration


class PilotsMixin:
    def standards(self) -> None:
        table = self.table(
            Standard,
            "id designation title kind issuing_body issue_date implementation_date status "
            "is_sample created modified",
        )
        count = self.scale.standards
        first = self.ids.take(Standard, count)
        numbers: dict[str, int] = {}
        self.standard_ids = list(range(first, first + count))
        self.standard_designations = []
        for index in range(count):
            head, kind, body, _weight = (
                STANDARD_HEADS[index]
                if index < len(STANDARD_HEADS)
                else self.pick([(row, row[3]) for row in STANDARD_HEADS])
            )
            numbers[head] = numbers.get(head, self.random.randint(100, 900))
            numbers[head] += self.random.randint(1, 7)
            year = self.random.randint(1998, self.today.year - 1)
            designation = f"{head} {numbers[head]}-{year}"
            issued = self.date_between(D(year, 1, 1), D(year, 12, 31))
            topic = self.random.choice(names.STANDARD_TOPICS)
            subject = self.random.choice(
                names.SERVICES if "服务" in topic or "岗位" in topic else names.CROPS
            )
            status = self.pick(
                [
                    (StandardStatus.CURRENT, 80),
                    (StandardStatus.SUPERSEDED, 15),
                    (StandardStatus.WITHDRAWN, 5),
                ]
            )
            table.add(
                first + index,
                designation,
                f"{subject}{topic}",
                kind,
                body,
                issued,
                min(issued + DAY * 90, self.today),
                status,
                True,
                self.now,
                self.now,
            )
            self.standard_designations.append(designation)

    def pilot_moves(self, status: str) -> list:
        """The dated moves [(status, date)] that bring a pilot to ``status``, from its
        declaration."""
        if status == PilotStatus.DECLARED:
            return [(PilotStatus.DECLARED, self.date_between(self.today - DAY * 300, self.today))]
        if status == PilotStatus.APPROVED:
            approved = self.date_between(self.today - DAY * 400, self.today - DAY * 10)
        else:
            last_year = self.today.year - YEARS_TO[status]
            approved = self.date_between(D(FIRST_YEAR, 1, 1), D(last_year, 6, 30))
        declared = approved - DAY * self.random.randint(20, 60)
        moves = [(PilotStatus.DECLARED, declared), (PilotStatus.APPROVED, approved)]
        path = [PilotStatus.IN_PROGRESS, PilotStatus.ACCEPTANCE_REQUESTED]
        path.append(PilotStatus.FAILED if status == PilotStatus.FAILED else PilotStatus.PASSED)
        path.append(PilotStatus.REVOKED)
        gaps = [(10, 60), (500, 900), (20, 60), (300, 900)]
        day = approved
        for target, (low, high) in zip(path, gaps, strict=True):
            if moves[-1][0] == status:
                break
            day = self.later(day, low, high)
            moves.append((target, day))
        return moves

    def pilot_name(self, category: str, level: str, place: str, county: str) -> str:
        level_word = LEVEL_WORDS[level]
        if category == PilotCategory.AGRICULTURAL_ZONE:
            crop = self.random.choice(names.CROPS)
            return f"{place}{crop}{names.FARMING[crop]}{level_word}农业标准化示范区"
        service = self.random.choice(names.SERVICES)
        trade = self.random.choice(names.TRADE_NAMES)
        if category == PilotCategory.SERVICE_INDUSTRY_PILOT:
            return f"{place}{trade}{service}{level_word}服务业标准化试点"
        if category == PilotCategory.SERVICE_DEMONSTRATION_UNIT:
            return f"{place}{trade}{service}{level_word}服务标准化示范单位"
        if category == PilotCategory.ADMINISTRATIVE_SERVICE_PILOT:
            return f"{county}人民政府政务服务中心{level_word}行政服务标准化试点"
        return f"{place}{trade}{level_word}标准化试点"

    def pilots(self) -> None:
        scale = self.scale
        region_of = {region.pk: region for region in self.counties}
        count = scale.pilots
        first = self.ids.take(PilotProject, count)
        self.pilot_rows: list[PilotRow] = []
        # The heavy pilot (the last one) is a national zone that passed, with everything.
        self.heavy_pilot = first + count - 1
        leads = {first + index: self.enterprise_organization for index in range(2)}
        for index in range(scale.heavy_organization_pilots):
            leads[first + 2 + index] = self.heavy_organization
        leads[self.heavy_pilot] = self.heavy_organization
        for index in range(count):
            pk = first + index
            heavy = pk == self.heavy_pilot
            if heavy:
                category, level, status = (
                    PilotCategory.AGRICULTURAL_ZONE,
                    PilotLevel.NATIONAL,
                    PilotStatus.PASSED,
                )
            else:
                category, level = self.pick(CATEGORIES), self.pick(LEVELS)
                status = STATUSES[index][0] if index < len(STATUSES) else self.pick(STATUSES)
            lead = leads.get(pk) or self.random.choice(
                self.applicants if self.random.random() < 0.85 else self.governments
            )
            region = region_of[self.organization_region[lead]]
            moves = self.pilot_moves(status)
            row = PilotRow(pk, category, moves[-1][0], moves)
            self.pilot_rows.append(row)
            name = self.pilot_name(category, level, self.place(region), region.name)
            self.write_pilot(row, name, level, lead, region)
            self.write_system(row, heavy)
            self.write_participants(row, lead, heavy)
            if row.status not in (PilotStatus.DECLARED, PilotStatus.APPROVED):
                self.write_activities(row, lead, heavy)
                if heavy or self.random.random() < 0.2:
                    self.write_documents(row, name, heavy)

    def write_pilot(self, row: PilotRow, name: str, level: str, lead: int, region) -> None:
        approval = row.moves[1][1] if len(row.moves) > 1 else None
        agricultural = row.category == PilotCategory.AGRICULTURAL_ZONE
        created = self.moment(row.moves[0][1])
        self.table(
            PilotProject,
            "id name category level batch approval_document lead_organization region approval_date "
            "planned_completion targets target_area_mu target_households target_output status "
            "created modified",
        ).add(
            row.id,
            name,
            row.category,
            level,
            f"第{self.random.randint(1, 9)}批{LEVEL_WORDS[level]}标准化试点" if approval else "",
            f"鄂质监标函〔{approval.year}〕{self.random.randint(1, 200)}号" if approval else "",
            lead,
            region.pk,
            approval,
            approval + DAY * (3 * 365) if approval else None,
            "建立覆盖全过程的标准体系，标准实施率达到90%以上，示范带动周边农户。"
            if agricultural
            else "建立完善服务标准体系，覆盖各个环节和岗位，顾客满意度达到90%以上。",
            cents(self.random.randint(50_000, 2_000_000)) if agricultural else None,
            self.random.randint(50, 3000) if agricultural else None,
            cents(self.random.randint(100_000, 50_000_000)),
            row.status,
            created,
            created,
        )
        transitions = self.table(
            PilotTransition,
            "id pilot from_status to_status actor occurred_on recorded note_code",
        )
        previous = ""
        for target, day in row.moves:
            transitions.add(
                self.ids.take(PilotTransition),
                row.id,
                previous,
                target,
                self.staff_id(),
                day,
                self.moment(day),
                "" if previous else "entered",
            )
            previous = target

    def write_system(self, row: PilotRow, heavy: bool) -> None:
        entries = self.table(PilotStandard, "id pilot standard part")
        parts = system_parts(row.category)
        usual = self.scale.standards_per_pilot
        wanted = self.scale.heavy_standards if heavy else self.random.randint(usual - 2, usual + 2)
        for standard in self.random.sample(self.standard_ids, min(wanted, len(self.standard_ids))):
            entries.add(self.ids.take(PilotStandard), row.id, standard, self.random.choice(parts))

    def write_participants(self, row: PilotRow, lead: int, heavy: bool) -> None:
        participants = self.table(PilotProject.participants.through, "pilotproject organization")
        wanted = self.scale.heavy_participants if heavy else self.random.randint(0, 3)
        for organization in self.random.sample(self.applicants, wanted):
            if organization != lead:
                participants.add(row.id, organization)

    def write_activities(self, row: PilotRow, lead: int, heavy: bool) -> None:
        activities = self.table(
            Activity,
            "id kind date place pilot organizer title participants_count materials_count summary "
            "created_by created modified",
        )
        photos = self.table(
            Photo,
            "id activity image thumbnail width height caption original_name uploaded_by uploaded",
        )
        started = row.moves[2][1]
        ended = self.today if row.status == PilotStatus.IN_PROGRESS else row.moves[-1][1]
        usual = self.scale.activities_per_pilot
        number = self.scale.heavy_activities if heavy else self.random.randint(1, 2 * usual)
        for _ in range(number):
            activity = self.ids.take(Activity)
            kind, title = self.random.choice(names.ACTIVITY_TITLES)
            day = self.date_between(started, ended)
            activities.add(
                activity,
                kind,
                day,
                self.random.choice(names.TOWNS),
                row.id,
                self.random.choice([lead, *self.governments[:3]]),
                title.format(crop=self.random.choice(names.CROPS)),
                30 if kind == ActivityKind.MEETING else self.random.randint(20, 300),
                self.random.randint(0, 500),
                "向农户和企业发放标准文本和技术手册，现场讲解标准要求。",
                self.staff_id(),
                self.moment(day),
                self.moment(day),
            )
            if heavy or self.random.random() < 0.08:
                for number in range(self.random.randint(1, 3)):
                    photos.add(
                        self.ids.take(Photo),
                        activity,
                        "bench/photo.jpg",
                        "bench/photo-thumbnail.jpg",
                        1600,
                        1200,
                        f"活动现场{number + 1}",
                        f"IMG_{activity:06d}_{number}.jpg",
                        self.staff_id(),
                        self.moment(day),
                    )

    def write_documents(self, row: PilotRow, name: str, heavy: bool) -> None:
        documents = self.table(
            PilotDocument,
            "id pilot kind title file original_name size uploaded_by uploaded",
        )
        kinds = [DocumentKind.PLAN, DocumentKind.SCHEME, DocumentKind.REPORT]
        chosen = kinds * 3 if heavy else kinds[: self.random.randint(1, 2)]
        for number, kind in enumerate(chosen, start=1):
            documents.add(
                self.ids.take(PilotDocument),
                row.id,
                kind,
                f"{name}{DocumentKind(kind).label}（{number}）",
                "bench/sample.pdf",
                f"文件{number}.pdf",
                len(SAMPLE_PDF),
                self.staff_id(),
                self.moment(row.moves[2][1]),
            )

    def reviews(self) -> None:
        """Acceptance reviews: the most recent judgements (passed or failed) were made by the
        portal's reviews, older ones on paper; and the pilots waiting for theirs."""
        scale = self.scale
        self.reviewer_panel_count = 0
        self.reviewer_share = min(1.0, scale.reviewer_panels / max(1, scale.reviews) / 2)
        judged = [
            row
            for row in self.pilot_rows
            if len(row.moves) > 4 and row.moves[4][0] in (PilotStatus.PASSED, PilotStatus.FAILED)
            if row.id != self.heavy_pilot
        ]
        judged.sort(key=lambda row: row.moves[4][1], reverse=True)
        waiting = [row for row in self.pilot_rows if row.status == PilotStatus.ACCEPTANCE_REQUESTED]
        heavy = next(row for row in self.pilot_rows if row.id == self.heavy_pilot)
        chosen = [heavy, *judged[: int(scale.reviews * 0.8) - 1]]
        chosen += self.random.sample(waiting, min(len(waiting), scale.reviews - len(chosen)))
        methods = [method for method, _label in ReviewMethod.choices]
        for row in chosen:
            self.review(row, methods)

    def review(self, row: PilotRow, methods: list[str]) -> None:
        template = (
            AGRICULTURAL_TEMPLATE
            if row.category == PilotCategory.AGRICULTURAL_ZONE
            else SERVICE_TEMPLATE
        )
        requested = row.moves[3][1]
        concluded = row.status != PilotStatus.ACCEPTANCE_REQUESTED
        if concluded:
            held = row.moves[4][1]
            status = PanelStatus.CONCLUDED
        else:
            held = self.later(requested, 10, 40)
            status = self.pick([(PanelStatus.SCORING, 3), (PanelStatus.SCHEDULED, 1)])
        heavy = row.id == self.heavy_pilot
        size = self.scale.heavy_panel_members if heavy else 3
        scoring = status == PanelStatus.SCORING
        plan = PanelPlan(
            id=self.ids.take(Panel),
            template=self.templates[template],
            leaves=self.leaves[template],
            reviewers=self.panel_reviewers(size, heavy or self.reviewer_takes_part()),
            status=status,
            created=max(requested, held - DAY * 14),
            passing=row.status != PilotStatus.FAILED,
            drafts=frozenset({0, 1}) if scoring else frozenset(),
            pending=frozenset({size - 1} if scoring and self.random.random() < 0.3 else ()),
        )
        opinion = FAILED_OPINION if row.status == PilotStatus.FAILED else PASSED_OPINION
        self.write_panel(plan, held if concluded else None, opinion)
        self.table(
            AcceptanceReview,
            "id pilot panel scheduled_for organizer methods created modified",
        ).add(
            self.ids.take(AcceptanceReview),
            row.id,
            plan.id,
            held,
            self.random.choice(self.governments),
            self.random.sample(methods, self.random.randint(2, 5)),
            self.moment(plan.created),
            self.moment(held),
        )
