"""The one rule for every rate in the product (달성률, 집행률), and the words for a period."""

from decimal import Decimal

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


def achievement_rate(cumulative: int, target: int | None) -> Decimal | None:
    """달성률 = cumulative result ÷ the year's target × 100 (DESIGN.md)."""
    return rate(cumulative, target)


def period_label(quarter: int) -> str:
    """How a cumulative period is named on the card: 1분기, 상반기, 3분기, and the whole year for Q4.

    The card itself says "2분기" in 2019 and "상반기" from 2020 on; we keep the later usage.
    """
    return {1: _("1분기"), 2: _("상반기"), 3: _("3분기"), 4: ""}[quarter]


def year_period_label(year: int, quarter: int) -> str:
    """'2019년 1분기', '2020년 상반기', '2019년' (the whole year)."""
    label = period_label(quarter)
    return _("%(year)s년 %(period)s") % {"year": year, "period": label} if label else _("%(year)s년") % {"year": year}
