"""The budget matrix: years × funding sources, secured and executed, with every total computed here
and nowhere else. The HTML table, the xlsx and the PDF all read the one `BudgetMatrix`."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from performance.calculations import ZERO, Amounts, rate, total
from performance.funding import source_label, sources_of
from performance.models import ALL_DEPARTMENTS, BudgetSummary, Pledge
from performance.plans import user_government
from performance.reporting import figure_change, history_who
from performance.summaries import EVERY_SOURCE, summary_department

from .models import Allocation, BudgetLine

# A year's secured total that moves more than this share of the year before is worth a second look.
SECURED_SWING_PERCENT = 50

OVER_SECURED = "over_secured"
SECURED_SWING = "secured_swing"
FUTURE_EXECUTION = "future_execution"

# No particle follows a figure: "12,802이" and "12,802가" depend on how the number is read, so the figures stand in
# brackets after the words the particles belong to.
OVER_SECURED_MESSAGE = gettext_lazy(
    "집행액이 확보액보다 많습니다(집행액 %(executed)s, 확보액 %(secured)s). 이월 예산인지 확인하세요."
)
SWING_UP_MESSAGE = gettext_lazy(
    "확보액 합계가 전년(%(previous_year)s년)보다 %(change)s%% 늘었습니다(%(previous)s → %(current)s). "
    "입력값을 확인하세요."
)
SWING_DOWN_MESSAGE = gettext_lazy(
    "확보액 합계가 전년(%(previous_year)s년)보다 %(change)s%% 줄었습니다(%(previous)s → %(current)s). "
    "입력값을 확인하세요."
)
FUTURE_MESSAGE = gettext_lazy(
    "아직 오지 않은 해인데 집행액이 입력되어 있습니다(%(executed)s). 계획 연도라면 집행액을 비워 두세요."
)
TOTAL_LABEL = gettext_lazy("계")
NO_EXECUTED_YEARS = gettext_lazy("집행 연도 없음")
SOURCE_TOTALS_LABEL = gettext_lazy("재원별 합계")


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
    line_id: int | None = None


@dataclass(frozen=True)
class BudgetWarning:
    """Something a person should look at, shown beside the figure; never a refusal.

    `kind` is OVER_SECURED or FUTURE_EXECUTION (about the executed amount of one line, source and year) or
    SECURED_SWING (about a year's secured total; `line` and `source` are then empty)."""

    year: int
    source_label: str
    line: str
    message: str
    kind: str = OVER_SECURED
    source: str = ""


@dataclass(frozen=True)
class GridCell:
    """One year of one row as the page shows it: a planned year shows its secured amount only.
    `*_notes` are the numbers (from 1) of the warnings listed under the table that concern this figure."""

    year: int
    amounts: Amounts | None
    planned: bool
    secured_notes: tuple[int, ...] = ()
    executed_notes: tuple[int, ...] = ()

    @property
    def secured(self) -> int | None:
        return None if self.amounts is None else self.amounts.secured

    @property
    def executed(self) -> int | None:
        return None if self.amounts is None or self.planned else self.amounts.executed

    @property
    def execution_rate(self) -> Decimal | None:
        return None if self.amounts is None or self.planned else self.amounts.execution_rate


@dataclass(frozen=True)
class GridRow:
    label: str
    total: Amounts
    cells: tuple[GridCell, ...]
    source: str = ""  # the FundingSource; empty for the 계 row


@dataclass(frozen=True)
class GridBlock:
    """The 계 row, the sum by source (with several budget lines) or one budget line's rows."""

    name: str
    rows: tuple[GridRow, ...]
    is_total: bool = False
    line_id: int | None = None  # set for a budget line's own block, whose figures a person enters


@dataclass(frozen=True)
class BudgetMatrix:
    years: tuple[int, ...]
    lines: tuple[LineBlock, ...]
    current_year: int | None = None  # executed figures after this year are warned about; None: no such check
    # The pledge's government's funding sources, (value, label) in its order (`performance.funding.sources_of`).
    sources: tuple[tuple[str, str], ...] = ()

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
            for source, label in self.sources
        )

    @cached_property
    def year_totals(self) -> tuple[Amounts, ...]:
        return tuple(total(row.by_year[i] or ZERO for row in self.source_rows) for i in range(len(self.years)))

    @property
    def grand_total(self) -> Amounts:
        return total(self.year_totals)

    @cached_property
    def planned_years(self) -> frozenset[int]:
        """Years with something secured and nothing executed yet in any source."""
        return frozenset(
            year
            for i, year in enumerate(self.years)
            if all(row.by_year[i] is None or row.by_year[i].executed is None for row in self.source_rows)
        )

    @cached_property
    def executed_years(self) -> tuple[int, ...]:
        """The years that have begun: something executed in some source (the others are planned years)."""
        return tuple(year for year in self.years if year not in self.planned_years)

    @cached_property
    def executed_years_by_source(self) -> tuple[tuple[SourceRow, Amounts], ...]:
        """Each funding source summed over the executed years only: a planned year, with nothing executed yet,
        would pull every rate down (2018–2021 국비: 73.7%; with 2022's plan: 57.7%)."""
        indexes = [i for i, year in enumerate(self.years) if year not in self.planned_years]
        return tuple((row, total(row.by_year[i] for i in indexes if row.by_year[i])) for row in self.source_rows)

    @property
    def executed_years_total(self) -> Amounts:
        """All sources over the executed years: the 계 of `executed_years_by_source`."""
        return total(amounts for _row, amounts in self.executed_years_by_source)

    @property
    def executed_years_label(self) -> str:
        """How the documents name the span of `executed_years`: "집행 연도 2018~2021년"."""
        years = self.executed_years
        if not years:
            return str(NO_EXECUTED_YEARS)
        if len(years) == 1:
            span = _("%(year)s년") % {"year": years[0]}
        elif years == tuple(range(years[0], years[-1] + 1)):
            span = _("%(first)s~%(last)s년") % {"first": years[0], "last": years[-1]}
        else:
            span = _("%(years)s년") % {"years": ", ".join(str(year) for year in years)}
        return _("집행 연도 %(span)s") % {"span": span}

    @property
    def year_rates(self) -> tuple[Decimal | None, ...]:
        """집행률 of each year's total; "—" (None) for a planned year."""
        return tuple(
            None if year in self.planned_years else cell.execution_rate
            for year, cell in zip(self.years, self.year_totals, strict=True)
        )

    def year(self, year: int) -> dict[str, Amounts | None]:
        """One year's column by source, plus "total" (소요예산 of that year)."""
        if year not in self.years:
            return {}
        i = self.years.index(year)
        column = {row.source: row.by_year[i] for row in self.source_rows}
        column["total"] = self.year_totals[i]
        return column

    @cached_property
    def warnings(self) -> list[BudgetWarning]:
        """Every warning, by year: executed above secured (carry-over funds happen, so only a warning), executed
        recorded for a year after `current_year`, and a year's secured total more than SECURED_SWING_PERCENT %
        above or below that of the calendar year before (compared only when the year before is in the table
        with a secured total above 0)."""
        found = [*self._cell_warnings(), *self._swing_warnings()]
        return sorted(found, key=lambda warning: warning.year)

    def _cell_warnings(self):
        for block in self.lines:
            for row in block.rows:
                for year, cell in zip(self.years, row.by_year, strict=True):
                    if cell and cell.over_secured:
                        numbers = {"executed": f"{cell.executed:,}", "secured": f"{cell.secured:,}"}
                        message = OVER_SECURED_MESSAGE % numbers
                        yield BudgetWarning(year, row.label, block.name, message, OVER_SECURED, row.source)
                    if cell and cell.executed is not None and self.current_year and year > self.current_year:
                        message = FUTURE_MESSAGE % {"executed": f"{cell.executed:,}"}
                        yield BudgetWarning(year, row.label, block.name, message, FUTURE_EXECUTION, row.source)

    def _swing_warnings(self):
        secured = {year: cell.secured for year, cell in zip(self.years, self.year_totals, strict=True)}
        for year, current in secured.items():
            previous = secured.get(year - 1)
            if not previous or 100 * abs(current - previous) <= SECURED_SWING_PERCENT * previous:
                continue
            template = SWING_UP_MESSAGE if current > previous else SWING_DOWN_MESSAGE
            message = template % {
                "current": f"{current:,}",
                "previous": f"{previous:,}",
                "previous_year": year - 1,
                "change": rate(abs(current - previous), previous),
            }
            yield BudgetWarning(year, str(TOTAL_LABEL), "", message, SECURED_SWING)

    @cached_property
    def grid(self) -> tuple[GridBlock, ...]:
        """The table as the page and the xlsx show it: the 계 row, the sum by source when there are several
        budget lines, then each budget line; every figure with the numbers of the warnings about it."""
        notes: dict[tuple, list[int]] = {}
        for number, warning in enumerate(self.warnings, start=1):
            notes.setdefault((warning.line, warning.source, warning.year), []).append(number)
        total_cells = tuple(
            GridCell(year, cell, year in self.planned_years, tuple(notes.get(("", "", year), ())))
            for year, cell in zip(self.years, self.year_totals, strict=True)
        )
        blocks = [GridBlock(str(TOTAL_LABEL), (GridRow(str(TOTAL_LABEL), self.grand_total, total_cells),), True)]
        if len(self.lines) > 1:
            blocks.append(GridBlock(str(SOURCE_TOTALS_LABEL), tuple(self._grid_row(row) for row in self.source_rows)))
        blocks += [
            GridBlock(b.name, tuple(self._grid_row(row, b.name, notes) for row in b.rows), line_id=b.line_id)
            for b in self.lines
        ]
        return tuple(blocks)

    def _grid_row(self, row: SourceRow, line: str = "", notes: dict | None = None) -> GridRow:
        notes = notes or {}
        cells = tuple(
            GridCell(year, cell, year in self.planned_years, (), tuple(notes.get((line, row.source, year), ())))
            for year, cell in zip(self.years, row.by_year, strict=True)
        )
        return GridRow(row.label, row.total, cells, row.source)


