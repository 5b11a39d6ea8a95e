"""Writing the pre-filled results template."""

from __future__ import annotations

from io import BytesIO

import openpyxl
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from performance.models import MAX_JOBS

from .cells import write_text
from .format import (
    COLUMN_WIDTHS,
    COLUMNS,
    COMMENT_COLUMN,
    COMMENT_INVALID,
    DATA_SHEET,
    FIRST_DATA_ROW,
    GUIDE_INTRO,
    GUIDE_LINES,
    GUIDE_SHEET,
    GUIDE_TITLE,
    HEADER_ROW,
    HINT,
    JOBS_COLUMN,
    JOBS_INVALID,
    JOBS_INVALID_TITLE,
    JOBS_PROMPT,
    JOBS_PROMPT_TITLE,
    LAST_COLUMN,
    MAX_COMMENT_LENGTH,
    TemplateRow,
)

_S_TITLE, _S_LABEL, _S_HINT = "양식 제목", "양식 항목", "양식 도움말"
_S_HEAD, _S_HEAD_EDIT = "양식 머리글", "양식 머리글(입력)"
_S_FIXED_TEXT, _S_FIXED_NUMBER, _S_FIXED_ID = "읽기 전용 글자", "읽기 전용 숫자", "읽기 전용 번호"
_S_EDIT_NUMBER, _S_EDIT_TEXT = "입력 숫자", "입력 글자"
_S_GUIDE_TITLE, _S_GUIDE = "안내 제목", "안내 본문"


def build_results_template(*, title: str, year: int, quarter: int, rows: list[TemplateRow]) -> bytes:
    """Return an .xlsx template of one quarter's results: sheet "실적" laid out as the module docstring says, with
    read-only columns grey and the two editable ones (이번 분기 실적, 비고) light yellow, and a sheet "안내" on how to
    fill it in. Written in write-only mode, so 10,000 rows cost little memory. Every text cell is stored as text,
    so a name or comment beginning with = + - @ never becomes a formula."""
    book = openpyxl.Workbook(write_only=True)
    styles = {}
    for style in workbook_styles():
        book.add_named_style(style)
        styles[style.name] = style.as_tuple()
    sheet = book.create_sheet(DATA_SHEET)
    _prepare_data_sheet(sheet, last_row=FIRST_DATA_ROW + len(rows) - 1)
    _write_heading(sheet, styles, title, year, quarter)
    for row in rows:
        sheet.append(_data_cells(sheet, styles, row))
    _write_guide(book.create_sheet(GUIDE_SHEET), styles, year, quarter)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_styles() -> list[NamedStyle]:
    """The template's styles, named so that a cell takes a ready-made style array instead of five lookups (which
    matters at 100,000 cells); the names also show in Excel's cell style gallery. The yearly plan's workbook
    (performance/plan_workbook.py) is written with the same styles."""
    line = Side(style="thin", color="BFBFBF")
    box = Border(left=line, right=line, top=line, bottom=line)
    grey, yellow = PatternFill("solid", fgColor="F2F2F2"), PatternFill("solid", fgColor="FFF2CC")
    grey_font, centre = Font(color="595959"), Alignment(horizontal="center", vertical="center", wrap_text=True)
    # Editable cells are unlocked, so turning on sheet protection later needs no other change.
    unlocked = Protection(locked=False)
    head = {"font": Font(bold=True), "border": box, "alignment": centre}
    specs = {
        _S_TITLE: {"font": Font(bold=True, size=14)},
        _S_LABEL: {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="D9D9D9"), "border": box},
        _S_HINT: {"font": Font(color="C00000")},
        _S_HEAD: {**head, "fill": PatternFill("solid", fgColor="D9D9D9")},
        _S_HEAD_EDIT: {**head, "fill": PatternFill("solid", fgColor="FFD966")},
        _S_FIXED_TEXT: {"font": grey_font, "fill": grey, "border": box},
        _S_FIXED_NUMBER: {"font": grey_font, "fill": grey, "border": box, "number_format": "#,##0"},
        _S_FIXED_ID: {"font": grey_font, "fill": grey, "border": box, "number_format": "0"},
        _S_EDIT_NUMBER: {"fill": yellow, "border": box, "number_format": "#,##0", "protection": unlocked},
        _S_EDIT_TEXT: {"fill": yellow, "border": box, "number_format": "@", "protection": unlocked},
        _S_GUIDE_TITLE: {"font": Font(bold=True, size=14)},
        _S_GUIDE: {"alignment": Alignment(wrap_text=True, vertical="top")},
    }
    return [NamedStyle(name=name, **spec) for name, spec in specs.items()]


