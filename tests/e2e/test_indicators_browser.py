"""Indicators in a browser: the lead department uploads a KOSIS CSV from the 고용지표 menu, sees the new figure and
its history on the page, and finds it on the dashboard and the public page; a half-year not published yet says so."""

import pytest

from tests.e2e.conftest import screenshot
from tests.indicators.kosis_files import long_rows, to_csv

pytestmark = pytest.mark.e2e


def test_the_lead_imports_a_kosis_file_and_everyone_reads_it(sign_in, live_server, tmp_path):
    path = tmp_path / "시군구_경제활동인구_총괄_20260301101010.csv"
    path.write_bytes(to_csv(long_rows(("서울 금천구", "2025.2/2", "128.9", "67.8")), "cp949"))
    page = sign_in("lead")
    page.get_by_role("link", name="고용지표", exact=True).click()
    page.wait_for_load_state()
    main = page.locator("main")
    assert "집계 중(2027년 2월 발표 예정)" in main.inner_text()  # 2026 하반기, not 0
    page.get_by_role("link", name="KOSIS 파일 올리기").click()
    page.get_by_label("KOSIS CSV 파일").set_input_files(str(path))
    page.get_by_label("변경 사유").fill("2025년 하반기 KOSIS 발표 반영")
    page.get_by_role("button", name="올리기").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "고용지표 2건을 바꾸었습니다." in page.content()
    assert "67.6% → 67.8%" in text and "2025년 하반기 KOSIS 발표 반영" in text
    screenshot(page, "indicators-after-import")

    page.goto(f"{live_server.url}/pledges/일자리-1/dashboard/?year=2025")
    assert "67.8%" in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/public/3170000/일자리-1/?year=2025")
    assert "128.9천명" in page.locator("main").inner_text()
