"""Dashboard tables as downloads: xlsx (one sheet per table, numbers as numbers with #,##0 and 0.0% formats) and CSV
(UTF-8 with BOM so that Excel opens Korean correctly). The tables are built from the same objects the page reads; text
that a spreadsheet would take for a formula stays text (`performance.excel.cells`: quotePrefix in the xlsx, a leading
apostrophe in the CSV, which has no such flag)."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter

from performance.excel import csv_text, sheet_text

PERCENT = "percent"
_BOOK_OPTIONS = {
    "constant_memory": True,  # each row goes to a temporary file as soon as the next one starts
    # Text is only ever text: never turned into a number, a formula or a link.
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}


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
    """One sheet per table (a bold header, kept in view), then a sheet naming the source and the date of the data.

    Written with XlsxWriter in constant-memory mode, a maintained writer made for this: its formats are made once per
    workbook and a styled cell costs no more than a plain one. openpyxl's write-only mode, through its public API,
    pays an exception and a new cell for every styled cell (1.47× its bare-value speed for 100,000 rows, measured
    2026-11-27); this stays within bench/xlsx_export.py's 1.2× of it (0.7×)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, _BOOK_OPTIONS)
    formats = _Formats(book)
    for table in tables:
        sheet = book.add_worksheet(table.title[:31])
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, 0, 22)
        if len(table.headers) > 1:
            sheet.set_column(1, len(table.headers) - 1, 14)
        for column, header in enumerate(table.headers):
            formats.text(sheet, 0, column, header, bold=True)
        _write_rows(sheet, table, formats)
    formats.text(book.add_worksheet("출처"), 0, 0, source)
    book.close()
    return buffer.getvalue()


class _Formats:
    """The workbook's few formats, made once: bold headers, #,##0, 0.0%, and text flagged quotePrefix."""

    def __init__(self, book):
        self.bold = book.add_format({"bold": True})
        self.bold_quoted = book.add_format({"bold": True, "quote_prefix": True})
        self.quoted = book.add_format({"quote_prefix": True})
        self.number = book.add_format({"num_format": "#,##0"})
        self.percent = book.add_format({"num_format": "0.0%"})

    def text(self, sheet, row: int, column: int, value, *, bold: bool = False) -> None:
        """A text cell by the one text rule (`performance.excel.sheet_text`); an empty text leaves the cell empty."""
        text, flagged = sheet_text(value)
        if text:
            fmt = (self.bold_quoted if flagged else self.bold) if bold else (self.quoted if flagged else None)
            sheet.write_string(row, column, text, fmt)


def _write_rows(sheet, table: Tabular, formats: _Formats) -> None:
    percent = [i < len(table.kinds) and table.kinds[i] == PERCENT for i in range(len(table.headers))]
    write_number = sheet.write_number
    for row_index, row in enumerate(table.rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if type(value) is str:  # the common case first: most cells of a table are names
                formats.text(sheet, row_index, column, value)
            elif isinstance(value, Decimal) and percent[column]:
                write_number(row_index, column, float(value) / 100, formats.percent)
            elif isinstance(value, int | Decimal) and not isinstance(value, bool):
                write_number(row_index, column, value if type(value) is int else float(value), formats.number)
            else:
                formats.text(sheet, row_index, column, str(value))
