import datetime
import re
from io import BytesIO
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl.utils import range_boundaries
from openpyxl.utils.cell import get_column_letter

from documents.card import pledge_card
from documents.card_xlsx import XLSX, pledge_card_xlsx
from performance.models import FuturePlanItem, ProgressEntry

CARD_SHEET = "공약이행카드"
YEARS = (2018, 2019, 2020, 2021, 2022)
# The budget table of the real card (shared/seed/pledge-card-jiyeokgyeongje-11.txt): (secured, executed) by year.
CARD_BUDGET = {
    "국비": ((10591, 9973), (12199, 12802), (16094, 7188), (9770, 5915), (13500, "—")),
    "시비": ((5536, 5026), (7488, 7065), (15685, 11430), (15517, 10103), (8800, "—")),
    "구비": ((11908, 10737), (14420, 9952), (16327, 13203), (17424, 11481), (16000, "—")),
}
CARD_ROW_TOTALS = {"국비": (62154, 35878), "시비": (53026, 33624), "구비": (76079, 45373)}
CARD_TOTAL_ROW = (191259, 114875, 28035, 25736, 34107, 29819, 48106, 31821, 42711, 27499, 38300, 0)
RESULT_LINES = [
    "2019년 1분기 실적 4,469명(달성률 50.2%)",
    "2019년 상반기 실적 6,655명(달성률 74.8%)",
    "2019년 3분기 실적 8,076명(달성률 90.7%)",
    "2019년 실적 10,349명(달성률 116.3%)",
    "2020년 1분기 실적 6,197명(달성률 59.0%)",
    "2020년 상반기 실적 7,875명(달성률 75.0%)",
    "2020년 3분기 실적 9,612명(달성률 91.5%)",
    "2020년 실적 10,814명(달성률 103.0%)",
    "2021년 상반기 실적 7,342명(달성률 68.0%)",
]
SUM = re.compile(r"^=SUM\((.*)\)$")


def workbook(pledge, year=2021) -> openpyxl.Workbook:
    exported = pledge_card_xlsx(pledge_card(pledge, year))
    return openpyxl.load_workbook(BytesIO(exported.content))


@pytest.fixture
def sheet(card_data):
    return workbook(card_data)[CARD_SHEET]


def find(sheet, value):
    """The first cell whose value is `value`, row by row."""
    return next(cell for row in sheet.iter_rows() for cell in row if cell.value == value)


def referenced(formula: str) -> list[str]:
    """The cells an =SUM(…) formula adds: each argument a cell or a range."""
    cells = []
    for argument in SUM.match(formula)[1].split(","):
        min_col, min_row, max_col, max_row = range_boundaries(argument)
        cells += [
            f"{get_column_letter(c)}{r}" for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
        ]
    return cells


def evaluate(sheet, ref: str):
    """A cell's value as Excel would show it: a SUM formula adds the numbers it references, ignoring text ("—")."""
    value = sheet[ref].value
    if isinstance(value, str) and value.startswith("="):
        return sum(v for v in (evaluate(sheet, r) for r in referenced(value)) if isinstance(v, int | float))
    return value


def budget_rows(sheet) -> tuple[int, dict[str, int]]:
    """The row of 계 and the row of each funding source in the budget table."""
    total = find(sheet, "재원별").row + 3
    assert sheet.cell(total, 4).value == "계"
    return total, {sheet.cell(total + i, 5).value: total + i for i in range(1, 4)}


def test_file_name_type_and_sheets(card_data):
    exported = pledge_card_xlsx(pledge_card(card_data, 2021))
    assert exported.filename == "공약이행카드_지역경제-11_2021.xlsx"
    assert exported.mimetype == XLSX == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert openpyxl.load_workbook(BytesIO(exported.content)).sheetnames == [CARD_SHEET, "출처"]


