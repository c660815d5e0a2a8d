"""What the scoring services share: their errors, the panel record, the checks of reviewers."""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import User
from portal.rules import is_reviewer
from portal.text import enumeration
from portal.workflow import DomainError, record_transition
from scoring.models import (
    Panel,
    PanelEvent,
)
from scoring.selectors import conflicted_reviewers


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
