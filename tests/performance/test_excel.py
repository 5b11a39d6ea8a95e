"""The quarterly results template and its reader (performance/excel/). No database needed."""

import datetime
import re
import zipfile
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from performance import excel
from performance.excel import (
    CellError,
    ParsedResults,
    ParsedRow,
    TemplateRow,
    build_results_template,
    check_upload,
    parse_results_workbook,
)
from performance.excel import format as layout
from performance.models import MAX_JOBS

BAD_FILES = Path(__file__).parent / "bad_files"


def template_row(programme_id: int, **changes) -> TemplateRow:
    values = {
        "department_code": "dept03",
        "department_name": "어르신복지과",
        "programme_id": programme_id,
        "programme_name": f"어르신 일자리 {programme_id}",
        "target_group": "노년층",
        "programme_type": "직접일자리",
        "annual_target": 1200,
        "cumulative_before": 340,
        "jobs": None,
        "comment": "",
    }
    return TemplateRow(**(values | changes))


def template(rows: list[TemplateRow], *, year: int = 2025, quarter: int = 1) -> bytes:
    return build_results_template(title=f"{year}년 {quarter}분기 일자리 실적", year=year, quarter=quarter, rows=rows)


def edited(data: bytes, edits: dict[str, object]) -> bytes:
    """The template as a clerk saves it after typing `edits` into sheet 실적 (openpyxl stands in for Excel)."""
    book = openpyxl.load_workbook(BytesIO(data))
    for cell, value in edits.items():
        book[excel.DATA_SHEET][cell] = value
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def messages(results: ParsedResults) -> list[tuple[str, str]]:
    return [(error.cell, error.message) for error in results.errors]


# --- The template ------------------------------------------------------------------------------------------------


@pytest.fixture
def three_rows() -> list[TemplateRow]:
    return [
        template_row(101, jobs=12, comment="상반기 모집"),
        template_row(102, department_code="dept07", department_name="일자리창출과", annual_target=None, jobs=None),
        template_row(103, programme_name="+청년 인턴", target_group="청년층", comment="=SUM(A1:A3) 확인"),
    ]


def test_template_layout(three_rows):
    book = openpyxl.load_workbook(BytesIO(template(three_rows)))
    assert book.sheetnames == ["실적", "안내"]
    sheet = book["실적"]
    assert sheet["A1"].value == "2025년 1분기 일자리 실적"
    assert (sheet["A2"].value, sheet["B2"].value, sheet["C2"].value, sheet["D2"].value) == ("연도", 2025, "분기", 1)
    assert (layout.YEAR_CELL, layout.QUARTER_CELL, layout.HEADER_ROW, excel.FIRST_DATA_ROW) == ("B2", "D2", 4, 5)
    assert [cell.value for cell in sheet[4]] == list(layout.COLUMNS)
    assert [cell.value for cell in sheet[5]] == [
        "dept03", "어르신복지과", 101, "어르신 일자리 101", "노년층", "직접일자리", 1200, 340, 12, "상반기 모집",
    ]  # fmt: skip
    assert (sheet["B6"].value, sheet["G6"].value, sheet["I6"].value, sheet["J6"].value) == (
        "일자리창출과",
        None,
        None,
        None,
    )
    assert sheet.freeze_panes == "A5"
    assert {sheet[f"{column}5"].number_format for column in "GHI"} == {"#,##0"}
    assert sheet["C5"].number_format == "0"  # an ID, not an amount: no thousands separator
    assert sheet.column_dimensions["D"].width >= 30


def test_template_marks_editable_cells(three_rows):
    sheet = openpyxl.load_workbook(BytesIO(template(three_rows)))["실적"]
    for column in "IJ":
        assert sheet[f"{column}5"].fill.fgColor.rgb.endswith("FFF2CC")
        assert sheet[f"{column}5"].protection.locked is False
    for column in "ABCDEFGH":
        assert sheet[f"{column}6"].fill.fgColor.rgb.endswith("F2F2F2")
    validations = {str(validation.sqref): validation for validation in sheet.data_validations.dataValidation}
    assert validations["I5:I7"].type == "whole"
    assert validations["I5:I7"].formula2 == str(MAX_JOBS)
    assert validations["J5:J7"].type == "textLength"