def test_header_and_overview_figures_are_numbers(sheet):
    assert "지역경제-11" in sheet["A1"].value and sheet["A3"].value == "지역경제-11"
    assert sheet["E3"].value == "주민우선, 수요자 맞춤 일자리 지원 강화"
    cost = find(sheet, "총사업비(백만원)")
    assert (sheet.cell(cost.row, 5).value, sheet.cell(cost.row, 5).number_format) == (191259, "#,##0")
    rate = sheet.cell(find(sheet, "이행률(%)").row, 10)
    assert (rate.value, rate.number_format) == (1, "0%")  # 이행률 100%, as the card prints it
    target = sheet.cell(find(sheet, "2021년 일자리 창출목표 :").row, 6)
    assert (target.value, target.number_format) == (10800, "#,##0")
    budget_row = find(sheet, "소요예산(백만원) :").row
    assert [sheet.cell(budget_row, c).value for c in range(6, 13)] == [42711, "국", 9770, "시", 15517, "구", 17424]
    assert all(sheet.cell(budget_row, c).number_format == "#,##0" for c in (6, 8, 10, 12))


def test_the_plan_by_year(sheet):
    plan_row = find(sheet, "수요자 맞춤 일자리창출(지원)").row
    assert [sheet.cell(plan_row - 1, c).value for c in range(6, 11)] == [f"{y}년" for y in YEARS]
    assert [sheet.cell(plan_row, c).value for c in range(6, 11)] == [8800, 8900, 10500, 10800, 10800]


def test_every_budget_figure_of_the_card_is_a_number(sheet):
    _total, rows = budget_rows(sheet)
    for label, by_year in CARD_BUDGET.items():
        for index, (secured, executed) in enumerate(by_year):
            secured_cell, executed_cell = sheet.cell(rows[label], 8 + 2 * index), sheet.cell(rows[label], 9 + 2 * index)
            assert (secured_cell.value, secured_cell.data_type, secured_cell.number_format) == (secured, "n", "#,##0")
            assert executed_cell.value == executed
            assert executed_cell.data_type == ("s" if executed == "—" else "n")
    assert sheet.cell(rows["국비"], 11).value == 12802 and sheet.cell(rows["국비"], 10).value == 12199


def test_totals_are_formulas_over_exactly_the_right_cells(sheet):
    total, rows = budget_rows(sheet)
    first, last = min(rows.values()), max(rows.values())
    for label, row in rows.items():
        for column, offset in ((6, 0), (7, 1)):
            formula = sheet.cell(row, column).value
            assert set(referenced(formula)) == {f"{get_column_letter(8 + 2 * i + offset)}{row}" for i in range(5)}
            assert sheet.cell(row, column).number_format == "#,##0"
        assert (evaluate(sheet, f"F{row}"), evaluate(sheet, f"G{row}")) == CARD_ROW_TOTALS[label]
    for column, expected in zip(range(6, 18), CARD_TOTAL_ROW, strict=True):
        letter = get_column_letter(column)
        assert referenced(sheet.cell(total, column).value) == [f"{letter}{r}" for r in range(first, last + 1)]
        assert evaluate(sheet, f"{letter}{total}") == expected


def test_the_budget_header_is_merged_as_on_the_card(sheet):
    top = find(sheet, "재원별").row
    merged = {str(r) for r in sheet.merged_cells.ranges}
    expected = {f"D{top}:D{top + 2}", f"E{top}:E{top + 2}", f"F{top}:G{top + 1}", f"H{top}:Q{top}"}
    expected |= {f"{get_column_letter(c)}{top + 1}:{get_column_letter(c + 1)}{top + 1}" for c in range(8, 18, 2)}
    expected |= {f"D{top + 3}:E{top + 3}", f"D{top + 4}:D{top + 6}"}
    assert expected <= merged
    assert [sheet.cell(top + 1, c).value for c in range(8, 18, 2)][-1] == "2022년(계획)"
    assert [sheet.cell(top + 2, c).value for c in range(6, 10)] == ["투자수요", "집행액", "확보액", "집행액"]


def test_result_lines_appear_in_order_under_a_dash(sheet):
    lines = [(row[1].value, row[2].value) for row in sheet.iter_rows() if "달성률" in str(row[2].value)]
    assert lines == [("-", line) for line in RESULT_LINES]
    assert find(sheet, "【19년 1분기】").column == 1


