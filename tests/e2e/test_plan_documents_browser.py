"""The lead department writes the 2025 results report's sections on screen, then downloads the plan's documents
from the plan's page — the HWPX opens with python-hwpx and holds what was written; the public page offers the
published 공시 documents and a visitor downloads one."""

import pytest

from tests.e2e.conftest import screenshot
from tests.hwpx import all_text, open_hwpx

pytestmark = pytest.mark.e2e


def test_lead_writes_the_report_and_downloads_the_documents(sign_in, live_server, tmp_path):
    page = sign_in("lead")
    page.goto(f"{live_server.url}/plans/2025/")
    page.get_by_role("link", name="공시 문서").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="2025년 공시 문서").is_visible()
    screenshot(page, "plan-documents")
    page.get_by_role("link", name="추진실적 보고서 작성").click()
    page.wait_for_load_state()
    page.get_by_label("추진 성과").fill("청년 일자리 목표를 넘었습니다.")
    page.get_by_label("근거 자료").fill("2025년 4분기 실적 보고 | 실적보고.pdf\n| 제목 없는 줄")
    page.get_by_role("button", name="저장").click()
    page.wait_for_load_state()
    assert "근거 자료 2번째 줄" in page.locator("#error-summary").inner_text()
    screenshot(page, "plan-evaluation-error")
    page.get_by_label("근거 자료").fill("2025년 4분기 실적 보고 | 실적보고.pdf")
    page.get_by_role("button", name="저장").click()
    page.wait_for_load_state()
    assert "저장했습니다" in page.content()
    assert page.get_by_text("제1판").first.is_visible()
    screenshot(page, "plan-evaluation")

    page.goto(f"{live_server.url}/plans/2025/documents/")
    with page.expect_download() as download:
        page.get_by_role("link", name="한글(HWPX) 추진실적 보고서").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "추진실적보고서_금천구_2025년.hwpx"
    text = all_text(open_hwpx(path.read_bytes()))
    assert "청년 일자리 목표를 넘었습니다." in text and "실적보고.pdf" in text


def test_public_page_offers_the_published_documents(page, live_server):
    page.goto(f"{live_server.url}/public/지역경제-11/")
    section = page.locator("section", has=page.get_by_role("heading", name="공시 문서"))
    assert section.get_by_role("link", name="PDF 2025년 추진실적 공시").count() == 1
    assert section.get_by_role("link", name="PDF 2026년 추진실적 공시").count() == 0  # the year is not over
    section.scroll_into_view_if_needed()
    screenshot(page, "public-plan-documents")
    with page.expect_download() as download:
        section.get_by_role("link", name="PDF 2025년 연차별 세부계획").click()
    assert download.value.suggested_filename == "연차별세부계획_금천구_2025년.pdf"
