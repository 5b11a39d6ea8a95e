"""axe-core (from npm, run in the page by the browser tests) finds no serious or critical violation of
WCAG 2.1 A/AA — the basis of KWCAG 2.2 — on every page of the product, for each role that sees it, logged in and
public, and in the states people meet (errors, warnings, submitted, returned). Beside axe, each page is checked
for what KWCAG asks and axe does not fully check: lang="ko", a title, the skip link first, every table with a
caption and every header cell with a scope, every error message tied to its field, and no status shown by colour
alone."""

from pathlib import Path

import pytest

from budget.exports import budget_xlsx
from budget.selectors import budget_matrix
from performance.models import Department, Pledge, Programme, QuarterlyReport
from performance.plans import plan_programmes
from tests.budget.test_excel import edited
from tests.e2e.conftest import screenshot
from tests.performance.test_imports import filled, template_for

pytestmark = [pytest.mark.e2e, pytest.mark.axe]

PLEDGE = "지역경제-11"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""
# KWCAG items axe leaves open or only samples; each returns a list of problems found in the page.
STRUCTURE = """() => {
  const problems = [];
  if (document.documentElement.lang !== 'ko') problems.push('html lang is ' + document.documentElement.lang);
  if (!document.title.trim() || document.title.trim().startsWith('|')) problems.push('empty title: ' + document.title);
  const first = document.querySelector('body a[href], body button, body input, body select, body textarea');
  if (!first || !first.classList.contains('skip-link') || first.getAttribute('href') !== '#main') problems.push('skip link not first');
  if (!document.querySelector('main#main')) problems.push('no main#main');
  document.querySelectorAll('main table').forEach((table, i) => {
    const caption = table.querySelector(':scope > caption');
    if (!(caption && caption.textContent.trim()) && !table.getAttribute('aria-label')) problems.push(`table ${i} has no caption`);
    if (table.querySelector('th[scope="colgroup"]') && !table.querySelector(':scope > colgroup')) {
      problems.push(`table ${i} has colgroup headers but no <colgroup>`);
    }
    table.querySelectorAll('th').forEach(th => {
      if (!th.getAttribute('scope') && !th.id) problems.push(`table ${i}: th "${th.textContent.trim()}" has no scope`);
    });
  });
  document.querySelectorAll('main .field-error').forEach(error => {
    const owner = error.id && document.querySelector(`[aria-describedby~="${error.id}"]`);
    if (!owner) problems.push(`error "${error.textContent.trim()}" is tied to no field`);
    else if (owner.getAttribute('aria-invalid') !== 'true') problems.push(`field ${owner.id} with an error is not aria-invalid`);
  });
  document.querySelectorAll('.status, .pace, .badge, .overdue, .late, .warn-mark').forEach(mark => {
    if (!mark.textContent.trim()) problems.push(`a status shown by colour alone: ${mark.className}`);
  });
  return problems;
}"""


def check(page, url: str | None = None) -> list[str]:
    """axe's serious and critical violations plus the structural problems of the page (after going to url)."""
    assert AXE.exists(), "axe-core is missing: `make test` installs it with npm ci"
    if url:
        response = page.goto(url)
        assert response.ok, (url, response.status)
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE) + page.evaluate(STRUCTURE)


def check_all(page, live_server, paths: list[str]) -> dict[str, list[str]]:
    found = {path: check(page, live_server.url + path) for path in paths}
    return {path: problems for path, problems in found.items() if problems}


def some_report(**filters) -> QuarterlyReport:
    return QuarterlyReport.objects.filter(**filters).order_by("department__code").first()


def test_public_pages(page, live_server):
    paths = ["/accounts/login/", "/public/", "/public/3170000/?year=2025", f"/public/3170000/{PLEDGE}/"]
    paths += [f"/public/3170000/{PLEDGE}/?year=2019"]
    paths += [f"/public/3170000/{PLEDGE}/?year=2022"]
    paths += ["/accounts/password_reset/", "/accounts/password_reset/done/", "/accounts/reset/MQ/not-a-token/"]
    assert check_all(page, live_server, paths) == {}


