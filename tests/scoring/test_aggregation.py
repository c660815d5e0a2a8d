from decimal import Decimal as D

import pytest

from scoring.aggregation import aggregate, round_score


def result(totals, rule="mean", pass_mark="60", template_total="100"):
    return aggregate(
        [D(total) for total in totals],
        rule=rule,
        pass_mark=D(pass_mark),
        template_total=D(template_total),
    )


def test_mean_of_submitted_sheets():
    outcome = result(["95.00", "96.41", "95.00"])
    assert outcome.score == D("95.47")
    assert outcome.passed is True


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.005", "0.01"),
        ("0.015", "0.02"),
        ("2.675", "2.68"),
        ("95.465", "95.47"),
        ("1.004", "1.00"),
    ],
)
def test_round_score_is_half_up_at_half_a_cent(value, rounded):
    assert round_score(D(value)) == D(rounded)


def test_mean_rounds_half_up():
    # (80.00 + 80.01) / 2 = 80.005 → 80.01 (banker's rounding would give 80.00)
    assert result(["80.00", "80.01"]).score == D("80.01")


def test_trimmed_mean_drops_highest_and_lowest_from_five():
    outcome = result(["70", "80", "82", "84", "99"], rule="trimmed_mean")
    assert outcome.counted == (D("80"), D("82"), D("84"))
    assert outcome.score == D("82.00")


def test_trimmed_mean_with_fewer_than_five_is_the_mean():
    outcome = result(["70", "80", "90", "99"], rule="trimmed_mean")
    assert outcome.counted == (D("70"), D("80"), D("90"), D("99"))
    assert outcome.score == D("84.75")


def test_pass_mark_is_inclusive():
    assert result(["60.00"], pass_mark="60").passed is True
    assert result(["59.99"], pass_mark="60").passed is False


def test_outliers_are_more_than_ten_percent_of_the_total_from_the_median():
    # median 90; 10% of 100 = 10: 79.99 is 10.01 away (flagged), 80 is exactly 10 away (not)
    outcome = result(["90", "80", "79.99", "90", "91"])
    assert outcome.median == D("90")
    assert outcome.outliers == frozenset({2})


def test_outlier_limit_scales_with_the_template_total():
    outcome = result(["599.99", "700", "720"], template_total="1000")
    assert outcome.outliers == frozenset({0})


def test_no_sheets_gives_no_score():
    outcome = result([])
    assert (outcome.score, outcome.passed, outcome.outliers) == (None, None, frozenset())


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        result(["1"], rule="median")


def test_trimmed_mean_sorts_before_dropping_the_extremes():
    # Unsorted on purpose: dropping the first and last given (99 and 80) would give 78.67.
    assert result(["99", "70", "82", "84", "80"], rule="trimmed_mean").score == D("82.00")


def test_trimmed_mean_counts_the_middle_sheets_in_order():
    assert result(["99", "70", "82", "84", "80"], rule="trimmed_mean").counted == (
        D("80"),
        D("82"),
        D("84"),
    )


def test_plain_mean_of_five_sheets_drops_nothing():
    assert result(["99", "70", "82", "84", "80"]).score == D("83.00")


def test_trimmed_mean_of_four_sheets_is_the_plain_mean():
    assert result(["99", "70", "82", "84"], rule="trimmed_mean").score == D("83.75")
