"""The rules for a figure a person enters: errors that refuse it, warnings that need a tick."""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Avg, Sum
from django.http import Http404
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from .models import MAX_JOBS, AnnualTarget, Department, Programme, QuarterlyReportLine
from .models.plans import FIRST_YEAR, LAST_YEAR
from .plans import plan_programmes

# What is wrong with a typed figure, by code; the web form and the Excel reader share these.
NUMBER_ERRORS = {
    "formula": gettext_lazy(
        "수식은 사용할 수 없습니다. 숫자를 입력하세요. 다른 곳에서 복사했다면 '값만 붙여넣기'를 쓰세요."
    ),
    "negative": gettext_lazy("음수는 입력할 수 없습니다. 0 이상의 정수를 입력하세요."),
    "not_whole": gettext_lazy("소수는 입력할 수 없습니다. 인원(명)을 정수로 입력하세요."),
    "too_large": format_lazy(
        gettext_lazy("{max}명을 넘는 값은 입력할 수 없습니다. 숫자와 단위(명)를 다시 확인하세요."), max=f"{MAX_JOBS:,}"
    ),
    "not_number": gettext_lazy(
        "숫자만 입력하세요(예: 12). '명' 같은 글자나 기호는 빼고, 실적이 없으면 빈칸으로 두세요."
    ),
}
_NUMBER_TEXT = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", re.ASCII)
_MAX_DIGITS = 15  # longer digit strings are far out of any bound; int() of thousands of digits is slow or refused
FAR_FROM_EARLIER_YEARS = gettext_lazy(
    "%(name)s: %(value)s명은 예년 같은 분기 평균 %(average)s명과 차이가 큽니다. 단위와 숫자를 확인하세요."
)
LEFT_EMPTY = gettext_lazy("%(name)s: 실적을 입력하지 않았습니다. 실적이 없으면 0을 입력하세요.")
FAR_ABOVE_TARGET = gettext_lazy(
    "%(name)s: 올해 누계 %(total)s명이 연간 목표 %(target)s명보다 크게 많습니다. 중복 입력이 아닌지 확인하세요."
)

FAR_FACTOR = 3  # more than 3× or less than a third of the same quarter in earlier years
OVER_TARGET_FACTOR = 1.5  # a cumulative 50% above the annual target


def whole_number_from_text(text: str) -> tuple[int | None, str | None]:
    """Digits typed or pasted as text: "1,234", " 12 ", "12.0" → (number, None); "" → (None, None);
    otherwise (None, an error code of NUMBER_ERRORS). A formula read without its result is text "=…"."""
    text = "".join(text.split())
    if not text:
        return None, None
    if text.startswith("="):
        return None, "formula"
    match = _NUMBER_TEXT.fullmatch(text)
    if match is None:
        return None, "not_number"
    sign, digits, decimals = match.groups()
    if decimals and decimals.strip("0"):
        return None, "not_whole"
    digits = digits.replace(",", "")
    number = int(digits) if len(digits) <= _MAX_DIGITS else 10**_MAX_DIGITS
    return (-number if sign == "-" else number), None


MAX_ID = 2**63 - 1  # the databases' largest integer key; a longer digit string would overflow the query
YEARS = (FIRST_YEAR, LAST_YEAR)  # the one year range (the models' YEAR_VALIDATORS); messages name it from here
YEAR_OUT_OF_RANGE = format_lazy(
    gettext_lazy("{first}년부터 {last}년 사이의 연도를 입력하세요."), first=FIRST_YEAR, last=LAST_YEAR
)


def whole_in_range(text, low: int = 0, high: int = MAX_ID) -> int | None:
    """A number from a URL or a hidden field (an id, a year, a version): ASCII digits only ("²" is a digit to
    str.isdigit but not to int) within `low`…`high`, else None. The one check every view uses before a query."""
    text = str(text if text is not None else "")
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(high)):
        return None
    number = int(text)
    return number if low <= number <= high else None


def year_from_text(text) -> int | None:
    return whole_in_range(text, *YEARS)


def year_from_query(query) -> int | None:
    """A page's `?year=`, parsed the one way every page does: None when absent (the page opens on its default year),
    the year when it names one of YEARS, and 404 when it names none ("abc", "1999")."""
    raw = query.get("year", "")
    year = year_from_text(raw)
    if raw and year is None:
        raise Http404("no such year")
    return year