def _prepare_data_sheet(sheet, *, last_row: int) -> None:
    """Column widths, frozen header, filter, print titles and input checks; a write-only sheet needs them before
    its first row is written."""
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[HEADER_ROW].height = 33
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    if last_row < FIRST_DATA_ROW:
        return
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{LAST_COLUMN}{last_row}"
    # Excel refuses a bad value as it is typed; pasted values bypass this, so the reader checks everything again.
    jobs = DataValidation(type="whole", operator="between", formula1="0", formula2=str(MAX_JOBS), allow_blank=True)
    jobs.promptTitle, jobs.prompt = str(JOBS_PROMPT_TITLE), str(JOBS_PROMPT)
    jobs.errorTitle, jobs.error = str(JOBS_INVALID_TITLE), str(JOBS_INVALID)
    comment = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(MAX_COMMENT_LENGTH))
    comment.allow_blank, comment.errorTitle, comment.error = True, str(JOBS_INVALID_TITLE), str(COMMENT_INVALID)
    for validation, column in ((jobs, JOBS_COLUMN), (comment, COMMENT_COLUMN)):
        validation.showErrorMessage = validation.showInputMessage = True
        validation.add(f"{column}{FIRST_DATA_ROW}:{column}{last_row}")
        sheet.data_validations.append(validation)


def _write_heading(sheet, styles: dict, title: str, year: int, quarter: int) -> None:
    """Rows 1–4: title, year and quarter, an empty row, the header."""
    sheet.append([styled_cell(sheet, title, styles[_S_TITLE])])
    labels = [styled_cell(sheet, "연도", styles[_S_LABEL]), styled_cell(sheet, year, styles[_S_FIXED_ID])]
    labels += [styled_cell(sheet, "분기", styles[_S_LABEL]), styled_cell(sheet, quarter, styles[_S_FIXED_ID])]
    sheet.append([*labels, None, styled_cell(sheet, str(HINT), styles[_S_HINT])])
    sheet.append([])
    editable = {JOBS_COLUMN, COMMENT_COLUMN}
    sheet.append(
        [
            styled_cell(sheet, label, styles[_S_HEAD_EDIT if get_column_letter(index) in editable else _S_HEAD])
            for index, label in enumerate(COLUMNS, start=1)
        ]
    )


def _data_cells(sheet, styles: dict, row: TemplateRow) -> list[Cell]:
    """One programme's row, columns A–J."""
    return [
        styled_cell(sheet, row.department_code, styles[_S_FIXED_TEXT]),
        styled_cell(sheet, row.department_name, styles[_S_FIXED_TEXT]),
        styled_cell(sheet, row.programme_id, styles[_S_FIXED_ID]),
        styled_cell(sheet, row.programme_name, styles[_S_FIXED_TEXT]),
        styled_cell(sheet, row.target_group, styles[_S_FIXED_TEXT]),
        styled_cell(sheet, row.programme_type, styles[_S_FIXED_TEXT]),
        styled_cell(sheet, row.annual_target, styles[_S_FIXED_NUMBER]),
        styled_cell(sheet, row.cumulative_before, styles[_S_FIXED_NUMBER]),
        styled_cell(sheet, row.jobs, styles[_S_EDIT_NUMBER]),
        styled_cell(sheet, row.comment, styles[_S_EDIT_TEXT]),
    ]


def _write_guide(sheet, styles: dict, year: int, quarter: int) -> None:
    """The 안내 sheet: one instruction a row in a wide, wrapping column."""
    sheet.column_dimensions["A"].width = 110
    sheet.append([styled_cell(sheet, str(GUIDE_TITLE), styles[_S_GUIDE_TITLE])])
    sheet.append([styled_cell(sheet, GUIDE_INTRO % {"year": year, "quarter": quarter}, styles[_S_GUIDE])])
    for line in GUIDE_LINES:
        sheet.append([styled_cell(sheet, str(line), styles[_S_GUIDE])])


def styled_cell(sheet, value: object, style: StyleArray) -> Cell:
    """A styled cell for a write-only sheet (as WriteOnlyCell; the writer places it). Text goes in by the one text
    rule (`cells.write_text`): text from the database is user input, so "=…" stays text and "#N/A" is no error."""
    cell = Cell(sheet, row=1, column=1, style_array=style)
    if isinstance(value, str):
        return write_text(cell, value)
    cell.value = value
    return cell
