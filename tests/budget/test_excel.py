"""The budget as xlsx in the card's layout, and the upload of the same layout: preview, all or nothing."""

import datetime
import html
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget import excel
from budget.exports import budget_xlsx
from budget.models import Allocation, BudgetLine
from budget.selectors import budget_matrix, budget_version
from budget.services import CellInput, allocations_save
from performance.excel.format import ERR_CSV, ERR_XLS, ERR_ZIP_BOMB
from tests.budget.test_selectors import CARD, SOURCE_TOTALS, YEAR_TOTALS

CODE = "지역경제-11"
BAD_FILES = Path(__file__).parents[1] / "performance" / "bad_files"
YEAR_COLUMNS = {2018: "E", 2019: "G", 2020: "I", 2021: "K", 2022: "M"}  # secured; executed is the next column
EXECUTED_COLUMNS = {2018: "F", 2019: "H", 2020: "J", 2021: "L", 2022: "N"}
SOURCE_ROWS = {"국비": 7, "시비": 8, "구비": 9}


def url(name: str) -> str:
    return reverse(f"budget:{name}", args=[CODE])


def exported(pledge) -> bytes:
    return budget_xlsx(budget_matrix(pledge), pledge=pledge).content


def sheet_of(content: bytes):
    return openpyxl.load_workbook(BytesIO(content))[excel.SHEET]


def edited(content: bytes, cells: dict) -> bytes:
    book = openpyxl.load_workbook(BytesIO(content))
    for ref, value in cells.items():
        book[excel.SHEET][ref] = value
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name: str = "예산.xlsx"):
    return client.post(url("import"), {"file": SimpleUploadedFile(name, content)})


# --- Export -----------------------------------------------------------------------------------------------------


def test_the_download_is_an_xlsx_attachment(login, card_data):
    response = login("manager").get(url("export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    sheet = sheet_of(response.content)
    assert sheet["C6"].value == 191259


def test_every_cell_and_total_in_the_cards_layout(card_data):
    sheet = sheet_of(exported(card_data))
    assert (sheet["A2"].value, sheet["B2"].value) == ("공약", CODE)
    assert [sheet[f"{c}4"].value for c in "ABCE"] == ["구분", "재원별", "합계", "2018년"]
    assert sheet["M4"].value == "2022년(계획)"
    assert [sheet[f"{c}5"].value for c in "CDEF"] == ["투자수요", "집행액", "확보액", "집행액"]
    assert (sheet["A6"].value, sheet["C6"].value, sheet["D6"].value) == ("계", 191259, 114875)
    for year, (secured, executed) in zip(YEAR_COLUMNS, YEAR_TOTALS, strict=True):
        assert sheet[f"{YEAR_COLUMNS[year]}6"].value == secured
        assert sheet[f"{EXECUTED_COLUMNS[year]}6"].value == (executed if year != 2022 else "—")
    assert sheet["A7"].value == "수요자 맞춤 일자리창출(지원)"
    for label, row in SOURCE_ROWS.items():
        assert sheet[f"B{row}"].value == label
        assert (sheet[f"C{row}"].value, sheet[f"D{row}"].value) == SOURCE_TOTALS[label]
        for year, (secured, executed) in zip(YEAR_COLUMNS, CARD[label], strict=True):
            assert sheet[f"{YEAR_COLUMNS[year]}{row}"].value == secured
            assert sheet[f"{EXECUTED_COLUMNS[year]}{row}"].value == ("—" if executed is None else executed)


def test_merged_headers_number_format_and_frozen_header(card_data):
    sheet = sheet_of(exported(card_data))
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"A4:A5", "B4:B5", "C4:D4", "E4:F4", "G4:H4", "I4:J4", "K4:L4", "M4:N4", "A6:B6", "A7:A9"} <= merged
    numbers = [cell for row in sheet["C6:N9"] for cell in row if isinstance(cell.value, int)]
    assert len(numbers) == 4 * 12 - 4  # the four planned executed cells hold "-"
    assert {cell.number_format for cell in numbers} == {"#,##0"}
    assert sheet.freeze_panes == "C6"
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for row in sheet.iter_rows() for c in row)


