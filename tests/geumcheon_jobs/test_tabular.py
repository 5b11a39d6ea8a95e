"""Tables as xlsx through the fast write-only path: every value keeps its type and format, text never runs."""

from decimal import Decimal
from io import BytesIO

import openpyxl

from geumcheon_jobs.tabular import PERCENT, Tabular, to_xlsx


def test_values_formats_and_escaping_survive_the_reused_cells():
    rows = (
        ("=1+1", 1, Decimal("50.2"), None),
        ("#N/A", Decimal(3), None, "@SUM(A1)"),
        ("일자리창출과", 2_000, Decimal("7.5"), ""),
    )
    table = Tabular("t", "부서별", ("부서", "실적", "달성률", "비고"), rows, ("", "", PERCENT, ""))
    book = openpyxl.load_workbook(BytesIO(to_xlsx([table], "금천구 · 출처")))
    sheet = book["부서별"]
    assert book.sheetnames == ["부서별", "출처"] and book["출처"]["A1"].value == "금천구 · 출처"
    assert sheet.freeze_panes == "A2" and all(cell.font.b for cell in sheet[1])
    got = [[(c.value, c.data_type, c.number_format) for c in row] for row in sheet.iter_rows(min_row=2)]
    assert got[0] == [("'=1+1", "s", "General"), (1, "n", "#,##0"), (0.502, "n", "0.0%"), (None, "n", "General")]
    assert got[1][0] == ("#N/A", "s", "General") and got[1][1] == (3, "n", "#,##0")
    assert got[1][2][0] is None and got[1][3] == ("'@SUM(A1)", "s", "General")
    assert got[2][:3] == [("일자리창출과", "s", "General"), (2000, "n", "#,##0"), (0.075, "n", "0.0%")]
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
