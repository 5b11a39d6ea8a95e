"""The achievement dashboard's figures (달성률), from approved reports only, in a constant number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from . import calculations
from .models import (
    ALL_DEPARTMENTS,
    Department,
    Dimension,
    Pledge,
    QuarterlyReport,
)
from .plans import plan_years
from .selectors import PENDING, PeriodResult, period_results, report_periods
from .summaries import summary_department
from .summary_sql import PledgeReads, department_reads, pledge_reads

Status = QuarterlyReport.Status


class YearWithoutPlan(LookupError):
    """A year in which the pledge draws on no 세부사업 of a yearly plan (or no plan year at all: None)."""


@dataclass(frozen=True)
class Share:
    """One part of the year's result (a target group, a programme type, a department) against its target."""

    key: str
    label: str
    cumulative: int
    target: int | None

    @property
    def rate(self) -> Decimal | None:
        return calculations.achievement_rate(self.cumulative, self.target)


@dataclass(frozen=True)
class Achievement:
    year: int
    target: int | None
    quarter: int | None  # the latest quarter with approved figures
    cumulative: int
    expected: Decimal
    expected_from_history: bool
    history_years: tuple[int, ...]
    projected: int | None
    by_year: dict[int, tuple[int | None, ...]]  # year → cumulative by quarter (None: not approved), up to `year`
    available_years: tuple[int, ...]  # every year with a target or approved figures
    targets: dict[int, int]
    groups: tuple[Share, ...]
    types: tuple[Share, ...]
    pending: dict[str, int]  # the year's reports the person may see that do not count yet, by status

    @property
    def rate(self) -> Decimal | None:
        return calculations.achievement_rate(self.cumulative, self.target)

    @property
    def year_rows(self) -> list[tuple[int, tuple[int | None, ...], int | None]]:
        """(year, cumulative by quarter, target), the latest year first: the table beside the chart."""
        return [(year, values, self.targets.get(year)) for year, values in reversed(self.by_year.items())]

    @property
    def projected_rate(self) -> Decimal | None:
        return None if self.projected is None else calculations.achievement_rate(self.projected, self.target)

    @property
    def status(self) -> str | None:
        return calculations.pace_status(self.rate, self.expected) if self.quarter else None


def _by_year(periods: list[PeriodResult]) -> dict[int, tuple[int | None, ...]]:
    cumulative: dict[int, list[int | None]] = defaultdict(lambda: [None] * 4)
    for period in periods:
        cumulative[period.year][period.quarter - 1] = period.cumulative
    return {year: tuple(values) for year, values in sorted(cumulative.items())}


def _earlier_complete(by_year, targets, year) -> dict[int, tuple[int | None, ...]]:
    """Earlier years with a target and an approved fourth quarter: the ones that can tell a pace."""
    return {y: values for y, values in by_year.items() if y < year and values[3] and targets.get(y)}


def achievement(
    pledge: Pledge,
    year: int | None,
    user,
    *,
    today: datetime.date | None = None,
    through_quarter: int = 4,
) -> Achievement:
    """Everything the achievement dashboard shows for `year` (None: the latest of the pledge's plan years that
    has begun by `today`; a year the pledge has no plan for raises `YearWithoutPlan`). The district's total is for everyone; the
    breakdowns by group and type follow `visible_to` (staff see their own department's); `user` None is
    the public page, which shows the whole district's. `through_quarter` stops the year at a quarter (the
    quarterly report of an earlier quarter)."""
    department = summary_department(user)
    reads = pledge_reads(pledge, year, department, through_quarter, today or timezone.localdate())
    year, targets = reads.year, reads.targets
    rows = report_periods(pledge, user, totals=reads.totals)
    periods = period_results(pledge, targets, rows)
    by_year = _by_year(periods)
    available_years = tuple(reads.plan_years)
    if year is None or (year not in available_years and year not in plan_years(pledge.local_government_id)):
        raise YearWithoutPlan(year)  # never a year without a plan shown as if it were an empty one
    # What the selected year shows stops there: no later year, no later quarter (an official report of Q3).
    by_year = {
        y: v if y < year else v[:through_quarter] + (None,) * (4 - through_quarter)
        for y, v in by_year.items()
        if y <= year
    }
    by_year.setdefault(year, (None,) * 4)  # the chosen year has its row, dashes until something is approved
    by_year = dict(sorted(by_year.items()))
    year_periods = [p for p in periods if p.year == year and p.quarter <= through_quarter]
    latest = year_periods[-1] if year_periods else None
    earlier = _earlier_complete(by_year, targets, year)
    quarter = latest.quarter if latest else None
    history = {
        y: {q + 1: calculations.achievement_rate(v, targets[y]) for q, v in enumerate(values) if v is not None}
        for y, values in earlier.items()
    }
    expected, from_history = calculations.expected_rate(history, quarter or 1)
    shares = [
        Decimal(values[quarter - 1]) / values[3] for values in earlier.values() if quarter and values[quarter - 1]
    ]
    groups, types = _breakdowns(reads, department)
    return Achievement(
        year=year,
        target=targets.get(year),
        quarter=quarter,
        cumulative=latest.cumulative if latest else 0,
        expected=expected,
        expected_from_history=from_history,
        history_years=tuple(earlier),
        projected=calculations.projected_year_end(latest.cumulative, quarter, shares) if latest else None,
        by_year=by_year,
        targets=targets,
        available_years=available_years,
        groups=groups,
        types=types,
        pending={status: sum(row.get(status, 0) for row in rows if row["year"] == year) for status in PENDING},
    )


