"""The HWPX builder: A4, 나눔고딕 on every run, the title block and 기준일, merged headings, figures right-aligned with
thousands separators — read back with python-hwpx."""

import datetime

from documents.hwpx import Cell, HwpxWriter, head
from tests.hwpx import A4_HWPUNIT, body_texts, fonts_used, open_hwpx, table_shape, tables


def _document() -> bytes:
    writer = HwpxWriter()
    writer.title("연차별 투자수요 및 집행 보고", subtitle="금천구 · 지역경제-11")
    # 2026-11-27 16:30 UTC is already the 28th in Seoul, as the PDFs print 기준일.
    writer.as_of_line(datetime.datetime(2026, 11, 27, 16, 30, tzinfo=datetime.UTC), "단위: 백만원")
    writer.heading("재원별 집행률")
    writer.table(
        [
            [head("재원", rows=2), head("2021년", cols=2)],
            [head("확보액"), head("집행액")],
            ["국비", 1234567, None],
            [Cell("계", total=True), Cell(1234567, total=True), Cell("50.2%", total=True)],
        ],
        widths=[2, 1, 1],
    )
    writer.paragraph("승인된 실적만 반영했습니다.")
    return writer.content()


def test_page_is_a4_and_every_run_names_the_korean_font():
    doc = open_hwpx(_document())
    size = doc.page.size()
    assert (size.width, size.height) == A4_HWPUNIT
    assert fonts_used(doc) == {"나눔고딕"}


def test_title_block_and_as_of_line_in_the_order_of_the_pdf():
    doc = open_hwpx(_document())
    assert body_texts(doc) == [
        "연차별 투자수요 및 집행 보고",
        "금천구 · 지역경제-11",
        "기준일: 2026. 11. 28. · 단위: 백만원",
        "□ 재원별 집행률",
        "승인된 실적만 반영했습니다.",
    ]


def test_headings_merge_across_rows_and_columns():
    doc = open_hwpx(_document())
    assert table_shape(doc) == [(4, 3)]
    cells = tables(doc)[0]
    assert (cells[0, 0].text, cells[0, 0].span) == ("재원", (2, 1))
    assert (cells[0, 1].text, cells[0, 1].span) == ("2021년", (1, 2))
    assert [cells[1, 1].text, cells[1, 2].text] == ["확보액", "집행액"]
    assert (1, 0) not in cells and (0, 2) not in cells  # covered by the merged headings
    assert all(cells[0, c].bold and cells[0, c].align == "CENTER" for c in (0, 1))


def test_figures_right_aligned_with_thousands_separators_and_a_dash_for_nothing():
    cells = tables(open_hwpx(_document()))[0]
    assert (cells[2, 0].text, cells[2, 0].align) == ("국비", "LEFT")
    assert (cells[2, 1].text, cells[2, 1].align) == ("1,234,567", "RIGHT")
    assert (cells[2, 2].text, cells[2, 2].align) == ("—", "RIGHT")
    assert (cells[3, 2].text, cells[3, 2].align, cells[3, 2].bold) == ("50.2%", "RIGHT", True)
