"""Reads for the budget execution dashboard, from the one BudgetMatrix (no total is computed anywhere else)."""

from dataclasses import dataclass

from budget.selectors import ZERO, Amounts, BudgetMatrix


@dataclass(frozen=True)
class SourceExecution:
    label: str
    amounts: Amounts


@dataclass(frozen=True)
class BudgetExecution:
    sources: tuple[SourceExecution, ...]
    total: Amounts
    by_year: tuple[tuple[int, Amounts, bool], ...]  # year, its totals, planned


def budget_execution(matrix: BudgetMatrix, year: int | None) -> BudgetExecution:
    """By funding source for one year (or over all years when `year` is None), and the totals by year."""
    if year is None:
        sources = tuple(SourceExecution(row.label, row.total) for row in matrix.source_rows)
        total = matrix.grand_total
    else:
        column = matrix.year(year)
        sources = tuple(SourceExecution(row.label, column[row.source] or ZERO) for row in matrix.source_rows)
        total = column["total"]
    by_year = tuple(
        (y, amounts, y in matrix.planned_years) for y, amounts in zip(matrix.years, matrix.year_totals, strict=True)
    )
    return BudgetExecution(sources, total, by_year)