def test_the_warnings_are_notes_under_the_table(card_data):
    sheet = sheet_of(exported(card_data))
    notes = [sheet[f"A{row}"].value or "" for row in range(11, 14)]
    assert any(note.startswith("※1 2019년 국비") and "12,802" in note for note in notes)


def test_a_line_name_is_never_written_as_a_formula(card_data, lead_user):
    allocations_save(
        pledge=card_data,
        cells=[CellInput(None, '=HYPERLINK("http://x")', 2021, "city", 1, None)],
        user=lead_user,
        expected_version=budget_version(card_data),
    )
    sheet = sheet_of(exported(card_data))
    names = [cell for cell in sheet["A"] if cell.value and "HYPERLINK" in str(cell.value)]
    assert names and all(cell.data_type == "s" and cell.quotePrefix for cell in names)


@pytest.fixture
def lead_user(card_data, django_user_model):
    return django_user_model.objects.get(username="lead")


# --- Reading back -----------------------------------------------------------------------------------------------


def test_the_download_reads_back_unchanged(card_data):
    plan = excel.plan_budget_import(pledge=card_data, data=exported(card_data), filename="예산.xlsx")
    assert plan.ok and plan.changes == ()


def test_round_trip_download_edit_upload_preview_confirm(login, card_data, lead_user):
    client = login("lead")
    content = edited(client.get(url("export")).content, {"G7": 12300, "N8": "150", "K9": "17,500"})
    before = Allocation.history.count()
    response = upload(client, content)
    text = " ".join(response.content.decode().split())
    assert "미리보기: 바뀔 칸 3개" in text
    assert "12,199 → <strong>12,300</strong>" in text and "— → <strong>150</strong>" in text
    assert Allocation.history.count() == before  # a preview saves nothing
    response = client.post(url("import-confirm"))
    assert response.status_code == 302 and response["Location"] == url("detail")
    line = BudgetLine.objects.get(pledge=card_data)
    values = {(a.year, a.source): (a.secured, a.executed) for a in Allocation.objects.filter(budget_line=line)}
    assert values[2019, "national"] == (12300, 12802)
    assert values[2022, "city"] == (8800, 150)
    assert values[2021, "district"] == (17500, 11481)
    record = Allocation.history.filter(year=2019, source="national").first()
    assert record.history_user == lead_user and record.history_change_reason == "예산 엑셀 올리기"
    assert client.post(url("import-confirm")).status_code == 302  # the plan was used once
    assert Allocation.history.count() == before + 3


def test_an_upload_can_add_a_year_and_a_budget_line(login, card_data):
    client = login("lead")
    content = edited(
        exported(card_data),
        {
            "O4": "2023년",
            "O5": "확보액",
            "P5": "집행액",
            "O7": 14000,
            "A10": "청년 사업",
            "B10": "시비",
            "K10": 300,
            "L10": 20,
        },
    )
    text = " ".join(upload(client, content).content.decode().split())
    assert "새로 만들 세부사업: 청년 사업" in text
    client.post(url("import-confirm"))
    matrix = budget_matrix(card_data)
    assert matrix.years[-1] == 2023 and matrix.lines[-1].name == "청년 사업"
    assert matrix.year(2021)["total"].secured == 42711 + 300


