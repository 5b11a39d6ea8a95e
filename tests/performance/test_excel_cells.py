"""What a spreadsheet cell holds (performance/excel/cells.py): text that stays text, a number from a cell or a
field, each one rule in one place. The expected values are written out here, not derived from the code; the last
tests fail when a second copy of a rule appears anywhere in the product's code."""

import datetime
import re
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django import forms
from openpyxl.worksheet.formula import ArrayFormula

from budget.excel import parse_budget_workbook
from budget.forms import parse_amount
from performance.excel import cell_amount, cell_number, csv_text, parse_results_workbook, sum_formula, write_text
from tests.performance.test_excel import edited, template, template_row

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("audit", "budget", "geumcheon_jobs", "performance", "scripts", "indicators", "documents")
HOME = Path("performance/excel/cells.py")


def written(value) -> openpyxl.cell.Cell:
    """`value` written by the text rule into a workbook, saved and read back as Excel would open it."""
    book = openpyxl.Workbook()
    write_text(book.active["A1"], value)
    buffer = BytesIO()
    book.save(buffer)
    return openpyxl.load_workbook(BytesIO(buffer.getvalue())).active["A1"]


# --- Text stays text ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=SUM(A1)", "+82 2", "-5", "@SUM(A1)", "\t=1+1", '=HYPERLINK("http://x")'])
def test_text_a_spreadsheet_would_run_is_shown_as_it_is_and_flagged(text):
    cell = written(text)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)  # no apostrophe in what is shown


@pytest.mark.parametrize("text", ["일자리창출과", "#N/A", "5-2", " =1", "'=1", "100"])
def test_other_text_is_shown_as_it_is_without_the_flag(text):
    cell = written(text)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", False)


def test_characters_xml_cannot_hold_are_dropped_and_a_carriage_return_is_a_line_break():
    assert written("청년\x01 일자리\x1f").value == "청년 일자리"
    assert written("=1\r\n+2\r3").value == "=1\n+2\n3"
    assert written("\x02").value is None


@pytest.mark.parametrize(
    ("text", "field"),
    [("=SUM(A1)", "'=SUM(A1)"), ("-5", "'-5"), ("\r=1", "'\r=1"), ("일자리", "일자리"), ("5-2", "5-2"), ("", "")],
)
def test_a_csv_field_gets_an_apostrophe_where_an_xlsx_gets_the_flag(text, field):
    assert csv_text(text) == field


# --- A number from a cell or a field ------------------------------------------------------------------------------

CELLS = [
    (12, (12, None)),
    (None, (None, None)),
    ("", (None, None)),
    (" 1,234 ", (1234, None)),
    ("12.0", (12, None)),
    (12.0, (12, None)),
    (-3, (-3, None)),
    (12.5, (None, "not_whole")),
    ("12.5", (None, "not_whole")),
    (True, (None, "bool")),
    (datetime.datetime(2025, 3, 1), (None, "date")),
    (datetime.time(9, 30), (None, "date")),
    ("=A1+1", (None, "formula")),
    (ArrayFormula("I5", "=SUM(A1:A2)"), (None, "formula")),
    ("12명", (None, "not_number")),
    (object(), (None, "not_number")),
]


@pytest.mark.parametrize(("value", "expected"), CELLS)
def test_a_cell_value_as_a_whole_number(value, expected):
    assert cell_number(value) == expected


AMOUNTS = [
    ("12,199", (12_199, None)),
    (12_199.0, (12_199, None)),
    (0, (0, None)),
    ("—", (None, None)),
    (" - ", (None, None)),
    ("–", (None, None)),
    ("", (None, None)),
    (None, (None, None)),
    (-5, (None, "negative")),
    ("2.5", (None, "not_whole")),
    ("30백만원", (None, "not_number")),
    (100_000_000, (100_000_000, None)),
    (100_000_001, (None, "too_large")),
    (datetime.date(2025, 1, 1), (None, "date")),
]


@pytest.mark.parametrize(("value", "expected"), AMOUNTS)
def test_an_amount_in_million_won_as_the_budget_and_the_plan_files_read_it(value, expected):
    assert cell_amount(value) == expected


def results_message(value) -> str:
    """What the results upload says about `value` typed as this quarter's figure."""
    results = parse_results_workbook(edited(template([template_row(101)]), {"I5": value}))
    [error] = results.errors
    return error.message


