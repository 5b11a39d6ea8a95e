"""The public disclosure page in a browser, without logging in: the figures, the year chosen by keyboard, and the
four open-data downloads (CSV with a BOM for Excel, JSON) from the page's own links."""

import json

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def test_the_public_page_without_login_and_its_year_by_keyboard(page, live_server):
    page.goto(f"{live_server.url}/public/3170000/지역경제-11/?year=2021")  # /public/ opens on the first pledge
    main = page.locator("main")
    assert "금천구 일자리 목표와 실적" in page.get_by_role("heading", level=1).inner_text()
    assert "10,800" in main.inner_text() and "7,342" in main.inner_text() and "68.0%" in main.inner_text()
    assert page.get_by_role("link", name="직원 로그인").count() == 1  # nobody is logged in
    screenshot(page, "public-2021")

    page.get_by_label("연도", exact=True).focus()
    page.keyboard.press("Home")  # the first year in the list
    chosen = page.get_by_label("연도", exact=True).input_value()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "보기"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"year={chosen}" in page.url
    assert f"{chosen}년" in page.get_by_role("heading", level=1).inner_text()


@pytest.mark.parametrize("dataset", ["results", "budget"])
def test_the_open_data_downloads_from_the_page(page, live_server, tmp_path, dataset):
    page.goto(f"{live_server.url}/public/3170000/지역경제-11/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"{dataset}.csv").click()
    download = download_info.value
    assert download.suggested_filename == f"{dataset}.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads the Korean
    lines = raw.decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    assert len(lines) > 5

    link = page.get_by_role("link", name=f"{dataset}.json")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("application/json")
    data = json.loads(response.text())
    assert data["columns"] == header and len(data["rows"]) == len(lines) - 1
    if dataset == "results":
        assert "2021,2,7342,10800,68.0" in lines
    else:
        assert sum(row["secured_million_krw"] for row in data["rows"]) == 191259
