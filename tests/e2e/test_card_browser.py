import pytest

from tests.e2e.conftest import screenshot
from tests.pdf import assert_korean_font_embedded, pdf_text

pytestmark = pytest.mark.e2e


def open_the_card(page):
    """The home page lists every pledge (the card's and the demo 민선8기 term's): open 지역경제-11's card."""
    tile = page.get_by_role("listitem").filter(has_text="지역경제-11")
    tile.get_by_role("link", name="공약 이행 카드 보기").click()


def test_manager_reads_the_card_and_downloads_the_pdf(sign_in, live_server, tmp_path):
    page = sign_in("manager")
    assert page.get_by_role("heading", name="일자리 공약").is_visible()
    screenshot(page, "home-manager")

    open_the_card(page)
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert "10,349명" in body and "116.3%" in body
    assert "191,259" in body and "114,875" in body
    assert page.get_by_role("table").count() >= 4
    screenshot(page, "card-default-year")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="공약 이행 카드(PDF)").click()
    path = tmp_path / "card.pdf"
    download_info.value.save_as(path)
    # the latest year of its plan that has begun: 2022 (민선7기 2018–2022), never a year without a plan
    assert download_info.value.suggested_filename == "공약이행카드_지역경제-11_2022.pdf"
    assert_korean_font_embedded(path)
    assert "2019년 실적 10,349명(달성률 116.3%)" in pdf_text(path)


def test_the_year_selector_changes_the_card(sign_in):
    page = sign_in("dept05")
    open_the_card(page)
    page.get_by_label("연도").select_option("2020")
    page.get_by_role("button", name="보기").click()
    page.wait_for_load_state()
    assert "2020년 일자리 창출목표 : 10,500명" in page.locator("main").inner_text()


def test_a_wrong_password_is_refused_in_korean(sign_in):
    page = sign_in("manager", "not-the-password")
    assert "로그인" in page.title()
    assert page.get_by_role("alert").is_visible()
    screenshot(page, "login-refused")
