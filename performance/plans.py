"""Reads of the job plan: which years have a plan, which year a page opens on, and what a department reports on
in a year. The default year of every page is decided here and nowhere else."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from .models import QUARTERS, Department, LocalGovernment, Programme, YearPlan
from .periods import quarter_end

NO_PLAN = _("%(year)s년에는 연차별 세부계획이 없어 실적을 입력할 수 없습니다.")
NOT_ENDED = _("%(year)s년 %(quarter)s분기는 아직 끝나지 않아 실적을 입력할 수 없습니다. 분기가 끝난 뒤 입력하세요.")


def plan_programmes(departments: Department | Iterable[Department], year: int):
    """The active 세부사업 of a department (or of several) in the year's plan: what it reports on that year — the
    rows of the entry form and of the Excel template, and so the rows an upload must have."""
    if isinstance(departments, Department):
        departments = [departments]
    return Programme.objects.filter(department__in=departments, year_plan__year=year, is_active=True)


def plan_years(government: LocalGovernment | int) -> list[int]:
    """The years the local government has a yearly plan for, oldest first."""
    return list(YearPlan.objects.filter(local_government=government).order_by("year").values_list("year", flat=True))


def default_year(years: list[int] | set[int], today: datetime.date) -> int | None:
    """The latest of `years` that has begun by `today` (the first of them when none has); None without any.
    A page never opens on a year without a plan as if it were an empty one."""
    begun = [year for year in years if year <= today.year]
    if begun:
        return max(begun)
    return min(years) if years else None


# 부문 as the Ministry of Employment and Labor lists them; every local government's list starts with these.
MINISTRY_PROGRAMME_TYPES = (
    "직접일자리",
    "직업능력개발훈련",
    "고용서비스",
    "고용장려금",
    "창업지원",
    "일자리 인프라 구축",
)


def pledge_years(pledge) -> list[int]:
    """The years a pledge has a plan for: those whose yearly plan holds 세부사업 it draws on, oldest first."""
    rows = Programme.objects.filter(pledge_links__pledge=pledge).order_by().values_list("year_plan__year", flat=True)
    return sorted(set(rows.distinct()))


def ended_plan_periods(government: LocalGovernment | int, today: datetime.date) -> list[tuple[int, int]]:
    """Every quarter of the government's plan years that has ended by `today`, oldest first: what can be reported."""
    return [
        (year, quarter) for year in plan_years(government) for quarter in QUARTERS if quarter_end(year, quarter) < today
    ]


def period_refusal(government: LocalGovernment | int, year: int, quarter: int, today: datetime.date) -> str | None:
    """Why a quarter cannot be reported (a Korean sentence), or None when it can: it must have ended and belong
    to a year with a plan."""
    if year not in plan_years(government):
        return str(NO_PLAN % {"year": year})
    if quarter_end(year, quarter) >= today:
        return str(NOT_ENDED % {"year": year, "quarter": quarter})
    return None


def reporting_default(government: LocalGovernment | int, today: datetime.date) -> tuple[int, int] | None:
    """The quarter a board opens on: the latest ended quarter of a plan year (None without any)."""
    periods = ended_plan_periods(government, today)
    return periods[-1] if periods else None
