"""The budget grid as an .xlsx in the card's layout (the layout is described in budget/excel.py, which reads it
back). Like every exporter in the product it returns an `ExportedFile` (filename, mimetype, bytes).

Totals (the 합계 columns, the 계 and 재원별 합계 rows) are written, in the budget page's file, as the values
`budget_matrix` computed, not as formulas: that file goes back and forth with the upload, is read by programs that
do not calculate (viewers, openpyxl, pandas), and openpyxl cannot store a formula's result beside it. The upload
ignores them; the preview and the page show the totals recomputed from the figures read.

The budget report's xlsx (documents/budget_report.py) draws the very same sheet with `write_budget_sheet(...,
formulas=True)`: there every total is an =SUM over the figures it adds, so that a recipient who corrects a figure sees
the totals follow, and nothing is marked for editing.
"""

from dataclasses import dataclass
from io import BytesIO

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from performance.calculations import NOTHING
from performance.excel import XLSX_MIMETYPE, sum_formula, write_text
from performance.excel.format import FONT_NAME
from performance.models import Pledge

from .excel import (
    CODE_CELL,
    CODE_LABEL_CELL,
    EXECUTED_LABEL,
    FILE_LABELS,
    FIRST_DATA_ROW,
    FIRST_YEAR_COLUMN,
    HEADER_BOTTOM,
    HEADER_TOP,
    LABEL_CELLS,
    NOTE_TOTALS,
    NUMBER_FORMAT,
    PLANNED,
    SECURED_LABEL,
    SHEET,
    TOTAL_LABEL,
)
from .models import MAX_MILLION_WON
from .selectors import BudgetMatrix

XLSX = XLSX_MIMETYPE


@dataclass(frozen=True)
class ExportedFile:
    filename: str
    mimetype: str
    content: bytes


def budget_xlsx(matrix: BudgetMatrix, *, pledge: Pledge) -> ExportedFile:
    filename = _("예산_%(code)s.xlsx") % {"code": pledge.code}
    return ExportedFile(filename, XLSX, budget_workbook(matrix, pledge=pledge))


# ---------------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------------

_LINE = Side(style="thin", color="808080")
_BOX = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_HEAD_FILL, _TOTAL_FILL, _EDIT_FILL = (PatternFill("solid", fgColor=c) for c in ("D9D9D9", "F2F2F2", "FFF2CC"))


def budget_workbook(matrix: BudgetMatrix, *, pledge: Pledge) -> bytes:
    """The grid in the card's layout (see the module docstring): merged two-row header, #,##0 numbers, frozen
    header and label columns, editable figures light yellow, the warnings as notes under the table."""
    book = openpyxl.Workbook()
    write_budget_sheet(book.active, matrix, pledge=pledge)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_budget_sheet(sheet, matrix: BudgetMatrix, *, pledge: Pledge, formulas: bool = False) -> int:
    """Draw sheet "예산" (the layout of budget/excel.py) and return the last row of the table. `formulas`: every
    total as =SUM over the figures it adds, nothing marked for editing and no warning (the report, an official
    document); else the computed values, the editable figures light yellow and checked by data validation, and the
    warnings under the table (the file of the upload)."""
    sheet.title = SHEET
    _write_heading(sheet, matrix, pledge)
    row = FIRST_DATA_ROW
    for block in matrix.grid:
        _write_block(sheet, block, row, editable=block.line_id is not None and not formulas)
        row += len(block.rows)
    if formulas:
        _write_total_formulas(sheet, matrix)
    _write_notes(sheet, matrix, row + 1, formulas=formulas)
    _finish(sheet, matrix, last_row=row - 1, editable=not formulas)
    return row - 1


def _write_total_formulas(sheet, matrix: BudgetMatrix) -> None:
    """Replace every total by its =SUM: the 합계 columns add the row's years; the 계 row adds every budget line's
    rows; a 재원별 합계 row (drawn with several budget lines) adds its source's rows of every budget line."""
    kinds = ["total"] + (["sources"] if len(matrix.lines) > 1 else [])  # matrix.grid's order: 계, 재원별 합계, lines
    rows, row = [], FIRST_DATA_ROW
    for index, block in enumerate(matrix.grid):
        kind = kinds[index] if index < len(kinds) else "line"
        rows += [(row + offset, kind, grid_row.source) for offset, grid_row in enumerate(block.rows)]
        row += len(block.rows)
    line_rows = [number for number, kind, _source in rows if kind == "line"]
    year_columns = [FIRST_YEAR_COLUMN + 2 * index for index in range(len(matrix.years))]
    for number, kind, source in rows:
        adds = {"total": line_rows, "sources": [r for r, k, s in rows if k == "line" and s == source]}.get(kind)
        for column in year_columns if adds is not None else ():
            _formula(sheet, number, column, sum_formula(column, adds))
            _formula(sheet, number, column + 1, sum_formula(column + 1, adds))
        for total_column, offset in ((3, 0), (4, 1)):
            cells = ",".join(f"{get_column_letter(c + offset)}{number}" for c in year_columns)
            _formula(sheet, number, total_column, f"=SUM({cells})" if cells else "=0")


def _formula(sheet, row: int, column: int, expression: str) -> None:
    cell = sheet.cell(row, column)
    cell.value = expression
    cell.number_format = NUMBER_FORMAT
    cell.alignment = Alignment(horizontal="right")


