"""A long export shows progress: the download buttons fetch the document with static/js/download.js, which says
"문서를 만드는 중입니다…" and then "내려받기 완료", and the file still arrives under its own name."""

import re
from io import BytesIO

import openpyxl
import pytest

from tests.e2e.conftest import screenshot
from tests.pdf import assert_korean_font_embedded, pdf_text

pytestmark = pytest.mark.e2e

# Records every text the status line shows, so that a fast server cannot hide the first one from the test.
WATCH_STATUS = """() => {
  window.statusLog = [];
  const status = document.getElementById("download-status");
  new MutationObserver(() => window.statusLog.push(status.textContent)).observe(
    status, {childList: true, characterData: true, subtree: true});
}"""


def test_the_budget_report_download_shows_progress_and_arrives(sign_in, live_server, tmp_path):
    page = sign_in("manager")
    page.goto(f"{live_server.url}/pledges/지역경제-11/dashboard/budget/")
    status = page.locator("#download-status")
    assert status.text_content() == ""
    page.evaluate(WATCH_STATUS)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="집행 보고(PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "예산집행보고_지역경제-11.pdf"
    path = tmp_path / "budget-report.pdf"
    download.save_as(path)
    assert_korean_font_embedded(path)
    assert "191,259" in pdf_text(path)

    page.wait_for_function("document.getElementById('download-status').textContent === '내려받기 완료'")
    log = page.evaluate("window.statusLog")
    assert log[0] == "문서를 만드는 중입니다…" and log[-1] == "내려받기 완료"
    assert page.locator("progress.download-progress").is_visible()
    assert page.url.endswith("/dashboard/budget/")  # the page stayed; nothing navigated away
    screenshot(page, "download-budget-report-done")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="집행 보고(엑셀)").click()
    assert download_info.value.suggested_filename == "예산집행보고_지역경제-11.xlsx"
    book = openpyxl.load_workbook(BytesIO(download_info.value.path().read_bytes()))
    assert book.sheetnames[0] == "예산" and book.sheetnames[-1] == "출처"


def test_without_javascript_the_button_is_a_plain_link(browser, live_server, card_data, tmp_path):
    context = browser.new_context(locale="ko-KR", java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("아이디").fill("manager")
    page.get_by_label("비밀번호").fill("geumcheon-demo-2026")
    page.get_by_role("button", name="로그인").click()
    page.goto(f"{live_server.url}/pledges/지역경제-11/card/?year=2021")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="공약 이행 카드(엑셀)").click()
    assert re.fullmatch(r"공약이행카드_지역경제-11_2021\.xlsx", download_info.value.suggested_filename)
    assert page.locator("#download-status").text_content() == ""
    context.close()
