"""Reads of targets and results. Only approved reports count toward any result."""

from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from .calculations import achievement_rate
from .models import (
    ALL_DEPARTMENTS,
    AnnualTarget,
    Dimension,
    Pledge,
    Programme,
    QuarterlyReport,
    QuarterlyReportLine,
    ResultSummary,
)
from .summaries import summary_department
from .summary_sql import pending_reports

PENDING = (QuarterlyReport.Status.DRAFT, QuarterlyReport.Status.SUBMITTED, QuarterlyReport.Status.RETURNED)


def pledge_lines(pledge: Pledge):
    """Result lines of the 세부사업 the pledge draws on (any status): a pledge's results are those of its linked
    세부사업 only, never its whole government's."""
    return QuarterlyReportLine.objects.filter(programme__pledge_links__pledge=pledge)


def approved_lines(pledge: Pledge):
    """Result lines of approved reports of the 세부사업 linked to the pledge."""
    return pledge_lines(pledge).approved()


def annual_targets(pledge: Pledge) -> dict[int, int]:
    """The pledge's total job target per year (연차별 추진계획)."""
    rows = pledge.targets.filter(target_group=None).order_by("year").values_list("year", "jobs")
    return dict(rows)


def group_targets(pledge: Pledge, year: int) -> list[AnnualTarget]:
    """The year's target split by target group (계층별), in the groups' order."""
    return list(
        pledge.targets.filter(year=year, target_group__isnull=False)
        .select_related("target_group")
        .order_by("target_group__sort_order")
    )


def programme_targets(pledge: Pledge, year: int) -> dict[str, int]:
    """The year's targets of the pledge's 세부사업 that have one, by name."""
    rows = (
        Programme.objects.filter(pledge_links__pledge=pledge, year_plan__year=year, jobs_target__isnull=False)
        .order_by()
        .values_list("name", "jobs_target")
    )
    return dict(rows)


@dataclass(frozen=True)
class PeriodResult:
    """The cumulative result of a year through a quarter, against the year's target."""

    year: int
    quarter: int
    cumulative: int
    target: int | None

    @property
    def rate(self) -> Decimal | None:
        return achievement_rate(self.cumulative, self.target)


def report_periods(pledge: Pledge, user=None, totals=None) -> list[dict]:
    """Per year and quarter, oldest first: `jobs` and `approved` (the approved lines of the pledge's 세부사업 and their
    number, for the whole district) and, when `user` is given, `draft`, `submitted` and `returned`: the reports that
    person may see, of departments that run the pledge's 세부사업 that year, that do not count yet.

    The pledge's approved results by period are read from their summary (a row per quarter, `performance.summaries`;
    `totals`: those rows as (year, quarter, jobs, lines), when the caller has read them), then the reports not yet
    approved, which are few (a partial index holds only them), and, when there are any, which of their departments
    run the pledge's 세부사업 that year."""
    if totals is None:
        summary = ResultSummary.objects.filter(pledge=pledge, department=ALL_DEPARTMENTS, dimension=Dimension.TOTAL)
        totals = summary.values_list("year", "quarter", "jobs", "lines")
    periods = {
        (year, quarter): {"year": year, "quarter": quarter, "jobs": jobs, "approved": lines}
        for year, quarter, jobs, lines in totals
    }
    if user is not None:
        for (year, quarter, status), count in pending_reports(pledge, summary_department(user), PENDING).items():
            period = periods.setdefault(
                (year, quarter), {"year": year, "quarter": quarter, "jobs": None, "approved": 0}
            )
            period[status] = count
        for period in periods.values():
            for status in PENDING:
                period.setdefault(status, 0)
    return [periods[key] for key in sorted(periods)]


def period_results(pledge: Pledge, targets: dict[int, int] | None = None, periods=None) -> list[PeriodResult]:
    """Every period that has approved figures, with its cumulative result, oldest first.

    A quarter counts once at least one department's report for it is approved; its cumulative
    includes every approved quarter before it in the same year. `targets` saves a query when the
    caller has already read `annual_targets`; `periods`, when it has read `report_periods`.
    """
    targets = annual_targets(pledge) if targets is None else targets
    rows = report_periods(pledge) if periods is None else periods
    by_year: dict[int, list[tuple[int, int]]] = {}
    for row in rows:
        if row["approved"]:
            by_year.setdefault(row["year"], []).append((row["quarter"], row["jobs"] or 0))
    results = []
    for year, quarters in by_year.items():
        running = accumulate(jobs for _, jobs in quarters)
        for (quarter, _), cumulative in zip(quarters, running, strict=True):
            results.append(PeriodResult(year, quarter, cumulative, targets.get(year)))
    return results
