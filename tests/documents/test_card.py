import datetime
from io import BytesIO

import openpyxl
import pytest
from django.template.loader import render_to_string

from documents.card import UnknownCardYear, fill_programme_targets, pledge_card
from documents.card_xlsx import pledge_card_xlsx
from performance.models import ProgressEntry
from performance.plans import plan_programmes
from tests.factories import QuarterlyReportLineFactory


def lines_of(card) -> list[str]:
    return [line for group in card.progress for item in group.items for line in item.result_lines]


def test_the_card_header_and_overview(card_data):
    card = pledge_card(card_data, 2021)
    assert card.target == 10800
    assert card.total_cost == 191259
    assert card.year_budget["total"].secured == 42711
    assert card.collaborating_departments == 22
    assert card.plan_years == ((2018, 8800), (2019, 8900), (2020, 10500), (2021, 10800), (2022, 10800))
    assert (card.group_split[0].name, card.group_split[0].jobs) == ("청년층", 434)
    assert card.group_split_total == 10800


def test_result_lines_are_generated_under_the_typed_report_entries(card_data):
    card = pledge_card(card_data, 2021)
    assert lines_of(card) == [
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
    entry = next(
        item for g in card.progress for item in g.items if item.result_lines == ("2019년 실적 10,349명(달성률 116.3%)",)
    )
    assert (entry.year, entry.month, entry.text) == (2020, 1, "2019년 일자리창출 실적 보고")


def test_progress_is_grouped_by_quarter_in_date_order(card_data):
    card = pledge_card(card_data, 2021)
    headings = [group.heading for group in card.progress]
    assert headings[:3] == ["18년 3분기", "18년 4분기", "19년 1분기"]
    assert headings[-1] == "21년 3분기"
    dates = [(item.year, item.month) for group in card.progress for item in group.items]
    assert dates == sorted(dates)


def test_a_newly_approved_quarter_appears_without_typing(card_data):
    programme = plan_programmes(card_data.lead_department, 2021).first()
    QuarterlyReportLineFactory(
        report__department=card_data.lead_department,
        report__year=2021,
        report__quarter=3,
        programme=programme,
        jobs=1000,
    )
    card = pledge_card(card_data, 2021)
    generated = [item for group in card.progress for item in group.items if item.generated]
    assert [(i.year, i.month, i.result_lines) for i in generated] == [
        (2021, 10, ("2021년 3분기 실적 8,342명(달성률 77.2%)",))
    ]


def test_a_submitted_but_unapproved_quarter_is_not_on_the_card(card_data):
    programme = plan_programmes(card_data.lead_department, 2021).first()
    QuarterlyReportLineFactory(
        report__department=card_data.lead_department,
        report__year=2021,
        report__quarter=3,
        report__status="submitted",
        programme=programme,
        jobs=1000,
    )
    assert not any("3분기 실적 8,342" in line for line in lines_of(pledge_card(card_data, 2021)))


def test_an_earlier_years_card_stops_at_that_year(card_data):
    card = pledge_card(card_data, 2019)
    assert lines_of(card)[-1] == "2019년 실적 10,349명(달성률 116.3%)"
    assert card.target == 8900 and card.group_split == ()
    assert card.year_budget["total"].secured == 34107


def test_future_plan_shows_group_and_programme_targets_of_the_year(card_data):
    card = pledge_card(card_data, 2021)
    headings = [(i.text, i.group_target) for i in card.future_plan if i.is_group_heading]
    assert headings == [
        ("청년층 일자리", 434),
        ("중ㆍ장년층 일자리", 771),
        ("노년층 일자리", 2874),
        ("취약계층 일자리", 1797),
        ("민간 일자리", 4924),
    ]
    texts = [i.text for i in card.future_plan]
    assert "공공근로(724개), 자활근로(370개), 지역공동체 일자리 사업 등 추진" in texts
    assert "일자리센터 운영(2,544개), 일구데이 및 취업박람회 개최" in texts


@pytest.mark.parametrize(
    ("text", "targets", "expected"),
    [
        ("공공근로({공공근로}개), 자활근로({자활근로}개), 지역공동체 사업", {}, "공공근로, 자활근로, 지역공동체 사업"),
        ("공공근로({공공근로}개), 자활근로({자활근로}개) 추진", {"자활근로": 370}, "공공근로, 자활근로(370개) 추진"),
        ("일자리센터 운영 {일자리센터}명 목표, 박람회", {}, "일자리센터 운영 목표, 박람회"),
        ("일자리센터 운영 {일자리센터}명 목표", {"일자리센터": 2544}, "일자리센터 운영 2,544명 목표"),
        ("자리표시 없는 줄 (그대로)", {}, "자리표시 없는 줄 (그대로)"),
    ],
)
def test_a_placeholder_without_a_target_leaves_no_mark(text, targets, expected):
    """A year without a programme's target prints nothing in its place: not "공공근로(—개)", not "-개"."""
    assert fill_programme_targets(text, targets) == expected


def test_a_year_without_plan_targets_prints_no_placeholder(card_data):
    """2019 has no group or programme targets: 향후계획 shows the plan's words and no figure, on the card's page,
    PDF and xlsx alike."""
    card = pledge_card(card_data, 2019)
    assert [i.group_target for i in card.future_plan if i.is_group_heading] == [None] * 5
    assert "공공근로, 자활근로, 지역공동체 일자리 사업 등 추진" in [i.text for i in card.future_plan]
    page = render_to_string("geumcheon_jobs/_pledge_card.html", {"card": card})
    plan = page[page.index("향후계획") :]
    assert "《청년층 일자리》</span></li>" in plan
    for placeholder in ("-개", "—개", "(—", "-</span>"):
        assert placeholder not in plan, placeholder
    sheet = openpyxl.load_workbook(BytesIO(pledge_card_xlsx(card).content))["공약이행카드"]
    heading = next(row for row in sheet.iter_rows() if row[1].value == "《청년층 일자리》")
    assert [cell.value for cell in heading[2:]] == [None] * (len(heading) - 2)
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not any(value in ("개", "—") or "—개" in value for value in values[values.index("□ 향후계획") :])


def test_no_card_for_a_year_without_target(card_data):
    with pytest.raises(UnknownCardYear):
        pledge_card(card_data, 2017)


def test_default_year_is_the_latest_plan_year_that_has_begun(card_data, monkeypatch):
    """The card's years are its plan's (2018–2022); on 2026-11-27 the latest that has begun is 2022, and on a day
    in 2020 it is 2020 — never a later year, never a year without a plan."""
    card = pledge_card(card_data)
    assert card.year == 2022 and card.years == (2018, 2019, 2020, 2021, 2022)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2020, 5, 1))
    assert pledge_card(card_data).year == 2020