# cell: (what the clerk typed, the value quoted back as Excel shows it, the reason)
BAD_CELLS = {
    "G7": ("=12199+1", "=12199+1", "수식은 사용할 수 없습니다"),
    "H7": (datetime.datetime(2019, 5, 1), "2019-05-01", "날짜가 아니라 숫자를 입력하세요"),
    "I7": (-5, "-5", "음수는 입력할 수 없습니다"),
    "J7": (12.5, "12.5", "소수는 입력할 수 없습니다. 백만원 단위의"),
    "K7": ("약 9천", "약 9천", "숫자만 입력하세요(예: 12,199)"),
    "L7": (True, "TRUE", "참/거짓"),
    "E8": (100_000_001, "100000001", "100,000,000백만원을 넘는"),
    "B9": ("특별교부세", "특별교부세", "재원은 국비·시비·구비 중 하나"),
    "K4": ("2021년도", "2021년도", "연도 머리글은 '2023년'처럼"),
    "M4": (2022.5, "2022.5", "연도 머리글은 '2023년'처럼"),  # a number, but not a year
    "B2": ("지역경제-12", "지역경제-12", "다른 공약의 파일입니다"),
}


@pytest.mark.parametrize("ref", list(BAD_CELLS))
def test_each_bad_cell_is_reported_with_sheet_cell_value_and_reason(card_data, ref):
    value, shown, message = BAD_CELLS[ref]
    plan = excel.plan_budget_import(pledge=card_data, data=edited(exported(card_data), {ref: value}), filename="x.xlsx")
    assert not plan.ok and plan.cells == ()
    [error] = [e for e in plan.errors if e.cell == ref]
    assert error.sheet == "예산" and message in error.message
    assert error.value == shown


def test_executed_without_secured_and_duplicate_years(card_data):
    content = edited(exported(card_data), {"G8": None, "M4": "2021년"})
    errors = {e.cell: e.message for e in excel.parse_budget_workbook(content, code=CODE).errors}
    assert "2021년 열이 두 번 있습니다" in errors["M4"]
    content = edited(exported(card_data), {"G8": None})
    errors = {e.cell: e.message for e in excel.parse_budget_workbook(content, code=CODE).errors}
    assert errors == {"G8": "집행액이 있으면 확보액도 입력해야 합니다(없으면 0)."}


def test_a_missing_sheet_or_moved_header(card_data):
    book = openpyxl.load_workbook(BytesIO(exported(card_data)))
    book[excel.SHEET].title = "Sheet1"
    buffer = BytesIO()
    book.save(buffer)
    [error] = excel.parse_budget_workbook(buffer.getvalue(), code=CODE).errors
    assert "'예산' 시트가 없습니다" in error.message and error.value == "Sheet1"
    errors = excel.parse_budget_workbook(edited(exported(card_data), {"F5": "확보액"}), code=CODE).errors
    assert [(e.cell, e.message) for e in errors] == [("F5", excel.ERR_HEADER % {"expected": "집행액"})]


def test_all_or_nothing_one_bad_cell_saves_no_good_one(login, card_data):
    client = login("lead")
    before = Allocation.history.count()
    response = upload(client, edited(exported(card_data), {"G7": 12300, "I7": -1}))
    text = response.content.decode()
    assert "잘못된 곳 1개. 아무것도 저장하지 않았습니다." in text and "I7" in text
    assert client.post(url("import-confirm"), follow=True).status_code == 200  # nothing to confirm
    assert Allocation.history.count() == before


@pytest.mark.parametrize(
    ("filename", "message"),
    [("results.csv", ERR_CSV), ("legacy.xls", ERR_XLS), ("zip_bomb_ratio.xlsx", str(ERR_ZIP_BOMB).split("(")[0])],
)
def test_bad_files_get_the_same_safety_as_the_results_import(login, card_data, filename, message):
    client = login("lead")
    before = Allocation.history.count()
    response = upload(client, (BAD_FILES / filename).read_bytes(), filename)
    text = html.unescape(response.content.decode())
    assert str(message)[:30] in text and "아무것도 저장하지 않았습니다" in text
    assert f"budget_import:{card_data.pk}" not in client.session
    assert Allocation.history.count() == before


@pytest.mark.parametrize("filename", ["billion_laughs.xlsx", "encrypted.xlsx", "truncated.xlsx", "empty.xlsx"])
def test_other_bad_files_are_refused_without_a_crash(card_data, filename):
    plan = excel.plan_budget_import(pledge=card_data, data=(BAD_FILES / filename).read_bytes(), filename=filename)
    assert not plan.ok and plan.errors[0].message


