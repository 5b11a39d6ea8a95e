"""The card, the quarterly report and the budget report as HWPX, read back with python-hwpx: the title block and 기준일
as in the PDF, 나눔고딕 on every run, the tables' merged headings, and every figure of the kind's Figures (the
snapshot issuing freezes) in the file. Expected figures by hand come from the card (지역경제-11)."""

import pytest
from django.urls import reverse

from documents.issuing import figure_text
from documents.registry import kind
from tests.hwpx import A4_HWPUNIT, all_text, body_texts, fonts_used, open_hwpx, tables

CODE = "지역경제-11"
DOCUMENTS = {"card": (2021, None), "quarterly": (2019, 3), "budget": (None, None)}


def rendered(slug, pledge):
    year, quarter = DOCUMENTS[slug]
    found = kind(slug)
    document = found.build(pledge, year, quarter)
    exported = found.renderers["hwpx"](document)
    return found, document, exported


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_every_figure_of_the_document_is_in_its_hwpx(card_data, slug):
    found, document, exported = rendered(slug, card_data)
    assert exported.filename.endswith(".hwpx") and exported.mimetype == "application/hwp+zip"
    doc = open_hwpx(exported.content)
    text = all_text(doc)
    missing = [(label, v) for label, v in found.figures(document).items() if figure_text(v) not in text]
    assert missing == []
    assert fonts_used(doc) == {"나눔고딕"}


def test_the_card_hwpx_has_the_pdfs_title_block_and_tables(card_data):
    _found, _card, exported = rendered("card", card_data)
    doc = open_hwpx(exported.content)
    texts = body_texts(doc)
    assert texts[0] == "공약 이행 카드"
    assert texts[2].startswith("기준일: ") and "승인된 실적 기준" in texts[2]
    assert "○ 2021년 일자리 창출목표 : 10,800명" in texts
    assert "시연용 자료 · 부서별·세부사업별 배분은 예시이며, 합계는 공약 이행 카드의 실제 수치와 같습니다." in texts
    size = doc.page.size()
    assert (size.width, size.height) == A4_HWPUNIT
    header, plan, budget, footer = tables(doc)
    assert (header[0, 0].text, header[0, 1].text, header[0, 1].span) == (CODE, card_data.title, (1, 5))
    # The budget table: 구 분 and 재원별 over three heading rows, 합 계 over two rows and two columns.
    assert (budget[0, 0].text, budget[0, 0].span) == ("구 분", (3, 1))
    assert (budget[0, 2].text, budget[0, 2].span) == ("합 계", (2, 2))
    assert budget[0, 4].text == "연차별 투자수요 및 집행액"
    assert (budget[3, 0].text, budget[3, 0].span) == ("계", (1, 2))
    assert (budget[3, 2].text, budget[3, 2].align) == ("191,259", "RIGHT")  # the card's 투자수요 total
    assert "12,802" in [cell.text for cell in budget.values()]  # 2019 국비 executed
    assert footer[0, 0].text == "작 성 자"
    assert plan[0, 4].text == "2021년" and plan[1, 4].text == "10,800명"  # the card's 2021 target


def test_the_quarterly_report_hwpx_has_its_summary_and_share_tables(card_data):
    _found, _report, exported = rendered("quarterly", card_data)
    doc = open_hwpx(exported.content)
    assert body_texts(doc)[0].startswith("2019년 3분기 일자리창출 실적 보고")
    summary, quarters, *shares = tables(doc)
    assert [summary[0, c].text for c in range(4)] == [
        "연간 목표(명)",
        "3분기까지 누적 실적(명)",
        "달성률",
        "미제출·미승인 부서",
    ]
    assert [quarters[0, c].text for c in range(6)] == ["연도", "1분기", "2분기", "3분기", "4분기", "목표"]
    groups = shares[0]
    last = max(r for r, _c in groups)
    assert groups[last, 0].text == "계" and groups[last, 1].bold


def test_the_budget_report_hwpx_is_landscape_with_the_rate_tables(card_data):
    _found, _report, exported = rendered("budget", card_data)
    doc = open_hwpx(exported.content)
    size = doc.page.size()
    assert size.orientation == "NARROWLY"  # landscape, as the PDF's @page
    assert body_texts(doc)[:2] == [
        "연차별 투자수요 및 집행 보고",
        f"{card_data.local_government} · {CODE} {card_data.title} · {card_data.lead_department}",
    ]
    budget, sources, years = tables(doc)
    assert (budget[3, 2].text, budget[3, 2].bold) == ("191,259", True)
    assert [sources[0, c].text for c in range(4)] == ["재원", "확보액", "집행액", "집행률"]
    assert years[0, 0].text == "연도"


@pytest.mark.parametrize(
    ("url", "args", "query"),
    [
        ("pledge-card-download", [CODE, "hwpx"], {"year": 2021}),
        ("quarterly-report", [CODE, 2019, 3, "hwpx"], {}),
        ("budget-report-hwpx", [CODE], {}),
    ],
)
def test_each_page_offers_the_hwpx(login, card_data, url, args, query):
    response = login("lead").get(reverse(url, args=args), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/hwp+zip"
    assert ".hwpx" in response["Content-Disposition"]
    assert open_hwpx(response.content).paragraphs
