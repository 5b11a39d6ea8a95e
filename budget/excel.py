"""The budget grid's file format, its safe reader, and the dry-run plan of what an upload would change.

Layout of sheet "예산" (the reader relies on it; sheet name and labels are part of the format, so they are not
translated):

    A1  title                          A2 "공약"   B2 the pledge code (an upload for another pledge is refused)
    rows 4–5  the card's two-row header: 구분 | 재원별 | 합계 (투자수요, 집행액) | one merged pair per year,
              "2021년" or "2022년(계획)" over 확보액 | 집행액
    row 6     계: the totals                 then, per budget line, a row per funding source of the government
              (국비/시비/구비 in a Seoul 자치구) with the line's name in column A (merged down); with several lines a
              block "재원별 합계" comes first
    after one empty row: notes (※), never read

Totals (the 합계 columns, the 계 and 재원별 합계 rows) are computed values written by budget/exports.py; the reader
ignores them, and the preview and the page show the totals recomputed from the figures read.

Only the reading is pure; `plan_budget_import` at the end compares what was read with the database.
"""

import re
from dataclasses import dataclass
from itertools import islice

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple

from performance.excel import (
    ERR_UNREADABLE,
    ERR_UNSAFE_CONTENT,
    CellError,
    UploadedWorkbook,
    cell_text,
    check_upload,
    reads_as_nothing,
    refused_as_unsafe,
    shown_value,
)
from performance.excel.cells import is_blank
from performance.funding import FILE_NAMES, SOURCE_NOT_USED, source_label, sources_of
from performance.models import Pledge
from performance.validation import YEARS

from .forms import SECURED_REQUIRED, parse_amount
from .models import Allocation, BudgetLine, FundingSource
from .selectors import Amounts, budget_version
from .services import RESERVED_NAMES, CellInput

SHEET = "예산"
CODE_LABEL_CELL, CODE_CELL = "A2", "B2"
HEADER_TOP, HEADER_BOTTOM, FIRST_DATA_ROW = 4, 5, 6
FIRST_YEAR_COLUMN = 5  # E
LABEL_CELLS = {"A4": "구분", "B4": "재원별", "C4": "합계", "C5": "투자수요", "D5": "집행액", "A2": "공약"}
SECURED_LABEL, EXECUTED_LABEL, TOTAL_LABEL, PLANNED = "확보액", "집행액", "계", "(계획)"
SOURCE_LABELS = {label: source for source, label in FILE_NAMES.items()}  # every source of the vocabulary
FILE_LABELS = FILE_NAMES
NUMBER_FORMAT = "#,##0"
MAX_YEARS = 40
MAX_COLUMNS = FIRST_YEAR_COLUMN - 1 + 2 * MAX_YEARS
MAX_DATA_ROWS = 300  # 100 budget lines; the card has one
MAX_NAME_LENGTH = 100
_YEAR_HEADER = re.compile(r"(\d{4})(?:년)?(?:\(계획\))?")

ERR_NO_SHEET = gettext_lazy(
    "'예산' 시트가 없습니다. 내려받은 파일의 '예산' 시트에 입력하고, 시트 이름을 바꾸지 마세요."
)
ERR_OTHER_PLEDGE = gettext_lazy(
    "다른 공약의 파일입니다. B2 칸이 '%(code)s'인 파일을 이 공약의 예산 화면에서 내려받아 쓰세요."
)
ERR_HEADER = gettext_lazy("머리글이 내려받은 파일과 다릅니다('%(expected)s'이어야 합니다). 열이나 행을 옮기지 마세요.")
ERR_YEAR_HEADER = format_lazy(
    gettext_lazy("연도 머리글은 '2023년'처럼 {first}~{last} 사이의 연도여야 합니다."), first=YEARS[0], last=YEARS[1]
)
ERR_YEAR_DUPLICATE = gettext_lazy("%(year)s년 열이 두 번 있습니다. 한 번만 두세요.")
ERR_YEAR_GAP = gettext_lazy(
    "연도 머리글 사이에 빈 열이 있거나 머리글이 없는 열에 값이 있습니다. 연도마다 확보액·집행액 두 열을 두세요."
)
ERR_TOO_MANY_YEARS = gettext_lazy("연도가 너무 많습니다(%(max)s개까지).")
ERR_SOURCE = gettext_lazy("재원은 %(sources)s 중 하나여야 합니다.")
ERR_SOURCE_DUPLICATE = gettext_lazy("'%(line)s'의 %(source)s 행이 %(row)s행에도 있습니다. 한 행만 두세요.")
ERR_NAME_MISSING = gettext_lazy("세부사업 이름(A열)이 없습니다. 새 세부사업은 첫 행의 A열에 이름을 쓰세요.")
ERR_NAME_INVALID = gettext_lazy("세부사업 이름은 100자 이하의 글자여야 하고 수식일 수 없습니다.")
ERR_NO_ROWS = gettext_lazy("예산 행이 없습니다. 내려받은 파일의 %(row)s행부터 있는 행을 지우지 마세요.")
ERR_TOO_MANY_ROWS = gettext_lazy("행이 너무 많습니다(%(max)s행까지).")
NOTE_TOTALS = gettext_lazy(
    "※ 노란 칸(확보액·집행액)만 고치세요. 합계 열과 계 행은 시스템이 계산한 값이라 올릴 때 읽지 않습니다. "
    "집행 전인 해의 집행액은 비우거나 '—'로 두세요."
)


