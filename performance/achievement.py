"""The achievement dashboard's figures (달성률), from approved reports only, in a constant number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import calculations
from .access import sees_all_departments
from .models import AnnualTarget, Department, Pledge, Programme, QuarterlyReport, QuarterlyReportLine
from .plans import default_year, plan_years, pledge_years
from .selectors import PENDING, PeriodResult, approved_lines, period_results, report_periods

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
    pledge's (계층별 목표); a 부문's is the sum of its 세부사업's targets, but only when every one of its 세부사업
    with results has a target (a partial sum would overstate the rate). `user` None: the whole district, for the
    public page and official reports (group and type totals are published; no department's rows are).
    `group_target_rows`: the pledge's group targets of the year (계층별 목표). Two
    queries, grouped by group and type, whatever the number of result lines."""
    whole_district = user is None or sees_all_departments(user)
    lines = approved_lines(pledge) if user is None else approved_lines(pledge).visible_to(user)
    rows = (
        lines.filter(report__year=year, report__quarter__lte=through_quarter)
        .order_by()
        .values(
            "programme__target_group__name",
            "programme__target_group__sort_order",
            "programme__programme_type__name",
            "programme__programme_type__sort_order",
        )
        .annotate(
            jobs_sum=Sum("jobs"),
            untargeted=Count("programme", distinct=True, filter=Q(programme__jobs_target__isnull=True)),
        )
    )
    jobs, order, present, untargeted = defaultdict(int), {}, set(), defaultdict(int)
    for row in rows:
        group, programme_type = row["programme__target_group__name"], row["programme__programme_type__name"]
        order[("group", group)] = row["programme__target_group__sort_order"]
        order[("type", programme_type)] = row["programme__programme_type__sort_order"]
        jobs[("group", group)] += row["jobs_sum"] or 0
        jobs[("type", programme_type)] += row["jobs_sum"] or 0
        present |= {("group", group), ("type", programme_type)}
        untargeted[programme_type] += row["untargeted"]
    type_targets = {}
    for row in _type_targets(pledge, year, user):
        order[("type", row["programme_type__name"])] = row["programme_type__sort_order"]
        present.add(("type", row["programme_type__name"]))
        type_targets[row["programme_type__name"]] = row["jobs"]

    # A group's target is the district's: beside one department's figures it would mislead.
    group_targets = {t.target_group.name: t.jobs for t in group_target_rows} if whole_district else {}
    group_names = list(group_targets) + sorted(
        (key[1] for key in present if key[0] == "group" and key[1] not in group_targets),
        key=lambda name: order[("group", name)],
    )
    groups = tuple(Share(n, n, jobs.get(("group", n), 0), group_targets.get(n)) for n in group_names)
    type_names = sorted((key[1] for key in present if key[0] == "type"), key=lambda name: order[("type", name)])
    types = tuple(
        Share(name, name, jobs[("type", name)], None if untargeted[name] else type_targets.get(name))
        for name in type_names
    )
    return groups, types


def _type_targets(pledge, year, user):
    """Per 부문, the sum of the year's targets of the pledge's 세부사업 the person may see (`user` None: all)."""
    programmes = Programme.objects.all() if user is None else Programme.objects.visible_to(user)
    return (
        programmes.filter(pledge_links__pledge=pledge, year_plan__year=year, jobs_target__isnull=False)
        .order_by()
        .values("programme_type__name", "programme_type__sort_order")
        .annotate(jobs=Sum("jobs_target"))
    )


def _summed(queryset, field: str):
    """A correlated SUM's inner query: one row, the total (null when there is nothing to add)."""
    return queryset.order_by().annotate(_group=Value(1)).values("_group").annotate(total=Sum(field)).values("total")


def _sum_subquery(queryset, field: str):
    """A correlated SUM for annotating one row per department (0 when there is nothing to add)."""
    return Coalesce(Subquery(_summed(queryset, field), output_field=IntegerField()), 0)


def _count_subquery(queryset):
    counted = queryset.order_by().annotate(_group=Value(1)).values("_group").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def department_achievement(pledge: Pledge, year: int, user, through_quarter: int = 4):
    """Departments the person may see (`user` None: all, for official reports), each with the year's approved
    result of the pledge's 세부사업 (`cumulative`), the sum of their targets when every active one has one (`target`)
    and the row's 달성률 (`rate`, a Decimal by the one rule, computed in SQL so that the table sorts by the rate it
    shows); a queryset, so that the table can sort, filter and page it in the database."""
    lines = QuarterlyReportLine.objects.approved().filter(
        report__department=OuterRef("pk"),
        report__year=year,
        report__quarter__lte=through_quarter,
        programme__pledge_links__pledge=pledge,
    )
    programmes = Programme.objects.filter(
        pledge_links__pledge=pledge, year_plan__year=year, department=OuterRef("pk"), is_active=True
    )
    targets = programmes.filter(jobs_target__isnull=False)
    untargeted = programmes.filter(jobs_target__isnull=True)
    scope = Department.objects.all() if user is None else Department.objects.visible_to(user)
    return (
        scope.filter(
            Exists(
                Programme.objects.filter(pledge_links__pledge=pledge, year_plan__year=year, department=OuterRef("pk"))
            ),
            local_government_id=pledge.local_government_id,
        )
        .annotate(
            cumulative=_sum_subquery(lines, "jobs"),
            target_sum=_sum_subquery(targets, "jobs_target"),
            untargeted=_count_subquery(untargeted),
        )
        .annotate(
            target=Case(When(untargeted=0, target_sum__gt=0, then=F("target_sum")), default=None),
        )
        .annotate(rate=calculations.rate_sql("cumulative", "target"))
        .order_by("sort_order", "name")
    )
