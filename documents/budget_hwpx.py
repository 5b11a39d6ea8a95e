"""The budget report (연차별 투자수요 및 집행 보고) as HWPX, landscape as its PDF: the 연차별 투자수요 및 집행액 table
(`_budget_table.html`, also the card's: the same three heading rows with their merged cells, the 계 row, then each
line's rows by funding source), then the execution rates by source and by year. The PDF's charts are not drawn (SVG,
which HWPX cannot hold); their tables are here with the same figures."""

from django.utils.translation import gettext as _

from budget.selectors import BudgetMatrix
from performance.calculations import NOTHING, percent

from .base import HWPX, ExportedFile
from .budget_report import BudgetReportDocument, budget_report_filename
from .hwpx import Cell, HwpxWriter, head


def budget_report_hwpx(document: BudgetReportDocument) -> ExportedFile:
    writer = HwpxWriter(landscape=True)
    pledge = document.pledge
    subtitle = f"{pledge.local_government} · {pledge.code} {pledge.title} · {pledge.lead_department}"
    writer.title(_("연차별 투자수요 및 집행 보고"), subtitle=subtitle)
    writer.as_of_line(document.as_of, _("단위: 백만원"))
    writer.heading(f"{_('연차별 투자수요 및 집행액')} ({_('단위 : 백만원')})")
    writer.table(budget_table_rows(document.matrix), widths=budget_table_widths(document.matrix))
    execution = document.execution
    writer.heading(_("재원별 집행률 (%(scope)s)") % {"scope": execution.scope})
    rows = [_rate_heading(_("재원"))]
    for item in execution.sources:
        amounts = item.amounts
        rows.append([head(item.label), amounts.secured, amounts.executed, percent(amounts.execution_rate)])
    total = execution.total
    rows.append(
        [Cell(_("계"), heading=True)]
        + [Cell(v, total=True) for v in (total.secured, total.executed, percent(total.execution_rate))]
    )
    writer.table(rows, widths=[3, 2, 2, 2])
    writer.heading(_("연도별 집행률"))
    rows = [_rate_heading(_("연도"))]
    for year, amounts, planned in execution.by_year:
        label = f"{year} ({_('계획')})" if planned else str(year)
        executed, rate = (NOTHING, NOTHING) if planned else (amounts.executed, percent(amounts.execution_rate))
        rows.append([head(label), amounts.secured, executed, rate])
    writer.table(rows, widths=[3, 2, 2, 2])
    return ExportedFile(budget_report_filename(document, "hwpx"), HWPX, writer.content())


def _rate_heading(first: str) -> list[Cell]:
    return [head(first), head(_("확보액")), head(_("집행액")), head(_("집행률"))]


def budget_table_rows(matrix: BudgetMatrix) -> list[list[Cell | object]]:
    rows: list[list[Cell | object]] = [
        [
            head(_("구 분"), rows=3),
            head(_("재원별"), rows=3),
            head(_("합 계"), rows=2, cols=2),
            head(_("연차별 투자수요 및 집행액"), cols=matrix.year_column_count),
        ],
        [head(_year(matrix, year), cols=2) for year in matrix.years],
        [head(_("투자수요")), head(_("집행액"))] + [head(text) for _y in matrix.years for text in _secured_executed()],
    ]
    total = [Cell(_("계"), cols=2, total=True, align="CENTER")]
    total += [Cell(matrix.grand_total.secured, total=True), Cell(matrix.grand_total.executed, total=True)]
    for cell in matrix.year_totals:
        total += [Cell(cell and cell.secured, total=True), Cell(cell and cell.executed, total=True)]
    rows.append(total)
    for block in matrix.lines:
        for number, row in enumerate(block.rows):
            line = [head(block.name, rows=len(block.rows))] if number == 0 else []
            line += [head(row.label), row.total.secured, row.total.executed]
            for cell in row.by_year:
                line += [cell and cell.secured, cell and cell.executed]
            rows.append(line)
    return rows


def _year(matrix: BudgetMatrix, year: int) -> str:
    label = f"{year}{_('년')}"
    return f"{label} ({_('계획')})" if year in matrix.planned_years else label


def _secured_executed() -> tuple[str, str]:
    return _("확보액"), _("집행액")


def budget_table_widths(matrix: BudgetMatrix) -> list[int]:
    return [3, 2, 2, 2] + [2] * matrix.year_column_count
