"""The yearly plan's three documents (연차별 세부계획, 추진실적 공시, 추진실적 보고서) in every format: each is found in
the one registry, holds every figure of its Figures in its PDF (A4, Korean font embedded, 기준일), its xlsx and its
HWPX (read back with python-hwpx, tables with merged headings), and its figures equal the dashboard's for a pledge
drawing on every 세부사업 of the plan."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest

from documents.registry import kind
from performance import summaries
from performance.achievement import achievement
from performance.evaluation_services import evaluation_save
from performance.models import PledgeProgramme, Programme, YearPlan
from tests.factories import PledgeFactory, reviewer
from tests.hwpx import A4_HWPUNIT, all_text, body_texts, fonts_used, open_hwpx, table_shape
from tests.pdf import assert_korean_font_embedded, pdf_page_size, pdf_text

pytestmark = pytest.mark.django_db
SLUGS = ("plan", "results-notice", "evaluation")
TITLES = {
    "plan": "2025년 연차별 세부계획",
    "results-notice": "2025년 추진실적 공시",
    "evaluation": "2025년 추진실적 보고서",
}


@pytest.fixture
def plan(card_data) -> YearPlan:
    return YearPlan.objects.select_related("term", "local_government").get(
        local_government=card_data.local_government, year=2025
    )


def _shown(value) -> str | None:
    """A figure as every format writes it (12,802; 50.2%; text as it is); None for what is not checked in text (the
    written sections, several lines long)."""
    if isinstance(value, int):
        return f"{value:,}"
    return None if "\n" in value or len(value) > 60 else value


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_three_plan_kinds_are_registered_as_plan_subjects():
    for slug in SLUGS:
        found = kind(slug)
        assert (found.slug, found.subject, found.needs_year, found.needs_quarter) == (slug, "plan", True, False)
        assert set(found.formats) == {"pdf", "xlsx", "hwpx"}


@pytest.mark.parametrize("slug", SLUGS)
def test_pdf_is_a4_with_the_korean_font_and_shows_every_figure(slug, plan, tmp_path):
    document_kind = kind(slug)
    document = document_kind.build(plan, 2025, None)
    exported = document_kind.renderers["pdf"](document)
    path = tmp_path / exported.filename
    path.write_bytes(exported.content)
    assert exported.filename.endswith("_금천구_2025년.pdf")
    assert_korean_font_embedded(path)
    assert "(A4)" in pdf_page_size(path)
    text = _flat(pdf_text(path))
    assert TITLES[slug] in text and "기준일" in text
    missing = [
        (label, value)
        for label, value in document_kind.figures(document).items()
        if _shown(value) and _shown(value) not in text
    ]
    assert not missing


@pytest.mark.parametrize("slug", SLUGS)
def test_hwpx_opens_with_python_hwpx_and_holds_every_figure(slug, plan):
    document_kind = kind(slug)
    document = document_kind.build(plan, 2025, None)
    doc = open_hwpx(document_kind.renderers["hwpx"](document).content)
    size = doc.page.size()
    assert (size.width, size.height) == A4_HWPUNIT
    assert fonts_used(doc) == {"나눔고딕"}
    assert body_texts(doc)[0] == TITLES[slug]
    text = all_text(doc)
    missing = [
        (label, v) for label, v in document_kind.figures(document).items() if _shown(v) and _shown(v) not in text
    ]
    assert not missing


def test_plan_notice_cross_table_has_merged_headings_in_hwpx_and_xlsx(plan):
    document_kind = kind("plan")
    document = document_kind.build(plan, 2025, None)
    types, groups = len(document.cross.rows), len(document.cross.groups)
    doc = open_hwpx(document_kind.renderers["hwpx"](document).content)
    # 부문 | 구분 | each 대상 | 계, and for every 부문 and the 계 three rows (사업 수, 목표, 예산) under one merged cell.
    assert (1 + 3 * (types + 1), 2 + groups + 1) in table_shape(doc)
    book = openpyxl.load_workbook(io.BytesIO(document_kind.renderers["xlsx"](document).content))
    sheet = book.worksheets[0]
    spans = [r for r in sheet.merged_cells.ranges if r.max_row - r.min_row == 2 and r.min_col == r.max_col == 1]
    assert len(spans) == types + 1


@pytest.mark.parametrize("slug", SLUGS)
def test_xlsx_holds_every_figure_as_a_number_or_its_text(slug, plan):
    document_kind = kind(slug)
    document = document_kind.build(plan, 2025, None)
    book = openpyxl.load_workbook(io.BytesIO(document_kind.renderers["xlsx"](document).content))
    assert book.sheetnames[-1] == "출처"
    values = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    numbers = {v for v in values if isinstance(v, int | float)}
    texts = " ".join(str(v) for v in values if isinstance(v, str))
    for label, value in document_kind.figures(document).items():
        if isinstance(value, int):
            assert value in numbers, label
        elif re.fullmatch(r"\d+(\.\d)?%", value):
            assert any(abs(n - float(value[:-1]) / 100) < 1e-9 for n in numbers), label
        elif _shown(value):
            assert value in texts, label


def test_results_notice_figures_equal_the_dashboard_of_a_pledge_with_the_whole_plan(plan, card_data):
    pledge = PledgeFactory(
        local_government=plan.local_government, code="전체-2025", lead_department=card_data.lead_department
    )
    PledgeProgramme.objects.bulk_create(
        PledgeProgramme(pledge=pledge, programme=p) for p in Programme.objects.filter(year_plan=plan)
    )
    summaries.refresh([pledge.pk])
    overview = achievement(pledge, 2025, None)
    figures = kind("results-notice").figures(kind("results-notice").build(plan, 2025, None))

    assert figures["일자리 실적(명)"] == overview.cumulative
    for share in overview.types:
        assert figures[f"부문별 {share.label} 실적(명)"] == share.cumulative
        assert figures[f"부문별 {share.label} 달성률"] == (f"{share.rate}%" if share.rate is not None else "—")
    for share in overview.groups:
        assert figures[f"대상별 {share.label} 실적(명)"] == share.cumulative


def test_results_notice_rates_follow_the_one_rule_from_its_own_figures(plan):
    figures = kind("results-notice").figures(kind("results-notice").build(plan, 2025, None))
    target, result = figures["일자리 목표(명)"], figures["일자리 실적(명)"]
    # Half-up to one decimal, computed here with Decimal arithmetic, not with calculations.rate.
    expected = (Decimal(result) * 100 / Decimal(target)).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
    assert figures["일자리 달성률"] == f"{expected}%"


def test_evaluation_report_shows_the_written_sections_and_evidence(plan, card_data):
    lead = reviewer()
    evaluation_save(
        user=lead,
        year_plan=plan,
        version=0,
        sections={"achievements": "청년 일자리 목표를 넘었습니다.", "next_steps": "2026년에는 중장년 사업을 늘립니다."},
        evidence=[("2025년 4분기 실적 보고", "https://example.go.kr/report"), ("우수사례 사진첩", "")],
    )
    document_kind = kind("evaluation")
    document = document_kind.build(plan, 2025, None)
    figures = document_kind.figures(document)
    assert figures["추진 성과"] == "청년 일자리 목표를 넘었습니다."
    assert figures["우수 사례"] == "(아직 작성하지 않았습니다.)"  # as the report prints an empty section
    assert "근거 자료 2" in figures and "근거 자료 3" not in figures
    assert figures["근거 자료 1"] == "2025년 4분기 실적 보고 | https://example.go.kr/report"
    text = all_text(open_hwpx(document_kind.renderers["hwpx"](document).content))
    assert "2026년에는 중장년 사업을 늘립니다." in text and "우수사례 사진첩" in text


def test_a_year_without_a_plan_is_refused_in_korean(plan):
    from documents.base import DocumentUnavailable

    with pytest.raises(DocumentUnavailable) as refused:
        kind("plan").build(plan, 2031, None)
    assert refused.value.message == "2031년에는 연차별 세부계획이 없습니다."


@pytest.mark.parametrize("slug", SLUGS)
def test_each_plan_document_is_issued_with_its_figures_and_a_later_change_shows(plan, slug):
    """Issuing freezes the file and the figures; a 세부사업's target changed afterwards shows against the issued
    figures."""
    from documents import issuing

    lead = reviewer(plan.local_government)
    issued = issuing.document_issue(
        user=lead,
        pledge=None,
        kind=slug,
        year=2025,
        quarter=None,
        fmt="hwpx",
        recipient="서울시 일자리정책과",
        sent_on=plan.published_on,
    )
    assert issued.pledge is None and issued.local_government_id == plan.local_government_id
    assert issuing.file_is_intact(issued)
    text = all_text(open_hwpx(bytes(issued.content)))
    assert [label for label, value in issued.figures if issuing.figure_text(value) not in text] == []
    assert issuing.figure_changes(issuing.issued_figures(issued), issuing.current_figures(issued)) == []
    programme = Programme.objects.filter(year_plan=plan).order_by("pk").first()
    programme.jobs_target += 1
    programme.save()
    changes = issuing.figure_changes(issuing.issued_figures(issued), issuing.current_figures(issued))
    assert changes and all(change.label for change in changes)


def test_an_indicator_target_reads_as_the_board_writes_it_and_a_missing_one_as_a_dash(plan):
    """The plan notice's indicator targets: a target to keep reads "67.0% 이상 유지" (the board's words), a target
    not set reads "—" (the one mark of nothing), in the figures and in the xlsx."""
    from indicators.models import IndicatorTarget

    IndicatorTarget.objects.filter(year_plan=plan, indicator="employed").delete()
    IndicatorTarget.objects.update_or_create(
        year_plan=plan,
        indicator="employment_rate",
        defaults={"local_government": plan.local_government, "kind": "keep", "value": Decimal("67.0")},
    )
    document_kind = kind("plan")
    document = document_kind.build(plan, 2025, None)
    figures = document_kind.figures(document)
    assert figures["고용률(15~64세)(%) 목표"] == "67.0% 이상 유지"
    assert figures["취업자 수(천명) 목표"] == "—"
    book = openpyxl.load_workbook(io.BytesIO(document_kind.renderers["xlsx"](document).content))
    texts = {cell.value for row in book.worksheets[0].iter_rows() for cell in row if isinstance(cell.value, str)}
    assert "67.0% 이상 유지" in texts
