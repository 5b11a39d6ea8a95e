"""What a spreadsheet cell holds, the one home of three rules every workbook of the product follows:

- **Text stays text** (`sheet_text`, `write_text`): text from the database is user input, and a spreadsheet runs
  text that starts like a formula (`looks_like_formula`: = + - @, a tab or a carriage return; OWASP's list).
  In an xlsx such text is stored as text with Excel's own "text, not formula" flag (quotePrefix, what a typed
  apostrophe sets without storing one): the reader sees exactly the text, and it stays text even after someone
  edits the cell and presses Enter. A CSV has no such flag, so there the same texts get a leading apostrophe
  (`csv_text`).
- **A number from a cell or a field** (`cell_number`): whatever type openpyxl gives (or the text a person typed),
  a whole number or the code of what is wrong with it; `NUMBER_MESSAGES` says each code in Korean, in a figure's
  words (명), and `cell_jobs` adds a figure's bounds; `cell_amount` reads an amount (백만원), whose callers word
  their own messages.
- **A total's formula** (`sum_formula`): =SUM over a column's rows, the budget sheet's and the documents' alike.
- **How a value reads as text** (`cell_text`), and echoed back in an error (`shown_value`); what counts as blank
  (`is_blank`, `row_is_blank`).

Used by the results template and reader, the yearly plan's workbook, the budget's file and form, and every xlsx and
CSV the site exports (documents/xlsx.py, geumcheon_jobs/tabular.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from performance.models import MAX_MILLION_WON
from performance.validation import NUMBER_ERRORS, jobs_range_error, whole_number_from_text

from .format import ERR_BOOL, ERR_DATE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheet programs may read as the start of a formula
SHOWN_VALUE_LENGTH = 100  # an offending value is echoed back to the user at most this long
READ_AS_NOTHING = ("-", "—", "–")  # the "—" the tables and files show for no amount, and the dashes people type for it

# What is wrong with a number read from a cell, by the code `cell_number` returns (a figure's words).
NUMBER_MESSAGES = {**NUMBER_ERRORS, "bool": ERR_BOOL, "date": ERR_DATE}


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet program may take this text for a formula."""
    return text.startswith(FORMULA_PREFIXES)


def sheet_text(value) -> tuple[str, bool]:
    """The text an xlsx cell holds for `value`, and whether it must carry the quotePrefix flag: characters XML cannot
    hold removed (openpyxl would raise on them, XlsxWriter would write them as _x0001_), a carriage return written as
    the line feed every XML reader turns it into anyway, and the flag when a spreadsheet would run the text. Whatever
    library writes the cell, this is the rule (`write_text` for openpyxl; geumcheon_jobs/tabular.py for XlsxWriter)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text.replace("\r\n", "\n").replace("\r", "\n"), looks_like_formula(text)


def write_text(cell, value):
    """Put `value` into an openpyxl cell (a worksheet's, or a write-only one) as text that stays text (`sheet_text`):
    stored as a string even when it looks like a formula ("=…") or an error value ("#N/A"), flagged quotePrefix when
    a spreadsheet would run it. Nothing left → an empty cell. Returns the cell."""
    text, flagged = sheet_text(value)
    cell.value = text or None
    if text:
        cell.data_type = "s"
        if flagged:
            cell.quotePrefix = True
    return cell


def csv_text(value: str) -> str:
    """A text field of a CSV that no spreadsheet will run: a leading apostrophe before what looks like a formula
    (a CSV cannot carry the xlsx's quotePrefix flag)."""
    return "'" + value if looks_like_formula(value) else value


def sum_formula(column: int, rows: Iterable[int]) -> str:
    """A total's formula, the one way every workbook the product writes adds a column's rows (the budget sheet's
    계 and 재원별 합계, the documents' 계 rows): =SUM over `rows` of one column, a range when they follow each other,
    else a list of cells; "=0" over none."""
    rows = sorted(rows)
    letter = get_column_letter(column)
    if not rows:
        return "=0"
    if rows == list(range(rows[0], rows[-1] + 1)):
        return f"=SUM({letter}{rows[0]}:{letter}{rows[-1]})"
    return "=SUM(" + ",".join(f"{letter}{r}" for r in rows) + ")"


def cell_number(value: object) -> tuple[int | None, str | None]:
    """A cell's value (or a field's text) as a whole number: (number, None); (None, None) when empty; or (None, the
    code of what is wrong: "bool", "date", "formula", "not_whole", "not_number"). Text is read by the rule for typed
    figures (`performance.validation.whole_number_from_text`: "1,234", " 12 ", "12.0"). Bounds are the caller's."""
    if type(value) is int:
        return value, None
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, "bool"
    if isinstance(value, float):
        return (int(value), None) if value.is_integer() else (None, "not_whole")
    if isinstance(value, str):
        return whole_number_from_text(value)
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return None, "date"
    if isinstance(value, ArrayFormula | DataTableFormula):
        return None, "formula"
    return None, "not_number"


def cell_whole_number(value: object) -> tuple[int | None, object]:
    """`cell_number` with the reason in a figure's words: (number, None), (None, None) or (None, the message)."""
    number, code = cell_number(value)
    return number, NUMBER_MESSAGES[code] if code else None


def cell_jobs(value: object) -> tuple[int | None, object]:
    """A number of jobs (명) from a cell: a whole number from 0 to MAX_JOBS, the rule of the web form
    (`performance.validation.jobs_range_error`); (None, None) when empty; else (None, the message)."""
    number, code = cell_number(value)
    if code is None and number is not None:
        code = jobs_range_error(number)
    return (None, NUMBER_MESSAGES[code]) if code else (number, None)


def cell_amount(value: object) -> tuple[int | None, str | None]:
    """An amount in 백만원 from a cell or a field (the budget's grid, form and file; a 세부사업's budget in the plan
    file): (amount, None) for a whole number from 0 to MAX_MILLION_WON, thousands commas allowed; (None, None) when
    empty or a dash (`reads_as_nothing`); else (None, the code: `cell_number`'s, "negative" or "too_large"). The
    messages, which name the column and the unit, are the callers'."""
    if reads_as_nothing(value):
        return None, None
    number, code = cell_number(value)
    if code is None and number is not None:
        code = "negative" if number < 0 else "too_large" if number > MAX_MILLION_WON else None
    return (None, code) if code else (number, None)


def reads_as_nothing(value: object) -> bool:
    """An empty cell or field, or a dash shown or typed for nothing."""
    return value is None or (isinstance(value, str) and "".join(value.split()) in ("", *READ_AS_NOTHING))


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def row_is_blank(values: tuple) -> bool:
    return all(is_blank(value) for value in values)


def shown_value(value: object) -> str:
    """A cell value as the user would read it in their file, cut to SHOWN_VALUE_LENGTH: how a wrong value is quoted
    back in an error."""
    text = cell_text(value)
    return text if len(text) <= SHOWN_VALUE_LENGTH else text[: SHOWN_VALUE_LENGTH - 1] + "…"


def cell_text(value: object) -> str:
    """A cell value as the user would read it in their file (a whole float without ".0", a date without midnight, a
    formula as its text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    if isinstance(value, ArrayFormula):
        return value.text or ""
    if isinstance(value, DataTableFormula):
        return "=TABLE()"
    return str(value)
