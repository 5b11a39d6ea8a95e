"""Totals readable without calculating (issue #13 item 16): every =SUM of the official workbooks carries its result,
so previewers, mail clients and pandas show 191,259 and not a blank. Checked against tests/xlsx.py's own addition."""

from io import BytesIO

import openpyxl
import pytest

from documents.budget_report import budget_report, budget_report_xlsx
from documents.card import pledge_card
from documents.card_xlsx import pledge_card_xlsx
from documents.quarterly import quarterly_report
from documents.quarterly_xlsx import quarterly_report_xlsx
from tests.xlsx import evaluate

DOCUMENTS = {
    "card-2021": lambda pledge: pledge_card_xlsx(pledge_card(pledge, 2021)),
    "quarterly-2019-3": lambda pledge: quarterly_report_xlsx(quarterly_report(pledge, 2019, 3)),
    "budget": lambda pledge: budget_report_xlsx(budget_report(pledge)),
}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_total_carries_its_result(card_data, name):
    content = DOCUMENTS[name](card_data).content
    with_formulas = openpyxl.load_workbook(BytesIO(content))
    as_shown = openpyxl.load_workbook(BytesIO(content), data_only=True)  # what a reader without Excel sees
    checked = 0
    for sheet in with_formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    stored = as_shown[sheet.title][cell.coordinate].value
                    assert isinstance(stored, int | float), (sheet.title, cell.coordinate, stored)
                    assert stored == evaluate(sheet, cell.coordinate), (sheet.title, cell.coordinate)
                    checked += 1
    assert checked > 0


def test_the_card_budget_total_reads_191_259_without_excel(card_data):
    book = openpyxl.load_workbook(BytesIO(DOCUMENTS["card-2021"](card_data).content), data_only=True)
    numbers = {cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert {191_259, 114_875} <= numbers


def test_the_card_prints_portrait_like_its_pdf_and_shows_100_percent(card_data):
    book = openpyxl.load_workbook(BytesIO(DOCUMENTS["card-2021"](card_data).content))
    sheet = book.worksheets[0]
    assert sheet.page_setup.orientation == "portrait" and sheet.page_setup.fitToWidth == 1
    [rate] = [c for row in sheet.iter_rows() for c in row if c.value == 1.0 and "%" in c.number_format]
    assert rate.number_format == "0%"  # 이행률 100%, as on the card, not 100.0%


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_the_source_sheet_prints_on_a4(card_data, name):
    book = openpyxl.load_workbook(BytesIO(DOCUMENTS[name](card_data).content))
    source = book["출처"]
    assert int(source.page_setup.paperSize) == 9  # A4 and source.page_setup.fitToWidth == 1
    assert source.print_area and "&P" in source.oddFooter.center.text


def test_the_budget_pages_workbook_is_set_in_the_korean_face_with_print_set_up(card_data):
    from budget.exports import budget_xlsx
    from budget.selectors import budget_matrix

    book = openpyxl.load_workbook(BytesIO(budget_xlsx(budget_matrix(card_data), pledge=card_data).content))
    sheet = book.active
    fonts = {cell.font.name for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert fonts == {"맑은 고딕"}
    assert sheet["A1"].value and sheet.print_area and "&P" in sheet.oddFooter.center.text
    assert int(sheet.page_setup.paperSize) == 9  # A4
