"""Reads of targets and results. Only approved reports count toward any result."""

from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from django.db.models import Count, Exists, OuterRef

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
    TargetSummary,
)

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


def report_periods(pledge: Pledge, user=None) -> list[dict]:
    """Per year and quarter, oldest first: `jobs` and `approved` (the approved lines of the pledge's 세부사업 and their
    number, for the whole district) and, when `user` is given, `draft`, `submitted` and `returned`: the reports that
    person may see, of departments that run the pledge's 세부사업 that year, that do not count yet.

    Two queries whatever the data: the pledge's approved results by period, read from their summary (a row per
    quarter, `performance.summaries`), and the reports not yet approved, which are few."""
    totals = ResultSummary.objects.filter(pledge=pledge, department=ALL_DEPARTMENTS, dimension=Dimension.TOTAL)
    periods = {
        (year, quarter): {"year": year, "quarter": quarter, "jobs": jobs, "approved": lines}
        for year, quarter, jobs, lines in totals.values_list("year", "quarter", "jobs", "lines")
    }
    if user is not None:
        # Departments that run the pledge's 세부사업 that year: its target summary has their row (an index lookup,
        # where the links themselves are 250,000 rows in the bench).
        linked = TargetSummary.objects.filter(
            pledge=pledge, department=OuterRef("department"), dimension=Dimension.TOTAL, year=OuterRef("year")
        )
        pending = (
            QuarterlyReport.objects.filter(
                Exists(linked), department__local_government_id=pledge.local_government_id, status__in=PENDING
            )
            .visible_to(user)
            .order_by()
            .values("year", "quarter", "status")
            .annotate(count=Count("pk"))
        )
        for row in pending:
            period = periods.setdefault(
                (row["year"], row["quarter"]),
                {"year": row["year"], "quarter": row["quarter"], "jobs": None, "approved": 0},
            )
            period[row["status"]] = row["count"]
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
