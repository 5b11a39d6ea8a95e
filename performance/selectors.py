"""Reads of targets and results. Only approved reports count toward any result."""

from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum

from .calculations import achievement_rate
from .models import AnnualTarget, Pledge, Programme, QuarterlyReport, QuarterlyReportLine

PENDING = (QuarterlyReport.Status.DRAFT, QuarterlyReport.Status.SUBMITTED, QuarterlyReport.Status.RETURNED)


def pledge_lines(pledge: Pledge):
    """Result lines of the 세부사업 the pledge draws on (any status): a pledge's results are those of its linked
    세부사업 only, never its whole government's."""
    return QuarterlyReportLine.objects.filter(programme__pledge_links__pledge=pledge)


def approved_lines(pledge: Pledge):
    """Result lines of approved reports of the 세부사업 linked to the pledge."""
    return pledge_lines(pledge).filter(report__status=QuarterlyReport.Status.APPROVED)


def quarterly_results(pledge: Pledge, year: int) -> dict[int, int]:
    """Jobs created in each quarter of `year` (not cumulative), from approved reports; quarters
    without an approved report are absent."""
    rows = (
        approved_lines(pledge)
        .filter(report__year=year)
        .values_list("report__quarter")
        .annotate(jobs=Sum("jobs"))
        .order_by("report__quarter")
    )
    return dict(rows)


def cumulative_result(pledge: Pledge, year: int, through_quarter: int) -> int:
    """Jobs created in `year` from Q1 through `through_quarter`, from approved reports only."""
    total = (
        approved_lines(pledge)
        .filter(report__year=year, report__quarter__lte=through_quarter)
        .aggregate(total=Sum("jobs"))["total"]
    )
    return total or 0


def annual_targets(pledge: Pledge) -> dict[int, int]:
    """The pledge's total job target per year (연차별 추진계획)."""
    rows = pledge.targets.filter(target_group=None).order_by("year").values_list("year", "jobs")
    return dict(rows)


def annual_target(pledge: Pledge, year: int) -> int | None:
    return annual_targets(pledge).get(year)


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


def report_periods(pledge: Pledge, user=None):
    """Per year and quarter, oldest first, from the reports of the pledge's local government in one query:
    `jobs` and `approved` (the approved reports' jobs and their number, for the whole district) and, when
    `user` is given, `draft`, `submitted` and `returned`: the reports that person may see that do not count
    yet."""
    approved = Q(status=QuarterlyReport.Status.APPROVED)
    # The reports of departments that run one of the pledge's 세부사업 in the report's year.
    linked = Programme.objects.filter(
        pledge_links__pledge=pledge, department=OuterRef("department"), year_plan__year=OuterRef("year")
    )
    reports = QuarterlyReport.objects.filter(Exists(linked), department__local_government_id=pledge.local_government_id)
    # Each report's own total first (a subquery), so that the grouping counts reports without DISTINCT.
    own_lines = pledge_lines(pledge).filter(report=OuterRef("pk")).order_by().values("report")
    reports = reports.annotate(own_jobs=Subquery(own_lines.annotate(total=Sum("jobs")).values("total")))
    aggregates = {"jobs": Sum("own_jobs", filter=approved), "approved": Count("pk", filter=approved)}
    if user is None:
        reports = reports.filter(approved)
    else:
        visible = reports.visibility(user)
        aggregates |= {status: Count("pk", filter=Q(status=status) & visible) for status in PENDING}
    return reports.order_by().values("year", "quarter").annotate(**aggregates).order_by("year", "quarter")


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
