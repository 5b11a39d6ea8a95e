"""Reads of the job plan: which years have a plan, which year a page opens on, and what a department reports on
in a year. The default year of every page is decided here and nowhere else."""

import datetime
from collections.abc import Iterable

from .models import Department, LocalGovernment, Programme, YearPlan


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
