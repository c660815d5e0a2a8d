"""When an award programme takes applications: pure functions of its dates and the day asked
about.

A programme is open from ``opens_on`` to ``closes_on``, both days included. Its page, the
enterprises' list of open programmes and the list filters (``selectors.in_window``) use these
rules, so that they always agree.
"""

import datetime

from django.utils import timezone

from brands.enums import ProgramWindow


def is_open_on(opens_on: datetime.date, closes_on: datetime.date, day: datetime.date) -> bool:
    """Applications are taken on ``day``: ``opens_on`` ≤ ``day`` ≤ ``closes_on``."""
    return opens_on <= day <= closes_on


def program_window(
    opens_on: datetime.date,
    closes_on: datetime.date,
    today: datetime.date | None = None,
) -> ProgramWindow:
    """Where ``today`` (the local date unless given) falls: before ``opens_on`` the programme
    is not open yet, after ``closes_on`` it is closed, otherwise open (on both days too)."""
    today = today or timezone.localdate()
    if today < opens_on:
        return ProgramWindow.UPCOMING
    if today > closes_on:
        return ProgramWindow.CLOSED
    return ProgramWindow.OPEN
