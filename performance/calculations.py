"""The one rule for every rate in the product (달성률, 집행률), how a figure or its absence is written, and the
words for a period."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _


def rate(part: int, whole: int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, rounded half-up to one decimal; None when there is no whole.

    Exact integer arithmetic, so 4,469 of 8,900 is 50.2 and never 50.19999.
    """
    if not whole:
        return None
    tenths, remainder = divmod(int(part) * 1000, int(whole))
    if 2 * remainder >= whole:
        tenths += 1
    return Decimal(tenths).scaleb(-1)


NOTHING = "—"  # the one mark of a missing value: no figure yet, nothing executed, no target, no rate


def figure(value) -> str:
    """How every page, document and file writes a count or an amount: 12802 → "12,802"; None → "—". So is "" (what
    a template passes for an attribute of a missing object, e.g. `cell.secured` when `cell` is None)."""
    return NOTHING if value is None or value == "" else f"{value:,}"


def percent(value: Decimal | None) -> str:
    """A rate of the one rule as it is written: Decimal("50.2") → "50.2%"; None (no target, nothing to divide by) →
    "—"."""
    return NOTHING if value is None else f"{value}%"


def achievement_rate(cumulative: int, target: int | None) -> Decimal | None:
    """달성률 = cumulative result ÷ the year's target × 100 (DESIGN.md)."""
    return rate(cumulative, target)


def quarter_name(quarter: int) -> str:
    """A quarter as every page and document names it: "3분기"."""
    return _("%(quarter)s분기") % {"quarter": quarter}


def period_label(quarter: int) -> str:
    """How a cumulative period is named on the card: 1분기, 상반기, 3분기, and the whole year for Q4.

    The card itself says "2분기" in 2019 and "상반기" from 2020 on; we keep the later usage.
    """
    return {1: _("1분기"), 2: _("상반기"), 3: _("3분기"), 4: ""}[quarter]


def year_period_label(year: int, quarter: int) -> str:
    """'2019년 1분기', '2020년 상반기', '2019년' (the whole year)."""
    label = period_label(quarter)
    return _("%(year)s년 %(period)s") % {"year": year, "period": label} if label else _("%(year)s년") % {"year": year}


ON_TRACK, CAUTION, BEHIND = "on_track", "caution", "behind"
CAUTION_SHARE = Decimal("0.9")  # from 90% of the expected rate 주의, below that 부진


def expected_rate(earlier: dict[int, dict[int, Decimal]], quarter: int) -> tuple[Decimal, bool]:
    """What the rate should be by `quarter`: the mean of earlier complete years' rates by the same quarter
    (`earlier`: year → quarter → rate), or a linear pace (25% a quarter) when no earlier year can tell.
    Returns (expected rate, whether it came from earlier years)."""
    rates = [by_quarter[quarter] for by_quarter in earlier.values() if quarter in by_quarter]
    if not rates:
        return Decimal(25 * quarter), False
    return (sum(rates) / len(rates)).quantize(Decimal("0.1"), ROUND_HALF_UP), True


def pace_status(rate: Decimal | None, expected: Decimal) -> str | None:
    """순항 (on track) at or above the expected rate, 주의 (caution) from 90% of it, 부진 (behind) below."""
    if rate is None:
        return None
    if rate >= expected:
        return ON_TRACK
    return CAUTION if rate >= expected * CAUTION_SHARE else BEHIND


def projected_year_end(cumulative: int, quarter: int, earlier_shares: list[Decimal]) -> int:
    """The year-end result if the year goes on as earlier years did: the cumulative divided by the share of
    their final result those years had reached by this quarter; linear (÷ quarter × 4) without them."""
    if quarter == 4:
        return cumulative
    share = sum(earlier_shares) / len(earlier_shares) if earlier_shares else Decimal(quarter) / 4
    return int((Decimal(cumulative) / share).quantize(Decimal(1), ROUND_HALF_UP)) if share else cumulative


@dataclass(frozen=True)
class Amounts:
    """Secured and executed amounts (백만원). `executed` None means nothing executed yet (shown "—")."""

    secured: int
    executed: int | None

    @property
    def execution_rate(self) -> Decimal | None:
        return None if self.executed is None else rate(self.executed, self.secured)

    @property
    def over_secured(self) -> bool:
        return self.executed is not None and self.executed > self.secured

    def __add__(self, other: "Amounts") -> "Amounts":
        return Amounts(self.secured + other.secured, (self.executed or 0) + (other.executed or 0))


ZERO = Amounts(0, 0)


def total(amounts) -> Amounts:
    """A total row or column: executed of a planned cell counts as 0, as on the card."""
    return sum(amounts, ZERO)


def amounts_sum(pairs) -> Amounts | None:
    """The sum of (secured, executed) pairs; executed stays None (nothing executed yet, "—", never 0) when none of
    them has an executed figure, and the whole is None when there is no pair at all (no budget)."""
    pairs = list(pairs)
    if not pairs:
        return None
    executed = [pair[1] for pair in pairs if pair[1] is not None]
    return Amounts(sum(pair[0] for pair in pairs), sum(executed) if executed else None)
