"""The budget report (연차별 투자수요 및 집행 보고): the one document its PDF, xlsx and HWPX render
(documents/kinds/budget.py), and its xlsx.

The xlsx draws the multi-year table with budget/exports.py's `write_budget_sheet` — the same code as the budget page's
file, with every total as =SUM — then the PDF's two tables of execution rates (by source over all years, by year), and
the 출처 sheet. Rates are the values of the one rule (`Amounts.execution_rate`), as the PDF prints them."""

import datetime
from dataclasses import dataclass, field

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.exports import write_budget_sheet
from budget.selectors import BudgetExecution, BudgetMatrix, budget_execution, budget_matrix
from performance.models import Pledge

from . import xlsx
from .base import XLSX, ExportedFile
from .charts import budget_charts
from .provenance import document_provenance
from .xlsx import LEFT, RIGHT, TOTAL_FILL

HEADER_ROW = 4  # rows 1–2: the title block; row 3: the table's caption and unit


@dataclass(frozen=True)
class BudgetReportDocument:
    pledge: Pledge
    matrix: BudgetMatrix
    execution: BudgetExecution
    charts: dict
    as_of: datetime.datetime | None
    generated_at: datetime.datetime = field(default_factory=timezone.now)


def budget_report(pledge: Pledge) -> BudgetReportDocument:
    """The multi-year table and the execution rates over all years, by source and by year."""
    matrix = budget_matrix(pledge)
    execution = budget_execution(matrix, None)
    charts = budget_charts(matrix, execution, None)
    return BudgetReportDocument(pledge, matrix, execution, charts, document_provenance(pledge, budget=True).as_of)


def budget_report_filename(document: BudgetReportDocument, suffix: str) -> str:
    return _("예산집행보고_%(code)s.%(suffix)s") % {"code": document.pledge.code, "suffix": suffix}


def budget_report_xlsx(document: BudgetReportDocument) -> ExportedFile:
    book = openpyxl.Workbook()
    write_budget_sheet(book.active, document.matrix, pledge=document.pledge, formulas=True)
    _write_sources(book.create_sheet(), document)
    _write_years(book.create_sheet(), document)
    source = _("%(government)s %(code)s 연차별 투자수요 및 집행 보고") % {
        "government": document.pledge.local_government,
        "code": document.pledge.code,
    }
    notes = (
        _("단위: 백만원. 기준일은 예산이 마지막으로 바뀐 날입니다."),
        _("합계 열과 계 행은 엑셀 수식(SUM)이고, 집행률은 소수 첫째 자리에서 반올림한 값입니다."),
    )
    xlsx.write_source_sheet(
        book.create_sheet(_("출처")),
        source=source,
        as_of=document.as_of,
        generated_at=document.generated_at,
        notes=notes,
    )
    return ExportedFile(budget_report_filename(document, "xlsx"), XLSX, xlsx.workbook_bytes(book))


def _start(sheet, document: BudgetReportDocument, name: str, first: str, *, caption: str = "") -> int:
    """Title block, caption (the sheet's name unless given) and unit, the header 구분 | 확보액 | 집행액 | 집행률;
    returns the first data row."""
    sheet.title = name
    pledge = document.pledge
    subtitle = f"{pledge.local_government} · {pledge.code} {pledge.title} · {pledge.lead_department}"
    xlsx.title_block(sheet, _("연차별 투자수요 및 집행 보고"), 4, subtitle=subtitle)
    xlsx.text(sheet, 3, 1, f"□ {caption or name}", bold=True)
    xlsx.text(sheet, 3, 4, _("(단위 : 백만원)")).alignment = RIGHT
    for column, heading in enumerate((first, _("확보액"), _("집행액"), _("집행률")), start=1):
        xlsx.head(sheet, HEADER_ROW, column, column, heading)
    xlsx.widths(sheet, {1: 18, 2: 14, 3: 14, 4: 12})
    return HEADER_ROW + 1


def _figures(sheet, row: int, label: str, secured, executed, rate) -> None:
    for column in range(1, 5):
        xlsx.frame(sheet, row, column, column)
    xlsx.text(sheet, row, 1, label, bold=True).alignment = LEFT
    xlsx.number(sheet, row, 2, secured)
    xlsx.number(sheet, row, 3, executed)
    xlsx.rate(sheet, row, 4, rate)


def _write_sources(sheet, document: BudgetReportDocument) -> None:
    """재원별 집행률 over the years that have begun (the PDF's heading names them): a row per funding source, then 계
    as =SUM with the total's rate."""
    name = _("재원별 집행률")
    caption = f"{name} ({document.execution.scope})"
    first = row = _start(sheet, document, name, _("재원"), caption=caption)
    for item in document.execution.sources:
        _figures(sheet, row, item.label, item.amounts.secured, item.amounts.executed, item.amounts.execution_rate)
        row += 1
    xlsx.head(sheet, row, 1, 1, _("계"), fill=TOTAL_FILL)
    for column in (2, 3):
        xlsx.frame(sheet, row, column, column, fill=TOTAL_FILL)
        xlsx.formula(sheet, row, column, xlsx.sum_formula(column, range(first, row))).font = xlsx.BOLD
    xlsx.frame(sheet, row, 4, 4, fill=TOTAL_FILL)
    xlsx.rate(sheet, row, 4, document.execution.total.execution_rate).font = xlsx.BOLD
    xlsx.print_setup(sheet, last_column=4, last_row=row, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"B{first}")


def _write_years(sheet, document: BudgetReportDocument) -> None:
    """연도별 집행률: a row per year; a planned year shows its secured amount only ("—")."""
    first = row = _start(sheet, document, _("연도별 집행률"), _("연도"))
    for year, amounts, planned in document.execution.by_year:
        label = f"{year} ({_('계획')})" if planned else str(year)  # as the PDF prints it
        executed = None if planned else amounts.executed
        _figures(sheet, row, label, amounts.secured, executed, None if planned else amounts.execution_rate)
        row += 1
    xlsx.print_setup(
        sheet, last_column=4, last_row=row - 1, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"B{first}"
    )
