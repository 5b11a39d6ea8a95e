"""What every official PDF carries (issue #7): A4, the Korean font embedded, page numbers, 기준일 and the generation
date in the footer, and table headers repeated on each page a table runs onto. Read back with pdftotext/pdfinfo."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string

from documents.budget_report import budget_report
from documents.card import pledge_card
from documents.kinds.budget import budget_report_pdf
from documents.kinds.card import pledge_card_pdf
from documents.kinds.quarterly import quarterly_report_pdf
from documents.pdf import html_to_pdf, keep_words_whole
from documents.quarterly import quarterly_report
from tests.factories import AllocationFactory, BudgetLineFactory, DepartmentFactory, ProgrammeFactory
from tests.pdf import assert_korean_font_embedded, pdf_page_size, pdf_pages, pdf_text

SEOUL = ZoneInfo("Asia/Seoul")


def dotted(moment) -> str:
    local = moment.astimezone(SEOUL)
    return f"{local.year}. {local.month}. {local.day}."


def many_budget_lines(pledge, count=30):
    for number in range(count):
        line = BudgetLineFactory(pledge=pledge, name=f"반복사업{number:02d}")
        for source in ("national", "city", "district"):
            AllocationFactory(budget_line=line, year=2021, source=source, secured=10 + number, executed=5)


def written(tmp_path, exported):
    path = tmp_path / exported.filename
    path.write_bytes(exported.content)
    return path


def assert_every_page_has_the_footer(path, as_of: str, generated) -> list[str]:
    pages = pdf_pages(path)
    assert len(pages) >= 2
    generated_text = generated.astimezone(SEOUL).strftime("%Y. %-m. %-d. %H:%M")
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"-\s*{number}\s*/\s*{len(pages)}\s*-", page), page[-300:]
        assert f"기준일: {as_of}" in page and f"생성: {generated_text}" in page
    return pages


def assert_header_on_every_page_with(pages, row: str, header: str) -> None:
    """Every page on which a row of the table (`row`, a pattern) appears also shows the table's header."""
    with_rows = [page for page in pages if re.search(row, page)]
    assert len(with_rows) >= 2, "the table should run onto a second page"
    assert all(re.search(header, page) for page in with_rows)


def test_the_card_pdf(card_data, tmp_path):
    many_budget_lines(card_data)
    card = pledge_card(card_data, 2021)
    path = written(tmp_path, pledge_card_pdf(card))
    assert pdf_page_size(path).endswith("(A4)") and pdf_page_size(path).startswith("595")
    assert_korean_font_embedded(path)
    pages = assert_every_page_has_the_footer(path, dotted(card.as_of), card.generated_at)
    assert_header_on_every_page_with(pages, "반복사업", r"구\s*분\s+재원별")


def test_the_quarterly_report_pdf(card_data, tmp_path):
    for _number in range(40):
        department = DepartmentFactory(local_government=card_data.local_government)
        ProgrammeFactory(department=department, year=2019, pledges=[card_data])
    document = quarterly_report(card_data, 2019, 3)
    path = written(tmp_path, quarterly_report_pdf(document))
    assert pdf_page_size(path).startswith("595") and pdf_page_size(path).endswith("(A4)")
    assert_korean_font_embedded(path)
    # What 기준일 is (the latest change to what the document shows) is tested in test_provenance.py.
    pages = assert_every_page_has_the_footer(path, dotted(document.as_of), document.generated_at)
    assert_header_on_every_page_with(pages, r"테스트\d+과\s+0\s", r"부서\s+실적\s+목표\s+달성률")
    text = "".join(pages)
    assert re.search(r"계\s+8,076", text)  # the departments' 계 row, as in the xlsx