@dataclass(frozen=True)
class ParsedCell:
    line: str
    year: int
    source: str
    secured: int | None
    executed: int | None


@dataclass(frozen=True)
class ParsedBudget:
    """What an upload holds; save nothing unless `ok`."""

    years: tuple[int, ...]
    cells: tuple[ParsedCell, ...]
    errors: tuple[CellError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_budget_workbook(data: bytes, *, filename: str = "", code: str, sources=None) -> ParsedBudget:
    """Read an uploaded budget grid: the same upload safety as the results import (`check_upload`: size, type, zip
    bomb; defusedxml), then sheet "예산" in read-only mode, every problem down to one cell reported with its sheet,
    cell, value and a Korean reason. Like the results upload, a file with another sheet (hidden or not the
    download's), or with a merge that blanks a cell read, is refused naming them. Never raises on any input."""
    errors = check_upload(data, filename)
    if errors:
        return ParsedBudget((), (), tuple(errors))
    try:
        with UploadedWorkbook(data) as upload:
            if SHEET not in upload.book.sheetnames:
                return _failed(ERR_NO_SHEET, ", ".join(upload.book.sheetnames))
            if errors := upload.unread_sheet_errors(SHEET, (SHEET,)):
                return ParsedBudget((), (), tuple(errors))
            sheet = upload.book[SHEET]
            sheet.reset_dimensions()  # a wrong <dimension> written by another program must not hide rows
            reader = _GridReader(code, FundingSource.choices if sources is None else sources)
            parsed = reader.read(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
            if errors := upload.merge_errors(SHEET, reader.read_areas()):
                return ParsedBudget((), (), tuple(errors))
            return parsed
    except Exception as error:  # openpyxl and zipfile raise many kinds of errors on damaged parts; never crash
        return _failed(ERR_UNSAFE_CONTENT if refused_as_unsafe(error) else ERR_UNREADABLE, filename, sheet="")


def _failed(message, value: str = "", sheet: str = SHEET) -> ParsedBudget:
    return ParsedBudget((), (), (CellError(sheet, "", value, str(message)),))


class _GridReader:
    """Reads the sheet's rows once, collecting every error instead of stopping at the first."""

    def __init__(self, code: str, sources):
        self.code = code
        self.sources = {source for source, _label in sources}  # the government's (`performance.funding`)
        self.source_names = "·".join(FILE_LABELS[source] for source, _label in sources)
        self.errors: list[CellError] = []
        self.cells: list[ParsedCell] = []
        self.years: list[int] = []
        self.width = FIRST_YEAR_COLUMN - 1  # the last column of the last year read
        self.read_rows: list[int] = []  # the budget lines' rows whose source and amounts were read

    def read(self, rows) -> ParsedBudget:
        head = [_padded(row) for row in islice(rows, HEADER_BOTTOM)]
        head += [_padded(())] * (HEADER_BOTTOM - len(head))
        code = head[1][1]
        if _squeezed(code) != _squeezed(self.code):
            self._add(CODE_CELL, code, ERR_OTHER_PLEDGE % {"code": self.code})
        if self._labels_match(head) and self._read_years(head):
            self._read_data(rows)
        return ParsedBudget(tuple(self.years), tuple(self.cells), tuple(self.errors))

    def read_areas(self) -> list[tuple[int, int, int, int]]:
        """The cells whose values were read, as (min_col, min_row, max_col, max_row): the pledge code, the labels,
        each year's heading (the first cell of its merged pair) and the 확보액·집행액 labels under it, and on every
        budget line's row the source (B) and the amounts. Column A of a line's rows is left out: a blank there
        means "the line above", which is how the download merges a line's name down its rows."""
        labels = [coordinate_to_tuple(ref)[::-1] for ref in (CODE_LABEL_CELL, CODE_CELL, *LABEL_CELLS)]
        areas = [(column, row, column, row) for column, row in labels]
        areas += [(column, HEADER_TOP, column, HEADER_TOP) for column in range(FIRST_YEAR_COLUMN, self.width + 1, 2)]
        areas.append((FIRST_YEAR_COLUMN, HEADER_BOTTOM, self.width, HEADER_BOTTOM))
        for row in self.read_rows:
            areas += [(2, row, 2, row), (FIRST_YEAR_COLUMN, row, self.width, row)]
        return areas

    def _labels_match(self, head: list[tuple]) -> bool:
        matches = True
        for ref, label in LABEL_CELLS.items():
            value = head[int(ref[1:]) - 1][ord(ref[0]) - ord("A")]
            if _squeezed(value) != label:
                self._add(ref, value, ERR_HEADER % {"expected": label})
                matches = False
        return matches

    def _read_years(self, head: list[tuple]) -> bool:
        top, bottom = head[HEADER_TOP - 1], head[HEADER_BOTTOM - 1]
        column, errors_before = FIRST_YEAR_COLUMN, len(self.errors)
        while column <= MAX_COLUMNS and not is_blank(top[column - 1]):
            self._read_year(top[column - 1], column)
            for offset, label in enumerate((SECURED_LABEL, EXECUTED_LABEL)):
                if _squeezed(bottom[column - 1 + offset]) != label:
                    ref = f"{get_column_letter(column + offset)}{HEADER_BOTTOM}"
                    self._add(ref, bottom[column - 1 + offset], ERR_HEADER % {"expected": label})
            column += 2
        self.width = column - 1
        for index, value in enumerate(top[column - 1 :], start=column):
            if not is_blank(value):
                self._add(f"{get_column_letter(index)}{HEADER_TOP}", value, ERR_YEAR_GAP)
        if len(self.years) > MAX_YEARS:
            self._add("", "", ERR_TOO_MANY_YEARS % {"max": MAX_YEARS})
        return len(self.errors) == errors_before

    def _read_year(self, value, column: int) -> None:
        ref = f"{get_column_letter(column)}{HEADER_TOP}"
        text = _squeezed(cell_text(value))  # 2023 typed as a number reads "2023"; 2023.5 stays "2023.5"
        match = _YEAR_HEADER.fullmatch(text)
        year = int(match.group(1)) if match else 0
        if not YEARS[0] <= year <= YEARS[1]:
            self._add(ref, value, ERR_YEAR_HEADER)
        elif year in self.years:
            self._add(ref, value, ERR_YEAR_DUPLICATE % {"year": year})
        self.years.append(year)

    def _read_data(self, rows) -> None:
        line, seen, found = None, {}, 0
        for number, values in enumerate(rows, start=HEADER_BOTTOM + 1):
            values = _padded(values)
            if all(is_blank(value) for value in values) or str(values[0] or "").strip().startswith("※"):
                break
            found += 1
            if found > MAX_DATA_ROWS:
                self._add("", "", ERR_TOO_MANY_ROWS % {"max": MAX_DATA_ROWS})
                return
            if not is_blank(values[0]):
                line = self._line_name(number, values[0])
            if line in RESERVED_NAMES:
                continue  # 계, 재원별 합계: computed, never read
            self.read_rows.append(number)
            self._read_row(number, values, line, seen)
        if not found:
            self._add("", "", ERR_NO_ROWS % {"row": FIRST_DATA_ROW})

    def _line_name(self, number: int, value) -> str:
        name = value.strip() if isinstance(value, str) else ""
        if not name or name.startswith("=") or len(name) > MAX_NAME_LENGTH:
            self._add(f"A{number}", value, ERR_NAME_INVALID)
            return ""
        return name

    def _read_row(self, number: int, values: tuple, line: str | None, seen: dict) -> None:
        source = SOURCE_LABELS.get(_squeezed(values[1]))
        if line is None:
            self._add(f"A{number}", values[0], ERR_NAME_MISSING)
        if source is None:
            self._add(f"B{number}", values[1], ERR_SOURCE % {"sources": self.source_names})
        elif source not in self.sources:
            self._add(f"B{number}", values[1], SOURCE_NOT_USED % {"source": FILE_LABELS[source]})
            source = None
        elif line and (line, source) in seen:
            message = ERR_SOURCE_DUPLICATE % {"line": line, "source": FILE_LABELS[source], "row": seen[line, source]}
            self._add(f"B{number}", values[1], message)
        seen.setdefault((line, source), number)
        for index, value in enumerate(values[self.width :], start=self.width + 1):
            if not is_blank(value):
                self._add(f"{get_column_letter(index)}{number}", value, ERR_YEAR_GAP)
        for index, year in enumerate(self.years):
            column = FIRST_YEAR_COLUMN + 2 * index
            secured = self._amount(number, column, values[column - 1])
            executed = self._amount(number, column + 1, values[column])
            if secured is None and executed is not None and reads_as_nothing(values[column - 1]):
                self._add(f"{get_column_letter(column)}{number}", values[column - 1], SECURED_REQUIRED)
            if line and source:
                self.cells.append(ParsedCell(line, year, source, secured, executed))

    def _amount(self, number: int, column: int, value) -> int | None:
        try:
            return parse_amount(value)
        except forms.ValidationError as error:
            self._add(f"{get_column_letter(column)}{number}", value, error.messages[0])
            return None

    def _add(self, ref: str, value, message) -> None:
        self.errors.append(CellError(SHEET, ref, shown_value(value), str(message)))


def _padded(values) -> tuple:
    values = tuple(values)[:MAX_COLUMNS]
    return values + (None,) * (MAX_COLUMNS - len(values))


def _squeezed(value) -> str:
    return "".join(str(value).split()) if value is not None else ""


# ---------------------------------------------------------------------------------------------------------------
# The dry run: what an upload would change (old → new), against the database
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellChange:
    line: str
    year: int
    source_label: str
    old: Amounts | None
    new: Amounts | None
    new_line: bool


@dataclass(frozen=True)
class BudgetImportPlan:
    version: str  # the budget's version when the plan was made; the save is refused if it changed since
    cells: tuple[CellInput, ...]
    changes: tuple[CellChange, ...]
    errors: tuple[CellError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def new_lines(self) -> list[str]:
        return sorted({change.line for change in self.changes if change.new_line})

    def to_session(self) -> dict:
        """What the confirmation step needs, small enough for the session."""
        return {"version": self.version, "cells": [list(vars(cell).values()) for cell in self.cells]}


def plan_budget_import(*, pledge: Pledge, data: bytes, filename: str) -> BudgetImportPlan:
    """Read an upload and say what it would change, without saving anything. Figures equal to the stored ones
    are left out; cells the file does not have are left as they are; both amounts empty deletes a figure."""
    version = budget_version(pledge)  # read first: a save after this makes the plan stale, never wrongly fresh
    sources = sources_of(pledge.local_government_id)
    parsed = parse_budget_workbook(data, filename=filename, code=pledge.code, sources=sources)
    if not parsed.ok:
        return BudgetImportPlan(version, (), (), parsed.errors)
    lines = {line.name: line for line in BudgetLine.objects.filter(pledge=pledge)}
    stored = {(a.budget_line_id, a.year, a.source): a for a in Allocation.objects.filter(budget_line__pledge=pledge)}
    cells, changes = [], []
    for cell in parsed.cells:
        line = lines.get(cell.line)
        old = stored.get((line.pk, cell.year, cell.source)) if line else None
        old = Amounts(old.secured, old.executed) if old else None
        new = None if cell.secured is None else Amounts(cell.secured, cell.executed)
        if old != new:
            cells.append(CellInput(line.pk if line else None, cell.line, cell.year, cell.source, *_pair(new)))
            label = source_label(cell.source)
            changes.append(CellChange(cell.line, cell.year, label, old, new, line is None))
    return BudgetImportPlan(version, tuple(cells), tuple(changes), ())


def _pair(amounts: Amounts | None) -> tuple[int | None, int | None]:
    return (None, None) if amounts is None else (amounts.secured, amounts.executed)


def cells_from_session(session_plan: dict) -> list[CellInput]:
    return [CellInput(*cell) for cell in session_plan["cells"]]
