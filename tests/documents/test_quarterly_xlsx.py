"""The quarterly report as xlsx, in its PDF's layout: read back with openpyxl (values, formats, merged ranges,
frozen rows) and its totals added up from the formulas, against figures computed here from the selectors."""

from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from documents.quarterly import quarterly_report
from documents.quarterly_xlsx import quarterly_report_xlsx
from performance.achievement import achievement, department_achievement
from performance.calculations import achievement_rate
from performance.models import Department
from tests.xlsx import SUM, evaluate, find, formulas, merged, referenced

SHEETS = ["요약", "분기별 누적 실적", "계층별", "부문별", "부서별", "미제출·미승인 부서", "출처"]


def book_for(pledge, year, quarter) -> openpyxl.Workbook:
    exported = quarterly_report_xlsx(quarterly_report(pledge, year, quarter))
    assert exported.filename == f"분기일자리실적보고_지역경제-11_{year}년{quarter}분기.xlsx"
    return openpyxl.load_workbook(BytesIO(exported.content))


def as_percent(value: Decimal | None):
    return None if value is None else float(value) / 100


def assert_rate(cell, expected: Decimal | None) -> None:
    """A rate of the one rule, shown as the PDF shows it: 90.7 → 0.907 with 0.0%; none → "—"."""
    if expected is None:
        assert cell.value == "—"
    else:
        assert (cell.value, cell.number_format) == (float(expected) / 100, "0.0%")
        assert f"{cell.value * 100:.1f}" == str(expected)


def test_sheets_title_block_and_summary(card_data):
    book = book_for(card_data, 2020, 2)
    assert book.sheetnames == SHEETS
    overview = achievement(card_data, 2020, None, through_quarter=2)
    sheet = book["요약"]
    assert sheet["A1"].value == "2020년 2분기 일자리창출 실적 보고 [시연용 자료]" and sheet["A1"].font.b
    assert "지역경제-11" in sheet["A2"].value and "일자리창출과" in sheet["A2"].value
    assert {"A1:D1", "A2:D2", "A4:D4"} <= merged(sheet)
    assert sheet["A4"].value == "2020년 2분기까지" and sheet["B5"].value == "2분기까지 누적 실적(명)"
    target, cumulative, rate, missing = (sheet.cell(6, c) for c in range(1, 5))
    assert (target.value, target.number_format) == (overview.target, "#,##0") == (10500, "#,##0")
    assert (cumulative.value, cumulative.number_format) == (overview.cumulative, "#,##0") == (7875, "#,##0")
    assert (rate.value, rate.number_format) == (as_percent(overview.rate), "0.0%") == (0.75, "0.0%")
    assert isinstance(missing.value, int)
    assert sheet.freeze_panes == "A6" and sheet.print_title_rows == "$4:$5"
    assert int(sheet.page_setup.paperSize) == 9


def test_quarters_under_a_merged_heading_with_frozen_header(card_data):
    sheet = book_for(card_data, 2019, 3)["분기별 누적 실적"]
    assert {"A4:A5", "B4:E4", "F4:F5"} <= merged(sheet)
    assert [sheet.cell(5, c).value for c in range(2, 6)] == ["1분기", "2분기", "3분기", "4분기"]
    row = find(sheet, "2019년").row
    assert [sheet.cell(row, c).value for c in range(2, 7)] == [4469, 6655, 8076, "—", 8900]
    assert {sheet.cell(row, c).number_format for c in (2, 3, 4, 6)} == {"#,##0"}
    assert sheet.freeze_panes == "B6" and sheet.print_title_rows == "$4:$5"


@pytest.mark.parametrize(("year", "quarter"), [(2019, 3), (2020, 2), (2021, 2)])
def test_every_total_is_a_sum_formula_equal_to_the_computed_figures(card_data, year, quarter):
    book = book_for(card_data, year, quarter)
    overview = achievement(card_data, year, None, through_quarter=quarter)
    departments = list(department_achievement(card_data, year, None, through_quarter=quarter))
    expected = {
        "부서별": ([d.cumulative for d in departments], [d.target for d in departments]),
        "계층별": ([g.cumulative for g in overview.groups], [g.target for g in overview.groups]),
        "부문별": ([t.cumulative for t in overview.types], [t.target for t in overview.types]),
    }
    for name, (results, targets) in expected.items():
        sheet = book[name]
        assert {"A4:A5", "B4:D4"} <= merged(sheet), name
        assert [sheet.cell(5, c).value for c in range(2, 5)] == ["실적(명)", "목표(명)", "달성률"]
        total = find(sheet, "계").row
        result_formula = sheet.cell(total, 2).value
        assert referenced(result_formula) == [f"B{r}" for r in range(6, total)], name
        assert evaluate(sheet, f"B{total}") == sum(results)
        complete = all(t is not None for t in targets)
        target_sum = sum(targets) if complete else None
        if complete:
            assert referenced(sheet.cell(total, 3).value) == [f"C{r}" for r in range(6, total)]
            assert evaluate(sheet, f"C{total}") == target_sum
        else:
            assert sheet.cell(total, 3).value == "—"  # as the PDF: no sum of partial targets
        assert_rate(sheet.cell(total, 4), achievement_rate(sum(results), target_sum))
        for row, value, target in zip(range(6, total), results, targets, strict=True):
            assert sheet.cell(row, 2).value == value
            assert_rate(sheet.cell(row, 4), achievement_rate(value, target))
    # every approved job is in each breakdown, and only those through the report's quarter
    assert sum(expected["부서별"][0]) == sum(expected["계층별"][0]) == overview.cumulative
    assert all(SUM.match(cell.value) for cell in formulas(book))


def test_group_totals_stop_at_the_reports_quarter(card_data):
    sheet = book_for(card_data, 2019, 3)["계층별"]
    assert evaluate(sheet, f"B{find(sheet, '계').row}") == 8076  # not 10,349: the fourth quarter is later


def test_text_from_data_stays_text(card_data):
    department = Department.objects.filter(programmes__isnull=False).first()
    department.name = '=HYPERLINK("http://x")'
    department.save()
    book = book_for(card_data, 2019, 3)
    cell = find(book["부서별"], '=HYPERLINK("http://x")')  # shown as it is, no apostrophe added
    assert cell.data_type == "s" and cell.quotePrefix  # Excel's "text, not formula" flag
    assert all(SUM.match(cell.value) for cell in formulas(book))


def test_departments_without_an_approved_report_are_listed(card_data):
    sheet = book_for(card_data, 2021, 1)["미제출·미승인 부서"]
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert len(rows) == 22 and rows[0][1] == "미제출"
    assert [sheet.cell(4, c).value for c in range(1, 4)] == ["부서", "상태", "제출일시"]
    assert sheet.freeze_panes == "B5"


def test_the_source_sheet(card_data):
    document = quarterly_report(card_data, 2019, 3)
    sheet = openpyxl.load_workbook(BytesIO(quarterly_report_xlsx(document).content))["출처"]
    assert [sheet.cell(r, 1).value for r in range(1, 6)] == ["출처", "기준일", "생성 일시", "시연용 자료", "비고"]
    assert sheet["B1"].value == "금천구 지역경제-11 2019년 3분기 일자리창출 실적 보고"
    # What 기준일 is (the latest change to what the report shows) is tested in test_provenance.py.
    assert sheet["B2"].value.date() == document.as_of.astimezone(ZoneInfo("Asia/Seoul")).date()
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    generated = document.generated_at.astimezone(ZoneInfo("Asia/Seoul")).replace(tzinfo=None, microsecond=0)
    assert sheet["B3"].value == generated
