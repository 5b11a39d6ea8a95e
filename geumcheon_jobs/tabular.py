"""Dashboard tables as downloads: xlsx (one sheet per table, numbers as numbers with #,##0 and 0.0%
formats) and CSV (UTF-8 with BOM so that Excel opens Korean correctly). The tables are built from the
same objects the page reads; text that a spreadsheet would take for a formula is escaped."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_ERROR_TEXTS = frozenset(ERROR_CODES)  # texts openpyxl would store as error values (#N/A, #REF!, …)
PERCENT = "percent"


@dataclass(frozen=True)
class Tabular:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]  # int, Decimal (a rate in %), str or None
    kinds: tuple[str, ...] = ()  # per column: "" or PERCENT


def safe_text(value: str) -> str:
    """A text cell that no spreadsheet will run as a formula (OWASP's CSV injection advice: a leading ')."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def to_csv(table: Tabular) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["" if v is None else safe_text(v) if isinstance(v, str) else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(tables: list[Tabular], source: str) -> bytes:
    """One sheet per table, then a sheet naming the source and the date of the data.

    Written in openpyxl's write-only mode, which writes each row as it is appended: so one styled cell per column
    and format is reused row after row (the style is looked up once, not once per cell) and text goes in as plain
    values; bench/xlsx_export.py keeps this within 1.2× of openpyxl writing the bare values."""
    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.freeze_panes = "A2"
        for index in range(1, len(table.headers) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 14 if index > 1 else 22
        sheet.append([_header(sheet, header) for header in table.headers])
        cells = _ColumnCells(sheet, table)
        sheet._values_to_row = _values_to_row(sheet)
        for row in table.rows:
            sheet.append(cells.row(row))
    about = book.create_sheet("출처")
    about.append([source])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell


def _values_to_row(sheet):
    """openpyxl's write-only `_values_to_row` without its slow path for a cell passed in (a ValueError raised and
    caught, then a new cell made, for every styled cell): our rows hold styled cells or plain values, and a plain
    value goes into one reused cell, which the writer writes out before asking for the next. Set on our own sheets
    only; openpyxl is pinned in requirements.txt."""
    plain = Cell(sheet)

    def values_to_row(values, row_idx):
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                plain.value = value
                cell = plain
            cell.column, cell.row = col_idx, row_idx
            yield cell

    return values_to_row


class _ColumnCells:
    """A number cell (#,##0) per column and a rate cell (0.0%) per rate column, styled once and refilled per row."""

    def __init__(self, sheet, table: Tabular):
        self.sheet = sheet
        width = len(table.headers)
        self.percent = [i < len(table.kinds) and table.kinds[i] == PERCENT for i in range(width)]
        self.numbers = [self._styled("#,##0") for _ in range(width)]
        self.rates = [self._styled("0.0%") if percent else None for percent in self.percent]

    def _styled(self, number_format: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet)
        cell.number_format = number_format
        return cell

    def row(self, values) -> list:
        cells = []
        for index, value in enumerate(values):
            if value is None:
                cells.append(None)
            elif type(value) is str:  # the common case first: most cells of a table are names
                cells.append(self._text(value))
            elif isinstance(value, Decimal) and self.percent[index]:
                cell = self.rates[index]
                cell.value = float(value) / 100
                cells.append(cell)
            elif isinstance(value, int | Decimal) and not isinstance(value, bool):
                cell = self.numbers[index]
                cell.value = value
                cells.append(cell)
            else:
                cells.append(self._text(str(value)))
        return cells

    def _text(self, value: str):
        text = safe_text(value)  # never a formula: a leading = + - @ gets a '
        if text in _ERROR_TEXTS:  # "#N/A" typed as a name stays text, not an error value
            cell = WriteOnlyCell(self.sheet, value=text)
            cell.data_type = "s"
            return cell
        return text
