"""Tables as xlsx and CSV downloads: every value keeps its type and format, text never runs."""

import csv
import io
from decimal import Decimal
from io import BytesIO

import openpyxl

from geumcheon_jobs.tabular import PERCENT, Tabular, to_csv, to_xlsx


def table() -> Tabular:
    rows = (
        ("=1+1", 1, Decimal("50.2"), None),
        ("#N/A", Decimal(3), None, "@SUM(A1)"),
        ("일자리창출과", 2_000, Decimal("7.5"), ""),
        ("-5", 1_234_567, Decimal("100.0"), '\t=HYPERLINK("x")\x01'),
    )
    return Tabular("t", "부서별", ("부서", "실적", "달성률", "비고"), rows, ("", "", PERCENT, ""))


def test_values_formats_and_escaping_in_the_xlsx():
    book = openpyxl.load_workbook(BytesIO(to_xlsx([table()], "금천구 · 출처")))
    sheet = book["부서별"]
    assert book.sheetnames == ["부서별", "출처"] and book["출처"]["A1"].value == "금천구 · 출처"
    assert sheet.freeze_panes == "A2" and all(cell.font.b for cell in sheet[1])
    assert [cell.value for cell in sheet[1]] == ["부서", "실적", "달성률", "비고"]
    got = [[(c.value, c.data_type, c.number_format) for c in row] for row in sheet.iter_rows(min_row=2)]
    assert got[0][:3] == [("=1+1", "s", "General"), (1, "n", "#,##0"), (0.502, "n", "0.0%")]
    assert got[0][3][0] is None
    assert got[1][0] == ("#N/A", "s", "General") and got[1][1] == (3, "n", "#,##0")
    assert got[1][2][0] is None and got[1][3] == ("@SUM(A1)", "s", "General")
    assert got[2][:3] == [("일자리창출과", "s", "General"), (2000, "n", "#,##0"), (0.075, "n", "0.0%")]
    assert got[2][3][0] is None  # an empty text is an empty cell
    assert got[3][:3] == [("-5", "s", "General"), (1234567, "n", "#,##0"), (1.0, "n", "0.0%")]
    assert got[3][3][0] == '\t=HYPERLINK("x")'  # the control character XML cannot hold is dropped
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_text_that_a_spreadsheet_would_run_is_flagged_not_changed():
    """The reader sees the text itself (no apostrophe), and Excel keeps it text: quotePrefix on exactly those cells."""
    sheet = openpyxl.load_workbook(BytesIO(to_xlsx([table()], "=출처")))["부서별"]
    flagged = {cell.coordinate for row in sheet.iter_rows() for cell in row if cell.quotePrefix}
    assert flagged == {"A2", "D3", "A5", "D5"}
    about = openpyxl.load_workbook(BytesIO(to_xlsx([table()], "=출처")))["출처"]["A1"]
    assert (about.value, about.quotePrefix) == ("=출처", True)


def test_the_csv_puts_an_apostrophe_before_what_would_run():
    """A CSV has no quotePrefix flag: there the same texts get a leading apostrophe, and nothing else changes."""
    rows = list(csv.reader(io.StringIO(to_csv(table()).decode("utf-8-sig"))))
    assert rows[0] == ["부서", "실적", "달성률", "비고"]
    assert rows[1] == ["'=1+1", "1", "50.2", ""]
    assert rows[2] == ["#N/A", "3", "", "'@SUM(A1)"]
    assert rows[3] == ["일자리창출과", "2000", "7.5", ""]
    assert rows[4][0] == "'-5" and rows[4][3] == '\'\t=HYPERLINK("x")\x01'
