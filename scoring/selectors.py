"""Querysets and reads of the scoring app: template trees, panels, sheets and the matrix."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, QuerySet
from django.utils.translation import gettext as _

from portal.collation import Pinyin
from portal.enums import Role
from portal.models import User
from portal.queries import SubqueryCount
from scoring.aggregation import PanelResult, aggregate, round_score
from scoring.enums import PanelStatus, SheetStatus
from scoring.models import (
    Criterion,
    ItemScore,
    Panel,
    PanelEvent,
    PanelMember,
    ScoreSheet,
    ScoringTemplate,
)

# --- templates ------------------------------------------------------------------------------


@dataclass
class CriterionRow:
    """A criterion in tree order, with its depth and whether it is a leaf (the items scored)."""

    criterion: Criterion
    depth: int
    is_leaf: bool
    children_total: Decimal | None  # sum of the children's maxima, for groups


def template_tree(template: ScoringTemplate) -> list[CriterionRow]:
    """The criteria in display order (each group followed by its children), in one query."""
    criteria = sorted(template.criteria.all(), key=lambda c: (c.position, c.pk))
    children: dict[int | None, list[Criterion]] = {}
    for criterion in criteria:
        children.setdefault(criterion.parent_id, []).append(criterion)
    rows: list[CriterionRow] = []

    def walk(parent_id, depth):
        for criterion in children.get(parent_id, []):
            kids = children.get(criterion.pk, [])
            rows.append(
                CriterionRow(
                    criterion,
                    depth,
                    not kids,
                    sum((kid.max_points for kid in kids), Decimal(0)) if kids else None,
                )
            )
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    return rows


def template_leaves(template: ScoringTemplate) -> list[Criterion]:
    return [row.criterion for row in template_tree(template) if row.is_leaf]


def template_problems(template: ScoringTemplate, rows: list[CriterionRow] | None = None) -> list:
    """What keeps the template from being used: sums that do not add up, or no items at all."""
    rows = template_tree(template) if rows is None else rows
    problems = []
    leaves_total = sum((row.criterion.max_points for row in rows if row.is_leaf), Decimal(0))
    if not rows:
        problems.append(_("The template has no criteria yet."))
    elif leaves_total != template.total_points:
        problems.append(
            _("The items add up to %(sum)s points, not the template's total of %(total)s.")
            % {"sum": leaves_total, "total": template.total_points}
        )
    for row in rows:
        if row.children_total is not None and row.children_total != row.criterion.max_points:
            problems.append(
                _("%(code)s %(title)s has %(max)s points, but its items add up to %(sum)s.")
                % {
                    "code": row.criterion.code,
                    "title": row.criterion.title,
                    "max": row.criterion.max_points,
                    "sum": row.children_total,
                }
            )
    return problems


def usable_templates() -> list[ScoringTemplate]:
    """Templates whose points add up, for scheduling a panel."""
    templates = ScoringTemplate.objects.prefetch_related("criteria").order_by("name", "-version")
    return [template for template in templates if not template_problems(template)]


def scoring_templates_for_list() -> QuerySet[ScoringTemplate]:
    """Templates with ``item_count``: their leaves, the criteria that reviewers score."""
    leaves = Criterion.objects.filter(template=OuterRef("pk"), children__isnull=True)
    return ScoringTemplate.objects.annotate(item_count=SubqueryCount(leaves.values("pk"))).order_by(
        "name", "-version"
    )


# --- reviewers and conflicts ----------------------------------------------------------------


def reviewer_users() -> QuerySet[User]:
    """Active expert reviewers, with what staff need to see conflicts at a glance."""
    return (
        User.objects.filter(groups__name=Role.REVIEWER, is_active=True)
        .select_related("reviewer_profile__employer")
        .order_by(Pinyin("full_name"), "username")
    )


def conflicted_reviewers(organization_ids: Iterable[int], reviewers: Iterable[User]) -> list[User]:
    """The reviewers employed by one of ``organization_ids`` (the subject's organizations)."""
    organization_ids = set(organization_ids)
    return [
        reviewer
        for reviewer in reviewers
        if getattr(getattr(reviewer, "reviewer_profile", None), "employer_id", None)
        in organization_ids
    ]


# --- panels ---------------------------------------------------------------------------------


def panel_members(panel: Panel) -> list[PanelMember]:
    return list(
        panel.members.select_related("reviewer", "reviewer__reviewer_profile__employer", "sheet")
    )


def member_of(panel: Panel, user: User) -> PanelMember | None:
    """The user's active membership of the panel (with its sheet), or None."""
    if not user.is_authenticated:
        return None
    return panel.members.filter(reviewer=user, removed=None).select_related("sheet").first()


def panel_events(panel: Panel) -> QuerySet[PanelEvent]:
    """The panel's record, newest first by the date each event took effect."""
    return panel.events.select_related("actor").order_by("-occurred_on", "-recorded", "-pk")


def open_panels_for_reviewer(user: User) -> QuerySet[Panel]:
    """Panels not yet concluded on which the reviewer sits."""
    return Panel.objects.filter(members__reviewer=user, members__removed=None).exclude(
        status=PanelStatus.CONCLUDED
    )


def panel_result(panel: Panel, members: list[PanelMember] | None = None) -> PanelResult:
    """The panel's result from the submitted sheets of its active members (``aggregate``),
    in the order of the members (the matrix flags outliers by that order). ``members`` (from
    ``panel_members``) spares reading the sheets again."""
    if members is None:
        totals = list(
            ScoreSheet.objects.filter(
                panel_member__panel=panel,
                panel_member__removed=None,
                status=SheetStatus.SUBMITTED,
            )
            .order_by("panel_member__pk")
            .values_list("total", flat=True)
        )
    else:
        totals = [
            member.sheet.total
            for member in sorted(members, key=lambda member: member.pk)
            if member.is_active
            and getattr(member, "sheet", None) is not None
            and member.sheet.status == SheetStatus.SUBMITTED
        ]
    template = panel.template
    return aggregate(
        totals,
        rule=template.aggregation,
        pass_mark=template.pass_mark,
        template_total=template.total_points,
    )


@dataclass
class MatrixRow:
    row: CriterionRow
    cells: list  # points per reviewer column (None where not scored)
    mean: Decimal | None  # over the submitted sheets that scored it


@dataclass
class PanelMatrix:
    members: list[PanelMember]
    rows: list[MatrixRow]
    totals: list  # each column's sheet total (None until submitted)
    outliers: set[int]  # member pks whose totals are flagged
    result: PanelResult


def panel_matrix(panel: Panel, result: PanelResult, members=None) -> PanelMatrix:
    """Criteria × active reviewers with a sheet: each cell the points given, each row the mean of
    the submitted sheets, and the flags of ``result`` (``panel_result``)."""
    members = [
        member
        for member in (members if members is not None else panel_members(panel))
        if member.is_active and hasattr(member, "sheet")
    ]
    sheets = [member.sheet for member in members]
    scores: dict[tuple[int, int], Decimal | None] = {
        (item.sheet_id, item.criterion_id): item.points
        for item in ItemScore.objects.filter(sheet__in=sheets)
    }
    submitted = [sheet for sheet in sheets if sheet.status == SheetStatus.SUBMITTED]
    rows = []
    for tree_row in template_tree(panel.template):
        criterion = tree_row.criterion
        cells = [scores.get((sheet.pk, criterion.pk)) for sheet in sheets]
        if tree_row.is_leaf:
            counted = [scores.get((sheet.pk, criterion.pk)) for sheet in submitted]
            counted = [value for value in counted if value is not None]
            mean = round_score(sum(counted, Decimal(0)) / len(counted)) if counted else None
        else:
            cells, mean = [None] * len(sheets), None
        rows.append(MatrixRow(tree_row, cells, mean))
    # panel_result orders the submitted totals by panel member, as here.
    submitted_members = sorted(
        (member for member in members if member.sheet.status == SheetStatus.SUBMITTED),
        key=lambda member: member.pk,
    )
    outliers = {
        submitted_members[index].pk for index in result.outliers if index < len(submitted_members)
    }
    return PanelMatrix(
        members=members,
        rows=rows,
        totals=[sheet.total for sheet in sheets],
        outliers=outliers,
        result=result,
    )


def sheet_rows(
    sheet: ScoreSheet,
    tree: list[CriterionRow] | None = None,
    items: list[ItemScore] | None = None,
) -> list[tuple[CriterionRow, ItemScore | None]]:
    """The template's tree with this sheet's item score (or None) beside each leaf; ``tree``
    and ``items``, when the caller has read them already, are not read again."""
    items = {item.criterion_id: item for item in (sheet.items.all() if items is None else items)}
    tree = template_tree(sheet.panel_member.panel.template) if tree is None else tree
    return [(row, items.get(row.criterion.pk)) for row in tree]