def test_the_locked_out_page(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    for _ in range(5):
        page.get_by_label("아이디").fill("dept05")
        page.get_by_label("비밀번호").fill("wrong-password")
        page.get_by_role("button", name="로그인").click()
        page.wait_for_load_state()
    assert "로그인이 잠시 잠겼습니다" in page.locator("main").inner_text()
    assert check(page) == []


def test_pages_of_the_lead_department(sign_in, live_server):
    page = sign_in("lead")
    report = some_report(year=2021, quarter=2)
    department = Department.objects.get(code="dept05")
    own_programmes = Programme.objects.filter(
        year_plan__year=2026, year_plan__local_government=department.local_government
    )
    paths = [
        "/",
        "/results/",
        f"/pledges/{PLEDGE}/card/",
        f"/pledges/{PLEDGE}/card/?year=2019",
        "/dashboard/",
        f"/pledges/{PLEDGE}/dashboard/",
        f"/pledges/{PLEDGE}/dashboard/?year=2019",
        f"/pledges/{PLEDGE}/dashboard/budget/",
        "/budget/",
        f"/budget/{PLEDGE}/",
        f"/budget/{PLEDGE}/edit/",
        f"/budget/{PLEDGE}/import/",
        f"/budget/{PLEDGE}/history/",
        "/results/board/",
        "/results/board/?year=2021&quarter=2",
        f"/results/reports/{report.pk}/",
        f"/results/reports/{report.pk}/history/",
        f"/results/departments/{department.pk}/",
        f"/results/entry/{department.pk}/2021/3/",
        "/results/notices/",
        "/results/import/",
        "/results/lines/?year=2021&through=2&group=청년층",
        f"/results/targets/{PLEDGE}/?year=2021",
        "/plans/",
        "/plans/lists/",
        "/plans/2026/",
        "/plans/2026/structure/",
        "/plans/2021/",
        f"/plans/2026/programmes/{own_programmes.first().pk}/",
        "/plans/2026/import/",
        "/plans/pledges/new/",
        "/plans/pledges/일자리-1/2026/",
        "/plans/2025/documents/",
        "/plans/2025/evaluation/",
        "/pledges/일자리-1/card/",
        "/pledges/일자리-1/dashboard/",
    ]
    assert check_all(page, live_server, paths) == {}


def test_pages_of_managers(sign_in, live_server):
    page = sign_in("manager")
    report = some_report(year=2020, quarter=4)
    paths = [
        "/",
        f"/pledges/{PLEDGE}/card/",
        f"/pledges/{PLEDGE}/dashboard/",
        f"/pledges/{PLEDGE}/dashboard/budget/?year=2020",
        f"/budget/{PLEDGE}/",
        f"/budget/{PLEDGE}/history/",
        "/results/board/?year=2020&quarter=4",
        f"/results/reports/{report.pk}/",
        f"/results/departments/{report.department_id}/",
        "/results/notices/",
        "/results/lines/?year=2020",
        f"/results/targets/{PLEDGE}/?year=2021",
        "/plans/2025/documents/",
        "/plans/2025/evaluation/",
    ]
    assert check_all(page, live_server, paths) == {}


def test_the_region_page_of_a_supervisor(sign_in, live_server):
    page = sign_in("seoul-supervisor")
    page.set_viewport_size({"width": 1280, "height": 900})
    problems = check_all(page, live_server, ["/region/", "/region/?year=2025"])
    page.goto(f"{live_server.url}/region/?year=2026")
    screenshot(page, "region-supervisor")
    assert problems == {}


def test_pages_of_department_staff(sign_in, live_server):
    page = sign_in("dept03")
    department = Department.objects.get(code="dept03")
    report = some_report(department=department, year=2021, quarter=2)
    paths = [
        "/",
        "/results/",
        f"/results/entry/{department.pk}/2021/3/",
        f"/results/reports/{report.pk}/",
        f"/results/reports/{report.pk}/history/",
        f"/results/departments/{department.pk}/",
        "/results/notices/",
        "/results/import/",
        f"/pledges/{PLEDGE}/card/",
        f"/pledges/{PLEDGE}/dashboard/",
        f"/budget/{PLEDGE}/",
        "/results/lines/?year=2021",
        f"/results/targets/{PLEDGE}/?year=2021",
        "/accounts/password_change/",
        "/plans/",
        "/plans/lists/",
        "/plans/2026/",
    ]
    assert check_all(page, live_server, paths) == {}


def test_the_states_of_a_report_errors_warnings_submitted_returned(sign_in, live_server):
    """The entry form with a wrong figure (the error beside the field, the input kept), then with warnings,
    the submitted report the lead department reviews, a refused return without reason, the returned report."""
    department = Department.objects.get(code="dept03")
    programme = plan_programmes(department, 2021).order_by("sort_order").first()
    entry = f"{live_server.url}/results/entry/{department.pk}/2021/3/"
    page = sign_in("dept03")
    page.goto(entry)
    field = page.get_by_label(f"{programme.name} 이번 분기 실적(명)")
    field.fill("열두명")
    page.get_by_role("button", name="임시 저장").click()
    page.wait_for_load_state()
    field = page.get_by_label(f"{programme.name} 이번 분기 실적(명)")
    assert field.input_value() == "열두명" and field.get_attribute("aria-invalid") == "true"
    screenshot(page, "a11y-entry-error")
    assert check(page) == [], "entry with an error"

    field.fill("99999")
    page.get_by_role("button", name="제출").click()
    page.wait_for_load_state()
    if page.get_by_label("경고를 확인했습니다").count():
        assert check(page) == [], "entry with warnings"
        page.get_by_label("경고를 확인했습니다").check()
        page.get_by_role("button", name="제출").click()
        page.wait_for_load_state()
    assert "제출했습니다" in page.locator("main").inner_text()
    page.get_by_role("button", name="로그아웃").click()

    page = sign_in("lead")
    report = department.reports.get(year=2021, quarter=3)
    assert check(page, f"{live_server.url}/results/board/?year=2021&quarter=3") == [], "board with a submitted report"
    assert check(page, f"{live_server.url}/results/reports/{report.pk}/") == [], "submitted report"
    page.get_by_label("반려 사유 (부서에 보입니다)").fill("   ")  # passes the browser's check, not the server's
    page.get_by_role("button", name="반려").click()
    page.wait_for_load_state()
    assert page.get_by_label("반려 사유 (부서에 보입니다)").get_attribute("aria-invalid") == "true"
    assert "사유를 입력하세요" in page.locator(".field-error").inner_text()
    assert check(page) == [], "return refused without a reason"
    page.get_by_label("반려 사유 (부서에 보입니다)").fill("인원을 다시 확인해 주세요.")
    page.get_by_role("button", name="반려").click()
    page.wait_for_load_state()
    assert check(page) == [], "returned report"
    page.get_by_role("button", name="로그아웃").click()

    page = sign_in("dept03")
    assert check(page, f"{live_server.url}/results/") == [], "my department with a returned report"


def test_forms_with_errors_of_the_budget_and_the_uploads(sign_in, live_server, tmp_path):
    page = sign_in("lead")
    page.goto(f"{live_server.url}/budget/{PLEDGE}/edit/")
    first = page.locator("input.budget-input").first
    first.fill("많이")
    page.get_by_role("button", name="저장").first.click()
    page.wait_for_load_state()
    assert page.locator("input.budget-input").first.input_value() == "많이"
    assert check(page) == [], "budget edit with an error"

    not_a_workbook = tmp_path / "결과.xlsx"
    not_a_workbook.write_bytes(b"this is not a workbook")
    for path in ["/results/import/", f"/budget/{PLEDGE}/import/"]:
        page.goto(live_server.url + path)
        page.locator("input[type=file]").set_input_files(str(not_a_workbook))
        page.locator("main form[enctype] button[type=submit]").first.click()
        page.wait_for_load_state()
        assert check(page) == [], f"{path} with a refused file"


def test_the_previews_of_both_uploads(sign_in, live_server, tmp_path):
    results = tmp_path / "실적.xlsx"
    results.write_bytes(filled(template_for("dept03"), {5: 456}))
    pledge = Pledge.objects.get(code=PLEDGE)
    budget = tmp_path / "예산.xlsx"
    budget.write_bytes(edited(budget_xlsx(budget_matrix(pledge), pledge=pledge).content, {"G7": 12300}))
    page = sign_in("lead")
    for path, upload in [("/results/import/", results), (f"/budget/{PLEDGE}/import/", budget)]:
        page.goto(live_server.url + path)
        page.locator("input[type=file]").set_input_files(str(upload))
        page.locator("main form[enctype] button[type=submit]").first.click()
        page.wait_for_load_state()
        assert "미리보기" in page.locator("main").inner_text(), path
        assert check(page) == [], f"{path} preview"


def test_the_session_timeout_warning(sign_in, live_server, settings):
    page = sign_in("dept03")
    settings.SESSION_IDLE_TIMEOUT = 60
    settings.SESSION_IDLE_WARNING = 58
    page.goto(f"{live_server.url}/results/")
    page.get_by_role("alertdialog").wait_for(state="visible", timeout=10_000)
    assert check(page) == []


def test_the_check_itself_finds_a_violation(page):
    """A page with an image without alternative text, a field without a label, a table without caption and an
    error tied to nothing must fail: the check is real."""
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><img src="data:,"><input>'
        '<main id="main"><table><tr><th>a</th><th scope="colgroup">b</th></tr></table>'
        '<p class="field-error">x</p><span class="status"></span></main></body></html>'
    )
    page.add_script_tag(path=str(AXE))
    found = " ".join(page.evaluate(RUN_AXE) + page.evaluate(STRUCTURE))
    expected = [
        "image-alt",
        "label",
        "html lang",
        "skip link",
        "no caption",
        "no scope",
        "tied to no field",
        "colour alone",
    ]
    for problem in expected:
        assert problem in found, problem
