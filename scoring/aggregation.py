"""The scoring engine's arithmetic: one pure function turns submitted sheet totals into a result.

All values are ``Decimal``; results are rounded half-up to two decimal places (the way score
sheets are rounded by hand, not banker's rounding).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from scoring.enums import Aggregation

TWO_PLACES = Decimal("0.01")
TRIM_FROM = 5  # a trimmed mean drops one highest and one lowest sheet from this many sheets on
OUTLIER_SHARE = Decimal("0.10")  # a sheet this share of the template total from the median


def round_score(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PanelResult:
    score: Decimal | None  # None while no sheet is submitted
    passed: bool | None
    median: Decimal | None
    counted: tuple[Decimal, ...]  # the totals that went into the score
    outliers: frozenset[int]  # indexes (into the totals given) of sheets far from the median


def aggregate(
    totals: list[Decimal],
    *,
    rule: str,
    pass_mark: Decimal,
    template_total: Decimal,
) -> PanelResult:
    """The panel's score from its submitted sheets' totals.

    ``rule`` is an ``Aggregation``: the mean of all totals, or the trimmed mean, which drops one
    highest and one lowest total when there are at least five (otherwise it is the plain mean).
    The score is rounded half-up to two places and passes when it is at least ``pass_mark``.
    A sheet whose total is more than 10% of ``template_total`` away from the median of all the
    totals is an outlier, flagged for staff.
    """
    totals = [Decimal(total) for total in totals]
    if not totals:
        return PanelResult(None, None, None, (), frozenset())
    middle = Decimal(median(totals))
    limit = OUTLIER_SHARE * Decimal(template_total)
    outliers = frozenset(i for i, total in enumerate(totals) if abs(total - middle) > limit)
    counted = sorted(totals)
    if rule == Aggregation.TRIMMED_MEAN and len(counted) >= TRIM_FROM:
        counted = counted[1:-1]
    elif rule not in Aggregation.values:
        raise ValueError(f"Unknown aggregation rule: {rule!r}")
    score = round_score(sum(counted, Decimal(0)) / len(counted))
    return PanelResult(score, score >= Decimal(pass_mark), middle, tuple(counted), outliers)
