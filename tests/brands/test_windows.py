"""When an award programme takes applications: its window on a day."""

import datetime

import pytest

from brands.enums import ProgramWindow
from brands.windows import is_open_on, program_window

D = datetime.date
OPENS, CLOSES = D(2014, 4, 1), D(2014, 6, 30)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2014, 3, 31), ProgramWindow.UPCOMING),
        (D(2014, 4, 1), ProgramWindow.OPEN),
        (D(2014, 6, 30), ProgramWindow.OPEN),
        (D(2014, 7, 1), ProgramWindow.CLOSED),
    ],
)
def test_program_window_on_each_side_of_every_boundary(today, expected):
    assert program_window(OPENS, CLOSES, today) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2014, 3, 31), False),
        (D(2014, 4, 1), True),
        (D(2014, 6, 30), True),
        (D(2014, 7, 1), False),
    ],
)
def test_is_open_on_includes_both_days(day, expected):
    assert is_open_on(OPENS, CLOSES, day) == expected


def test_program_window_of_a_single_day_is_open_on_that_day():
    assert program_window(OPENS, OPENS, OPENS) == ProgramWindow.OPEN