def _sum_or_none(cells) -> Amounts | None:
    present = [cell for cell in cells if cell is not None]
    if not present:
        return None
    executed = [cell.executed for cell in present if cell.executed is not None]
    return Amounts(sum(cell.secured for cell in present), sum(executed) if executed else None)


def budget_matrix(pledge: Pledge, *, today: datetime.date | None = None) -> BudgetMatrix:
    """Build the matrix for a pledge from its allocations in one query. `today` (default: the local date)
    decides which years lie in the future for the warnings."""
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
    sources = sources_of(pledge.local_government_id)
    blocks = tuple(
        LineBlock(
            lines[pk],
            tuple(
                SourceRow(source, str(label), tuple(cells.get((pk, source, year)) for year in year_list))
                for source, label in sources
            ),
            pk,
        )
        for pk in sorted(lines, key=order.__getitem__)
    )
    return BudgetMatrix(year_list, blocks, (today or timezone.localdate()).year, sources)


def budget_version(pledge: Pledge) -> str:
    """The version of a pledge's whole budget, sent with a form and checked when it is saved (see `version_token`)."""
    lines = BudgetLine.objects.filter(pledge=pledge).values_list("pk", "version")
    return version_token(lines, last_change(pledge))


def last_change(pledge: Pledge) -> int:
    """The newest history entry of the pledge's allocations: it moves with every write that keeps its history,
    the admin's included, not only with `allocations_save`."""
    return Allocation.history.filter(budget_line__pledge=pledge).aggregate(last=Max("history_id"))["last"] or 0


