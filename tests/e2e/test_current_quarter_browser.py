"""Today's quarter, as the office lives it (issue #14): a department submits the quarter just ended, the lead
department approves it, and then every pledge's card, its PDF, the dashboard and the public page open on a year
with a plan and a target — never on a year without one, never a 404."""

import re

import pytest
from django.utils import timezone

from performance.models import Department, Pledge, YearPlan
from performance.periods import reporting_period
from performance.plans import default_year, plan_programmes, pledge_years
from tests.e2e.conftest import screenshot
from tests.e2e.test_reporting_browser import submit_ticking_warnings

pytestmark = pytest.mark.e2e


def test_the_quarter_just_ended_is_submitted_approved_and_every_page_opens_on_a_planned_year(
    sign_in, live_server, page, tmp_path
):
    year, quarter = reporting_period(timezone.localdate())
    department = Department.objects.get(code="dept17")
    assert YearPlan.objects.filter(local_government=department.local_government, year=year).exists()
    programmes = list(plan_programmes(department, year).order_by("sort_order", "name"))
    assert programmes  # the department runs 세부사업 in this year's plan

    page = sign_in("dept17")
    page.goto(f"{live_server.url}/results/")
    current = page.locator("section", has=page.get_by_role("heading", name=f"{year}년 {quarter}분기 실적 보고"))
    current.get_by_role("link", name="실적 입력하기").click()
    page.wait_for_load_state()
    for programme in programmes:
        page.get_by_label(f"{programme.name} 이번 분기 실적(명)").fill("7")
    submit_ticking_warnings(page)
    assert "제출했습니다" in page.locator("main").inner_text()
    page.get_by_role("button", name="로그아웃").click()

    page = sign_in("lead")
    page.goto(f"{live_server.url}/results/board/?year={year}&quarter={quarter}")
    page.get_by_role("row", name=re.compile(department.name)).get_by_role("link", name="보고 보기").click()
    page.get_by_role("button", name="승인", exact=True).click()
    page.wait_for_load_state()
    assert "승인했습니다" in page.locator("main").inner_text()

    for pledge in Pledge.objects.filter(local_government__code="3170000").order_by("code"):  # the lead's own
        planned = default_year(pledge_years(pledge), timezone.localdate())
        page.goto(f"{live_server.url}/")
        tile = page.locator(".pledge-tile").filter(has=page.locator(".pledge-code", has_text=pledge.code))
        tile.get_by_role("link", name="공약 이행 카드 보기").click()
        page.wait_for_load_state()
        body = page.locator("main").inner_text()
        assert f"{planned}년 일자리 창출목표" in body, (pledge.code, planned)
        assert not re.search(rf"{planned}년 일자리 창출목표\s*:\s*—", body)  # a target, not a dash
        with page.expect_download() as download:
            page.get_by_role("link", name="공약 이행 카드(PDF)").click()
        assert download.value.suggested_filename == f"공약이행카드_{pledge.code}_{planned}.pdf"

        page.goto(f"{live_server.url}/pledges/{pledge.code}/dashboard/")
        assert page.locator("#dashboard-year").input_value() == str(planned)
        assert "연간 목표" in page.locator("main").inner_text()

        page.goto(f"{live_server.url}/public/3170000/{pledge.code}/")
        assert page.locator("#public-year").input_value() == str(planned)
        target = page.locator(".summary li").first.inner_text()
        assert re.search(r"\d", target), target  # the year's target is a number
    screenshot(page, "public-after-current-quarter")
    assert (
        max(pledge_years(Pledge.objects.get(code="일자리-1"))) == year
    )  # the current term's pledge is on today's year
