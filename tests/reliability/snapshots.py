"""The state of everything a change can touch, to compare before and after."""

from budget.models import Allocation, BudgetLine
from performance.models import (
    Notice,
    QuarterlyReport,
    QuarterlyReportLine,
    ReportingDeadline,
    ResultSummary,
    TargetSummary,
)

TRACKED = (
    QuarterlyReport,
    QuarterlyReportLine,
    ReportingDeadline,
    Notice,
    BudgetLine,
    Allocation,
    ResultSummary,
    TargetSummary,
)


def snapshot() -> dict:
    """Every row of the tables a form, an import or a review can change, and how many history rows each has."""
    state = {}
    for model in TRACKED:
        state[model._meta.label] = list(model.objects.order_by("pk").values_list())
        if hasattr(model, "history"):
            state[f"{model._meta.label} history"] = model.history.count()
    return state