def budget_records(pledge) -> tuple:
    """The history of everything a budget table shows, its figures and its lines' names (`pledge`: a Pledge or an
    OuterRef to one): where a document's 기준일 looks for the budget's changes (documents/provenance.py)."""
    return Allocation.history.filter(budget_line__pledge=pledge), BudgetLine.history.filter(pledge=pledge)


def version_token(pairs, last: int) -> str:
    """Each budget line's id and version, and the last allocation change: "3:2,7:1;1234". A save through the
    service raises a line's version, a new line adds a pair, and any other recorded write moves the last change."""
    return ",".join(f"{pk}:{version}" for pk, version in sorted(pairs)) + f";{last}"


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded change: who, when, which figure, old → new and why."""

    when: datetime.datetime
    who: str
    line: str
    what: str
    old: int | None
    new: int | None
    reason: str

    @property
    def change(self) -> str:
        """ "12,199 → 12,300" (`figure_change`); empty for an entry that is not about a figure (a budget line added)."""
        return figure_change(self.old, self.new) if self.old is not None or self.new is not None else ""


def budget_history(pledge: Pledge) -> list[HistoryEntry]:
    """Every change to the pledge's budget (from django-simple-history), newest first: the figures, and the
    budget lines added."""
    entries = allocation_changes(pledge)
    created = BudgetLine.history.filter(pledge=pledge, history_type="+").select_related("history_user")
    entries += [
        HistoryEntry(r.history_date, history_who(r), r.name, _("세부사업 추가"), None, None, "") for r in created
    ]
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def allocation_changes(pledge: Pledge, *, after: int = 0) -> list[HistoryEntry]:
    """The changes to the pledge's figures recorded after history entry `after`, oldest first, in one query: each
    record is compared with the one before it of the same allocation."""
    records = Allocation.history.filter(budget_line__pledge=pledge).select_related("history_user", "budget_line")
    entries, previous = [], {}
    for record in records.order_by("history_id"):
        before = previous.get(record.id)
        previous[record.id] = None if record.history_type == "-" else record
        if record.history_id > after:
            entries += _record_entries(record, before)
    return entries


def _record_entries(record, before) -> list[HistoryEntry]:
    place = _("%(year)s년 %(source)s") % {"year": record.year, "source": source_label(record.source)}
    reason = record.history_change_reason or ""
    entries = []
    for field, label in (("secured", _("확보액")), ("executed", _("집행액"))):
        old = None if before is None else getattr(before, field)
        new = None if record.history_type == "-" else getattr(record, field)
        if old != new:
            what = f"{place} {label}"
            entries.append(
                HistoryEntry(
                    record.history_date,
                    history_who(record),
                    record.budget_line.name,
                    what,
                    old,
                    new,
                    reason,
                )
            )
    return entries


@dataclass(frozen=True)
class PlanBudgetYear:
    """One year's plan budget over its 세부사업 (백만원): by funding source and in total, with how many 세부사업 have
    one. `complete` is False when the person sees only their department's 세부사업."""

    year: int
    by_source: tuple[tuple[str, Amounts | None], ...]
    total: Amounts
    programmes: int
    complete: bool


