"""The validity rules: a title's status on a day, and which titles count in a year."""

import datetime

import pytest

from brands.enums import BrandStatus
from brands.validity import brand_status, is_valid_in_year, reference_date

D = datetime.date
FROM, UNTIL = D(2014, 12, 1), D(2017, 11, 30)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2014, 11, 30), BrandStatus.NOT_YET_VALID),
        (D(2014, 12, 1), BrandStatus.VALID),
        (D(2017, 8, 31), BrandStatus.VALID),
        # 2017-11-30 is 90 days after 2017-09-01: from then on the title is expiring.
        (D(2017, 9, 1), BrandStatus.EXPIRING),
        (D(2017, 11, 30), BrandStatus.EXPIRING),
        (D(2017, 12, 1), BrandStatus.EXPIRED),
    ],
)
def test_brand_status_on_each_side_of_every_boundary(today, expected):
    assert brand_status(FROM, UNTIL, today) == expected


def test_brand_status_of_a_short_period_not_yet_started_is_not_yet_valid():
    assert brand_status(D(2015, 1, 1), D(2015, 2, 1), D(2014, 12, 31)) == (
        BrandStatus.NOT_YET_VALID
    )


def test_brand_status_defaults_to_today():
    assert brand_status(D(2000, 1, 1), D(2001, 1, 1)) == BrandStatus.EXPIRED


@pytest.mark.parametrize(
    ("year", "today", "expected"),
    [
        (2014, D(2026, 11, 27), D(2014, 12, 31)),
        (2026, D(2026, 11, 27), D(2026, 11, 27)),
        (2027, D(2026, 11, 27), D(2027, 12, 31)),
    ],
)
def test_reference_date_is_year_end_or_today_for_the_current_year(year, today, expected):
    assert reference_date(year, today) == expected


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "expected"),
    [
        (D(2012, 12, 1), D(2015, 11, 30), True),
        (D(2014, 12, 31), D(2017, 12, 30), True),
        (D(2011, 12, 31), D(2014, 12, 31), True),
        # Valid for most of the year, but not at its end: not counted.
        (D(2011, 12, 31), D(2014, 12, 30), False),
        # Starts on New Year's Day after: not counted in 2014.
        (D(2015, 1, 1), D(2017, 12, 31), False),
    ],
)
def test_valid_in_past_year_means_valid_on_31_december(valid_from, valid_until, expected):
    assert is_valid_in_year(valid_from, valid_until, 2014, D(2026, 11, 27)) is expected


@pytest.mark.parametrize(
    ("valid_until", "expected"),
    [(D(2026, 11, 27), True), (D(2026, 11, 26), False), (D(2026, 12, 30), True)],
)
def test_valid_in_current_year_means_valid_today(valid_until, expected):
    assert is_valid_in_year(D(2024, 1, 1), valid_until, 2026, D(2026, 11, 27)) is expected
