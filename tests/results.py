"""What tests read back about results, through the product's own selectors (no test-only code in the product)."""

from performance.models import ResultsRevision
from performance.selectors import period_results


def approved_cumulative(pledge, year: int, through_quarter: int) -> int:
    """The pledge's approved result of `year` from Q1 through `through_quarter`: the cumulative of the latest
    period with approved figures at or before it, as the dashboard and the card read it (0 when none)."""
    periods = [p for p in period_results(pledge) if p.year == year and p.quarter <= through_quarter]
    return periods[-1].cumulative if periods else 0


def results_revision(government) -> int:
    """The government's results revision as stored (0 before its first change)."""
    government = getattr(government, "pk", government)
    return ResultsRevision.objects.filter(local_government=government).values_list("number", flat=True).first() or 0
