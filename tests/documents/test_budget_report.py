"""The budget report (연차별 투자수요 및 집행 보고) as xlsx: the budget page's grid with every total a =SUM, the PDF's
execution rates, the 출처 sheet; read back with openpyxl and the totals added up from their formulas."""

from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from budget.selectors import budget_execution, budget_matrix
from documents.budget_report import budget_report, budget_report_xlsx
from tests.factories import AllocationFactory, BudgetLineFactory
from tests.xlsx import SUM, evaluate, find, formulas, merged, referenced

CODE = "지역경제-11"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEAR_COLUMNS = "EGIKM"  # secured of 2018 … 2022; executed is the next column


def book_for(pledge) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(budget_report_xlsx(budget_report(pledge)).content))


def test_the_download_beside_the_pdf(login, card_data):
    client = login("manager")
    page = client.get(reverse("budget-dashboard", args=[CODE])).content.decode()
    assert reverse("budget-report", args=[CODE]) in page and reverse("budget-report-xlsx", args=[CODE]) in page
    response = client.get(reverse("budget-report-xlsx", args=[CODE]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["예산", "재원별 집행률", "연도별 집행률", "출처"]


def test_the_grid_in_the_cards_layout_with_sum_totals(card_data):
    matrix = budget_matrix(card_data)
    sheet = book_for(card_data)["예산"]
    assert {"A4:A5", "B4:B5", "C4:D4", "E4:F4", "M4:N4", "A6:B6", "A7:A9"} <= merged(sheet)
    assert sheet.freeze_panes == "C6" and sheet.print_title_rows == "$4:$5"
    assert [sheet[f"{c}5"].value for c in "CDEF"] == ["투자수요", "집행액", "확보액", "집행액"]
    # 계: each year's column adds the line's three rows; the 합계 columns add the row's years
    for index, (column, totals) in enumerate(zip(YEAR_COLUMNS, matrix.year_totals, strict=True)):
        executed_column = chr(ord(column) + 1)
        assert referenced(sheet[f"{column}6"].value) == [f"{column}{r}" for r in (7, 8, 9)]
        assert evaluate(sheet, f"{column}6") == totals.secured
        assert evaluate(sheet, f"{executed_column}6") == totals.executed
        assert sheet[f"{column}6"].number_format == "#,##0"
    assert (evaluate(sheet, "C6"), evaluate(sheet, "D6")) == (191259, 114875)
    for row, source_row in zip((7, 8, 9), matrix.source_rows, strict=True):
        assert set(referenced(sheet[f"C{row}"].value)) == {f"{c}{row}" for c in YEAR_COLUMNS}
        assert (evaluate(sheet, f"C{row}"), evaluate(sheet, f"D{row}")) == (
            source_row.total.secured,
            source_row.total.executed,
        )
    assert sheet["J7"].value == 7188 and sheet["N7"].value == "—"  # the figures stay numbers; planned is "—"
    assert not any(cell.fill.fgColor.rgb == "00FFF2CC" for row in sheet.iter_rows() for cell in row)
    assert not sheet.data_validations.dataValidation  # a report, not the upload's file


def test_several_budget_lines_add_up_by_source(card_data):
    line = BudgetLineFactory(pledge=card_data, name="+추가 사업")
    AllocationFactory(budget_line=line, year=2021, source="city", secured=100, executed=40)
    AllocationFactory(budget_line=line, year=2019, source="national", secured=7, executed=None)
    matrix = budget_matrix(card_data)
    sheet = book_for(card_data)["예산"]
    assert sheet["A7"].value == "재원별 합계"
    for row, source_row in zip((7, 8, 9), matrix.source_rows, strict=True):
        for index, column in enumerate(YEAR_COLUMNS):
            cell = source_row.by_year[index]
            assert evaluate(sheet, f"{column}{row}") == (cell.secured if cell else 0)
        assert evaluate(sheet, f"C{row}") == source_row.total.secured
    assert (evaluate(sheet, "C6"), evaluate(sheet, "D6")) == (matrix.grand_total.secured, matrix.grand_total.executed)
    name = find(sheet, "+추가 사업")
    assert name.data_type == "s" and name.quotePrefix  # the budget sheet's escape: text with a quote prefix
    assert all(SUM.match(cell.value) for cell in formulas(sheet.parent))


@pytest.mark.parametrize("name", ["재원별 집행률", "연도별 집행률"])
def test_the_execution_rates_as_the_pdf(card_data, name):
    execution = budget_execution(budget_matrix(card_data), None)
    sheet = book_for(card_data)[name]
    assert sheet["A1"].value == "연차별 투자수요 및 집행 보고" and "A1:D1" in merged(sheet)
    assert [sheet.cell(4, c).value for c in range(2, 5)] == ["확보액", "집행액", "집행률"]
    assert sheet.freeze_panes == "B5"
    if name == "재원별 집행률":
        rows = [(s.amounts.secured, s.amounts.executed, s.amounts.execution_rate) for s in execution.sources]
        total = find(sheet, "계").row
        assert referenced(sheet[f"B{total}"].value) == [f"B{r}" for r in range(5, total)]
        assert (evaluate(sheet, f"B{total}"), evaluate(sheet, f"C{total}")) == (
            execution.total.secured,
            execution.total.executed,
        )
        assert sheet[f"D{total}"].value == float(execution.total.execution_rate) / 100  # 75.1%
    else:
        rows = [
            (a.secured, None if p else a.executed, None if p else a.execution_rate) for _y, a, p in execution.by_year
        ]
    for row, (secured, executed, rate) in enumerate(rows, start=5):
        assert sheet.cell(row, 2).value == secured and sheet.cell(row, 2).number_format == "#,##0"
        assert sheet.cell(row, 3).value == ("—" if executed is None else executed)
        rate_cell = sheet.cell(row, 4)
        if rate is None:
            assert rate_cell.value == "—"
        else:
            assert (rate_cell.value, rate_cell.number_format) == (float(rate) / 100, "0.0%")
            assert f"{rate_cell.value * 100:.1f}%" == f"{rate}%"


def test_the_source_sheet(card_data):
    document = budget_report(card_data)
    sheet = openpyxl.load_workbook(BytesIO(budget_report_xlsx(document).content))["출처"]
    assert [sheet.cell(r, 1).value for r in range(1, 4)] == ["출처", "기준일", "생성 일시"]
    assert sheet["B1"].value == "금천구 지역경제-11 연차별 투자수요 및 집행 보고"
    assert sheet["B2"].number_format == "yyyy-mm-dd" and sheet["B2"].value.date() == timezone.localdate(document.as_of)


def test_the_rates_by_source_count_the_years_that_have_begun(card_data):
    """By hand from the card's table, 2018–2021 (2022 is planned): 국비 35,878 of 48,654 = 73.7%; 계 114,875 of 152,959
    = 75.1%. Over all years they would be 57.7% and 60.1%."""
    sheet = book_for(card_data)["재원별 집행률"]
    assert sheet["A3"].value == "□ 재원별 집행률 (집행 연도 2018~2021년)"
    national = find(sheet, "국비").row
    assert [sheet.cell(national, c).value for c in (2, 3)] == [48654, 35878]
    assert round(sheet.cell(national, 4).value, 3) == 0.737
    total = find(sheet, "계").row
    assert (evaluate(sheet, f"B{total}"), evaluate(sheet, f"C{total}")) == (152959, 114875)
    assert round(sheet.cell(total, 4).value, 3) == 0.751
