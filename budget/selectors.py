"""The budget matrix: years × funding sources, secured and executed, with every total computed here
and nowhere else. The HTML table, the xlsx and the PDF all read the one `BudgetMatrix`."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from performance.calculations import rate
from performance.models import Pledge

from .models import Allocation, FundingSource


@dataclass(frozen=True)
class Amounts:
    """Secured and executed amounts (백만원). `executed` None means nothing executed yet (shown "-")."""

    secured: int
    executed: int | None

    @property
    def execution_rate(self) -> Decimal | None:
        return None if self.executed is None else rate(self.executed, self.secured)

    @property
    def over_secured(self) -> bool:
        return self.executed is not None and self.executed > self.secured

    def __add__(self, other: "Amounts") -> "Amounts":
        return Amounts(self.secured + other.secured, (self.executed or 0) + (other.executed or 0))


ZERO = Amounts(0, 0)


def total(amounts) -> Amounts:
    """A total row or column: executed of a planned cell counts as 0, as on the card."""
    return sum(amounts, ZERO)


@dataclass(frozen=True)
class SourceRow:
    source: str
    label: str
    by_year: tuple[Amounts | None, ...]

    @property
    def total(self) -> Amounts:
        return total(cell for cell in self.by_year if cell)


@dataclass(frozen=True)
class LineBlock:
    name: str
    rows: tuple[SourceRow, ...]


@dataclass(frozen=True)
class BudgetWarning:
    year: int
    source_label: str
    line: str
    message: str


@dataclass(frozen=True)
class BudgetMatrix:
    years: tuple[int, ...]
    lines: tuple[LineBlock, ...]

    @property
    def year_column_count(self) -> int:
        """Secured and executed for each year: the width of the table's year header."""
        return 2 * len(self.years)

    @cached_property
    def source_rows(self) -> tuple[SourceRow, ...]:
        """Each funding source summed over all budget lines."""
        return tuple(
            SourceRow(
                source,
                str(label),
                tuple(
                    _sum_or_none(row.by_year[i] for block in self.lines for row in block.rows if row.source == source)
                    for i in range(len(self.years))
                ),
            )
            for source, label in FundingSource.choices
        )

    @cached_property
    def year_totals(self) -> tuple[Amounts, ...]:
        return tuple(total(row.by_year[i] or ZERO for row in self.source_rows) for i in range(len(self.years)))

    @property
    def grand_total(self) -> Amounts:
        return total(self.year_totals)

    @property
    def planned_years(self) -> frozenset[int]:
        """Years with something secured and nothing executed yet in any source."""
        return frozenset(
            year
            for i, year in enumerate(self.years)
            if all(row.by_year[i] is None or row.by_year[i].executed is None for row in self.source_rows)
        )

    def year(self, year: int) -> dict[str, Amounts | None]:
        """One year's column by source, plus "total" (소요예산 of that year)."""
        if year not in self.years:
            return {}
        i = self.years.index(year)
        column = {row.source: row.by_year[i] for row in self.source_rows}
        column["total"] = self.year_totals[i]
        return column

    @property
    def warnings(self) -> list[BudgetWarning]:
        return [
            BudgetWarning(
                year,
                row.label,
                block.name,
                _("집행액 %(executed)s이(가) 확보액 %(secured)s보다 많습니다. 이월 예산인지 확인하세요.")
                % {"executed": f"{cell.executed:,}", "secured": f"{cell.secured:,}"},
            )
            for block in self.lines
            for row in block.rows
            for year, cell in zip(self.years, row.by_year, strict=True)
            if cell and cell.over_secured
        ]


def _sum_or_none(cells) -> Amounts | None:
    present = [cell for cell in cells if cell is not None]
    if not present:
        return None
    executed = [cell.executed for cell in present if cell.executed is not None]
    return Amounts(sum(cell.secured for cell in present), sum(executed) if executed else None)


def budget_matrix(pledge: Pledge) -> BudgetMatrix:
    """Build the matrix for a pledge from its allocations in one query."""
    allocations = Allocation.objects.filter(budget_line__pledge=pledge).select_related("budget_line")
    cells: dict[tuple[int, str, int], Amounts] = {}
    lines: dict[int, str] = {}
    order: dict[int, tuple] = {}
    years = set()
    for allocation in allocations:
        line = allocation.budget_line
        lines[line.pk] = line.name
        order[line.pk] = (line.sort_order, line.name)
        years.add(allocation.year)
        cells[(line.pk, allocation.source, allocation.year)] = Amounts(allocation.secured, allocation.executed)
    year_list = tuple(sorted(years))
    blocks = tuple(
        LineBlock(
            lines[pk],
            tuple(
                SourceRow(source, str(label), tuple(cells.get((pk, source, year)) for year in year_list))
                for source, label in FundingSource.choices
            ),
        )
        for pk in sorted(lines, key=order.__getitem__)
    )
    return BudgetMatrix(year_list, blocks)
