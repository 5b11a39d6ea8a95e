"""Reading an uploaded results workbook into rows and cell-level errors; never raises."""

from __future__ import annotations

import logging
from itertools import islice

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from performance.models import MAX_JOBS

from .cells import cell_jobs, cell_number, cell_text, row_is_blank, shown_value
from .format import (
    COLUMNS,
    COMMENT_COLUMN,
    DATA_SHEET,
    DEPARTMENT_COLUMN,
    ERR_COMMENT_FORMULA,
    ERR_COMMENT_TOO_LONG,
    ERR_DEPARTMENT,
    ERR_DUPLICATE,
    ERR_HEADER,
    ERR_NO_ROWS,
    ERR_NO_SHEET,
    ERR_PROGRAMME_ID,
    ERR_QUARTER,
    ERR_TOO_MANY_ROWS,
    ERR_UNREADABLE,
    ERR_UNSAFE_CONTENT,
    ERR_YEAR,
    FIRST_DATA_ROW,
    GUIDE_SHEET,
    HEADER_ROW,
    JOBS_COLUMN,
    MAX_COMMENT_LENGTH,
    MAX_DATA_ROWS,
    MAX_PROGRAMME_ID,
    PROGRAMME_COLUMN,
    QUARTER_CELL,
    QUARTER_LABEL_CELL,
    QUARTER_RANGE,
    YEAR_CELL,
    YEAR_LABEL_CELL,
    YEAR_RANGE,
    CellError,
    ParsedResults,
    ParsedRow,
    failed,
    file_error,
)
from .upload import check_upload, refused_as_unsafe
from .workbook import UploadedWorkbook

logger = logging.getLogger(__name__)


def parse_results_workbook(data: bytes, *, filename: str = "") -> ParsedResults:
    """Read an uploaded results workbook. Runs `check_upload` first and returns its errors without parsing;
    otherwise reads sheet "실적" with openpyxl in read-only mode and checks the year (B2), quarter (D2), the header
    (row 4) and every data row, reporting every problem with its sheet, cell, value and a Korean reason. A file
    with another sheet that would not be read, or with a merge over cells that are read, is refused with only those
    errors. Never raises on any input. `filename` (optional) only sharpens the messages."""
    errors = check_upload(data, filename)
    if errors:
        return ParsedResults(year=None, quarter=None, rows=(), errors=tuple(errors))
    try:
        return _read_workbook(data)
    except Exception as error:  # openpyxl and zipfile raise many kinds of errors on damaged parts; never crash
        if refused_as_unsafe(error):
            logger.warning("XML entities or a DTD refused in the workbook uploaded as %r", filename)
            return failed(ERR_UNSAFE_CONTENT, filename)
        logger.info("Unreadable workbook uploaded as %r", filename, exc_info=True)
        return failed(ERR_UNREADABLE, filename)


def _read_workbook(data: bytes) -> ParsedResults:
    with UploadedWorkbook(data) as upload:
        if DATA_SHEET not in upload.book.sheetnames:
            return failed(ERR_NO_SHEET, ", ".join(upload.book.sheetnames), DATA_SHEET)
        if errors := upload.unread_sheet_errors(DATA_SHEET, (DATA_SHEET, GUIDE_SHEET)):
            return ParsedResults(year=None, quarter=None, rows=(), errors=tuple(errors))
        sheet = upload.book[DATA_SHEET]
        # Read every row in the file: a wrong <dimension> written by another program must not hide rows.
        sheet.reset_dimensions()
        reader = _SheetReader()
        results = reader.read(sheet.iter_rows(max_col=len(COLUMNS), values_only=True))
        # What was read from under a merge is not what the clerk saw: the merges alone are reported.
        if errors := upload.merge_errors(DATA_SHEET, reader.read_areas()):
            return ParsedResults(year=None, quarter=None, rows=(), errors=tuple(errors))
        return results