def plan_budget_years(user) -> list[PlanBudgetYear]:
    """The budget of each yearly plan of the person's government, newest first, by source, read from its summary
    (`performance.summaries`: the whole government's, or a staff member's department's). One query whatever the
    number of 세부사업."""
    government = user_government(user)
    department = summary_department(user)
    if government is None or department is None:
        return []
    sources = sources_of(government)
    by_year: dict[int, dict[str, BudgetSummary]] = defaultdict(dict)
    for row in BudgetSummary.objects.filter(local_government=government, department=department):
        by_year[row.year][row.source] = row
    return [
        PlanBudgetYear(
            year,
            tuple(
                (str(label), Amounts(rows[source].secured, rows[source].executed) if source in rows else None)
                for source, label in sources
            ),
            Amounts(rows[EVERY_SOURCE].secured, rows[EVERY_SOURCE].executed),
            rows[EVERY_SOURCE].programmes,
            department == ALL_DEPARTMENTS,
        )
        for year, rows in sorted(by_year.items(), reverse=True)
    ]


@dataclass(frozen=True)
class SourceExecution:
    label: str
    amounts: Amounts


@dataclass(frozen=True)
class BudgetExecution:
    sources: tuple[SourceExecution, ...]
    total: Amounts
    by_year: tuple[tuple[int, Amounts, bool], ...]  # year, its totals, planned
    scope: str  # what `sources` and `total` cover: "2021년", or "집행 연도 2018~2021년"


def budget_execution(matrix: BudgetMatrix, year: int | None) -> BudgetExecution:
    """By funding source for one year (or, when `year` is None, over the years that have begun: the matrix's
    `executed_years_by_source`, so that a planned year does not count), and the totals by year."""
    if year is None:
        sources = tuple(SourceExecution(row.label, amounts) for row, amounts in matrix.executed_years_by_source)
        total, scope = matrix.executed_years_total, matrix.executed_years_label
    else:
        column = matrix.year(year)
        sources = tuple(SourceExecution(row.label, column[row.source] or ZERO) for row in matrix.source_rows)
        total, scope = column["total"], _("%(year)s년") % {"year": year}
    by_year = tuple(
        (y, amounts, y in matrix.planned_years) for y, amounts in zip(matrix.years, matrix.year_totals, strict=True)
    )
    return BudgetExecution(sources, total, by_year, scope)
