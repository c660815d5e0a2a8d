"""The workflow pattern shared by every app.

A workflow's states are a ``TextChoices`` in its app's ``enums.py``, next to a plain table of the
moves allowed from each state. One service per model performs a move: it locks the row, checks the
actor's right (a ``rules`` permission) and the move (``check_transition``), saves the state with
``update_fields``, writes the move's record (``record_transition``) in the same transaction and
queues its notifications to be sent after the commit. Nothing else assigns a state field.

Every refusal by a business rule is a ``DomainError``: its message is meant for the user, and the
views catch it once (``portal.views.mixins.DomainErrorMixin``) to show it.
"""

import datetime
from collections.abc import Mapping, Set

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _


class DomainError(Exception):
    """An action that a business rule refuses; the message says why, in the user's words."""


class IllegalTransition(DomainError):
    """A workflow move that the transition table does not allow from the current state."""


def _label(choices: type[models.TextChoices], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def check_transition(table: Mapping[str, Set[str]], current: str, target: str) -> None:
    """Refuse (``IllegalTransition``) a move from ``current`` to ``target`` that ``table`` does
    not list. The table's keys are members of the workflow's ``TextChoices``, whose labels name
    the states in the message."""
    if target in table.get(current, set()):
        return
    choices = type(next(iter(table)))
    raise IllegalTransition(
        _("This cannot be moved from “%(current)s” to “%(target)s”.")
        % {"current": _label(choices, current), "target": _label(choices, target)}
    )


def record_transition(
    record_model: type[models.Model],
    *,
    actor,
    from_status: str,
    to_status: str,
    occurred_on: datetime.date | None = None,
    note: str = "",
    note_params: dict | None = None,
    comment: str = "",
    **subject,
):
    """Write one record of a workflow (a ``portal.models.TransitionRecord`` subclass).

    ``subject`` names the record's owner (``pilot=...``, ``panel=...``); ``note`` is a code of
    the record model's ``NOTES``, translated when the record is shown, with ``note_params``
    (kept as text); ``occurred_on`` is the date the move took effect (today unless given).
    """
    return record_model.objects.create(
        **subject,
        from_status=from_status or "",
        to_status=to_status,
        actor=actor,
        occurred_on=occurred_on or timezone.localdate(),
        note_code=note,
        note_params={key: str(value) for key, value in (note_params or {}).items()},
        comment=comment,
    )