def test_template_text_starting_like_a_formula_stays_text(three_rows):
    data = template(three_rows)
    sheet = openpyxl.load_workbook(BytesIO(data))["실적"]
    for cell in (sheet["J7"], sheet["D7"]):
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert sheet["J7"].value == "=SUM(A1:A3) 확인"
    assert sheet["D7"].value == "+청년 인턴"
    with zipfile.ZipFile(BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert not re.search(rb"<f[ >/]", xml)  # no formula element anywhere in the data sheet
    # The text itself is in the sheet (as UTF-8, or as character references when openpyxl writes with lxml).
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    texts = [element.text for element in ElementTree.fromstring(xml).iter(f"{{{main}}}t")]
    assert "=SUM(A1:A3) 확인" in texts


def test_template_guide_sheet(three_rows):
    guide = openpyxl.load_workbook(BytesIO(template(three_rows)))["안내"]
    text = "\n".join(str(cell.value) for cell in guide["A"] if cell.value)
    assert "2025년 1분기" in text
    for phrase in ("0 이상의 정수", "수식", "빈칸", "세부사업ID", "xlsx"):
        assert phrase in text


def test_template_without_rows_is_still_a_template():
    sheet = openpyxl.load_workbook(BytesIO(template([])))["실적"]
    assert [cell.value for cell in sheet[4]] == list(layout.COLUMNS)


def test_template_drops_control_characters():
    sheet = openpyxl.load_workbook(BytesIO(template([template_row(1, programme_name="줄\x0b바꿈")])))["실적"]
    assert sheet["D5"].value == "줄바꿈"


# --- Round trip ----------------------------------------------------------------------------------------------------


def test_untouched_template_reads_back(three_rows):
    results = parse_results_workbook(template(three_rows))
    assert results.ok
    assert (results.year, results.quarter) == (2025, 1)
    assert results.rows == (
        ParsedRow(5, "dept03", 101, 12, "상반기 모집"),
        ParsedRow(6, "dept07", 102, None, ""),
        ParsedRow(7, "dept03", 103, None, "=SUM(A1:A3) 확인"),
    )


def test_filled_template_reads_back(three_rows):
    data = edited(template(three_rows), {"I5": 15, "I6": 0, "J6": "신규 채용 없음", "I7": 3, "J5": None})
    results = parse_results_workbook(data, filename="2025-1분기.xlsx")
    assert results.ok
    assert results.rows == (
        ParsedRow(5, "dept03", 101, 15, ""),
        ParsedRow(6, "dept07", 102, 0, "신규 채용 없음"),
        ParsedRow(7, "dept03", 103, 3, "=SUM(A1:A3) 확인"),
    )


def test_text_and_integral_figures_are_accepted():
    data = template([template_row(number) for number in range(1, 7)])
    edits = {"I5": "1,234", "I6": 12.0, "I7": " 56 ", "I8": "7.00", "I9": "1 000", "I10": "", "J5": 3.0, "J6": 2.5}
    results = parse_results_workbook(edited(data, edits))
    assert results.ok, results.errors
    assert [row.jobs for row in results.rows] == [1234, 12, 56, 7, 1000, None]
    assert [row.comment for row in results.rows[:2]] == ["3", "2.5"]


def test_fully_empty_rows_are_skipped():
    data = template([template_row(number, jobs=number) for number in (1, 2, 3)])
    blank_row_6 = {f"{column}6": None for column in "ABCDEFGHIJ"}
    whitespace_row_8 = {"A8": "  ", "J8": "\t"}
    results = parse_results_workbook(edited(data, blank_row_6 | whitespace_row_8))
    assert results.ok
    assert [row.row_number for row in results.rows] == [5, 7]


def test_ten_thousand_rows():
    rows = [
        template_row(number, department_code=f"dept{number % 22 + 1:02d}", jobs=number % 50)
        for number in range(1, 10_001)
    ]
    results = parse_results_workbook(template(rows))
    assert results.ok
    assert len(results.rows) == 10_000
    assert results.rows[-1] == ParsedRow(10_004, "dept13", 10_000, 0, "")


# --- Bad files -----------------------------------------------------------------------------------------------------

CORPUS = {
    "empty.xlsx": layout.ERR_EMPTY,
    "results.csv": layout.ERR_CSV,
    "web_page.xls": layout.ERR_HTML,
    "legacy.xls": layout.ERR_XLS,
    "encrypted.xlsx": layout.ERR_ENCRYPTED,
    "report_pdf.xlsx": layout.ERR_PDF,
    "random.xlsx": layout.ERR_NOT_EXCEL,
    "not_excel.xlsx": layout.ERR_NOT_XLSX,
    "zip_bomb_total.xlsx": layout.ERR_ZIP_BOMB % {"size": "200.0MB"},
    "zip_bomb_ratio.xlsx": layout.ERR_ZIP_BOMB % {"size": "4.0MB"},
    "truncated.xlsx": layout.ERR_CORRUPT,
    "corrupt_crc.xlsx": excel.ERR_UNREADABLE,
    "billion_laughs.xlsx": excel.ERR_UNSAFE_CONTENT,
}
CHECKED_BEFORE_PARSING = set(CORPUS) - {"corrupt_crc.xlsx", "billion_laughs.xlsx"}


@pytest.mark.parametrize(("filename", "message"), CORPUS.items(), ids=list(CORPUS))
def test_bad_file(filename, message):
    data = (BAD_FILES / filename).read_bytes()
    results = parse_results_workbook(data, filename=filename)
    assert results.errors == (CellError(sheet="", cell="", value=filename, message=str(message)),)
    assert results.rows == ()
    assert not results.ok
    assert (results.year, results.quarter) == (None, None)
    assert bool(check_upload(data, filename)) == (filename in CHECKED_BEFORE_PARSING)


def test_corpus_is_complete_and_small():
    on_disk = {path.name for path in BAD_FILES.iterdir() if path.suffix != ".py"}
    assert on_disk == set(CORPUS)
    assert max((BAD_FILES / name).stat().st_size for name in on_disk) < 10 * 1024
    assert len(set(CORPUS.values())) == len(CORPUS)  # every problem has its own message (the bombs name their size)


def test_bad_file_messages_are_korean_and_say_what_to_do():
    for message in CORPUS.values():
        assert re.search("[가-힣]", str(message))
        assert re.search("주세요|하세요|알려", str(message))


def test_too_large_file_is_refused_before_parsing():
    errors = check_upload(b"PK\x03\x04" + bytes(excel.MAX_UPLOAD_BYTES), "big.xlsx")
    assert [error.message for error in errors] == [str(layout.ERR_TOO_LARGE % {"size": "5.0MB", "limit": "5.0MB"})]


def test_csv_named_as_csv_with_binary_content():
    assert check_upload(b"\x00\x01\x02", "results.csv")[0].message == str(layout.ERR_CSV)


def test_refuses_everything_without_defusedxml(monkeypatch, three_rows):
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    results = parse_results_workbook(template(three_rows), filename="ok.xlsx")
    assert [error.message for error in results.errors] == [str(layout.ERR_UNSAFE_XML)]
    assert results.rows == ()


def test_damaged_files_never_raise(three_rows):
    data = template(three_rows)
    for offset in range(0, len(data), 97):
        damaged = bytearray(data)
        damaged[offset : offset + 8] = b"\xff" * 8
        assert isinstance(parse_results_workbook(bytes(damaged)), ParsedResults)
    for length in range(0, len(data), 211):
        assert not parse_results_workbook(data[:length]).ok


def test_too_much_content_is_refused_before_parsing(monkeypatch, three_rows):
    monkeypatch.setattr(excel.upload, "MAX_XML_PART_BYTES", 2_000)
    errors = check_upload(template(three_rows), "many.xlsx")
    assert [error.message[:20] for error in errors] == [str(layout.ERR_CONTENT_TOO_LARGE)[:20]]


def test_zip_within_bounds_passes_the_check(three_rows):
    assert check_upload(template(three_rows), "ok.xlsx") == []


# --- Cell-level errors ---------------------------------------------------------------------------------------------


# One bad cell for each rule on rows 5–16 (IDs 101–112), and two good figures typed as text and as a float.
BAD_CELLS = {
    "B2": 1999,
    "D2": 5,
    "I5": "=1+1",
    "I6": datetime.date(2025, 3, 1),
    "I7": -3,
    "I8": 12.5,
    "I9": "abc",
    "I10": True,
    "I11": MAX_JOBS + 1,
    "J12": "가" * 501,
    "C13": 101,
    "I14": "1,234",
    "I15": 12.0,
    "A16": None,
}


def test_every_cell_error_is_reported_together():
    data = template([template_row(100 + number) for number in range(1, 13)])  # rows 5–16, IDs 101–112
    results = parse_results_workbook(edited(data, BAD_CELLS))
    assert messages(results) == [
        ("B2", str(layout.ERR_YEAR)),
        ("D2", str(layout.ERR_QUARTER)),
        ("I5", str(layout.ERR_FORMULA)),
        ("I6", str(layout.ERR_DATE)),
        ("I7", str(layout.ERR_NEGATIVE)),
        ("I8", str(layout.ERR_NOT_WHOLE)),
        ("I9", str(layout.ERR_NOT_NUMBER)),
        ("I10", str(layout.ERR_BOOL)),
        ("I11", layout.ERR_JOBS_TOO_BIG % {"max": "1,000,000"}),
        ("J12", layout.ERR_COMMENT_TOO_LONG % {"max": 500, "length": "501"}),
        ("C13", layout.ERR_DUPLICATE % {"row": 5}),
        ("A16", str(layout.ERR_DEPARTMENT)),
    ]
    assert {error.sheet for error in results.errors} == {"실적"}
    values = {error.cell: error.value for error in results.errors}
    assert values["I5"] == "=1+1"
    assert values["I6"] == "2025-03-01"
    assert (values["I7"], values["I8"], values["I9"], values["I10"]) == ("-3", "12.5", "abc", "TRUE")
    assert values["J12"] == "가" * 99 + "…"  # a long value is shortened for display
    assert values["A16"] == ""
    assert (results.year, results.quarter) == (None, None)
    assert not results.ok
    assert results.rows == (ParsedRow(14, "dept03", 110, 1234, ""), ParsedRow(15, "dept03", 111, 12, ""))


def test_more_bad_figures():
    data = template([template_row(number) for number in range(1, 8)])
    edits = {
        "I5": "12명",
        "I6": "-5",
        "I7": "3.5",
        "I8": datetime.datetime(2025, 3, 1, 9, 30),
        "I9": datetime.time(12, 0),
        "I10": "9" * 40,
        "I11": float("1e300"),
    }
    results = parse_results_workbook(edited(data, edits))
    assert messages(results) == [
        ("I5", str(layout.ERR_NOT_NUMBER)),
        ("I6", str(layout.ERR_NEGATIVE)),
        ("I7", str(layout.ERR_NOT_WHOLE)),
        ("I8", str(layout.ERR_DATE)),
        ("I9", str(layout.ERR_DATE)),
        ("I10", layout.ERR_JOBS_TOO_BIG % {"max": "1,000,000"}),
        ("I11", layout.ERR_JOBS_TOO_BIG % {"max": "1,000,000"}),
    ]


def test_bad_programme_ids():
    data = template([template_row(number) for number in range(1, 6)])
    edits = {"C5": None, "C6": "사업", "C7": 0, "C8": 3.5, "C9": 2**40}
    results = parse_results_workbook(edited(data, edits))
    assert messages(results) == [(f"C{row}", str(layout.ERR_PROGRAMME_ID)) for row in range(5, 10)]


def test_bad_year_and_quarter_text():
    data = edited(template([template_row(1)]), {"B2": "이천이십오", "D2": None})
    results = parse_results_workbook(data)
    assert messages(results) == [("B2", str(layout.ERR_YEAR)), ("D2", str(layout.ERR_QUARTER))]
    assert len(results.rows) == 1  # the rows are still read, so every error is reported at once


def test_wrong_header_row_refuses_the_columns():
    data = edited(template([template_row(1, jobs=4)]), {"I4": "비고", "J4": "이번 분기 실적(명)"})
    results = parse_results_workbook(data)
    assert messages(results) == [
        ("I4", layout.ERR_HEADER % {"expected": "이번 분기 실적(명)"}),
        ("J4", layout.ERR_HEADER % {"expected": "비고"}),
    ]
    assert results.rows == ()
    assert (results.year, results.quarter) == (2025, 1)


def test_header_whitespace_is_ignored():
    data = edited(template([template_row(1, jobs=4)]), {"I4": "이번 분기\n실적(명)", "H4": "전분기까지누계(명)"})
    assert parse_results_workbook(data).ok


def test_a_different_file_is_refused():
    book = openpyxl.Workbook()
    book.active.title = "실적"
    book.active.append(["부서", "사업", "인원"])
    book.active.append(["dept03", 101, 12])
    buffer = BytesIO()
    book.save(buffer)
    results = parse_results_workbook(buffer.getvalue())
    assert not results.ok
    assert results.rows == ()
    assert ("A4", layout.ERR_HEADER % {"expected": "부서코드"}) in messages(results)


def test_missing_data_sheet():
    book = openpyxl.load_workbook(BytesIO(template([template_row(1)])))
    book["실적"].title = "Sheet1"
    buffer = BytesIO()
    book.save(buffer)
    results = parse_results_workbook(buffer.getvalue())
    assert results.errors == (CellError("실적", "", "Sheet1, 안내", str(layout.ERR_NO_SHEET)),)


def test_no_data_rows():
    results = parse_results_workbook(template([]))
    assert results.errors == (CellError("실적", "", "", layout.ERR_NO_ROWS % {"row": 5}),)


def test_every_data_row_deleted():
    data = edited(template([template_row(1)]), {f"{column}5": None for column in "ABCDEFGHIJ"})
    assert [error.message for error in parse_results_workbook(data).errors] == [layout.ERR_NO_ROWS % {"row": 5}]


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(excel.reader, "MAX_DATA_ROWS", 3)
    results = parse_results_workbook(template([template_row(number) for number in range(1, 6)]))
    assert [error.message for error in results.errors] == [layout.ERR_TOO_MANY_ROWS % {"limit": "3"}]


# --- Merged cells and sheets that would not be read ---------------------------------------------------------------


def saved(book) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def merged(data: bytes, *ranges: str) -> bytes:
    """The template after a clerk merged `ranges` in sheet 실적 (Excel keeps only the top-left cell's value)."""
    book = openpyxl.load_workbook(BytesIO(data))
    for cell_range in ranges:
        book[excel.DATA_SHEET].merge_cells(cell_range)
    return saved(book)


def merge_error(cell_range: str) -> CellError:
    return CellError("실적", cell_range, "", layout.ERR_MERGED % {"range": cell_range})


# A merge blanks every cell of its range but the top-left one; each of these blanks a cell the reader reads:
# I5 (this quarter's figure), I6 below it, C6 (an ID), B5, the header's J4, and the quarter label C2.
@pytest.mark.parametrize("cell_range", ["H5:I5", "I5:I6", "C5:C6", "A5:B5", "I4:J4", "B2:C2", "A1:A2"])
def test_a_merge_over_cells_the_reader_reads_refuses_the_file(cell_range):
    data = edited(template([template_row(101, jobs=11), template_row(102, jobs=7)]), {"H5": 40})
    results = parse_results_workbook(merged(data, cell_range))
    assert results.errors == (merge_error(cell_range),)
    assert "병합" in results.errors[0].message and cell_range in results.errors[0].message
    assert not results.ok


def test_every_merge_over_data_is_named():
    data = template([template_row(number, jobs=number) for number in range(1, 4)])
    results = parse_results_workbook(merged(data, "I5:I6", "L2:N3", "D7:F7"))
    assert [error.cell for error in results.errors] == ["I5:I6", "D7:F7"]


# The title across row 1, the hint across F2:J2, a figure merged only with a cell right of the table, and merges
# outside the table keep every cell the reader reads.
@pytest.mark.parametrize("cell_range", ["A1:J1", "F2:J2", "E3:J3", "J5:K5", "L5:N9", "A9:J9"])
def test_a_merge_that_blanks_nothing_read_is_accepted(cell_range):
    data = template([template_row(101, jobs=11), template_row(102, jobs=7)])
    results = parse_results_workbook(merged(data, cell_range))
    assert results.ok, results.errors
    assert [row.jobs for row in results.rows] == [11, 7]


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_with_other_rows_refuses_the_file(state):
    book = openpyxl.load_workbook(BytesIO(template([template_row(101, jobs=11)])))
    hidden = book.copy_worksheet(book[excel.DATA_SHEET])
    hidden.title, hidden.sheet_state = "다른부서", state
    hidden["A5"], hidden["C5"], hidden["I5"] = "dept07", 202, 500
    results = parse_results_workbook(saved(book))
    message = layout.ERR_HIDDEN_SHEET % {"name": "다른부서", "data_sheet": "실적"}
    assert results.errors == (CellError("다른부서", "", "", message),)
    assert "숨긴 시트" in message and "다른부서" in message


def test_sheets_not_in_the_template_are_named():
    book = openpyxl.load_workbook(BytesIO(template([template_row(101, jobs=11)])))
    book.create_sheet("메모")["A1"] = "2분기 추가분"
    book.create_sheet("Sheet2").sheet_state = "hidden"
    results = parse_results_workbook(saved(book))
    assert results.errors == (
        CellError("메모", "", "", layout.ERR_EXTRA_SHEET % {"name": "메모", "data_sheet": "실적"}),
        CellError("Sheet2", "", "", layout.ERR_HIDDEN_SHEET % {"name": "Sheet2", "data_sheet": "실적"}),
    )
    assert "양식에 없는 시트" in results.errors[0].message


def test_the_template_sheets_alone_are_read_without_a_word():
    book = openpyxl.load_workbook(BytesIO(template([template_row(101, jobs=11)])))
    book[layout.GUIDE_SHEET].sheet_state = "hidden"  # the guide is the template's own, and never read
    assert parse_results_workbook(saved(book)).ok
    del book[layout.GUIDE_SHEET]
    assert parse_results_workbook(saved(book)).ok


def test_the_programmes_listed_include_rows_with_a_bad_cell():
    data = edited(template([template_row(number) for number in (101, 102, 103)]), {"I6": "열둘"})
    results = parse_results_workbook(data)
    assert [row.programme_id for row in results.rows] == [101, 103]
    assert results.programme_ids == {101, 102, 103}


def rewritten_sheet(data: bytes, rewrite) -> bytes:
    """The file with sheet 실적's XML part passed through `rewrite` (bytes → bytes), as another program may save it."""
    source, output = zipfile.ZipFile(BytesIO(data)), BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, rewrite(content) if item.filename == "xl/worksheets/sheet1.xml" else content)
    return output.getvalue()