class _SheetReader:
    """Reads the data sheet's rows once, collecting every error instead of stopping at the first."""

    def __init__(self):
        self.errors: list[CellError] = []
        self.rows: list[ParsedRow] = []
        self.first_row_of: dict[int, int] = {}  # programme ID → the row it first appeared on
        self.last_row = HEADER_ROW  # the last row with anything in it

    def read(self, rows) -> ParsedResults:
        head = list(islice(rows, HEADER_ROW))
        head += [(None,) * len(COLUMNS)] * (HEADER_ROW - len(head))
        year = self._header_number(head[1], YEAR_CELL, YEAR_RANGE, ERR_YEAR)
        quarter = self._header_number(head[1], QUARTER_CELL, QUARTER_RANGE, ERR_QUARTER)
        if self._header_matches(head):
            self._read_data(rows)
        return ParsedResults(
            year=year,
            quarter=quarter,
            rows=tuple(self.rows),
            errors=tuple(self.errors),
            programme_ids=frozenset(self.first_row_of),
        )

    def read_areas(self) -> list[tuple[int, int, int, int]]:
        """The cells whose values were read, as (min_col, min_row, max_col, max_row): the labels, year and quarter
        (A2:D2), and the header and every row down to the last one with anything in it (A–J)."""
        year_and_quarter = (*coordinate_to_tuple(YEAR_LABEL_CELL)[::-1], *coordinate_to_tuple(QUARTER_CELL)[::-1])
        return [year_and_quarter, (1, HEADER_ROW, len(COLUMNS), self.last_row)]

    def _header_number(self, values: tuple, cell: str, bounds: tuple[int, int], message) -> int | None:
        value = values[coordinate_to_tuple(cell)[1] - 1]
        number, code = cell_number(value)
        if code is None and number is not None and bounds[0] <= number <= bounds[1]:
            return number
        self._add(cell, value, message)
        return None

    def _header_matches(self, head: list[tuple]) -> bool:
        """The labels beside year and quarter and the whole header row must be the template's, in its order, so a
        different or rearranged file is refused before its columns are misread. Whitespace is ignored."""
        expected = {YEAR_LABEL_CELL: "연도", QUARTER_LABEL_CELL: "분기"}
        expected |= {f"{get_column_letter(i)}{HEADER_ROW}": label for i, label in enumerate(COLUMNS, start=1)}
        matches = True
        for cell, label in expected.items():
            row, column = coordinate_to_tuple(cell)
            value = head[row - 1][column - 1]
            if "".join(str(value).split()) != "".join(label.split()):
                self._add(cell, value, ERR_HEADER % {"expected": label})
                matches = False
        return matches

    def _read_data(self, rows) -> None:
        width, found = len(COLUMNS), 0
        for number, values in enumerate(rows, start=FIRST_DATA_ROW):
            # Fully empty rows (often just formatted) are skipped; tuple.count keeps the common case cheap.
            if values.count(None) == width or row_is_blank(values):
                continue
            found += 1
            self.last_row = number
            if found > MAX_DATA_ROWS:
                self.errors.append(file_error(ERR_TOO_MANY_ROWS % {"limit": f"{MAX_DATA_ROWS:,}"}, "", DATA_SHEET))
                return
            self._read_row(number, values)
        if not found:
            self.errors.append(file_error(ERR_NO_ROWS % {"row": FIRST_DATA_ROW}, "", DATA_SHEET))

    def _read_row(self, number: int, values: tuple) -> None:
        errors_before = len(self.errors)
        department_code = self._department_code(number, values[0])
        programme_id = self._programme_id(number, values[2])
        jobs = self._jobs(number, values[8])
        comment = self._comment(number, values[9])
        if len(self.errors) == errors_before:
            self.rows.append(ParsedRow(number, department_code, programme_id, jobs, comment))

    def _department_code(self, number: int, value: object) -> str:
        code = value.strip() if isinstance(value, str) else ""
        if not code or code.startswith("="):
            self._add(f"{DEPARTMENT_COLUMN}{number}", value, ERR_DEPARTMENT)
        return code

    def _programme_id(self, number: int, value: object) -> int:
        programme_id, code = cell_number(value)
        if code is not None or programme_id is None or not 0 < programme_id <= MAX_PROGRAMME_ID:
            self._add(f"{PROGRAMME_COLUMN}{number}", value, ERR_PROGRAMME_ID)
            return 0
        first = self.first_row_of.setdefault(programme_id, number)
        if first != number:
            self._add(f"{PROGRAMME_COLUMN}{number}", value, ERR_DUPLICATE % {"row": first})
        return programme_id

    def _jobs(self, number: int, value: object) -> int | None:
        if value is None or (type(value) is int and 0 <= value <= MAX_JOBS):
            return value  # the common cases, without further work
        jobs, reason = cell_jobs(value)
        if reason is not None:
            self._add(f"{JOBS_COLUMN}{number}", value, reason)
        return jobs

    def _comment(self, number: int, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, ArrayFormula | DataTableFormula):
            self._add(f"{COMMENT_COLUMN}{number}", value, ERR_COMMENT_FORMULA)
            return ""
        # A formula arrives as its text ("=…"); as a comment that is harmless text, and it is written back as text.
        text = value.strip() if isinstance(value, str) else cell_text(value)
        if len(text) > MAX_COMMENT_LENGTH:
            message = ERR_COMMENT_TOO_LONG % {"max": MAX_COMMENT_LENGTH, "length": f"{len(text):,}"}
            self._add(f"{COMMENT_COLUMN}{number}", value, message)
        return text

    def _add(self, cell: str, value: object, message) -> None:
        self.errors.append(CellError(sheet=DATA_SHEET, cell=cell, value=shown_value(value), message=str(message)))
