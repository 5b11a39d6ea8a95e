"""Dashboard tables as downloads: xlsx (one sheet per table, numbers as numbers with #,##0 and 0.0%
formats) and CSV (UTF-8 with BOM so that Excel opens Korean correctly). The tables are built from the
same objects the page reads; text that a spreadsheet would take for a formula is escaped."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
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
    """One sheet per table, then a sheet naming the source and the date of the data."""
    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.freeze_panes = "A2"
        for index in range(1, len(table.headers) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 14 if index > 1 else 22
        sheet.append([_header(sheet, header) for header in table.headers])
        for row in table.rows:
            sheet.append(
                [_cell(sheet, value, table.kinds[i] if i < len(table.kinds) else "") for i, value in enumerate(row)]
            )
    about = book.create_sheet("출처")
    about.append([source])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell


def _cell(sheet, value, kind: str) -> WriteOnlyCell:
    if isinstance(value, Decimal) and kind == PERCENT:
        cell = WriteOnlyCell(sheet, value=float(value) / 100)
        cell.number_format = "0.0%"
    elif isinstance(value, int | Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "#,##0"
    else:
        cell = WriteOnlyCell(sheet, value=None if value is None else safe_text(str(value)))
        if value is not None:
            cell.data_type = "s"
    return cell
