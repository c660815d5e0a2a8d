"""When a brand's title is valid: pure functions of its dates and the day asked about.

A title is valid from ``valid_from`` to ``valid_until``, both days included. Every page, filter,
figure and reminder uses these rules (the selectors translate them into queries), so that the
status on a page, the brands a filter finds and the brands a figure counts always agree.
"""

import datetime

from django.utils import timezone

from brands.enums import EXPIRY_WARNING_DAYS, BrandStatus


def brand_status(
    valid_from: datetime.date,
    valid_until: datetime.date,
    today: datetime.date | None = None,
) -> BrandStatus:
    """The title's status on ``today`` (the local date unless given).

    - not yet valid: ``today`` is before ``valid_from``;
    - expired: ``today`` is after ``valid_until``;
    - expiring soon: valid, and ``valid_until`` is at most ``EXPIRY_WARNING_DAYS`` (90) days
      away (on its last day a title is still valid, and expiring);
    - valid: otherwise.
    """
    today = today or timezone.localdate()
    if today < valid_from:
        return BrandStatus.NOT_YET_VALID
    if today > valid_until:
        return BrandStatus.EXPIRED
    if valid_until <= expiry_window_end(today):
        return BrandStatus.EXPIRING
    return BrandStatus.VALID


def expiry_window_end(today: datetime.date) -> datetime.date:
    """The last day on which a title that ends counts as expiring soon, seen from ``today``."""
    return today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)


def is_valid_on(valid_from: datetime.date, valid_until: datetime.date, day: datetime.date) -> bool:
    """Valid (or expiring soon, which is still valid) on ``day``."""
    return valid_from <= day <= valid_until


def reference_date(year: int, today: datetime.date) -> datetime.date:
    """The day on which a title must be valid to count as "valid in ``year``".

    31 December of the year; for the current year, which has not ended, ``today``. A year's
    figure thus counts the titles held at its end — the way the bureau's yearly report counts
    them ("有效期内") — and this year's figure the titles held now.
    """
    if year == today.year:
        return today
    return datetime.date(year, 12, 31)


def is_valid_in_year(
    valid_from: datetime.date, valid_until: datetime.date, year: int, today: datetime.date
) -> bool:
    """Valid on the ``reference_date`` of ``year``."""
    return is_valid_on(valid_from, valid_until, reference_date(year, today))
