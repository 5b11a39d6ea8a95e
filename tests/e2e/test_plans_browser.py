"""The lead department makes a pledge on screen, with no admin and no code: registers it, links ten 세부사업 of a year,
sets its target, and its card and dashboard show its own figures — not 지역경제-11's. It orders the plan's 추진전략
and is told why a 대상 in use cannot be deleted."""

import re

import pytest
from django.db.models import Sum

from performance.models import (
    Department,
    Pledge,
    Programme,
    ProgrammeBudget,
    QuarterlyReport,
    QuarterlyReportLine,
    Strategy,
    TargetGroup,
    YearPlan,
)
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

YEAR = 2021
CODE = "일자리-20"


def approved_sum(pledge_code: str) -> int:
    """The year's approved jobs of the pledge's linked 세부사업, summed straight from the report lines."""
    lines = QuarterlyReportLine.objects.filter(
        programme__pledge_links__pledge__code=pledge_code,
        programme__year_plan__year=YEAR,
        report__year=YEAR,
        report__status=QuarterlyReport.Status.APPROVED,
    )
    return lines.aggregate(total=Sum("jobs"))["total"] or 0


def cumulative_on_dashboard(page) -> str:
    item = page.locator("li", has=page.locator(".summary-label", has_text="누적 실적"))
    return item.locator(".summary-value").inner_text()


def test_the_lead_creates_a_pledge_links_ten_programmes_and_reads_its_own_figures(sign_in, live_server):
    page = sign_in("lead")
    page.get_by_role("link", name="계획", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="일자리 계획").is_visible()
    screenshot(page, "plans-index")

    page.get_by_role("link", name="공약 등록").click()
    page.get_by_label("공약 번호").fill(CODE)
    page.get_by_label("공약명").fill("청년 일자리 1천 개")
    page.get_by_label("주관부서").select_option(label="일자리창출과")
    page.get_by_label("사업유형").fill("신규")
    page.get_by_label("추진계획 항목명").fill("청년 일자리 창출")
    page.get_by_label("정책목표").fill("청년 고용률 향상")
    page.get_by_label("추진전략").fill("창업 지원\n취업 연계")
    screenshot(page, "plans-pledge-form")
    page.get_by_role("button", name="공약 등록").click()
    page.wait_for_load_state()
    assert Pledge.objects.filter(code=CODE).exists()

    page.goto(f"{live_server.url}/plans/pledges/{CODE}/{YEAR}/")
    boxes = page.get_by_role("checkbox")
    assert boxes.count() > 10
    for index in range(10):
        boxes.nth(index).check()
    assert page.get_by_text("다른 공약에도 포함").first.is_visible()  # every 2021 세부사업 is in 지역경제-11
    page.get_by_label("사유").fill("공약 세부사업 최초 선정")
    page.get_by_role("button", name="세부사업 연결 저장").click()
    page.wait_for_load_state()
    assert "세부사업 연결 10건을 더하고 0건을 뺐습니다." in page.locator("main").inner_text()
    screenshot(page, "plans-pledge-links")

    page.goto(f"{live_server.url}/results/targets/{CODE}/?year={YEAR}")
    page.get_by_label("연간 목표", exact=True).fill("777")
    page.get_by_label("변경 사유").fill("공약 목표 설정")
    page.get_by_role("button", name="목표 저장").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/pledges/{CODE}/card/?year={YEAR}")
    card = page.locator("main").inner_text()
    assert f"{YEAR}년 일자리 창출목표 : 777명" in card and "청년 일자리 1천 개" in card
    assert "10,800" not in card  # 지역경제-11's 2022 target is not on this card
    screenshot(page, "plans-new-pledge-card")

    own, card_pledge = approved_sum(CODE), approved_sum("지역경제-11")
    assert 0 < own < card_pledge
    page.goto(f"{live_server.url}/pledges/{CODE}/dashboard/?year={YEAR}")
    assert re.sub(r"\D", "", cumulative_on_dashboard(page)) == str(own)
    screenshot(page, "plans-new-pledge-dashboard")
    page.goto(f"{live_server.url}/pledges/지역경제-11/dashboard/?year={YEAR}")
    assert re.sub(r"\D", "", cumulative_on_dashboard(page)) == str(card_pledge)

    # The public page (no sign-in needed) shows the pledge's own target and results too.
    page.goto(f"{live_server.url}/public/3170000/{CODE}/?year={YEAR}")
    assert "청년 일자리 1천 개" in page.locator("main").inner_text()
    assert re.sub(r"\D", "", page.locator(".summary li").first.inner_text()) == "777"
    assert re.sub(r"\D", "", cumulative_on_dashboard(page)) == str(own)
    screenshot(page, "plans-new-pledge-public")


