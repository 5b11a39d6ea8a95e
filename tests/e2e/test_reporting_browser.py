"""The quarterly round trip in a real browser: enter, submit, return, correct, resubmit, approve,
and the card's cumulative follows."""

import pytest

from performance.models import Department
from performance.plans import plan_programmes
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def submit_ticking_warnings(page):
    """Press 제출; when the form asks to confirm warnings, tick the box and press again, as a clerk would."""
    page.get_by_role("button", name="제출").click()
    page.wait_for_load_state()
    if page.get_by_label("경고를 확인했습니다").count():
        page.get_by_label("경고를 확인했습니다").check()
        page.get_by_role("button", name="제출").click()
        page.wait_for_load_state()


def test_enter_return_correct_approve_and_the_card_follows(sign_in, live_server, page):
    department = Department.objects.get(code="dept01")
    entry = f"{live_server.url}/results/entry/{department.pk}/2021/3/"
    programmes = list(plan_programmes(department, 2021).order_by("sort_order"))

    page = sign_in("dept01")
    page.goto(entry)
    for programme in programmes:
        page.get_by_label(f"{programme.name} 이번 분기 실적(명)").fill("100")
    first = page.get_by_label(f"{programmes[0].name} 이번 분기 실적(명)")
    first.fill("1,000")
    row = first.locator("xpath=ancestor::tr")
    before = int(first.get_attribute("data-before"))
    assert row.locator("[data-cumulative]").inner_text() == f"{before + 1000:,}"  # live, as they type
    screenshot(page, "entry-dept01")
    submit_ticking_warnings(page)
    assert "제출했습니다" in page.locator("main").inner_text()
    page.get_by_role("button", name="로그아웃").click()

    page = sign_in("lead")
    page.goto(f"{live_server.url}/results/board/?year=2021&quarter=3")
    screenshot(page, "board-lead")
    page.get_by_role("row", name="일자리창출과").get_by_role("link", name="보고 보기").click()
    page.get_by_label("반려 사유 (부서에 보입니다)").fill("일자리센터 인원이 너무 많습니다. 확인 바랍니다.")
    page.get_by_role("button", name="반려").click()
    page.wait_for_load_state()
    assert "반려했습니다" in page.locator("main").inner_text()
    page.get_by_role("button", name="로그아웃").click()

    page = sign_in("dept01")
    page.goto(f"{live_server.url}/results/")
    assert "일자리센터 인원이 너무 많습니다" in page.locator("main").inner_text()
    page.goto(entry)
    assert "일자리센터 인원이 너무 많습니다" in page.locator("main").inner_text()
    page.get_by_label(f"{programmes[0].name} 이번 분기 실적(명)").fill("500")
    submit_ticking_warnings(page)
    assert "제출했습니다" in page.locator("main").inner_text()
    page.get_by_role("button", name="로그아웃").click()

    page = sign_in("lead")
    page.goto(f"{live_server.url}/pledges/지역경제-11/card/?year=2021")
    assert "2021년 3분기 실적" not in page.locator("main").inner_text()  # submitted is not approved
    page.goto(f"{live_server.url}/results/board/?year=2021&quarter=3")
    page.get_by_role("row", name="일자리창출과").get_by_role("link", name="보고 보기").click()
    screenshot(page, "report-lead")
    page.get_by_role("button", name="승인").click()
    page.wait_for_load_state()
    total = 500 + 100 * (len(programmes) - 1)
    page.goto(f"{live_server.url}/pledges/지역경제-11/card/?year=2021")
    expected = f"2021년 3분기 실적 {7342 + total:,}명"
    assert expected in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/results/reports/{department.reports.get(year=2021, quarter=3).pk}/history/")
    history = page.locator("main").inner_text()
    assert "반려: 일자리센터 인원이 너무 많습니다" in history and "1,000 → 500" in history
    screenshot(page, "history-lead")