def _breakdowns(reads: PledgeReads, department: int | None) -> tuple[tuple[Share, ...], tuple[Share, ...]]:
    """The year's approved result by target group and by 부문, each beside its target: a group's target is the
    pledge's (계층별 목표); a 부문's is the sum of its 세부사업's targets, but only when every one of its active
    세부사업 has a target (a partial sum would overstate the rate; the same rule as a department's row). The rows
    are `department`'s (`summary_department`): the whole district for the public page, official reports and those
    who read every department (group and type totals are published; no department's rows are); staff read their
    department's."""
    jobs, group_names = reads.shares, reads.groups
    group, type_ = str(Dimension.GROUP), str(Dimension.TYPE)
    # A group's target is the district's: beside one department's figures it would mislead.
    year_targets = reads.group_targets.get(reads.year, {}) if department == ALL_DEPARTMENTS else {}
    targeted = [pk for pk in group_names if pk in year_targets]  # in the list's order
    groups = targeted + [pk for pk in group_names if (group, pk) in jobs and pk not in year_targets]
    return (
        tuple(Share(group_names[pk], group_names[pk], jobs.get((group, pk), 0), year_targets.get(pk)) for pk in groups),
        tuple(
            Share(name, name, jobs.get((type_, pk), 0), _type_target(reads.type_plans.get(pk)))
            for pk, name in reads.types
            if (type_, pk) in jobs or pk in reads.type_plans
        ),
    )


def _type_target(plan: tuple[int, int] | None) -> int | None:
    """A 부문's target: the sum of its 세부사업's, when every one has one."""
    return None if plan is None or plan[1] else plan[0]


@dataclass(frozen=True)
class DepartmentResult:
    """One department's row of a pledge's year: its approved result (`cumulative`) and the sum of its 세부사업's
    targets when every active one has one (`target`, else None)."""

    pk: int
    name: str
    cumulative: int
    target: int | None

    @property
    def rate(self) -> Decimal | None:
        return calculations.achievement_rate(self.cumulative, self.target)


def department_achievement(
    pledge: Pledge, year: int, user, through_quarter: int = 4, departments=None
) -> list[DepartmentResult]:
    """Departments the person may see (`user` None: all, for official reports; `departments`: a queryset of
    departments to keep, e.g. a name filter's), in the departments' order, each with the year's approved result of
    the pledge's 세부사업 through `through_quarter`, its target and its 달성률 (`DepartmentResult`); those with neither
    a summary row of results nor of targets are left out. Two small queries (the departments, and both summaries in
    one statement), whatever the number of result lines; the rows are few, so the table sorts and pages them in
    Python."""
    scope = Department.objects.filter(local_government_id=pledge.local_government_id)
    scope = scope if user is None else scope.filter(Department.objects.visibility(user))
    if departments is not None:
        scope &= departments  # one WHERE, not a subquery
    names = scope.order_by("sort_order", "name")
    results, plan = department_reads(pledge, year, through_quarter)
    return [
        DepartmentResult(pk, name, results.get(pk, 0), _department_target(plan.get(pk)))
        for pk, name in names.values_list("pk", "name")
        if pk in results or pk in plan
    ]


def _department_target(plan: tuple[int, int] | None) -> int | None:
    """A department's target: the sum of its active 세부사업's, when every one has one (a partial sum would
    overstate the rate) and it is more than nothing."""
    return None if plan is None or plan[1] or not plan[0] else plan[0]
