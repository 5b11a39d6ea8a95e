"""The results of a whole yearly plan (every 세부사업 of the year, the whole government's), for the plan's official
documents: the 세부사업's approved results through a quarter, summed by 부문, 대상 and department, each beside its
target, and the term's trend year by year.

Approved figures only (`ResultsQuerySet.approved`). A part's target follows the dashboard's rule
(`performance.achievement`): the sum of its active 세부사업's targets when every one of them has a target (a partial
sum would overstate the rate), else none, shown "—". So a plan whose 세부사업 are all linked to one pledge shows
exactly that pledge's dashboard figures (tests/performance/test_plan_results.py checks it).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BigIntegerField, F, Max, Sum
from django.db.models.functions import Cast
from django.utils.translation import gettext

from .achievement import Share
from .calculations import achievement_rate
from .models import Programme, ProgrammeLineage, QuarterlyReportLine, TermPlan, YearPlan


@dataclass(frozen=True)
class ProgrammeResult:
    """One 세부사업's approved result of the year against its target."""

    programme: Programme
    cumulative: int

    @property
    def target(self) -> int | None:
        return self.programme.jobs_target

    @property
    def rate(self) -> Decimal | None:
        return achievement_rate(self.cumulative, self.target)


@dataclass(frozen=True)
class PlanResults:
    plan: YearPlan
    through_quarter: int
    by_quarter: tuple[int | None, ...]  # cumulative through each quarter (None: nothing approved for it)
    programmes: tuple[ProgrammeResult, ...]
    by_type: tuple[Share, ...]
    by_group: tuple[Share, ...]
    by_department: tuple[Share, ...]
    total: Share

    @property
    def quarter(self) -> int | None:
        """The latest quarter with approved figures (None: nothing approved yet)."""
        found = [number for number, value in enumerate(self.by_quarter, start=1) if value is not None]
        return found[-1] if found else None


def part_target(programmes) -> int | None:
    """A part's target: the sum of its active 세부사업's targets when every one has one (the dashboard's rule)."""
    active = [p for p in programmes if p.is_active]
    if not active or any(p.jobs_target is None for p in active):
        return None
    return sum(p.jobs_target for p in active) or None


def _approved(plan: YearPlan, through_quarter: int):
    return QuarterlyReportLine.objects.approved().filter(
        programme__year_plan=plan, report__year=plan.year, report__quarter__lte=through_quarter
    )


def _sum(rows, key: str) -> dict:
    summed = rows.order_by().values(key).annotate(total=Cast(Sum("jobs"), output_field=BigIntegerField()))
    return {row[key]: int(row["total"] or 0) for row in summed}


def plan_results(plan: YearPlan, through_quarter: int = 4) -> PlanResults:
    """The plan's approved results through `through_quarter`, by 세부사업, 부문, 대상 and department: three queries
    (the 세부사업 and the approved jobs by 세부사업 and by quarter), whatever the number of lines."""
    programmes = list(
        Programme.objects.filter(year_plan=plan)
        .select_related("department", "programme_type", "target_group", "task__strategy")
        .order_by("department__sort_order", "sort_order", "name")
    )
    lines = _approved(plan, through_quarter)
    jobs = _sum(lines, "programme")
    quarters = _sum(lines, "report__quarter")
    running, by_quarter = 0, []
    for quarter in range(1, 5):
        if quarter in quarters:
            running += quarters[quarter]
        by_quarter.append(running if quarter in quarters else None)
    results = tuple(ProgrammeResult(p, jobs.get(p.pk, 0)) for p in programmes)
    return PlanResults(
        plan=plan,
        through_quarter=through_quarter,
        by_quarter=tuple(by_quarter),
        programmes=results,
        by_type=_shares(results, lambda p: p.programme_type),
        by_group=_shares(results, lambda p: p.target_group),
        by_department=_shares(results, lambda p: p.department),
        total=Share("total", gettext("계"), sum(r.cumulative for r in results), part_target(programmes)),
    )


def _shares(results: tuple[ProgrammeResult, ...], part) -> tuple[Share, ...]:
    """The results summed by `part` (a 부문, 대상 or department of each 세부사업), in that list's order."""
    members = defaultdict(list)
    for result in results:
        members[part(result.programme)].append(result)
    ordered = sorted(members, key=lambda item: (item.sort_order, item.name))
    return tuple(
        Share(
            str(item.pk),
            item.name,
            sum(r.cumulative for r in members[item]),
            part_target([r.programme for r in members[item]]),
        )
        for item in ordered
    )


@dataclass(frozen=True)
class TrendYear:
    """One year of a term: its plan's target (as `part_target`), the approved result of the year and the rate."""

    year: int
    has_plan: bool
    target: int | None
    cumulative: int | None  # None: nothing approved for the year

    @property
    def rate(self) -> Decimal | None:
        return None if self.cumulative is None else achievement_rate(self.cumulative, self.target)


def term_trend(term: TermPlan, last_year: int | None = None) -> tuple[TrendYear, ...]:
    """The term's years up to `last_year` (its last by default): each plan's target and approved result. Two queries."""
    last_year = term.last_year if last_year is None else min(last_year, term.last_year)
    programmes = defaultdict(list)
    for programme in Programme.objects.filter(year_plan__term=term).select_related("year_plan"):
        programmes[programme.year_plan.year].append(programme)
    plans = set(YearPlan.objects.filter(term=term).values_list("year", flat=True))
    approved = QuarterlyReportLine.objects.approved().filter(
        programme__year_plan__term=term, report__year=F("programme__year_plan__year"), report__year__lte=last_year
    )
    jobs = _sum(approved, "report__year")
    return tuple(
        TrendYear(year, year in plans, part_target(programmes[year]), jobs.get(year))
        for year in range(term.first_year, last_year + 1)
    )


@dataclass(frozen=True)
class LineageYear:
    """One year of a 세부사업's lineage: that year's row (department, 부문, 대상, target, budget) and its approved
    result of the year."""

    programme: Programme
    cumulative: int
    through_quarter: int | None  # the latest quarter with an approved line of the row (None: nothing approved)

    @property
    def rate(self) -> Decimal | None:
        return achievement_rate(self.cumulative, self.programme.jobs_target)


def lineage_years(lineage: ProgrammeLineage, user) -> tuple[LineageYear, ...]:
    """A 세부사업 across the years of its lineage, oldest first: the rows the person may see (staff: those of their own
    department's years), each with its approved result. Three queries, however many years and lines."""
    programmes = list(
        Programme.objects.visible_to(user)
        .filter(lineage=lineage)
        .select_related("year_plan", "department", "programme_type", "target_group", "task__strategy")
        .prefetch_related("budget_rows")
        .order_by("year_plan__year")
    )
    summed = (
        QuarterlyReportLine.objects.approved()
        .filter(programme__in=[p.pk for p in programmes])
        .order_by()
        .values("programme")
        .annotate(total=Cast(Sum("jobs"), output_field=BigIntegerField()), last=Max("report__quarter"))
    )
    found = {row["programme"]: (int(row["total"] or 0), row["last"]) for row in summed}
    return tuple(LineageYear(p, *found.get(p.pk, (0, None))) for p in programmes)