def _write_heading(sheet, matrix: BudgetMatrix, pledge: Pledge) -> None:
    _text(sheet, "A1", _("%(code)s 연차별 투자수요 및 집행액") % {"code": pledge.code}).font = Font(bold=True, size=14)
    _text(sheet, CODE_LABEL_CELL, LABEL_CELLS[CODE_LABEL_CELL]).font = Font(bold=True)
    _text(sheet, CODE_CELL, pledge.code)
    last = get_column_letter(FIRST_YEAR_COLUMN + 2 * len(matrix.years) - 1)
    _text(sheet, f"{last}2", _("(단위: 백만원)")).alignment = Alignment(horizontal="right")
    for ref, label in LABEL_CELLS.items():
        if ref != CODE_LABEL_CELL:
            _head(sheet, ref, label)
    for merge in ("A4:A5", "B4:B5", "C4:D4"):
        sheet.merge_cells(merge)
    for index, year in enumerate(matrix.years):
        column = FIRST_YEAR_COLUMN + 2 * index
        left, right = get_column_letter(column), get_column_letter(column + 1)
        _head(sheet, f"{left}{HEADER_TOP}", f"{year}년" + (PLANNED if year in matrix.planned_years else ""))
        _head(sheet, f"{right}{HEADER_TOP}", None)
        sheet.merge_cells(f"{left}{HEADER_TOP}:{right}{HEADER_TOP}")
        _head(sheet, f"{left}{HEADER_BOTTOM}", SECURED_LABEL)
        _head(sheet, f"{right}{HEADER_BOTTOM}", EXECUTED_LABEL)
    for ref in ("A5", "B5", "D4"):  # the covered cells of a merge keep the border
        sheet[ref].border = _BOX


def _write_block(sheet, block, first_row: int, *, editable: bool) -> None:
    for offset, grid_row in enumerate(block.rows):
        row = first_row + offset
        label = FILE_LABELS.get(grid_row.source, grid_row.label)
        _text(sheet, f"B{row}", label).border = _BOX
        _number(sheet, f"C{row}", grid_row.total.secured, _TOTAL_FILL)
        _number(sheet, f"D{row}", grid_row.total.executed, _TOTAL_FILL)
        fill = _EDIT_FILL if editable else _TOTAL_FILL
        for index, cell in enumerate(grid_row.cells):
            column = FIRST_YEAR_COLUMN + 2 * index
            _number(sheet, f"{get_column_letter(column)}{row}", cell.secured, fill)
            _number(sheet, f"{get_column_letter(column + 1)}{row}", cell.executed, fill)
    name = _text(sheet, f"A{first_row}", TOTAL_LABEL if block.is_total else block.name)
    name.alignment, name.border = _CENTRE, _BOX
    last_row = first_row + len(block.rows) - 1
    if block.is_total:
        sheet.merge_cells(f"A{first_row}:B{first_row}")
        for ref in (f"A{first_row}", f"B{first_row}"):
            sheet[ref].font, sheet[ref].fill = Font(bold=True), _TOTAL_FILL
    elif last_row > first_row:
        sheet.merge_cells(f"A{first_row}:A{last_row}")


def _write_notes(sheet, matrix: BudgetMatrix, row: int, *, formulas: bool = False) -> None:
    """How to read the totals; in the budget page's file (not the report: an official document shows figures only)
    the warnings for the people editing the figures."""
    notes = [_("※ 합계 열과 계 행은 엑셀 수식(SUM)입니다.") if formulas else str(NOTE_TOTALS)]
    for number, warning in enumerate(() if formulas else matrix.warnings, start=1):
        where = " ".join(filter(None, (f"{warning.year}년", warning.source_label, warning.line)))
        notes.append(f"※{number} {where}: {warning.message}")
    for offset, note in enumerate(notes):
        _text(sheet, f"A{row + offset}", note).font = Font(color="595959")


def _finish(sheet, matrix: BudgetMatrix, *, last_row: int, editable: bool = True) -> None:
    widths = {"A": 30, "B": 9, "C": 12, "D": 12}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    for index in range(2 * len(matrix.years)):
        sheet.column_dimensions[get_column_letter(FIRST_YEAR_COLUMN + index)].width = 11
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"
    sheet.print_title_rows = f"{HEADER_TOP}:{HEADER_BOTTOM}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_area = f"A1:{get_column_letter(max(sheet.max_column, 1))}{sheet.max_row}"
    sheet.oddFooter.center.text = "&P / &N"
    for row in sheet.iter_rows():  # the Korean face on every cell, not openpyxl's default Calibri
        for cell in row:
            font = cell.font
            cell.font = Font(name=FONT_NAME, size=font.sz or 10, bold=font.b, italic=font.i, color=font.color)
    if editable and matrix.years and last_row >= FIRST_DATA_ROW:
        last_column = get_column_letter(FIRST_YEAR_COLUMN + 2 * len(matrix.years) - 1)
        rule = DataValidation(type="whole", operator="between", formula1="0", formula2=str(MAX_MILLION_WON))
        rule.allow_blank, rule.showErrorMessage = True, True
        rule.error = _("0 이상의 정수(백만원)만 입력할 수 있습니다. 수식, 날짜, 소수, 글자는 쓸 수 없습니다.")
        rule.add(f"{get_column_letter(FIRST_YEAR_COLUMN)}{FIRST_DATA_ROW + 1}:{last_column}{last_row}")
        sheet.add_data_validation(rule)


def _head(sheet, ref: str, value):
    cell = _text(sheet, ref, value) if value is not None else sheet[ref]
    cell.font, cell.fill, cell.alignment, cell.border = Font(bold=True), _HEAD_FILL, _CENTRE, _BOX
    return cell


def _number(sheet, ref: str, value: int | None, fill) -> None:
    cell = sheet[ref]
    cell.value = NOTHING if value is None else value
    cell.number_format, cell.border, cell.fill = NUMBER_FORMAT, _BOX, fill
    cell.alignment = Alignment(horizontal="center" if value is None else "right")


def _text(sheet, ref: str, value: str):
    """Text always stays text: a budget line named "=…" must not become a formula (formula injection)."""
    return write_text(sheet[ref], value)
