"""The two employment indicators every job plan sets, their units and the half-years their results come in.

One home for how an indicator's figure is read and written: 고용률 (15–64세) in % with one decimal; 취업자 수 in
천명 with one decimal, as 통계청's 지역별고용조사 publishes it for a 시군구 (KOSIS "취업자 (천명)") — stored as the
source gives it, never converted to 명, and the unit said beside every figure."""

import datetime
import re
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from performance.calculations import NOTHING


class Indicator(models.TextChoices):
    EMPLOYMENT_RATE = "employment_rate", _("고용률(15~64세)")
    EMPLOYED = "employed", _("취업자 수")


UNITS = {Indicator.EMPLOYMENT_RATE: "%", Indicator.EMPLOYED: _("천명")}
# Sane bounds: a rate is a percentage; a district's employed, in thousands, stays far below ten million.
BOUNDS = {
    Indicator.EMPLOYMENT_RATE: (Decimal("0"), Decimal("100")),
    Indicator.EMPLOYED: (Decimal("0"), Decimal("9999.9")),
}


class Half(models.IntegerChoices):
    FIRST = 1, _("상반기")
    SECOND = 2, _("하반기")


class TargetKind(models.TextChoices):
    RAISE = "raise", _("목표치")  # raise the indicator to the value
    KEEP = "keep", _("유지")  # keep it at least at the value


def label_with_unit(indicator: str) -> str:
    return f"{Indicator(indicator).label}({UNITS[Indicator(indicator)]})"


def figure(value: Decimal | None, indicator: str) -> str:
    """An indicator's figure as every page writes it: 66.2% · 125.4천명 (thousands separators); None → "—"."""
    if value is None:
        return NOTHING
    return f"{value:,.1f}{UNITS[Indicator(indicator)]}"


def target_text(kind: str, value: Decimal, indicator: str) -> str:
    """A target as every page, document and history writes it: 66.2% · 125.4천명, or "66.2% 이상 유지" for a target
    to keep the indicator at least at the value."""
    text = figure(value, indicator)
    return _("%(value)s 이상 유지") % {"value": text} if kind == TargetKind.KEEP else text


def half_label(year: int, half: int) -> str:
    """A half-year as every page names it: "2025년 하반기"."""
    return _("%(year)s년 %(half)s") % {"year": year, "half": Half(half).label}


def expected_publication(year: int, half: int) -> datetime.date:
    """When 통계청 publishes a half-year's 시군구 figures: the first half around August, the second around the
    February after (the last day of that month is taken, so a figure is "late" only once the month is over)."""
    return datetime.date(year, 8, 31) if half == Half.FIRST else datetime.date(year + 1, 2, 28)


_DECIMAL_TEXT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", re.ASCII)
VALUE_ERRORS = {
    "not_number": _("숫자만 입력하세요(예: 66.2). 단위나 글자는 빼세요."),
    "too_precise": _("소수 첫째 자리까지만 입력하세요(예: 66.2)."),
    "out_of_range": _("%(low)s~%(high)s 사이의 값이어야 합니다."),
}


def parse_value(text, indicator: str) -> tuple[Decimal | None, str | None]:
    """A figure typed in a form or read from a CSV cell: "66.2", "1,234.5" → (Decimal, None); "" → (None, None);
    otherwise (None, a Korean message). At most one decimal, within the indicator's bounds."""
    text = "".join(str(text if text is not None else "").split())
    if not text:
        return None, None
    match = _DECIMAL_TEXT.fullmatch(text)
    if match is None:
        return None, str(VALUE_ERRORS["not_number"])
    whole, decimals = match.groups()
    if decimals and len(decimals.rstrip("0")) > 1:
        return None, str(VALUE_ERRORS["too_precise"])
    value = Decimal(f"{whole.replace(',', '')}.{decimals or '0'}").quantize(Decimal("0.1"))
    low, high = BOUNDS[Indicator(indicator)]
    if not low <= value <= high:
        return None, str(VALUE_ERRORS["out_of_range"]) % {"low": f"{low:,}", "high": f"{high:,}"}
    return value, None
