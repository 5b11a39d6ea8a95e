"""Dashboard tables as downloads: xlsx (one sheet per table, numbers as numbers with #,##0 and 0.0% formats) and CSV
(UTF-8 with BOM so that Excel opens Korean correctly). The tables are built from the same objects the page reads; text
that a spreadsheet would take for a formula stays text (`performance.excel.cells`: quotePrefix in the xlsx, a leading
apostrophe in the CSV, which has no such flag)."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from performance.excel import csv_text, write_text

PERCENT = "percent"


@dataclass(frozen=True)
class Tabular:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]  # int, Decimal (a rate in %), str or None
    kinds: tuple[str, ...] = ()  # per column: "" or PERCENT


def to_csv(table: Tabular) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["" if v is None else csv_text(v) if isinstance(v, str) else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(tables: list[Tabular], source: str) -> bytes:
    """One sheet per table, then a sheet naming the source and the date of the data.

    Written in openpyxl's write-only mode, which writes each row as it is appended: so one styled cell per column
    and format is reused row after row (the style is looked up once, not once per cell)."""
    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.freeze_panes = "A2"
        for index in range(1, len(table.headers) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 14 if index > 1 else 22
        sheet.append([_header(sheet, header) for header in table.headers])
        cells = _ColumnCells(sheet, table)
        for row in table.rows:
            sheet.append(cells.row(row))
    about = book.create_sheet("출처")
    about.append([write_text(WriteOnlyCell(about), source)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header(sheet, text: str) -> WriteOnlyCell:
    cell = write_text(WriteOnlyCell(sheet), text)
    cell.font = Font(bold=True)
    return cell


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
        """Text by the one text rule (`performance.excel.write_text`): a cell of its own, so "=…" and "#N/A" stay
        text."""
        return write_text(WriteOnlyCell(self.sheet), value)
