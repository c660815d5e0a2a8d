"""Expert panels, for acceptance reviews and award applications alike: members and their
declarations, score sheets with their item scores, the panel's record and its conclusion."""

import datetime
from dataclasses import dataclass

from bench.dataset.base import DAY, cents
from scoring.aggregation import aggregate
from scoring.enums import Declaration, PanelStatus, SheetStatus
from scoring.models import ItemScore, Panel, PanelEvent, PanelMember, ScoreSheet, ScoringTemplate


@dataclass
class PanelPlan:
    """A panel to write: its template and leaves, its reviewers (the first chairs it), and how
    far it has come."""

    id: int
    template: ScoringTemplate
    leaves: list
    reviewers: list[int]
    status: str  # scheduled, scoring or concluded
    created: datetime.date
    passing: bool = True
    drafts: frozenset = frozenset()  # members (by index) whose sheet is a draft while scoring
    pending: frozenset = frozenset()  # members who have not declared yet


class PanelsMixin:
    def panel_reviewers(self, size: int, with_demo_reviewer: bool) -> list[int]:
        """``size`` different reviewers; the demo reviewer first (the chair) when asked."""
        if with_demo_reviewer:
            return [self.reviewer_id, *self.random.sample(self.reviewer_ids[1:], size - 1)]
        return self.random.sample(self.reviewer_ids[1:], size)

    def reviewer_takes_part(self) -> bool:
        """Whether the demo reviewer sits on the next panel (``Scale.reviewer_panels`` in all,
        over acceptance reviews and applications)."""
        if self.reviewer_panel_count >= self.scale.reviewer_panels:
            return False
        if self.random.random() < self.reviewer_share:
            self.reviewer_panel_count += 1
            return True
        return False

    def write_panel(
        self, plan: PanelPlan, concluded_on: datetime.date | None, opinion: str
    ) -> tuple:
        """Write the panel; concluded (on ``concluded_on``, with ``aggregate``'s score) when
        ``plan.status`` says so. Returns its (score, passed)."""
        members = self.table(PanelMember, "id panel reviewer is_chair declaration declared")
        sheets = self.table(
            ScoreSheet,
            "id panel_member status total submitted created modified",
        )
        self.used_templates.add(plan.template.pk)
        declared_on = plan.created + DAY
        scoring_on = self.later(plan.created, 3, 20)
        self.panel_event(plan.id, "", PanelStatus.SCHEDULED, plan.created)
        if plan.status != PanelStatus.SCHEDULED:
            self.panel_event(plan.id, PanelStatus.SCHEDULED, PanelStatus.SCORING, scoring_on)
        totals = []
        for index, reviewer in enumerate(plan.reviewers):
            member = self.ids.take(PanelMember)
            declared = index not in plan.pending
            members.add(
                member,
                plan.id,
                reviewer,
                index == 0,
                Declaration.NO_CONFLICT if declared else Declaration.PENDING,
                self.moment(declared_on) if declared else None,
            )
            if not declared:
                continue
            name = {"name": f"专家{reviewer}"}
            self.panel_event(plan.id, "scheduled", "scheduled", declared_on, "no_conflict", name)
            if plan.status == PanelStatus.SCHEDULED:
                continue
            sheet = self.ids.take(ScoreSheet)
            draft = plan.status == PanelStatus.SCORING and index in plan.drafts
            total = self.write_items(sheet, plan, draft)
            submitted = None if draft else self.moment(scoring_on)
            sheets.add(
                sheet,
                member,
                SheetStatus.DRAFT if draft else SheetStatus.SUBMITTED,
                None if draft else cents(total),
                submitted,
                self.moment(scoring_on),
                submitted or self.moment(scoring_on),
            )
            if not draft:
                totals.append(cents(total))
                self.panel_event(plan.id, "scoring", "scoring", scoring_on, "submitted", name)
        score = passed = None
        if plan.status == PanelStatus.CONCLUDED:
            template = plan.template
            result = aggregate(
                totals,
                rule=template.aggregation,
                pass_mark=template.pass_mark,
                template_total=template.total_points,
            )
            score, passed = result.score, result.passed
            self.panel_event(plan.id, PanelStatus.SCORING, PanelStatus.CONCLUDED, concluded_on)
        self.table(
            Panel,
            "id template status score passed opinion concluded_on created modified",
        ).add(
            plan.id,
            plan.template.pk,
            plan.status,
            score,
            passed,
            opinion if score is not None else "",
            concluded_on if score is not None else None,
            self.moment(plan.created),
            self.moment(concluded_on or scoring_on),
        )
        return score, passed

    def write_items(self, sheet: int, plan: PanelPlan, draft: bool) -> int:
        """The item scores of a sheet (half of them in a draft); their total in hundredths.
        A passing panel's sheets score 80–97% of each item (62–88% on the 1000-point award
        template, whose pass mark is 600), a failing one's less."""
        items = self.table(ItemScore, "id sheet criterion points comment")
        award = plan.template.total_points > 100
        if plan.passing:
            low, high = (62, 88) if award else (80, 97)
        else:
            low, high = (45, 58) if award else (52, 78)
        leaves = plan.leaves[: len(plan.leaves) // 2] if draft else plan.leaves
        total = 0
        for leaf in leaves:
            points = int(leaf.max_points * 100) * self.random.randint(low, high) // 100
            total += points
            items.add(
                self.ids.take(ItemScore),
                sheet,
                leaf.pk,
                cents(points),
                "" if self.random.random() < 0.8 else "材料较完整，个别记录需补充。",
            )
        return total

    def panel_event(self, panel, from_status, to_status, day, note="", params=None) -> None:
        self.table(
            PanelEvent,
            "id panel from_status to_status actor occurred_on recorded note_code note_params",
        ).add(
            self.ids.take(PanelEvent),
            panel,
            from_status,
            to_status,
            self.staff_id(),
            day,
            self.moment(day),
            note,
            params or {},
        )
