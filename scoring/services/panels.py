"""Panels: made, joined and left, declarations, scoring opened, concluded."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import notifications
from portal.enums import Role
from portal.models import User
from portal.text import enumeration
from portal.workflow import check_transition
from scoring.enums import (
    PANEL_TRANSITIONS,
    Declaration,
    PanelStatus,
    SheetStatus,
)
from scoring.models import (
    Panel,
    PanelMember,
    ScoreSheet,
    ScoringTemplate,
)
from scoring.selectors import panel_result, template_problems
from scoring.services.common import (
    PanelError,
    _check_reviewers,
    _event,
    _lock,
    _paper_date,
)
from scoring.services.templates import freeze_template


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
    if not panel.is_open:
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
    if not member.panel.is_open:
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


@transaction.atomic
def close_panel(*, panel: Panel, actor: User, reason: str = "") -> Panel:
    """Close a panel that will not conclude (its subject was withdrawn): no sheet can be saved
    or submitted any more; the sheets and the record are kept."""
    panel = _lock(panel)
    check_transition(PANEL_TRANSITIONS, panel.status, PanelStatus.CLOSED)
    _event(panel, actor, PanelStatus.CLOSED, comment=reason)
    panel.status = PanelStatus.CLOSED
    panel.save(update_fields=["status", "modified"])
    return panel


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
