"""The achievement dashboard's figures (달성률), from approved reports only, in a constant number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    BigIntegerField,
    Sum,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

from . import calculations
from .models import (
    ALL_DEPARTMENTS,
    AnnualTarget,
    Department,
    Dimension,
    Pledge,
    ProgrammeType,
    QuarterlyReport,
    ResultSummary,
    TargetGroup,
    TargetSummary,
)
from .plans import default_year, plan_years, pledge_years
from .selectors import PENDING, PeriodResult, period_results, report_periods
from .summaries import summary_department

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
    pledge_targets = list(
        AnnualTarget.objects.filter(pledge=pledge)
        .select_related("target_group")
        .order_by("year", "target_group__sort_order")
    )
    targets = {t.year: t.jobs for t in pledge_targets if t.target_group_id is None}
    rows = list(report_periods(pledge, user))
    periods = period_results(pledge, targets, rows)
    by_year = _by_year(periods)
    available_years = tuple(pledge_years(pledge))
    if year is None:
        year = default_year(available_years, today or timezone.localdate())
    if year not in available_years and year not in plan_years(pledge.local_government_id):
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
    year_groups = [t for t in pledge_targets if t.year == year and t.target_group_id is not None]
    groups, types = _breakdowns(pledge, year, user, year_groups, through_quarter)
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


def _breakdowns(
    pledge, year, user, group_target_rows, through_quarter=4
) -> tuple[tuple[Share, ...], tuple[Share, ...]]:
    """The year's approved result by target group and by 부문, each beside its target: a group's target is the
    pledge's (계층별 목표); a 부문's is the sum of its 세부사업's targets, but only when every one of its active
    세부사업 has a target (a partial sum would overstate the rate; the same rule as a department's row). `user` None:
    the whole district, for the public page and official reports (group and type totals are published; no
    department's rows are); staff read their department's. `group_target_rows`: the pledge's group targets of the
    year (계층별 목표). Two small queries (the summaries and the two lists), whatever the number of result lines."""
    department = summary_department(user)
    jobs, plan = _share_summaries(pledge, year, department, through_quarter)
    type_names, group_names = _member_names(pledge.local_government_id)

    # A group's target is the district's: beside one department's figures it would mislead.
    whole_district = department == ALL_DEPARTMENTS
    group_targets = {t.target_group_id: t.jobs for t in group_target_rows} if whole_district else {}
    groups = [pk for pk in group_targets] + [
        pk for pk in group_names if (Dimension.GROUP, pk) in jobs and pk not in group_targets
    ]
    types = [pk for pk, _name in type_names if (Dimension.TYPE, pk) in jobs or (Dimension.TYPE, pk) in plan]
    return (
        tuple(
            Share(group_names[pk], group_names[pk], jobs.get((Dimension.GROUP, pk), 0), group_targets.get(pk))
            for pk in groups
        ),
        tuple(
            Share(name, name, jobs.get((Dimension.TYPE, pk), 0), _type_target(plan.get((Dimension.TYPE, pk))))
            for pk, name in type_names
            if pk in types
        ),
    )


def _share_summaries(pledge, year, department, through_quarter) -> tuple[dict, dict]:
    """The year's approved results by 부문 and 대상 through the quarter ({(dimension, member): jobs}) and each 부문's
    (target, untargeted) ({(dimension, member): …}), for `department`'s rows."""
    scope = {"pledge": pledge, "year": year, "department": department}
    return _summaries(
        ("dimension", "member"),
        ResultSummary.objects.filter(
            **scope, quarter__lte=through_quarter, dimension__in=[Dimension.TYPE, Dimension.GROUP]
        ),
        TargetSummary.objects.filter(**scope, dimension=Dimension.TYPE),
    )


def _summaries(key: tuple[str, ...], results, plan) -> tuple[dict, dict]:
    """The approved results of `results` summed by the fields of `key`, and the (target, untargeted) of `plan`'s
    rows, each keyed by those fields (one field: its value; several: a tuple), in one query (a UNION; 0 tags a result
    row, 1 a target row). Whole numbers on every database (PostgreSQL sums a bigint into numeric)."""
    results = (
        results.order_by()
        .values(*key)
        .annotate(kind=Value(0), first=Cast(Sum("jobs"), output_field=BigIntegerField()), second=Value(0))
        .values_list("kind", *key, "first", "second")
    )
    plan = plan.order_by().annotate(kind=Value(1)).values_list("kind", *key, "target", "untargeted")
    found: tuple[dict, dict] = ({}, {})
    for kind, *keys, first, second in results.union(plan, all=True):
        place = tuple(keys) if len(keys) > 1 else keys[0]
        found[kind][place] = int(first or 0) if kind == 0 else (int(first), int(second))
    return found


def _member_names(government: int) -> tuple[list[tuple[int, str]], dict[int, str]]:
    """The government's 부문 as (pk, name) and its 대상 as {pk: name}, each in its list's order: one query."""
    types = ProgrammeType.objects.filter(local_government_id=government).annotate(kind=Value(0))
    groups = TargetGroup.objects.filter(local_government_id=government).annotate(kind=Value(1))
    columns = ("kind", "sort_order", "name", "pk")
    found: tuple[list, list] = ([], [])
    for kind, _order, name, pk in (
        types.order_by().values_list(*columns).union(groups.order_by().values_list(*columns), all=True)
    ).order_by("kind", "sort_order", "name"):
        found[kind].append((pk, name))
    return found[0], dict(found[1])


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
    a summary row of results nor of targets are left out. Three small queries (the departments and the two
    summaries), whatever the number of result lines; the rows are few, so the table sorts and pages them in Python."""
    scope = Department.objects.filter(local_government_id=pledge.local_government_id)
    scope = scope if user is None else scope.filter(Department.objects.visibility(user))
    if departments is not None:
        scope = scope.filter(pk__in=departments.values("pk"))
    names = scope.order_by("sort_order", "name")
    results, plan = _department_summaries(pledge, year, through_quarter)
    return [
        DepartmentResult(pk, name, results.get(pk, 0), _department_target(plan.get(pk)))
        for pk, name in names.values_list("pk", "name")
        if pk in results or pk in plan
    ]


def _department_summaries(pledge: Pledge, year: int, through_quarter: int) -> tuple[dict, dict]:
    """Each department's approved result of the year through the quarter, and its (target, untargeted)."""
    summary = {"pledge": pledge, "year": year, "dimension": Dimension.TOTAL}
    return _summaries(
        ("department",),
        ResultSummary.objects.filter(**summary, quarter__lte=through_quarter).exclude(department=ALL_DEPARTMENTS),
        TargetSummary.objects.filter(**summary).exclude(department=ALL_DEPARTMENTS),
    )


def _department_target(plan: tuple[int, int] | None) -> int | None:
    """A department's target: the sum of its active 세부사업's, when every one has one (a partial sum would
    overstate the rate) and it is more than nothing."""
    return None if plan is None or plan[1] or not plan[0] else plan[0]