def budget_message(value) -> str:
    try:
        parse_amount(value)
    except forms.ValidationError as error:
        return error.messages[0]
    raise AssertionError(f"{value!r} was accepted as an amount")


# A figure and an amount are refused for the same reasons in the same words, but for the unit (명, 백만원).
@pytest.mark.parametrize("value", [True, datetime.datetime(2025, 3, 1), "=A1+1", -5])
def test_the_budget_and_the_results_refuse_a_value_in_the_same_words(value):
    assert budget_message(value) == results_message(value)


@pytest.mark.parametrize(("value", "unit"), [(12.5, "백만원"), ("12억", "백만원"), (100_000_001, "백만원")])
def test_the_budget_names_its_own_unit(value, unit):
    assert unit in budget_message(value) and unit not in results_message(value)


def test_an_amount_reads_dashes_and_thousands_as_people_type_them():
    assert [parse_amount(value) for value in ("—", " - ", "", None, "12,199", 12_199.0, 0)] == [
        None,
        None,
        None,
        None,
        12_199,
        12_199,
        0,
    ]


def test_a_formula_in_the_budget_file_is_refused_like_one_in_the_results_file(card_data):
    """An array formula (which openpyxl reads as an object, not text) is refused by both uploads alike."""
    from budget.exports import budget_workbook
    from budget.selectors import budget_matrix

    book = openpyxl.load_workbook(BytesIO(budget_workbook(budget_matrix(card_data), pledge=card_data)))
    book["예산"]["G7"] = ArrayFormula("G7", "=SUM(E7:F7)")
    buffer = BytesIO()
    book.save(buffer)
    parsed = parse_budget_workbook(buffer.getvalue(), code=card_data.code)
    [error] = [error for error in parsed.errors if error.cell == "G7"]
    assert error.message == results_message("=1")


# --- One place for each rule --------------------------------------------------------------------------------------

# Code that decides how text is escaped, or reads a number out of a cell by its type: only the home may hold it.
# (XlsxWriter's name for the quotePrefix flag is set once, in tabular.py, from what `sheet_text` answers.)
SECOND_COPIES = {
    "setting the quotePrefix flag": (re.compile(r"\.quotePrefix\s*="), ()),
    "XlsxWriter's quote_prefix format": (re.compile(r"""["']quote_prefix["']\s*:"""), ("geumcheon_jobs/tabular.py",)),
    "an apostrophe put before text": (re.compile(r"""["']'["']\s*\+"""), ()),
    "a list of formula prefixes": (re.compile(r"""\(\s*["']=["']\s*,\s*["']\+["']"""), ()),
    "a float tested for a whole number": (re.compile(r"\.is_integer\(\)"), ()),
    "a date refused as a number": (re.compile(r"datetime\.date\s*\|\s*datetime\.time"), ()),
}


def code_lines():
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or relative == HOME:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                yield relative, number, line


def test_each_cell_rule_has_one_home():
    found = [
        f"{relative}:{number}: {what}: {line.strip()}"
        for relative, number, line in code_lines()
        for what, (pattern, allowed) in SECOND_COPIES.items()
        if pattern.search(line) and str(relative) not in allowed
    ]
    assert found == []


def test_the_home_holds_each_rule():
    """The search above would find nothing if the patterns went stale: the home itself must match each of them."""
    home = (ROOT / HOME).read_text(encoding="utf-8")
    tabular = (ROOT / "geumcheon_jobs/tabular.py").read_text(encoding="utf-8")
    for what, (pattern, allowed) in SECOND_COPIES.items():
        assert pattern.search(home if not allowed else tabular), what


@pytest.mark.parametrize(
    ("column", "rows", "formula"),
    [
        (2, [5, 6, 7], "=SUM(B5:B7)"),  # rows that follow each other: a range
        (3, [9, 5], "=SUM(C5,C9)"),  # rows apart: each cell, top to bottom
        (28, [12], "=SUM(AB12:AB12)"),
        (4, [], "=0"),  # nothing to add: a zero, never an empty =SUM()
    ],
)
def test_a_total_is_one_sum_formula_in_every_workbook(column, rows, formula):
    """The budget sheet's totals and the documents' 계 rows are written by the one rule (`cells.sum_formula`)."""
    from budget import exports
    from documents import xlsx

    assert sum_formula(column, rows) == formula
    assert exports.sum_formula is xlsx.sum_formula is sum_formula  # no copy of the rule beside it
