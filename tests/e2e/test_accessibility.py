"""axe-core (from npm, run in the page by the browser tests) finds no serious or critical violation of
WCAG 2.1 A/AA — the basis of KWCAG 2.2 — on the pages people use, logged in and public."""

from pathlib import Path

import pytest

from performance.models import Department, QuarterlyReport

pytestmark = [pytest.mark.e2e, pytest.mark.axe]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""


def violations(page, url: str) -> list[str]:
    assert AXE.exists(), "axe-core is missing: `make test` installs it with npm ci"
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def test_public_pages(page, live_server):
    for path in ["/accounts/login/", "/public/", "/public/?year=2019"]:
        assert violations(page, live_server.url + path) == [], path


def test_pages_of_the_lead_department_and_managers(sign_in, live_server):
    page = sign_in("lead")
    report = QuarterlyReport.objects.filter(year=2021, quarter=2).first()
    paths = [
        "/",
        "/pledges/지역경제-11/card/",
        "/pledges/지역경제-11/dashboard/",
        "/pledges/지역경제-11/dashboard/budget/",
        "/budget/지역경제-11/",
        "/budget/지역경제-11/edit/",
        "/results/board/?year=2021&quarter=2",
        f"/results/reports/{report.pk}/",
        f"/results/reports/{report.pk}/history/",
        "/results/notices/",
        "/results/import/",
    ]
    found = {path: violations(page, live_server.url + path) for path in paths}
    assert {path: v for path, v in found.items() if v} == {}


def test_pages_of_department_staff(sign_in, live_server):
    page = sign_in("dept03")
    department = Department.objects.get(code="dept03")
    for path in ["/results/", f"/results/entry/{department.pk}/2021/3/"]:
        assert violations(page, live_server.url + path) == [], path


def test_the_check_itself_finds_a_violation(page):
    """A page with an image without alternative text and a field without a label must fail: the check is real."""
    page.set_content('<html lang="ko"><head><title>t</title></head><body><img src="data:,"><input></body></html>')
    page.add_script_tag(path=str(AXE))
    found = " ".join(page.evaluate(RUN_AXE))
    assert "image-alt" in found and "label" in found