def in_utf16(content: bytes) -> bytes:
    text = content.decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return text.encode("utf-16")


def with_prefix(content: bytes) -> bytes:
    """The spreadsheet namespace bound to a prefix, as some programs write it: <x:mergeCell ref=…/>."""
    text = content.decode("utf-8")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    text = re.sub(r"<(/?)(?!\?)(\w+)", r"<\1x:\2", text).replace(f'xmlns="{main}"', f'xmlns:x="{main}"')
    return text.encode("utf-8")


# The merge check skips parsing a part whose bytes cannot hold a <mergeCell> (the common, unmerged template): a part
# in another encoding, or with the namespace under a prefix, must still have its merges found.
@pytest.mark.parametrize("rewrite", [in_utf16, with_prefix], ids=["utf-16", "prefixed"])
def test_a_merge_is_found_whatever_the_sheet_part_looks_like(rewrite):
    data = merged(template([template_row(101, jobs=11), template_row(102, jobs=7)]), "I5:I6")
    results = parse_results_workbook(rewritten_sheet(data, rewrite))
    assert results.errors == (merge_error("I5:I6"),)


@pytest.mark.parametrize("rewrite", [in_utf16, with_prefix], ids=["utf-16", "prefixed"])
def test_an_unmerged_sheet_part_in_another_form_is_read(rewrite):
    data = template([template_row(101, jobs=11), template_row(102, jobs=7)])
    results = parse_results_workbook(rewritten_sheet(data, rewrite))
    assert results.ok, results.errors
    assert [row.jobs for row in results.rows] == [11, 7]
