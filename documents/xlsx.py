"""What every official xlsx of the product shares: the fonts and frames, the title block, framed (merged) table
headings, figures as numbers with #,##0 and 0.0%, text that stays text, frozen header rows and A4 print set-up, the
출처 sheet (source, 기준일, generated at), and saving with "calculate on opening" for the SUM totals.

The documents (`card_xlsx.py`, `quarterly_xlsx.py`, `budget_report.py`) draw their own layout with these; none of them
computes a figure: totals are =SUM formulas over the figures beside them (openpyxl cannot store a formula's result, so
Excel is asked to calculate on opening) and rates are the values of the one rule (`performance.calculations.rate`),
written as a fraction and shown by the 0.0% format, so that the file shows exactly the PDF's "50.2%".
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties

from performance.calculations import NOTHING
from performance.excel import sum_formula, write_text  # noqa: F401 — sum_formula: the documents' xlsx.sum_formula
from performance.excel.format import FONT_NAME

NUMBER, PERCENT = "#,##0", "0.0%"
DATE, DATETIME = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
SEOUL = ZoneInfo("Asia/Seoul")

PLAIN, BOLD = Font(name=FONT_NAME, size=10), Font(name=FONT_NAME, size=10, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
SUBTITLE_FONT = Font(name=FONT_NAME, size=10, color="464C53")
_SIDE = Side(style="thin", color="808080")
BOX = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
HEAD_FILL, TOTAL_FILL = (PatternFill("solid", fgColor=c) for c in ("D9D9D9", "F2F2F2"))
TITLE_HEIGHT = 28
MARK_FONT = Font(name=FONT_NAME, size=10, bold=True, color="8A1C12")
DEMO_MARK = gettext_lazy("시연용 자료")
DEMO_NOTE = gettext_lazy("부서별·세부사업별 배분은 예시이며, 합계는 공약 이행 카드의 실제 수치와 같습니다.")
PROVISIONAL_MARK = gettext_lazy("잠정")


def text(sheet, row: int, column: int, value, *, bold: bool = False):
    """A text cell that stays text (`performance.excel.write_text`: text from the database that a spreadsheet would
    take for a formula is flagged quotePrefix, so the reader sees it exactly and nothing runs)."""
    cell = write_text(sheet.cell(row, column), value)
    cell.font = BOLD if bold else PLAIN
    return cell


def number(sheet, row: int, column: int, value, *, fmt: str = NUMBER):
    """A figure as a number with its format; None (nothing yet) as "—", centred."""
    if value is None:
        cell = text(sheet, row, column, NOTHING)
        cell.alignment = CENTRE
        return cell
    cell = sheet.cell(row, column, value)
    cell.number_format, cell.font, cell.alignment = fmt, PLAIN, RIGHT
    return cell


def rate(sheet, row: int, column: int, value: Decimal | None):
    """A rate of the one rule (a Decimal percentage, one decimal) as a fraction shown by 0.0%: 50.2 → 0.502."""
    return number(sheet, row, column, None if value is None else float(value) / 100, fmt=PERCENT)


def formula(sheet, row: int, column: int, expression: str, *, fmt: str = NUMBER):
    cell = sheet.cell(row, column, expression)
    cell.number_format, cell.font, cell.alignment = fmt, PLAIN, RIGHT
    return cell


def frame(sheet, row: int, first: int, last: int, *, rows: int = 1, fill=None, align=CENTRE):
    """Frame a table cell spanning columns `first`–`last` and `rows` rows, merging when it spans more than one."""
    if last > first or rows > 1:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row + rows - 1, end_column=last)
    for r in range(row, row + rows):
        for c in range(first, last + 1):
            cell = sheet.cell(r, c)
            cell.border = BOX
            if fill:
                cell.fill = fill
    sheet.cell(row, first).alignment = align
    return sheet.cell(row, first)


def head(sheet, row: int, first: int, last: int, value: str, *, rows: int = 1, fill=HEAD_FILL):
    """A framed, bold table heading spanning columns `first`–`last` and `rows` rows (merged)."""
    frame(sheet, row, first, last, rows=rows, fill=fill)
    return text(sheet, row, first, value, bold=True)


def title_block(sheet, title: str, last_column: int, *, subtitle: str = "") -> int:
    """The document's title across the sheet in row 1 (and a subtitle in row 2); returns the first free row after
    one blank row."""
    cell = text(sheet, 1, 1, title)
    cell.font, cell.alignment = TITLE_FONT, Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_column)
    sheet.row_dimensions[1].height = TITLE_HEIGHT
    if not subtitle:
        return 3
    cell = text(sheet, 2, 1, subtitle)
    cell.font, cell.alignment = SUBTITLE_FONT, Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last_column)
    return 4


def print_setup(sheet, *, last_column: int, last_row: int, title_rows: str, freeze: str, landscape: bool = True):
    """A4, one page wide, `title_rows` repeated on every printed page and kept in view on screen (`freeze`: the
    first cell below and right of what stays), page numbers in the footer."""
    sheet.freeze_panes = freeze
    sheet.print_title_rows = title_rows
    sheet.print_area = f"A1:{get_column_letter(last_column)}{max(last_row, 1)}"
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE if landscape else sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = "&P / &N"


def widths(sheet, columns: dict[int, float]) -> None:
    for column, width in columns.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return moment.astimezone(SEOUL).date() if moment else None


def write_source_sheet(
    sheet,
    *,
    source: str,
    as_of: datetime.datetime | None,
    generated_at: datetime.datetime,
    notes: Iterable[str] = (),
    demo: bool = False,
) -> None:
    """Where the figures come from and of when (기준일: the data's date; 생성 일시: when the file was made), then notes.
    A document forwarded on must say so, and say when its figures include demo data (`demo`)."""
    as_of_date = local_date(as_of)
    generated = generated_at.astimezone(SEOUL).replace(tzinfo=None, microsecond=0)
    rows = [
        (_("출처"), source, None),
        (_("기준일"), as_of_date or NOTHING, DATE if as_of_date else None),
        (_("생성 일시"), generated, DATETIME),
    ]
    if demo:
        rows.insert(3, (str(DEMO_MARK), str(DEMO_NOTE), None))  # after 출처, 기준일 and 생성 일시, before 비고
    rows += [(_("비고") if index == 0 else "", note, None) for index, note in enumerate(notes)]
    for index, (name, value, fmt) in enumerate(rows, start=1):
        write_text(sheet.cell(index, 1), name).font = BOLD
        cell = write_text(sheet.cell(index, 2), value) if isinstance(value, str) else sheet.cell(index, 2, value)
        cell.font, cell.alignment = PLAIN, Alignment(horizontal="left")
        if name == str(DEMO_MARK):
            cell.font = sheet.cell(index, 1).font = MARK_FONT
        if fmt:
            cell.number_format = fmt
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 12, 90
    sheet.print_area = f"A1:B{len(rows)}"
    sheet.page_setup.orientation, sheet.page_setup.paperSize = sheet.ORIENTATION_PORTRAIT, sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&P / &N"


def mark_document(book, *, demo: bool = False, provisional: bool = False) -> None:
    """Say on every sheet but 출처 (which says it in its own rows) what a reader must know before the figures: after
    the title in row 1 ("[잠정]", "[시연용 자료]") and at the left of the printed footer."""
    marks = [str(mark) for mark, wanted in ((PROVISIONAL_MARK, provisional), (DEMO_MARK, demo)) if wanted]
    if not marks:
        return
    for sheet in book.worksheets:
        if sheet.title == _("출처"):
            continue
        title = sheet.cell(1, 1)
        write_text(title, " ".join([str(title.value or ""), *(f"[{mark}]" for mark in marks)]).strip())
        sheet.oddFooter.left.text = " · ".join(marks)


def workbook_bytes(book) -> bytes:
    """The workbook as bytes, each total formula with its result stored beside it, so that a previewer, a mail
    client or pandas shows the totals without calculating (openpyxl writes formulas without results); Excel is
    still asked to calculate on opening."""
    book.calculation = CalcProperties(fullCalcOnLoad=True)
    results = {index: formula_results(sheet) for index, sheet in enumerate(book.worksheets, start=1)}
    buffer = BytesIO()
    book.save(buffer)
    return _with_results(buffer.getvalue(), results)


_SUM = re.compile(r"^=SUM\((.*)\)$")


def formula_results(sheet) -> dict[str, int | float]:
    """The result of every total formula of a sheet (=SUM over cells and ranges, or =0), by cell."""
    results: dict[str, int | float] = {}

    def value(coordinate: str):
        cell = sheet[coordinate]
        if cell.data_type == "f":  # a formula; text that starts with "=" is text (performance.excel.write_text)
            if coordinate not in results:
                results[coordinate] = evaluate(cell.value)
            return results[coordinate]
        return cell.value if isinstance(cell.value, int | float) and not isinstance(cell.value, bool) else 0

    def evaluate(expression: str):
        if expression == "=0":
            return 0
        match = _SUM.match(expression)
        if match is None:
            raise ValueError(f"only SUM totals are written: {expression}")
        total = 0
        for part in match[1].split(","):
            if ":" in part:
                for row in sheet[part]:
                    total += sum(value(cell.coordinate) for cell in row)
            else:
                total += value(part)
        return total

    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                value(cell.coordinate)
    return results


def _with_results(data: bytes, results: dict[int, dict[str, int | float]]) -> bytes:
    """The saved workbook with each formula's result in its cell's <v> (openpyxl leaves it empty: `<v/>` when it
    writes with the standard library, `<v></v>` when lxml is installed)."""
    source = zipfile.ZipFile(BytesIO(data))
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            number = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if number and results.get(int(number[1])):
                sheet_results = results[int(number[1])]
                content = re.sub(
                    rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f>(?:<v ?/>|<v></v>)</c>',
                    lambda m, r=sheet_results: (
                        b'<c r="%s"%s><f>%s</f><v>%s</v></c>'
                        % (m[1], m[2], m[3], repr(r.get(m[1].decode(), 0)).encode())
                    ),
                    content,
                )
            target.writestr(item, content)
    return output.getvalue()
