"""One award application of the data set, walked through the workflow as its state asks:
the form, materials (and the files they replaced), submitted versions, completeness checks,
visits, panel, decision, notice and objections, written as rows for the bulk writer."""

from functools import cached_property

from bench.dataset.base import AWARD_TEMPLATE, DAY, SAMPLE_PDF
from bench.dataset.panels import PanelPlan
from brands.enums import ApplicationStatus, CheckOutcome, VisitKind
from brands.models import (
    APPLICATION_FORM_FIELDS,
    ApplicationMaterial,
    ApplicationTransition,
    ApplicationVersion,
    ApplicationVisit,
    AwardApplication,
    CompletenessCheck,
    CompletenessItem,
    Objection,
)
from scoring.enums import PanelStatus
from scoring.models import Panel

S = ApplicationStatus
SUPPLEMENT = "请补充经审计的近三年财务报表。"
ACCEPTED = "材料齐全，予以受理。"
AWARDED = "符合条件，同意授予。"
NOT_AWARDED = "未达到评定要求。"


class ApplicationWriter:
    """One application, walked through the moves to its state; ``write()`` writes its rows."""

    def __init__(self, data, programme: dict, organization: int, heavy: bool):
        self.data = data
        self.random = data.random
        self.programme = programme
        self.organization = organization
        self.heavy = heavy
        self.scale = data.scale
        self.pk = data.ids.take(AwardApplication)
        if heavy:
            data.heavy_application = self.pk
        self.status = data.application_status(programme, organization, heavy)
        members = data.members_of.get(organization)
        self.applicant = members[0] if members else data.staff_id()
        opens_on = programme["opens_on"]
        self.started = data.date_between(opens_on, min(programme["closes_on"], opens_on + DAY * 20))
        self.day = self.started
        self.record = [("", S.DRAFT, self.day, "created", {}, "", self.applicant)]
        self.files: dict[int, list] = {}  # id -> [required, title, uploaded on, replaced on]
        self.current: dict[int, int] = {}  # required material -> its current file
        self.extras: list[int] = []
        self.versions: list[tuple] = []  # (id, submitted on)
        self.deadline = None
        self.panel = None
        self.awarded = None
        self.decided_on = None
        self.notice = (None, None)
        self.product = data.product()
        self.declared_by = data.person()

    # --- moves ---------------------------------------------------------------------------

    def advance(self, low: int = 2, high: int = 15):
        self.day = self.data.later(self.day, low, high)
        return self.day

    def move(self, source, target, *, note="", params=None, comment="", actor=None, on=None):
        on = on or self.advance()
        self.record.append(
            (source, target, on, note, params or {}, comment, actor or self.data.staff_id())
        )
        return on

    def upload(self, required: int | None, title: str) -> int:
        file = self.data.ids.take(ApplicationMaterial)
        self.files[file] = [required, title, self.day, None]
        if required is None:
            self.extras.append(file)
        else:
            self.current[required] = file
        return file

    def replace(self, required: int, title: str) -> None:
        self.files[self.current[required]][3] = self.day
        self.upload(required, title)

    def submit(self, resubmission: bool = False) -> None:
        on = self.move(
            S.RETURNED if resubmission else S.DRAFT,
            S.SUBMITTED,
            note="resubmitted" if resubmission else "",
            actor=self.applicant,
        )
        version = self.data.ids.take(ApplicationVersion)
        self.versions.append((version, on, [*self.current.values(), *self.extras]))

    def check(self, outcome: str) -> None:
        returned = outcome == CheckOutcome.RETURNED
        on = self.advance()
        self.deadline = on + DAY * 14 if returned else None
        self.move(
            S.SUBMITTED,
            S.RETURNED if returned else S.ACCEPTED,
            note="returned" if returned else "",
            params={"date": self.deadline.isoformat()} if returned else None,
            comment=SUPPLEMENT if returned else ACCEPTED,
            on=on,
        )
        required = self.programme["required"]
        failing = self.random.choice(required)[0] if returned else None
        check = self.data.ids.take(CompletenessCheck)
        self.data.table(
            CompletenessCheck,
            "id application version outcome comment supplement_deadline checked_on checked_by "
            "recorded",
        ).add(
            check,
            self.pk,
            self.versions[-1][0],
            outcome,
            SUPPLEMENT if returned else ACCEPTED,
            self.deadline,
            on,
            self.data.staff_id(),
            self.data.moment(on),
        )
        items = self.data.table(
            CompletenessItem,
            "id check_record required material present authentic accurate compliant comment",
        )
        for material, _title in required:
            passed = material != failing
            items.add(
                self.data.ids.take(CompletenessItem),
                check,
                material,
                self.current.get(material),
                True,
                True,
                passed,
                True,
                "" if passed else "数据与申报表不一致",
            )

    def review(self) -> None:
        """Visits, then the panel; concluded with the decision unless still under review."""
        data = self.data
        kinds = (VisitKind.GUIDANCE, VisitKind.ON_SITE) * (2 if self.heavy else 1)
        visits = data.table(
            ApplicationVisit,
            "id application kind visited_on visitors notes created_by created",
        )
        for kind in kinds:
            visited = self.advance(1, 10)
            visits.add(
                data.ids.take(ApplicationVisit),
                self.pk,
                kind,
                visited,
                "县质监局标准化股" if kind == VisitKind.GUIDANCE else "市质监局及专家组",
                "查看生产现场和质量检测中心，听取企业汇报。",
                data.staff_id(),
                data.moment(visited),
            )
        assigned = self.move(S.ACCEPTED, S.UNDER_REVIEW, note="panel_assigned")
        reviewing = self.status == S.UNDER_REVIEW
        if reviewing:
            status = PanelStatus.SCORING
            if not self.heavy and self.random.random() < 0.2:
                status = PanelStatus.SCHEDULED
            concluded_on = None
        else:
            status = PanelStatus.CONCLUDED
            concluded_on = self.advance(15, 40)
            self.awarded = self.status == S.NOTICE or self.random.random() < 0.6
        size = self.scale.heavy_panel_members if self.heavy else 3
        self.panel = data.ids.take(Panel)
        score, passed = data.write_panel(
            PanelPlan(
                id=self.panel,
                template=data.templates[AWARD_TEMPLATE],
                leaves=data.leaves[AWARD_TEMPLATE],
                reviewers=data.panel_reviewers(size, self.heavy or data.reviewer_takes_part()),
                status=status,
                created=assigned,
                passing=bool(self.awarded) or reviewing,
                drafts=frozenset({0, 2}) if reviewing else frozenset(),
                pending=frozenset({size - 1}) if self.heavy else frozenset(),
            ),
            concluded_on,
            "企业导入卓越绩效模式成效显著，评审组同意推荐。"
            if self.awarded
            else "企业卓越绩效管理尚不成熟，暂不推荐。",
        )
        if concluded_on is not None:
            self.awarded = bool(passed)
            self.move(
                S.UNDER_REVIEW,
                S.UNDER_REVIEW,
                note="panel_concluded",
                params={"score": str(score)},
                on=concluded_on,
            )

    def decide(self, source: str) -> None:
        if self.awarded is None:
            self.awarded = self.status == S.NOTICE or self.random.random() < 0.55
        self.decided_on = self.move(
            source,
            S.DECIDED,
            note="awarded" if self.awarded else "not_awarded",
            comment=AWARDED if self.awarded else NOT_AWARDED,
        )
        if self.awarded and self.status in (S.NOTICE, S.FINAL):
            starts = self.advance(1, 10)
            if self.status == S.NOTICE:  # running today
                starts = max(self.decided_on, self.data.today - DAY * self.random.randint(0, 5))
            self.notice = (starts, starts + DAY * 6)
            self.move(
                S.DECIDED,
                S.NOTICE,
                note="published",
                params={"date": self.notice[1].isoformat()},
                on=starts,
            )
        if self.status == S.FINAL:
            self.advance(7, 20)
            self.move(S.NOTICE if self.awarded else S.DECIDED, S.FINAL, on=self.day)
            if self.awarded and self.programme["confers"]:
                self.data.famous_awards.append(
                    (self.pk, self.organization, self.product, self.programme["year"])
                )

    # --- the walk and the rows --------------------------------------------------------------

    def walk(self) -> None:
        status = self.status
        required = self.programme["required"]
        uploaded = self.random.randint(0, len(required)) if status == S.DRAFT else len(required)
        for material, title in required[:uploaded]:
            self.upload(material, title)
        for number in range(self.scale.heavy_application_extra_materials if self.heavy else 0):
            self.upload(None, f"补充材料{number + 1}")
        if status == S.DRAFT or (status == S.WITHDRAWN and self.random.random() < 0.4):
            return
        self.submit()
        returns = self.scale.heavy_application_returns if self.heavy else 0
        if status == S.RETURNED or returns or self.random.random() < 0.15:
            for _round in range(max(1, returns)):
                self.check(CheckOutcome.RETURNED)
                if status == S.RETURNED:
                    return
                replaced = self.random.sample(required, min(len(required), 3 if self.heavy else 1))
                for material, title in replaced:
                    self.replace(material, title)
                self.submit(resubmission=True)
                self.deadline = None
        if status == S.SUBMITTED or (status == S.WITHDRAWN and self.random.random() < 0.5):
            return
        self.check(CheckOutcome.ACCEPTED)
        if status in (S.ACCEPTED, S.WITHDRAWN):
            return
        if self.programme["scored"]:
            self.review()
            if status == S.UNDER_REVIEW:
                return
            self.decide(S.UNDER_REVIEW)
        else:
            self.decide(S.ACCEPTED)

    def write(self) -> None:
        self.walk()
        data = self.data
        if self.status == S.WITHDRAWN:
            self.move(
                self.record[-1][1], S.WITHDRAWN, comment="企业申请撤回。", actor=self.applicant
            )
        self.write_files()
        self.write_versions()
        self.write_record()
        if self.status == S.NOTICE:
            objections = data.table(Objection, "id application name contact text")
            for number in range(self.random.randint(0, 2) + (5 if self.heavy else 0)):
                objections.add(
                    data.ids.take(Objection),
                    self.pk,
                    data.person() if number % 2 else "",
                    data.phone() if number % 2 else "",
                    "该企业去年产品抽检不合格，请核实。",
                )
        submitted = self.versions[-1][1] if self.versions else None
        decided = self.status in (S.DECIDED, S.NOTICE, S.FINAL)
        data.table(
            AwardApplication,
            "id program organization status product contact_name contact_phone employees profile "
            "quality_management achievements figures declared_by declaration_confirmed "
            "submitted_on supplement_deadline supplement_request panel awarded decision_reason "
            "decided_on notice_starts notice_ends created_by created modified",
        ).add(
            self.pk,
            self.programme["id"],
            self.organization,
            self.status,
            *self.form_values,
            submitted,
            self.deadline if self.status == S.RETURNED else None,
            SUPPLEMENT if self.status == S.RETURNED else "",
            self.panel,
            self.awarded if decided else None,
            (AWARDED if self.awarded else NOT_AWARDED) if decided else "",
            self.decided_on if decided else None,
            *self.notice,
            self.applicant,
            data.moment(self.started),
            data.moment(self.day),
        )

    @cached_property
    def form_values(self) -> list:
        """The form's fields, in ``FORM_FIELDS``' order (``APPLICATION_FORM_FIELDS``)."""
        year = self.programme["year"]
        revenue = self.random.randint(2_000, 200_000)
        figures = {
            str(year - 3 + index): {
                "revenue": str(revenue + index * revenue // 10),
                "profit": str(revenue // 12 + index * 100),
                "tax": str(revenue // 20 + index * 50),
            }
            for index in range(3)
        }
        return [
            self.product,
            self.data.person(),
            self.data.phone(),
            self.random.randint(20, 3000),
            "公司专业从事产品研发、生产和销售，产品销往全国二十多个省市。",
            "建立并运行GB/T 19001质量管理体系，主导或参与制定标准多项。",
            "获市级以上荣誉多项，建有市级企业技术中心。",
            figures,
            self.declared_by if self.versions else "",
            bool(self.versions),
        ]

    def write_files(self) -> None:
        data = self.data
        materials = data.table(
            ApplicationMaterial,
            "id application required title file original_name size kind uploaded_by uploaded "
            "replaced",
        )
        for file, (required, title, uploaded, replaced) in self.files.items():
            materials.add(
                file,
                self.pk,
                required,
                "" if required else title,
                "bench/sample.pdf",
                f"{title}.pdf",
                len(SAMPLE_PDF),
                "pdf",
                self.applicant,
                data.moment(uploaded),
                data.moment(replaced) if replaced else None,
            )

    def write_versions(self) -> None:
        data = self.data
        versions = data.table(
            ApplicationVersion,
            "id application number submitted_on submitted_by data recorded",
        )
        links = data.table(
            ApplicationVersion.materials.through, "applicationversion applicationmaterial"
        )
        form = dict(zip(APPLICATION_FORM_FIELDS, self.form_values, strict=True))
        for number, (version, on, files) in enumerate(self.versions, start=1):
            versions.add(version, self.pk, number, on, self.applicant, form, data.moment(on))
            for file in files:
                links.add(version, file)

    def write_record(self) -> None:
        data = self.data
        transitions = data.table(
            ApplicationTransition,
            "id application from_status to_status actor occurred_on recorded note_code note_params "
            "comment",
        )
        for source, target, on, note, params, comment, actor in self.record:
            transitions.add(
                data.ids.take(ApplicationTransition),
                self.pk,
                source,
                target,
                actor,
                on,
                data.moment(on),
                note,
                params,
                comment,
            )