@pytest.mark.parametrize("lines", [0, 30])
def test_the_budget_report_pdf(card_data, tmp_path, lines):
    many_budget_lines(card_data, lines)
    document = budget_report(card_data)
    path = written(tmp_path, budget_report_pdf(document))
    assert pdf_page_size(path) == "841.89 x 595.276 pts (A4)"  # landscape, for the wide table
    assert_korean_font_embedded(path)
    pages = assert_every_page_has_the_footer(path, dotted(document.as_of), document.generated_at)
    if lines:
        assert_header_on_every_page_with(pages, "반복사업", r"구\s*분\s+재원별")


KOREAN_WORDS = ("일자리창출을", "지역경제과", "백만원", "로그인하세요", "민관협력")


def test_korean_words_are_not_broken_in_a_narrow_table_cell(tmp_path):
    """Lines break between Korean words, never inside one ("일자리창/출을", "지/역경제과", "백만/원"): a cell far too
    narrow for its words widens to its longest word; a paragraph narrower than two words (and wider than one) breaks
    at the spaces."""
    words = " ".join(KOREAN_WORDS)
    html = (
        f'<html lang="ko"><head><style>{render_to_string("print/base.css")}</style></head><body>'
        f'<table><tr><td style="width: 8mm">{words}</td><td>{"넓은 칸의 글 " * 30}</td></tr></table>'
        f'<p style="width: 25mm">{words}</p></body></html>'
    )
    path = tmp_path / "narrow.pdf"
    path.write_bytes(html_to_pdf(html))
    assert_korean_font_embedded(path)
    tokens = pdf_text(path).split()
    for word in KOREAN_WORDS:
        assert tokens.count(word) == 2, (word, tokens[:40])  # whole, in the cell and in the paragraph


def test_the_cards_words_are_whole_in_its_pdf(card_data, tmp_path):
    """On today's card the 사업개요 line used to break "일자리창/출을"."""
    path = written(tmp_path, pledge_card_pdf(pledge_card(card_data, 2021)))
    tokens = pdf_text(path).split()
    assert "일자리창출을" in tokens and "일자리창" not in tokens


def test_the_word_joiner_touches_only_running_text():
    html = '<title>공약 카드</title><style>p{}</style><p title="가나">가나 다A 1명</p><svg><text>라마</text></svg>'
    joined = keep_words_whole(html)
    assert joined.startswith('<title>공약 카드</title><style>p{}</style><p title="가나">')
    assert "가\u2060나 다\u2060A 1\u2060명</p>" in joined and joined.endswith("<svg><text>라마</text></svg>")


def body_lines(page: str) -> list[str]:
    """A page's text lines without the running footer (기준일 …, 생성 …, - n / m -)."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines if not re.search(r"기준일|생성:|^- \d+ / \d+ -$", line)]


@pytest.mark.parametrize(("year", "quarter"), [(2019, 3), (2021, 2)])
def test_tables_keep_their_last_rows_with_the_total_and_headings_with_what_follows(card_data, tmp_path, year, quarter):
    """The two layouts that broke badly (issue #13 item 12): 계 alone with one department atop page 3 (2019 Q3),
    page 1 half empty and "□ 부서별" stranded at a page's foot (2021 Q2)."""
    document = quarterly_report(card_data, year, quarter)
    pages = pdf_pages(written(tmp_path, quarterly_report_pdf(document)))
    departments = [share.label for share in document.departments]
    total = f"{document.department_total.cumulative:,}"
    [total_page] = [page for page in pages if re.search(rf"(?m)^\s*계\s+{total}", page)][-1:]
    rows_with_total = [name for name in departments if re.search(rf"(?m)^\s*{re.escape(name)}\s", total_page)]
    assert len(rows_with_total) >= 2, rows_with_total  # never the total with one row or none
    headings = ("분기별 누적 실적", "계층별", "부문별", "부서별")
    for page in pages[:-1]:
        last = body_lines(page)[-1]
        assert not any(last.startswith(heading) or last.endswith(heading) for heading in headings), last
        assert not last.endswith(("실적과 목표(명)", "실적(명)")), last  # a table's caption without its rows
    assert "□ 계층별" in pages[0]  # page 1 goes on after the quarters, not left half empty