def test_typed_entries_never_hold_figures(card_data):
    """The result figures are generated: no typed entry repeats one."""
    assert not ProgressEntry.objects.filter(text__contains="명(달성률").exists()


def test_a_programme_in_two_pledges_is_said_on_both_cards(card_data, tmp_path):
    """A 세부사업 two pledges draw on counts in both, and each card says so (page, PDF and xlsx)."""
    from django.db.models import Count

    from documents.card_xlsx import pledge_card_xlsx
    from documents.kinds.card import pledge_card_pdf
    from performance.models import PledgeProgramme, Programme
    from tests.pdf import pdf_text

    shared = Programme.objects.annotate(pledges=Count("pledge_links")).filter(pledges=2).first()
    assert shared is not None  # the demo term links one 세부사업 to two pledges
    first, second = (link.pledge for link in PledgeProgramme.objects.filter(programme=shared).order_by("pledge__code"))
    for pledge, other in ((first, second), (second, first)):
        card = pledge_card(pledge, shared.year)
        assert (shared.name, (other.code,)) in card.shared
        html = render_to_string("geumcheon_jobs/_pledge_card.html", {"card": card})
        assert f"{shared.name}({other.code})" in html
        path = tmp_path / f"{pledge.code}.pdf"
        path.write_bytes(pledge_card_pdf(card).content)
        assert f"{shared.name}({other.code})" in pdf_text(path).replace("\n", " ")
        book = openpyxl.load_workbook(BytesIO(pledge_card_xlsx(card).content))
        texts = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value]
        assert any(f"{shared.name}({other.code})" in text for text in texts)
    assert pledge_card(card_data, 2021).shared == ()  # 지역경제-11 shares none of its 민선7기 세부사업
