"""Everything in the scoring app that writes several rows, changes a state or stores a score.

The services know nothing of what a panel reviews: the subject's app passes the organizations
whose employees may not sit on the panel (``organization_ids``) and performs its own state change
in the same transaction as ``conclude_panel``.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import notifications
from portal.enums import Role
from portal.models import User
from portal.rules import is_reviewer
from portal.text import enumeration
from portal.workflow import DomainError, check_transition, record_transition
from scoring.enums import (
    PANEL_TRANSITIONS,
    SHEET_TRANSITIONS,
    Declaration,
    PanelStatus,
    SheetStatus,
)
from scoring.models import (
    Criterion,
    ItemScore,
    Panel,
    PanelEvent,
    PanelMember,
    ScoreSheet,
    ScoringTemplate,
)
from scoring.selectors import conflicted_reviewers, panel_result, template_leaves, template_problems


class PanelError(DomainError):
    """A panel action that cannot be done as asked; the message says why."""


class IncompleteSheet(PanelError):
    """A sheet submitted with items left unscored; ``codes`` lists them."""

    def __init__(self, codes: list[str]):
        self.codes = codes
        super().__init__(
            _("Score every item before submitting; still empty: %(codes)s.")
            % {"codes": ", ".join(codes)}
        )


def conflict_of_interest_message(reviewers: Iterable[User]) -> str:
    """Why these reviewers cannot sit on the panel (employed by the subject's organizations)."""
    return _(
        "%(names)s cannot sit on this panel: they work for an organization under review "
        "(conflict of interest)."
    ) % {"names": enumeration(user.get_full_name() for user in reviewers)}


def _event(panel: Panel, actor: User, to_status: str, **kwargs) -> PanelEvent:
    kwargs.setdefault("from_status", panel.status)
    return record_transition(PanelEvent, panel=panel, actor=actor, to_status=to_status, **kwargs)


def _paper_date(panel: Panel, occurred_on: datetime.date | None) -> datetime.date | None:
    """Check the date that staff give an event entered from the paper files: not in the future,
    not before the panel's previous event (so that the panel's record reads in order)."""
    if occurred_on is None:
        return None
    if occurred_on > timezone.localdate():
        raise PanelError(_("The date cannot be in the future."))
    previous = panel.events.order_by("-occurred_on").values_list("occurred_on", flat=True).first()
    if previous is not None and occurred_on < previous:
        raise PanelError(
            _("The date cannot be before the panel's previous event (%(date)s).")
            % {"date": previous.isoformat()}
        )
    return occurred_on


def _check_reviewers(reviewers: list[User], organization_ids: Iterable[int]) -> None:
    not_reviewers = [user for user in reviewers if not is_reviewer(user)]
    if not_reviewers:
        raise PanelError(
            _("Only expert reviewers can sit on a panel: %(names)s.")
            % {"names": enumeration(user.get_full_name() for user in not_reviewers)}
        )
    conflicted = conflicted_reviewers(organization_ids, reviewers)
    if conflicted:
        raise PanelError(conflict_of_interest_message(conflicted))


def _lock(panel: Panel) -> Panel:
    return Panel.objects.select_for_update().select_related("template").get(pk=panel.pk)


# --- templates ------------------------------------------------------------------------------


@transaction.atomic
def copy_template(*, template: ScoringTemplate) -> ScoringTemplate:
    """An editable copy of a template (and its whole criteria tree) as its next version."""
    latest = ScoringTemplate.objects.filter(name=template.name).order_by("-version").first().version
    copy = ScoringTemplate.objects.create(
        name=template.name,
        version=latest + 1,
        total_points=template.total_points,
        pass_mark=template.pass_mark,
        aggregation=template.aggregation,
        description=template.description,
        is_sample=template.is_sample,
        based_on=template,
    )
    new_ids: dict[int, Criterion] = {}
    for criterion in template.criteria.order_by("position", "pk"):
        new_ids[criterion.pk] = Criterion.objects.create(
            template=copy,
            parent=new_ids.get(criterion.parent_id),
            code=criterion.code,
            title=criterion.title,
            max_points=criterion.max_points,
            guidance=criterion.guidance,
            position=criterion.position,
        )
    return copy


def freeze_template(*, template: ScoringTemplate) -> ScoringTemplate:
    """Mark a template as in use: from now on it changes only through a new version."""
    if not template.is_frozen:
        template.is_frozen = True
        template.save(update_fields=["is_frozen", "modified"])
    return template


# --- panels ---------------------------------------------------------------------------------


@transaction.atomic
def create_panel(
    *,
    template: ScoringTemplate,
    reviewers: list[User],
    chair: User,
    organization_ids: Iterable[int],
    actor: User,
    occurred_on: datetime.date | None = None,
) -> Panel:
    """A scheduled panel of ``reviewers`` scoring with ``template``.

    Refuses a template whose points do not add up, a chair who is not on the panel, a member who
    is not a reviewer or who works for one of ``organization_ids``. Freezes the template and
    writes the panel's first event, dated ``occurred_on`` (today unless staff entering a paper
    record give the day; not in the future). The subject's app links the panel and tells the
    reviewers (``notify_panel_assigned``) once its own record is saved.
    """
    if occurred_on is not None and occurred_on > timezone.localdate():
        raise PanelError(_("The date cannot be in the future."))
    if template_problems(template):
        raise PanelError(_("This scoring template's points do not add up; correct it first."))
    if chair not in reviewers:
        raise PanelError(_("The chair must be one of the panel's reviewers."))
    _check_reviewers(reviewers, organization_ids)
    panel = Panel.objects.create(template=template)
    PanelMember.objects.bulk_create(
        PanelMember(panel=panel, reviewer=reviewer, is_chair=reviewer == chair)
        for reviewer in reviewers
    )
    freeze_template(template=template)
    _event(panel, actor, PanelStatus.SCHEDULED, from_status="", occurred_on=occurred_on)
    return panel


def notify_panel_assigned(*, panel: Panel, reviewers: Iterable[User]) -> None:
    """Tell reviewers (after the commit) that they sit on ``panel`` and must declare first."""
    notifications.notify_users(
        list(reviewers),
        "panel_assigned",
        {"panel": panel, "subject": panel, "path": panel.get_absolute_url()},
    )


@transaction.atomic
def add_panel_member(
    *, panel: Panel, reviewer: User, organization_ids: Iterable[int], actor: User
) -> PanelMember:
    """Put a reviewer on the panel (again, if they were removed: they declare anew).

    Refuses once the panel is concluded, a member already on it, a non-reviewer and a reviewer
    who works for one of ``organization_ids``. Records the event and tells the reviewer.
    """
    panel = _lock(panel)
    if panel.status == PanelStatus.CONCLUDED:
        raise PanelError(_("The panel is concluded; its members can no longer change."))
    _check_reviewers([reviewer], organization_ids)
    member, created = PanelMember.objects.get_or_create(panel=panel, reviewer=reviewer)
    if not created:
        if member.is_active:
            raise PanelError(_("%(name)s is on the panel already.") % {"name": reviewer})
        member.removed, member.removal_reason = None, ""
        member.declaration, member.declared, member.declaration_note = (
            Declaration.PENDING,
            None,
            "",
        )
        member.save(
            update_fields=[
                "removed",
                "removal_reason",
                "declaration",
                "declared",
                "declaration_note",
            ]
        )
    _event(panel, actor, panel.status, note="joined", note_params={"name": reviewer})
    notify_panel_assigned(panel=panel, reviewers=[reviewer])
    return member


@transaction.atomic
def remove_panel_member(
    *,
    member: PanelMember,
    reason: str,
    actor: User,
    occurred_on: datetime.date | None = None,
) -> PanelMember:
    """Take a reviewer off the panel with a reason; their sheet no longer counts. The event is
    dated ``occurred_on`` when staff enter it from the paper files (see ``_paper_date``)."""
    member = PanelMember.objects.select_for_update().select_related("panel").get(pk=member.pk)
    if member.panel.status == PanelStatus.CONCLUDED:
        raise PanelError(_("The panel is concluded; its members can no longer change."))
    if not member.is_active:
        raise PanelError(_("This reviewer has been removed already."))
    occurred_on = _paper_date(member.panel, occurred_on)
    member.removed = timezone.now()
    member.removal_reason = reason
    member.save(update_fields=["removed", "removal_reason"])
    _event(
        member.panel,
        actor,
        member.panel.status,
        note="left",
        note_params={"name": member.reviewer},
        comment=reason,
        occurred_on=occurred_on,
    )
    return member


@transaction.atomic
def declare(
    *,
    member: PanelMember,
    conflict: bool,
    note: str = "",
    actor: User,
    occurred_on: datetime.date | None = None,
) -> PanelMember:
    """The reviewer's declaration of interest.

    No conflict opens the subject's materials and, once scoring has started, the reviewer's
    sheet (made now if need be). A declared conflict takes them off the panel and tells staff
    by e-mail after the commit. Only the member themselves may declare, once per membership —
    or staff (``scoring.manage_panel``) entering a declaration made on paper on the member's
    behalf, who alone may date it (``occurred_on``: not in the future, not before the panel's
    previous event); the record names the member, and staff as the one who entered it.
    """
    member = (
        PanelMember.objects.select_for_update()
        .select_related("panel", "reviewer")
        .get(pk=member.pk)
    )
    on_behalf = member.reviewer_id != actor.pk
    if not member.is_active or (
        on_behalf and not actor.has_perm("scoring.manage_panel", member.panel)
    ):
        raise PermissionDenied
    if occurred_on is not None and not on_behalf:
        raise PermissionDenied
    if member.declaration != Declaration.PENDING:
        raise PanelError(_("You have declared already."))
    panel = member.panel
    occurred_on = _paper_date(panel, occurred_on)
    member.declaration = Declaration.CONFLICT if conflict else Declaration.NO_CONFLICT
    member.declared = timezone.now()
    member.declaration_note = note
    member.save(update_fields=["declaration", "declared", "declaration_note"])
    if conflict:
        remove_panel_member(
            member=member,
            reason=_("Declared a conflict of interest: %(note)s") % {"note": note},
            actor=actor,
            occurred_on=occurred_on,
        )
        staff = User.objects.filter(groups__name=Role.BUREAU_STAFF, is_active=True)
        notifications.notify_users(
            staff,
            "panel_conflict_declared",
            {
                "member": member,
                "subject": panel,
                "note": note,
                "path": panel.get_absolute_url(),
            },
        )
    else:
        _event(
            panel,
            actor,
            panel.status,
            note="no_conflict",
            note_params={"name": member.reviewer},
            occurred_on=occurred_on,
        )
        if panel.status == PanelStatus.SCORING:
            ScoreSheet.objects.get_or_create(panel_member=member)
    return member


@transaction.atomic
def start_scoring(*, panel: Panel, actor: User, occurred_on: datetime.date | None = None) -> Panel:
    """Open the score sheets: every member who declared no conflict gets one now, the others
    as soon as they declare. Staff entering a paper record may date it (``occurred_on``: not in
    the future, not before the panel's previous event)."""
    panel = _lock(panel)
    check_transition(PANEL_TRANSITIONS, panel.status, PanelStatus.SCORING)
    if not panel.members.filter(removed=None).exists():
        raise PanelError(_("The panel has no reviewers."))
    _event(panel, actor, PanelStatus.SCORING, occurred_on=_paper_date(panel, occurred_on))
    panel.status = PanelStatus.SCORING
    panel.save(update_fields=["status", "modified"])
    for member in panel.members.filter(removed=None, declaration=Declaration.NO_CONFLICT):
        ScoreSheet.objects.get_or_create(panel_member=member)
    return panel


# --- score sheets ---------------------------------------------------------------------------


def _lock_sheet(sheet: ScoreSheet) -> ScoreSheet:
    return (
        ScoreSheet.objects.select_for_update()
        .select_related("panel_member__panel__template", "panel_member__reviewer")
        .get(pk=sheet.pk)
    )


def _store_scores(
    sheet: ScoreSheet,
    scores: dict[int, tuple[Decimal | None, str]],
    actor: User,
    on_behalf: bool = False,
) -> dict[int, Criterion]:
    """Check the actor's right (the sheet's reviewer's, or with ``on_behalf`` staff's entering a
    paper sheet) and every value, then write the item scores; the template's leaves by id."""
    right = "scoring.enter_scoresheet" if on_behalf else "scoring.change_scoresheet"
    if not actor.has_perm(right, sheet):
        if sheet.status == SheetStatus.SUBMITTED:
            raise PanelError(_("This sheet has been submitted and can no longer change."))
        raise PermissionDenied
    leaves = {
        criterion.pk: criterion for criterion in template_leaves(sheet.panel_member.panel.template)
    }
    if set(scores) - set(leaves):
        raise PanelError(_("The sheet contains items that are not in its template."))
    for criterion_id, (points, _comment) in scores.items():
        criterion = leaves[criterion_id]
        if points is not None and not (0 <= points <= criterion.max_points):
            raise PanelError(
                _("%(code)s: points must be between 0 and %(max)s.")
                % {"code": criterion.code, "max": criterion.max_points}
            )
    existing = {item.criterion_id: item for item in sheet.items.all()}
    for criterion_id, (points, comment) in scores.items():
        item = existing.get(criterion_id)
        if item is None:
            ItemScore.objects.create(
                sheet=sheet, criterion_id=criterion_id, points=points, comment=comment
            )
        elif (item.points, item.comment) != (points, comment):
            item.points, item.comment = points, comment
            item.save(update_fields=["points", "comment"])
    return leaves


@transaction.atomic
def save_score_sheet(
    *, sheet: ScoreSheet, scores: dict[int, tuple[Decimal | None, str]], actor: User
) -> ScoreSheet:
    """Save a reviewer's item scores (``{criterion id: (points, comment)}``) as a draft.

    Locks the sheet row, so two requests for one sheet run one after the other. Points are
    checked again here (0 to the item's maximum, empty allowed). Only the sheet's reviewer, with
    a standing declaration of no conflict, may save, while the sheet is a draft and the panel
    is scoring.
    """
    sheet = _lock_sheet(sheet)
    _store_scores(sheet, scores, actor)
    sheet.save(update_fields=["modified"])
    return sheet


@transaction.atomic
def submit_score_sheet(
    *,
    sheet: ScoreSheet,
    scores: dict[int, tuple[Decimal | None, str]],
    actor: User,
    occurred_on: datetime.date | None = None,
) -> ScoreSheet:
    """Save the item scores as ``save_score_sheet`` does, then submit the sheet.

    Every item must be scored (``IncompleteSheet`` lists those that are not); stores the total,
    makes the sheet read-only and records the event. Under the row lock a second submission of
    the same sheet finds it submitted and is refused, so nothing counts twice.

    With ``occurred_on`` staff enter a sheet that the reviewer filled in on paper, on their
    behalf (``scoring.enter_scoresheet``; the reviewer may not date their own): the event is
    dated that day (not in the future, not before the panel's previous event), names the
    reviewer, and staff as the one who entered it.
    """
    sheet = _lock_sheet(sheet)
    on_behalf = occurred_on is not None
    if on_behalf:
        occurred_on = _paper_date(sheet.panel_member.panel, occurred_on)
    leaves = _store_scores(sheet, scores, actor, on_behalf=on_behalf)
    points = dict(sheet.items.values_list("criterion_id", "points"))
    missing = [criterion.code for pk, criterion in leaves.items() if points.get(pk) is None]
    if missing:
        raise IncompleteSheet(missing)
    check_transition(SHEET_TRANSITIONS, sheet.status, SheetStatus.SUBMITTED)
    sheet.total = sum((points[pk] for pk in leaves), Decimal(0))
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted = timezone.now()
    sheet.save(update_fields=["total", "status", "submitted", "modified"])
    panel = sheet.panel_member.panel
    _event(
        panel,
        actor,
        panel.status,
        note="submitted",
        note_params={"name": sheet.panel_member.reviewer},
        occurred_on=occurred_on,
    )
    return sheet


@transaction.atomic
def reopen_score_sheet(*, sheet: ScoreSheet, reason: str, actor: User) -> ScoreSheet:
    """Staff give a submitted sheet back to its reviewer while the panel is scoring; the reason
    is recorded and e-mailed to the reviewer after the commit."""
    sheet = _lock_sheet(sheet)
    if not actor.has_perm("scoring.reopen_scoresheet", sheet):
        if actor.has_perm("scoring.manage_panel", sheet.panel_member.panel):
            raise PanelError(
                _("Only a submitted sheet can be reopened, while the panel is being scored.")
            )
        raise PermissionDenied
    check_transition(SHEET_TRANSITIONS, sheet.status, SheetStatus.DRAFT)
    sheet.status = SheetStatus.DRAFT
    sheet.total = None
    sheet.submitted = None
    sheet.save(update_fields=["status", "total", "submitted", "modified"])
    panel = sheet.panel_member.panel
    _event(
        panel,
        actor,
        panel.status,
        note="reopened",
        note_params={"name": sheet.panel_member.reviewer},
        comment=reason,
    )
    notifications.notify_users(
        [sheet.panel_member.reviewer],
        "sheet_reopened",
        {
            "sheet": sheet,
            "subject": panel,
            "reason": reason,
            "path": reverse("scoring:sheet-detail", args=[sheet.pk]),
        },
    )
    return sheet


def waiting_members(panel: Panel) -> list[PanelMember]:
    """Active members whose sheet is not submitted yet (conclusion waits for them)."""
    return [
        member
        for member in panel.members.filter(removed=None).select_related("reviewer", "sheet")
        if getattr(getattr(member, "sheet", None), "status", None) != SheetStatus.SUBMITTED
    ]


@transaction.atomic
def conclude_panel(
    *,
    panel: Panel,
    opinion: str,
    actor: User,
    concluded_on: datetime.date | None = None,
) -> Panel:
    """Conclude the panel: every active member's sheet must be submitted. Stores the panel
    score and result (``panel_result``) with the chair's opinion and the date, and records the
    event. The subject's app moves its own record in the same transaction."""
    panel = _lock(panel)
    check_transition(PANEL_TRANSITIONS, panel.status, PanelStatus.CONCLUDED)
    if not panel.members.filter(removed=None).exists():
        raise PanelError(_("The panel has no reviewers."))
    waiting = waiting_members(panel)
    if waiting:
        raise PanelError(
            _(
                "Waiting for the sheets of %(names)s: each must be submitted, or the reviewer "
                "removed from the panel with a reason."
            )
            % {"names": enumeration(member.reviewer.get_full_name() for member in waiting)}
        )
    outcome = panel_result(panel)
    concluded_on = concluded_on or timezone.localdate()
    _event(panel, actor, PanelStatus.CONCLUDED, occurred_on=concluded_on)
    panel.score = outcome.score
    panel.passed = outcome.passed
    panel.opinion = opinion
    panel.concluded_on = concluded_on
    panel.status = PanelStatus.CONCLUDED
    panel.save(update_fields=["score", "passed", "opinion", "concluded_on", "status", "modified"])
    return panel
