import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def test_manager_reads_the_dashboards(sign_in, live_server):
    page = sign_in("manager")
    page.get_by_role("link", name="달성 현황").first.click()
    page.wait_for_load_state()
    assert "/dashboard/" in page.url  # the pledge with the most recent plan: a demo 민선8기 pledge
    page.goto(f"{live_server.url}/pledges/지역경제-11/dashboard/")
    page.get_by_label("연도", exact=True).select_option("2019")
    page.get_by_role("button", name="보기").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    for figure in ["8,900", "10,349", "116.3%", "4,469", "6,655", "8,076"]:
        assert figure in main
    assert page.locator("svg[role=img] title").first.text_content().startswith("2019년")
    screenshot(page, "dashboard-2019")

    page.get_by_label("연도", exact=True).select_option("2020")
    page.get_by_role("button", name="보기").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    for figure in ["10,500", "10,814", "103.0%", "6,197", "7,875", "9,612"]:
        assert figure in main
    screenshot(page, "dashboard-2020")

    page.get_by_role("link", name="예산 집행 현황").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    # over the years that have begun (2018–2021): 114,875 of 152,959
    assert "152,959" in main and "114,875" in main and "75.1%" in main and "집행 연도 2018~2021년" in main
    screenshot(page, "budget-dashboard")