def test_next_years_plan_is_copied_changed_published_and_revised(sign_in, live_server):
    latest = YearPlan.objects.filter(local_government__name="금천구").order_by("-year").first()
    year = latest.year + 1
    page = sign_in("lead")
    page.goto(f"{live_server.url}/plans/")
    page.get_by_label("종합계획명").fill("시험 종합계획")
    page.get_by_label("첫 연도").fill(str(year))
    page.get_by_label("마지막 연도").fill(str(year + 3))
    page.get_by_role("button", name="종합계획 만들기").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="다음 연도 계획 만들기(최근 계획 복사)").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=f"{year}년 연차별 세부계획").is_visible()
    assert "작성 중" in page.locator("main").inner_text()

    first, dropped, moved = Programme.objects.filter(year_plan__year=year).order_by(
        "department__sort_order", "sort_order"
    )[:3]
    departments = Department.objects.filter(local_government=moved.department.local_government).order_by("code")
    same_name = Programme.objects.filter(year_plan=moved.year_plan, name=moved.name).values("department")
    new_department = departments.exclude(pk=moved.department_id).exclude(pk__in=same_name)[0]
    page.get_by_role("link", name=f"고치기 {first.name}").click()
    page.get_by_label("목표(명)").fill("123")
    page.get_by_label("사유").fill("목표 상향")
    page.get_by_role("button", name="저장").click()
    page.wait_for_load_state()
    page.get_by_label("공시일").fill(f"{year}-03-29")
    page.get_by_role("button", name="이 계획 공시").click()
    page.wait_for_load_state()
    assert "제1판을 공시했습니다" in page.locator("main").inner_text()

    # Three 세부사업 changed after the publication: one retargeted, one dropped, one moved to another department.
    page.get_by_role("link", name=f"고치기 {first.name}").click()
    page.get_by_label("목표(명)").fill("150")
    page.get_by_label("사유").fill("하반기 추경")
    page.get_by_role("button", name="저장").click()
    page.wait_for_load_state()
    page.get_by_role("link", name=f"빼기 {dropped.name}").click()
    page.get_by_label("빼는 사유").fill("사업 종료")
    page.get_by_role("button", name="계획에서 빼기").click()
    page.wait_for_load_state()
    page.get_by_role("link", name=f"고치기 {moved.name}").click()
    page.get_by_label("담당부서").select_option(label=new_department.name)
    page.get_by_label("사유").fill("조직 개편")
    page.get_by_role("button", name="저장").click()
    page.wait_for_load_state()
    page.get_by_label("공시일").fill(f"{year}-07-01")
    page.get_by_label("수정 사유").fill("하반기 추경 반영")
    page.get_by_role("button", name="수정공시").click()
    page.wait_for_load_state()
    screenshot(page, "plans-year")

    page.get_by_role("link", name="제1판").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "목표(명): 123 → 150" in text
    differences = page.locator("table", has=page.locator("caption", has_text="이 판 → 현재 계획"))
    assert differences.locator("tbody tr").count() == 3
    removed = differences.locator("tr", has=page.get_by_role("rowheader", name=dropped.name, exact=True))
    assert removed.locator("td").first.inner_text() == "삭제"
    changed = differences.locator("tr", has=page.get_by_role("rowheader", name=moved.name, exact=True)).inner_text()
    assert f"담당부서: {moved.department.name} → {new_department.name}" in changed
    screenshot(page, "plans-version")

    staff = sign_in("dept03")
    staff.goto(f"{live_server.url}/plans/{year}/")
    assert "내 부서의 세부사업만 보입니다" in staff.locator("main").inner_text()
    screenshot(staff, "plans-year-staff")


