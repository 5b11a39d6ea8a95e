"""The quarterly job-creation report (분기 일자리창출 실적 보고) as xlsx, in the layout of its PDF: one sheet per table
of the PDF, in its order, each under the report's title block, with the PDF's (merged) headings frozen and repeated on
every printed page; then the 출처 sheet.

Every figure comes from the one `QuarterlyReportDocument` the PDF reads. The 계 rows are =SUM formulas over the rows
above them (Excel recomputes them when a recipient corrects a figure; the tests check that they add up to the
document's totals); the rates are the values of the one rule, so the file shows exactly the PDF's "90.7%".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment

from performance.calculations import quarter_name

from . import xlsx
from .base import XLSX, ExportedFile
from .quarterly import QuarterlyReportDocument, report_filename, status_label
from .xlsx import DATETIME, LEFT, RIGHT, TOTAL_FILL

if TYPE_CHECKING:
    from performance.achievement import Share

CAPTION_ROW, HEADER_TOP = 3, 4  # rows 1–2: the title block; row 3: the table's caption and unit
LABEL_WIDTH, FIGURE_WIDTH = 26, 14


def quarterly_report_xlsx(document: QuarterlyReportDocument) -> ExportedFile:
    """The report as an .xlsx (`ExportedFile`) from the same document as the PDF."""
    book = openpyxl.Workbook()
    writers = (_write_summary, _write_quarters, _write_groups, _write_types, _write_departments, _write_missing)
    for index, write in enumerate(writers):
        write(book.active if index == 0 else book.create_sheet(), document)
    source = _("%(government)s %(code)s %(year)s년 %(quarter)s분기 일자리창출 실적 보고") % {
        "government": document.pledge.local_government,
        "code": document.pledge.code,
        "year": document.year,
        "quarter": document.quarter,
    }
    notes = (
        *((document.provisional_note,) if document.provisional else ()),
        _("승인된 실적만 반영했습니다."),
        _("계 행의 실적과 목표는 엑셀 수식(SUM)이고, 달성률은 소수 첫째 자리에서 반올림한 값입니다."),
        _("계 행의 목표는 모든 행에 목표가 있을 때만 더합니다."),
    )
    xlsx.write_source_sheet(
        book.create_sheet(_("출처")),
        source=source,
        as_of=document.as_of,
        generated_at=document.generated_at,
        notes=notes,
        demo=document.includes_demo,
    )
    xlsx.mark_document(book, demo=document.includes_demo, provisional=document.provisional)
    return ExportedFile(report_filename(document, "xlsx"), XLSX, xlsx.workbook_bytes(book))


def _start(sheet, document: QuarterlyReportDocument, name: str, last_column: int, *, unit: bool = True) -> None:
    """The sheet's name, the report's title block, the table's caption (the sheet's name) and unit."""
    sheet.title = name[:31]
    title = _("%(year)s년 %(quarter)s분기 일자리창출 실적 보고") % {"year": document.year, "quarter": document.quarter}
    pledge = document.pledge
    subtitle = f"{pledge.local_government} · {pledge.code} {pledge.title} · {pledge.lead_department}"
    xlsx.title_block(sheet, title, last_column, subtitle=subtitle)
    xlsx.text(sheet, CAPTION_ROW, 1, f"□ {name}", bold=True)
    if unit:
        xlsx.text(sheet, CAPTION_ROW, last_column, _("(단위 : 명)")).alignment = RIGHT
    xlsx.widths(sheet, {1: LABEL_WIDTH, **{c: FIGURE_WIDTH for c in range(2, last_column + 1)}})


def _finish(sheet, *, last_column: int, last_row: int, header_bottom: int, freeze: str) -> None:
    xlsx.print_setup(
        sheet,
        last_column=last_column,
        last_row=last_row,
        title_rows=f"{HEADER_TOP}:{header_bottom}",
        freeze=freeze,
        landscape=False,
    )


def _period(document: QuarterlyReportDocument) -> str:
    return _("%(year)s년 %(quarter)s분기까지") % {"year": document.year, "quarter": document.quarter}


def _write_summary(sheet, document: QuarterlyReportDocument) -> None:
    """The PDF's summary box: the year's target, the cumulative through the quarter, the rate, departments missing;
    under it, for a provisional report, which departments those are (the PDF's note at the top)."""
    _start(sheet, document, _("요약"), 4)
    xlsx.head(sheet, HEADER_TOP, 1, 4, _period(document))
    names = (
        _("연간 목표(명)"),
        _("%(quarter)s분기까지 누적 실적(명)") % {"quarter": document.quarter},
        _("달성률"),
        _("미제출·미승인 부서"),
    )
    for column, name in enumerate(names, start=1):
        xlsx.head(sheet, HEADER_TOP + 1, column, column, name)
    row, overview = HEADER_TOP + 2, document.overview
    for column in range(1, 5):
        xlsx.frame(sheet, row, column, column)
    xlsx.number(sheet, row, 1, overview.target)
    xlsx.number(sheet, row, 2, overview.cumulative)
    xlsx.rate(sheet, row, 3, overview.rate)
    xlsx.number(sheet, row, 4, len(document.missing))
    sheet.column_dimensions["A"].width = FIGURE_WIDTH + 4
    sheet.row_dimensions[HEADER_TOP + 1].height = 30
    if document.provisional:
        row += 2
        note = xlsx.text(sheet, row, 1, document.provisional_note)
        note.font, note.alignment = xlsx.MARK_FONT, Alignment(horizontal="left", vertical="top", wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        sheet.row_dimensions[row].height = 15 * (2 + len(document.provisional_note) // 40)
    _finish(sheet, last_column=4, last_row=row, header_bottom=HEADER_TOP + 1, freeze=f"A{HEADER_TOP + 2}")


def _write_quarters(sheet, document: QuarterlyReportDocument) -> None:
    """분기별 누적 실적: a row per year (latest first), the four quarters under one merged heading, the target."""
    _start(sheet, document, _("분기별 누적 실적"), 6)
    xlsx.head(sheet, HEADER_TOP, 1, 1, _("연도"), rows=2)
    xlsx.head(sheet, HEADER_TOP, 2, 5, _("분기별 누적 실적(명)"))
    xlsx.head(sheet, HEADER_TOP, 6, 6, _("목표(명)"), rows=2)
    for quarter in range(1, 5):
        xlsx.head(sheet, HEADER_TOP + 1, 1 + quarter, 1 + quarter, quarter_name(quarter))
    row = HEADER_TOP + 2
    overview = document.overview
    for year, values in reversed(overview.by_year.items()):
        for column in range(1, 7):
            xlsx.frame(sheet, row, column, column)
        xlsx.text(sheet, row, 1, _("%(year)s년") % {"year": year}, bold=True)
        for column, value in enumerate(values, start=2):
            xlsx.number(sheet, row, column, value)
        xlsx.number(sheet, row, 6, overview.targets.get(year))
        row += 1
    _finish(sheet, last_column=6, last_row=row - 1, header_bottom=HEADER_TOP + 1, freeze=f"B{HEADER_TOP + 2}")


def _write_groups(sheet, document: QuarterlyReportDocument) -> None:
    _write_shares(sheet, document, _("계층별"), _("계층"), document.overview.groups, document.group_total)


def _write_types(sheet, document: QuarterlyReportDocument) -> None:
    _write_shares(sheet, document, _("부문별"), _("부문"), document.overview.types, document.type_total)


def _write_departments(sheet, document: QuarterlyReportDocument) -> None:
    _write_shares(sheet, document, _("부서별"), _("부서"), document.departments, document.department_total)


def _write_shares(sheet, document: QuarterlyReportDocument, name: str, first: str, shares, total: Share) -> None:
    """A table of shares (group, type or department): result, target and rate through the quarter, then 계."""
    _start(sheet, document, name, 4)
    xlsx.head(sheet, HEADER_TOP, 1, 1, first, rows=2)
    xlsx.head(sheet, HEADER_TOP, 2, 4, _period(document))
    for column, heading in enumerate((_("실적(명)"), _("목표(명)"), _("달성률")), start=2):
        xlsx.head(sheet, HEADER_TOP + 1, column, column, heading)
    first_row = row = HEADER_TOP + 2
    for share in shares:
        for column in range(1, 5):
            xlsx.frame(sheet, row, column, column)
        xlsx.text(sheet, row, 1, share.label).alignment = LEFT
        xlsx.number(sheet, row, 2, share.cumulative)
        xlsx.number(sheet, row, 3, share.target)
        xlsx.rate(sheet, row, 4, share.rate)
        row += 1
    if shares:
        _write_total(sheet, row, range(first_row, row), total)
    else:
        xlsx.frame(sheet, row, 1, 4, align=LEFT)
        xlsx.text(sheet, row, 1, _("승인된 실적이 없습니다."))
    _finish(sheet, last_column=4, last_row=row, header_bottom=HEADER_TOP + 1, freeze=f"B{first_row}")


def _write_total(sheet, row: int, rows: range, total: Share) -> None:
    """계: the results (and the targets, when every row has one) as =SUM over the rows above; the rate's value."""
    xlsx.head(sheet, row, 1, 1, _("계"), fill=TOTAL_FILL)
    for column in range(2, 5):
        xlsx.frame(sheet, row, column, column, fill=TOTAL_FILL)
    xlsx.formula(sheet, row, 2, xlsx.sum_formula(2, rows)).font = xlsx.BOLD
    if total.target is None:
        xlsx.number(sheet, row, 3, None)
    else:
        xlsx.formula(sheet, row, 3, xlsx.sum_formula(3, rows)).font = xlsx.BOLD
    xlsx.rate(sheet, row, 4, total.rate).font = xlsx.BOLD


def _write_missing(sheet, document: QuarterlyReportDocument) -> None:
    """Departments whose report for the quarter is not approved: its state and when it was submitted."""
    _start(sheet, document, _("미제출·미승인 부서"), 3, unit=False)
    for column, heading in enumerate((_("부서"), _("상태"), _("제출일시")), start=1):
        xlsx.head(sheet, HEADER_TOP, column, column, heading)
    sheet.column_dimensions["C"].width = 18
    row = HEADER_TOP + 1
    for missing in document.missing:
        for column in range(1, 4):
            xlsx.frame(sheet, row, column, column)
        xlsx.text(sheet, row, 1, missing.department.name).alignment = LEFT
        xlsx.text(sheet, row, 2, status_label(missing.status))
        submitted = missing.report.submitted_at if missing.report else None
        if submitted:
            moment = timezone.localtime(submitted).replace(tzinfo=None, microsecond=0)
            xlsx.number(sheet, row, 3, moment, fmt=DATETIME)
        else:
            xlsx.number(sheet, row, 3, None)
        row += 1
    if not document.missing:
        xlsx.frame(sheet, row, 1, 3, align=LEFT)
        xlsx.text(sheet, row, 1, _("모든 부서의 보고가 승인되었습니다."))
        row += 1
    _finish(sheet, last_column=3, last_row=row - 1, header_bottom=HEADER_TOP, freeze=f"B{HEADER_TOP + 1}")