def period_from_text(year, quarter) -> tuple[int, int] | None:
    """A year and a quarter from a query or a form, or None when either is not one."""
    period = (year_from_text(year), whole_in_range(quarter, 1, 4))
    return None if None in period else period


def jobs_range_error(jobs: int) -> str | None:
    """A whole number of jobs must be 0 … MAX_JOBS; the error code otherwise."""
    if jobs < 0:
        return "negative"
    return "too_large" if jobs > MAX_JOBS else None


def parse_jobs(raw) -> int | None:
    """A figure typed in the web form: empty → None; "1,234" → 1234; anything else that is not a whole
    number from 0 to MAX_JOBS is refused with the shared message."""
    number, code = whole_number_from_text(str(raw if raw is not None else ""))
    if code is None and number is not None:
        code = jobs_range_error(number)
    if code is not None:
        raise ValidationError(NUMBER_ERRORS[code], code=code)
    return number


@dataclass(frozen=True)
class EntryWarning:
    programme_id: int | None
    message: str


def entry_warnings(
    department: Department, year: int, quarter: int, values: dict[int, int | None]
) -> list[EntryWarning]:
    """Warnings for a department's figures of a quarter, before submitting (none of them refuses)."""
    programmes = list(plan_programmes(department, year).select_related("target_group"))
    return (
        _empty_programmes(programmes, values)
        + _far_from_earlier_years(programmes, year, quarter, values)
        + _above_targets(department, programmes, year, quarter, values)
    )


def _empty_programmes(programmes: list[Programme], values) -> list[EntryWarning]:
    return [EntryWarning(p.pk, LEFT_EMPTY % {"name": p.name}) for p in programmes if values.get(p.pk) is None]


def _far_from_earlier_years(programmes, year, quarter, values) -> list[EntryWarning]:
    earlier = dict(
        QuarterlyReportLine.objects.approved()
        .filter(
            programme__lineage__in=[programme.lineage_id for programme in programmes],
            report__quarter=quarter,
            report__year__lt=year,
        )
        .values_list("programme__lineage")
        .annotate(average=Avg("jobs"))
    )
    warnings = []
    for programme in programmes:
        value, average = values.get(programme.pk), earlier.get(programme.lineage_id)
        if value is None or not average:
            continue
        if value > FAR_FACTOR * average or value * FAR_FACTOR < average:
            warnings.append(
                EntryWarning(
                    programme.pk,
                    FAR_FROM_EARLIER_YEARS
                    % {"name": programme.name, "value": f"{value:,}", "average": f"{round(average):,}"},
                )
            )
    return warnings


def _above_targets(department, programmes, year, quarter, values) -> list[EntryWarning]:
    """A programme's or a target group's cumulative far above its annual target, counting this entry."""
    approved = (
        QuarterlyReportLine.objects.approved()
        .filter(report__year=year, report__quarter__lte=quarter)
        .exclude(report__department=department, report__quarter=quarter)
    )
    by_programme = dict(approved.filter(programme__in=programmes).values_list("programme").annotate(t=Sum("jobs")))
    groups = {p.target_group_id for p in programmes}
    by_group = dict(
        approved.filter(programme__target_group__in=groups)
        .values_list("programme__target_group")
        .annotate(t=Sum("jobs"))
    )
    entered_by_group = defaultdict(int)
    for programme in programmes:
        entered_by_group[programme.target_group_id] += values.get(programme.pk) or 0
    targets = AnnualTarget.objects.filter(year=year, pledge__local_government_id=department.local_government_id)
    warnings = []
    for programme in programmes:
        total = by_programme.get(programme.pk, 0) + (values.get(programme.pk) or 0)
        if programme.jobs_target is not None and total > OVER_TARGET_FACTOR * programme.jobs_target:
            warnings.append(_over_target(programme.pk, programme.name, total, programme.jobs_target))
    for target in targets.filter(target_group__in=groups).select_related("target_group"):
        total = by_group.get(target.target_group_id, 0) + entered_by_group[target.target_group_id]
        if total > OVER_TARGET_FACTOR * target.jobs:
            warnings.append(_over_target(None, target.target_group.name, total, target.jobs))
    return warnings


def _over_target(programme_id, name, total, target) -> EntryWarning:
    return EntryWarning(
        programme_id,
        FAR_ABOVE_TARGET % {"name": name, "total": f"{total:,}", "target": f"{target:,}"},
    )