def test_future_plan_group_headings_show_their_targets(sheet):
    rows = [row for row in sheet.iter_rows() if str(row[1].value).startswith("《")]
    assert [(row[1].value, row[15].value, row[16].value) for row in rows] == [
        ("《청년층 일자리》", 434, "개"),
        ("《중ㆍ장년층 일자리》", 771, "개"),
        ("《노년층 일자리》", 2874, "개"),
        ("《취약계층 일자리》", 1797, "개"),
        ("《민간 일자리》", 4924, "개"),
    ]
    detail = find(sheet, "지역주도형청년일자리, 뉴딜일자리, 시-구상향적·협력적일자리공모사업등추진")
    assert sheet.cell(detail.row, detail.column - 1).value == "▪"


def test_authors_and_collaboration(sheet):
    authors = sheet.cell(find(sheet, "작 성 자").row, 5).value
    assert "일자리창출과장 : 박오임 (2010)" in authors and "담당 : 박인영 (2042)" in authors
    departments = sheet.cell(find(sheet, "협업부서").row, 5)
    assert departments.value == 22 and "#,##0" in departments.number_format
    assert find(sheet, "고용노동부 지역산업고용정책과").row == find(sheet, "서 울 시").row


def test_text_from_data_never_becomes_a_formula(card_data):
    ProgressEntry.objects.create(pledge=card_data, year=2021, month=8, text="=1+1")
    FuturePlanItem.objects.create(pledge=card_data, level=1, text='=HYPERLINK("http://x")', sort_order=99)
    sheet = workbook(card_data)[CARD_SHEET]
    entry = find(sheet, "2021. 8. : =1+1")
    plan = find(sheet, '=HYPERLINK("http://x")')  # shown as it is, no apostrophe added
    assert entry.data_type == "s"
    assert plan.data_type == "s" and plan.quotePrefix  # Excel's "text, not formula" flag
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas and all(SUM.match(c.value) for c in formulas)
    assert {c.row for c in formulas} <= set(range(budget_rows(sheet)[0], budget_rows(sheet)[0] + 4))


def test_print_setup(sheet):
    assert sheet.page_setup.orientation == "portrait" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == "$1:$1" and sheet.freeze_panes == "A2"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.column_dimensions["D"].width == 24


def test_the_source_sheet(card_data):
    card = pledge_card(card_data, 2021)
    source = workbook(card_data)["출처"]
    assert source["A1"].value == "출처" and source["B1"].value == "금천구 지역경제-11 공약 이행 카드, 2021년"
    assert source["A2"].value == "기준일"
    assert source["B2"].value.date() == card.as_of.astimezone(ZoneInfo("Asia/Seoul")).date()
    assert source["A3"].value == "생성 일시" and isinstance(source["B3"].value, datetime.datetime)
    assert source["A4"].value == "시연용 자료" and "예시" in source["B4"].value  # the demo split's departments
    assert "승인된 실적만" in source["B5"].value and "계산" in source["B6"].value


def test_export_sheet_writes_the_card_xlsx(card_data, tmp_path):
    output = tmp_path / "card.xlsx"
    call_command("export_sheet", "--pledge", "지역경제-11", "--year", "2021", "--output", str(output))
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == [CARD_SHEET, "출처"]
    assert budget_rows(book[CARD_SHEET])[1].keys() == CARD_BUDGET.keys()


def test_the_web_download(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="manager"))
    page = client.get(reverse("pledge-card", args=["지역경제-11"]), {"year": 2021}).content.decode()
    assert "card.xlsx?year=2021" in page and "공약 이행 카드(엑셀)" in page
    response = client.get("/pledges/지역경제-11/card.xlsx?year=2021")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(BytesIO(response.content))
    assert find(book[CARD_SHEET], "2021년 일자리 창출목표 :")


def test_an_earlier_years_card(card_data):
    sheet = workbook(card_data, 2019)[CARD_SHEET]
    assert sheet.cell(find(sheet, "2019년 일자리 창출목표 :").row, 6).value == 8900
    assert sheet.cell(find(sheet, "소요예산(백만원) :").row, 6).value == 34107
    assert not any("2021년 상반기" in str(c.value) for row in sheet.iter_rows() for c in row)
