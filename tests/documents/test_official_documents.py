"""What every official document (the card as page, PDF and xlsx; the budget report; the quarterly report) shows and
does not show (issue #13): figures without the editors' warnings, "시연용 자료" when its figures include demo data,
and "—" for a missing value."""

from io import BytesIO

import openpyxl
from django.urls import reverse

from documents.budget_report import budget_report, budget_report_xlsx
from documents.card import pledge_card
from documents.card_xlsx import pledge_card_xlsx
from documents.kinds.budget import budget_report_pdf
from documents.kinds.card import pledge_card_pdf
from documents.kinds.quarterly import quarterly_report_pdf
from documents.quarterly import quarterly_report
from documents.quarterly_xlsx import quarterly_report_xlsx
from performance.models import Department
from tests.pdf import assert_korean_font_embedded, pdf_text

CODE = "지역경제-11"
# The card's one warning (2019 국비: executed 12,802 above secured 12,199), in any wording it has had.
WARNING_WORDS = ("※", "확보액보다", "이월 예산", "확인하세요", "이(가)")


def pdf_of(tmp_path, exported) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(exported.content)
    assert_korean_font_embedded(path)
    return pdf_text(path)


def book_of(exported) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(exported.content))


def cell_texts(book) -> list[str]:
    return [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value]


def assert_no_warning(texts) -> None:
    for text in texts:
        for word in WARNING_WORDS:
            assert word not in text, (word, text)


# --- Figures only: the warnings belong to the budget page ------------------------------------------------------


def test_the_card_page_shows_the_figure_without_the_warning(login, card_data):
    html = login("manager").get(reverse("pledge-card", args=[CODE]), {"year": 2021}).content.decode()
    card = html[html.index('class="pledge-card"') :]
    assert "12,802" in card
    assert 'class="num warn"' not in card and "warn-mark" not in card
    assert_no_warning([card])


def test_the_card_pdf_and_xlsx_show_the_figure_without_the_warning(card_data, tmp_path):
    card = pledge_card(card_data, 2021)
    text = pdf_of(tmp_path, pledge_card_pdf(card))
    assert "12,802" in text
    assert_no_warning([text])
    book = book_of(pledge_card_xlsx(card))
    assert_no_warning(cell_texts(book))
    sheet = book["공약이행카드"]
    figure = next(cell for row in sheet.iter_rows() for cell in row if cell.value == 12802)
    assert figure.fill.fgColor.rgb in (None, "00000000")  # no warning colour either


def test_the_budget_report_pdf_and_xlsx_show_the_figure_without_the_warning(card_data, tmp_path):
    document = budget_report(card_data)
    text = pdf_of(tmp_path, budget_report_pdf(document))
    assert "12,802" in text
    assert_no_warning([text])
    book = book_of(budget_report_xlsx(document))
    assert 12802 in [cell.value for row in book["예산"].iter_rows() for cell in row]
    texts = cell_texts(book)
    assert_no_warning([t for t in texts if t != "※ 합계 열과 계 행은 엑셀 수식(SUM)입니다."])  # a reading note


def test_the_budget_page_and_its_file_keep_the_warning(login, card_data):
    """The people editing the budget still see it, in words where no particle follows a figure."""
    client = login("lead")
    html = client.get(reverse("budget:detail", args=[CODE])).content.decode()
    assert "집행액이 확보액보다 많습니다(집행액 12,802, 확보액 12,199)." in html
    book = openpyxl.load_workbook(BytesIO(client.get(reverse("budget:export", args=[CODE])).content))
    assert any("집행액이 확보액보다 많습니다" in text for text in cell_texts(book))


# --- 시연용 자료 ------------------------------------------------------------------------------------------------

DEMO = "시연용 자료"


def no_demo_departments(pledge) -> None:
    Department.objects.filter(local_government=pledge.local_government).update(is_demo=False)


def test_the_card_with_demo_figures_says_so_in_the_pdf_and_xlsx(card_data, tmp_path):
    card = pledge_card(card_data, 2021)
    pages = pdf_of(tmp_path, pledge_card_pdf(card)).split("\f")
    assert pages[0].lstrip().startswith(DEMO)  # at the top of the first page …
    assert all(f"· {DEMO}" in page for page in pages if page.strip())  # … and in every page's footer
    book = book_of(pledge_card_xlsx(card))
    sheet = book["공약이행카드"]
    assert sheet["A1"].value.endswith(f"[{DEMO}]") and DEMO in sheet.oddFooter.left.text
    source = book["출처"]
    assert [source.cell(r, 1).value for r in range(1, 5)] == ["출처", "기준일", "생성 일시", DEMO]
    assert "예시" in source["B4"].value and source["B4"].font.b


def test_the_quarterly_report_with_demo_figures_says_so_in_the_pdf_and_xlsx(card_data, tmp_path):
    document = quarterly_report(card_data, 2020, 2)
    text = pdf_of(tmp_path, quarterly_report_pdf(document))
    assert text.count(DEMO) >= 2  # the note under the title and the footer
    book = book_of(quarterly_report_xlsx(document))
    for sheet in book.worksheets[:-1]:
        assert sheet["A1"].value.endswith(f"[{DEMO}]") and DEMO in sheet.oddFooter.left.text, sheet.title
    assert DEMO in [cell.value for cell in book["출처"]["A"]]


def test_documents_without_demo_figures_carry_no_mark(card_data, tmp_path):
    no_demo_departments(card_data)
    card = pledge_card(card_data, 2021)
    report = quarterly_report(card_data, 2020, 2)
    budget = budget_report(card_data)  # its figures are the card's budget, never the demo split
    assert DEMO not in pdf_of(tmp_path, pledge_card_pdf(card))
    assert DEMO not in pdf_of(tmp_path, quarterly_report_pdf(report))
    assert DEMO not in pdf_of(tmp_path, budget_report_pdf(budget))
    for exported in (pledge_card_xlsx(card), quarterly_report_xlsx(report), budget_report_xlsx(budget)):
        assert not any(DEMO in text for text in cell_texts(book_of(exported)))


# --- "—" for a missing value ------------------------------------------------------------------------------------


def test_a_missing_figure_is_one_dash_on_the_page_and_in_the_pdf(login, card_data, tmp_path):
    """2022 is planned: nothing executed, written "—" (no longer "-") wherever the table appears."""
    html = login("manager").get(reverse("pledge-card", args=[CODE]), {"year": 2021}).content.decode()
    assert '<td class="num">—</td>' in html and '<td class="num">-</td>' not in html
    text = " ".join(pdf_of(tmp_path, pledge_card_pdf(pledge_card(card_data, 2021))).split())
    assert "국비 62,154 35,878 10,591 9,973 12,199 12,802 16,094 7,188 9,770 5,915 13,500 —" in text
