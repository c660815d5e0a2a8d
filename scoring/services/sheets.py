"""Score sheets: saved, submitted (also from paper by staff), reopened."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import notifications
from portal.models import User
from portal.workflow import check_transition
from scoring.enums import (
    SHEET_TRANSITIONS,
    SheetStatus,
)
from scoring.models import (
    Criterion,
    ItemScore,
    ScoreSheet,
)
from scoring.selectors import template_leaves
from scoring.services.common import (
    IncompleteSheet,
    PanelError,
    _event,
    _paper_date,
)


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
