"""The date rules of a pilot: one set, applied by its forms, its model's ``clean()`` and the
services that write its dates (``create_pilot``, ``set_pilot_state``).

- A pilot is declared first: the date of the declaration is its first timeline record.
- It has no approval date while it is only declared; the approve move sets the approval date
  (the date that move took effect).
- The approval is not dated before the declaration.
- The planned completion is not before the approval, nor before the declaration.
"""

import datetime

from django.utils.translation import gettext as _

from pilots.enums import PilotStatus
from portal.workflow import DomainError


class PilotDateError(DomainError):
    """A pilot's dates that break the date rules; the message says which."""


def declaration_date(pilot) -> datetime.date | None:
    """The date of the pilot's declaration: its first timeline record (None before it has one)."""
    if pilot.pk is None:
        return None
    return (
        pilot.transitions.order_by("occurred_on", "recorded", "pk")
        .values_list("occurred_on", flat=True)
        .first()
    )


def pilot_date_errors(
    *,
    status: str,
    declared_on: datetime.date | None,
    approval_date: datetime.date | None,
    planned_completion: datetime.date | None,
) -> dict[str, str]:
    """The rules the dates break, as ``{field name: message}`` (empty when none is broken).
    A date not known (None) breaks no rule."""
    errors = {}
    if approval_date and status == PilotStatus.DECLARED:
        errors["approval_date"] = _(
            "A pilot that is only declared has no approval date yet: the approve move sets it."
        )
    elif approval_date and declared_on and approval_date < declared_on:
        errors["approval_date"] = _("The approval date is before the declaration (%(date)s).") % {
            "date": declared_on.isoformat()
        }
    if planned_completion and approval_date and planned_completion < approval_date:
        errors["planned_completion"] = _("The planned completion is before the approval date.")
    elif planned_completion and declared_on and planned_completion < declared_on:
        errors["planned_completion"] = _(
            "The planned completion is before the declaration (%(date)s)."
        ) % {"date": declared_on.isoformat()}
    return errors


def check_pilot_dates(**dates) -> None:
    """Refuse (``PilotDateError``) dates that break a rule of ``pilot_date_errors``."""
    errors = pilot_date_errors(**dates)
    if errors:
        raise PilotDateError(" ".join(errors.values()))