def test_the_lead_puts_a_strategy_first_and_is_told_why_a_used_group_stays(sign_in, live_server):
    plan = YearPlan.objects.get(local_government__name="금천구", year=2026)
    names = list(Strategy.objects.filter(year_plan=plan).values_list("name", flat=True))
    page = sign_in("lead")
    page.goto(f"{live_server.url}/plans/2026/structure/")
    page.get_by_role("button", name=f"{names[1]} 위로").click()
    page.wait_for_load_state()
    assert f"순서를 바꾸었습니다: {names[1]}" in page.locator("main").inner_text()
    assert page.get_by_role("heading", name=f"추진전략 1. {names[1]}").is_visible()
    screenshot(page, "plans-structure-order")
    page.goto(f"{live_server.url}/plans/2026/")
    assert f"추진전략 1. {names[1]}" in page.locator("main").inner_text()

    group = TargetGroup.objects.get(local_government=plan.local_government, name="장애인")
    used = Programme.objects.filter(year_plan=plan, target_group=group).count()
    page.goto(f"{live_server.url}/plans/lists/")
    row = page.locator(f"#group-{group.pk}")
    row.locator("summary").click()  # the row's 지우기 disclosure
    row.get_by_label("지우는 사유").fill("목록 정리")
    row.get_by_role("button", name="장애인 지우기").click()
    page.wait_for_load_state()
    alert = page.get_by_role("alert").inner_text()
    assert "지울 수 없습니다" in alert and f"2026년 {used:,}개" in alert
    assert TargetGroup.objects.filter(name="장애인").exists()
    screenshot(page, "plans-lists-refused")


def test_the_lead_sets_a_programmes_budget_and_the_totals_follow(sign_in, live_server):
    """The lead department writes a 세부사업's budget by source on its form; the year's sheet adds it into the 재원별
    table, the budget page (menu 예산) into the year's row, and a wrong amount is refused in Korean with nothing saved."""
    year = 2026
    programme = Programme.objects.filter(year_plan__year=year, name="일자리센터 취업알선").get()
    before = {row.source: (row.secured, row.executed) for row in programme.budget_rows.all()}
    national = before["national"]
    page = sign_in("lead")
    page.goto(f"{live_server.url}/plans/{year}/")
    page.get_by_role("link", name=f"고치기 {programme.name}").click()
    page.get_by_label("국비 집행액(백만원)").fill("-3")
    page.get_by_label("사유").fill("국비 추가 교부")
    page.get_by_role("button", name="저장").click()
    page.wait_for_load_state()
    assert "0 이상으로 입력하세요" in page.locator("main").inner_text()
    assert {row.source: (row.secured, row.executed) for row in programme.budget_rows.all()} == before

    page.get_by_label("국비 확보액(백만원)").fill(str(national[0] + 1000))
    page.get_by_label("국비 집행액(백만원)").fill(str(national[1]))
    page.get_by_label("사유").fill("국비 추가 교부")
    page.get_by_role("button", name="저장").click()
    page.wait_for_load_state()
    sources = page.locator("table", has=page.locator("caption", has_text="재원별 예산(백만원)"))
    national_row = sources.locator("tr", has=page.get_by_role("rowheader", name="국비", exact=True)).inner_text()
    saved = ProgrammeBudget.objects.get(programme=programme, source="national")
    assert (saved.secured, saved.executed) == (national[0] + 1000, national[1])
    year_budget = ProgrammeBudget.objects.filter(
        programme__year_plan__year=year, programme__year_plan__local_government=programme.year_plan.local_government
    )
    total = year_budget.filter(source="national").aggregate(total=Sum("secured"))["total"]
    assert f"{total:,}" in national_row  # the year's 국비 over every 세부사업, the new 1,000 included
    screenshot(page, "plans-year-budget")

    page.get_by_role("link", name="예산", exact=True).click()
    page.wait_for_load_state()
    year_row = page.locator("tr", has=page.get_by_role("link", name=f"{year}년")).inner_text()
    assert f"{total:,}" in year_row and f"{year_budget.aggregate(total=Sum('secured'))['total']:,}" in year_row
    screenshot(page, "budget-index")