def test_a_save_between_preview_and_confirm_is_not_overwritten(login, card_data, lead_user):
    client = login("lead")
    upload(client, edited(exported(card_data), {"G7": 1}))
    line = BudgetLine.objects.get(pledge=card_data)
    allocations_save(
        pledge=card_data,
        cells=[CellInput(line.pk, line.name, 2019, "national", 12500, 12802)],
        user=lead_user,
        expected_version=budget_version(card_data),
    )
    response = client.post(url("import-confirm"), follow=True)
    text = response.content.decode()
    assert "다른 사용자가 먼저 예산을 저장했습니다" in text and "12,199 → 12,500" in text
    assert Allocation.objects.get(budget_line=line, year=2019, source="national").secured == 12500


def test_upload_form_errors(login, card_data):
    response = login("lead").post(url("import"), {})
    assert "올릴 파일을 선택하세요" in response.content.decode()


# --- Merged cells and sheets that would not be read -------------------------------------------------------------


def reworked(content: bytes, change) -> bytes:
    book = openpyxl.load_workbook(BytesIO(content))
    change(book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def merged(content: bytes, *ranges: str) -> bytes:
    return reworked(content, lambda book: [book[excel.SHEET].merge_cells(cell_range) for cell_range in ranges])


# G7:H7 blanks 2019's 국비 집행액 (12,802), E8:E9 2018's 구비 확보액, B8:B9 the source 구비, K4:L5 the 2021 labels.
@pytest.mark.parametrize("cell_range", ["G7:H7", "E8:E9", "B8:B9", "K4:L5"])
def test_a_merge_over_figures_is_refused_on_the_upload_page(login, card_data, cell_range):
    client = login("lead")
    before = Allocation.history.count()
    response = upload(client, merged(client.get(url("export")).content, cell_range))
    text = html.unescape(" ".join(response.content.decode().split()))
    assert f"{cell_range} 셀이 병합되어 있습니다" in text and "잘못된 곳 1개. 아무것도 저장하지 않았습니다." in text
    assert f"budget_import:{card_data.pk}" not in client.session
    assert Allocation.history.count() == before


def test_the_downloads_own_merges_and_merges_off_the_figures_are_accepted(card_data):
    content = exported(card_data)
    sheet = sheet_of(content)
    note_row = next(row for row in range(10, 20) if str(sheet[f"A{row}"].value or "").startswith("※"))
    # the title across the top, totals C:D side by side, a note across the sheet, a new line's name down its rows
    content = merged(content, "A1:D1", "C8:D8", f"A{note_row}:N{note_row}")
    assert excel.plan_budget_import(pledge=card_data, data=content, filename="x.xlsx").changes == ()
    new_line = {"A10": "청년 사업", "B10": "국비", "E10": 5, "A11": None, "B11": "시비", "E11": 6}  # over a note
    content = merged(edited(exported(card_data), new_line), "A10:A11")
    plan = excel.plan_budget_import(pledge=card_data, data=content, filename="x.xlsx")
    assert plan.ok and [(change.line, change.source_label) for change in plan.changes] == [
        ("청년 사업", "국비"),
        ("청년 사업", "시비"),
    ]


def test_a_hidden_or_extra_sheet_is_named_and_refused(card_data):
    def add_sheets(book):
        book.create_sheet("2023 계획").sheet_state = "hidden"
        book.create_sheet("메모")

    [hidden, extra] = excel.plan_budget_import(
        pledge=card_data, data=reworked(exported(card_data), add_sheets), filename="x.xlsx"
    ).errors
    assert (hidden.sheet, extra.sheet) == ("2023 계획", "메모")
    assert hidden.message.startswith("숨긴 시트가 있습니다: '2023 계획'. 올린 파일에서는 '예산' 시트만 읽고")
    assert extra.message.startswith("양식에 없는 시트가 있습니다: '메모'. 올린 파일에서는 '예산' 시트만 읽으므로")
