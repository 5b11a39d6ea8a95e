"""A phone (320 CSS pixels, WCAG 1.4.10): the entry form as cards with every field on screen and labelled, the
charts' text legible, and every table that is wider than the screen marked with a hint. Screenshots:
tests/e2e/screenshots/phone-*.png."""

import pytest

from performance.models import Department
from performance.plans import plan_programmes
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

PHONE = {"width": 320, "height": 800}

# Each entry field: where it is on the screen, and the label the person sees for it.
FIELDS = """() => [...document.querySelectorAll('.entry-table input[name^="jobs_"], .entry-table input[name^="comment_"]')]
  .map(input => {
    const box = input.getBoundingClientRect();
    const label = document.querySelector(`label[for="${input.id}"]`);
    const shown = label ? label.getBoundingClientRect() : {width: 0, height: 0};
    return {name: input.name, left: box.left, right: box.right, width: box.width,
            label: label ? label.innerText.trim() : "", labelShown: shown.width > 1 && shown.height > 1};
  })"""

# The height in CSS pixels of each text of the charts the page shows (a hidden chart has no box).
CHART_TEXT = """() => [...document.querySelectorAll('svg.chart text')]
  .filter(text => text.getBoundingClientRect().width > 0)
  .map(text => ({text: text.textContent.trim(),
                 size: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a}))"""

# Every table: whether its scrolling box (itself, or its .table-scroll) is wider than the screen shows, and
# whether a visible hint stands right before that box.
TABLES = """() => [...document.querySelectorAll('table.data-table, table.budget-table')].map(table => {
  const wrapper = table.closest('.table-scroll');
  const overflows = box => box && box.scrollWidth > box.clientWidth + 1;
  const box = overflows(wrapper) ? wrapper : table;
  const hint = box.previousElementSibling;
  return {caption: (table.caption ? table.caption.innerText : '').trim(), wide: overflows(box),
          hinted: !!hint && hint.classList.contains('scroll-hint') && hint.getBoundingClientRect().height > 0};
})"""


def test_the_entry_form_fits_a_phone_with_every_field_on_screen_and_labelled(page, sign_in, live_server):
    department = Department.objects.get(code="dept03")
    programmes = list(plan_programmes(department, 2021).order_by("sort_order", "name"))
    page.set_viewport_size(PHONE)
    sign_in("dept03")
    page.goto(f"{live_server.url}/results/entry/{department.pk}/2021/3/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    fields = page.evaluate(FIELDS)
    assert len(fields) == 2 * len(programmes)
    for field in fields:
        assert field["left"] >= 0 and field["right"] <= 320 and field["width"] >= 200, field
        assert field["labelShown"] and field["label"].endswith(("이번 분기 실적(명)", "비고")), field
    first = page.get_by_label(f"{programmes[0].name} 이번 분기 실적(명)")
    cumulative = page.locator(".entry-table tbody tr").first.locator("[data-cumulative]")

    def typed(value: str) -> int:
        first.fill(value)
        return int(cumulative.inner_text().replace(",", ""))

    assert typed("1,100") - typed("100") == 1000  # the card's 올해 누계 follows the typing, as the table's did
    screenshot(page, "phone-entry")


def test_chart_text_stays_legible_on_a_phone_and_a_desktop(page, sign_in, live_server):
    sign_in("manager")
    for name, viewport in (("phone", PHONE), ("desktop", {"width": 1366, "height": 900})):
        page.set_viewport_size(viewport)
        for path in ("/pledges/지역경제-11/dashboard/?year=2021", "/pledges/지역경제-11/dashboard/budget/"):
            page.goto(live_server.url + path)
            texts = page.evaluate(CHART_TEXT)
            assert len(texts) > 10, (name, path)
            small = [t for t in texts if t["size"] < 11]
            assert small == [], (name, path, small)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        screenshot(page, f"{name}-budget-dashboard")


def test_every_table_wider_than_a_phone_says_it_scrolls(page, sign_in, live_server):
    page.set_viewport_size(PHONE)
    sign_in("manager")
    page.goto(f"{live_server.url}/pledges/지역경제-11/dashboard/?year=2021")
    tables = page.evaluate(TABLES)
    wide = [t for t in tables if t["wide"]]
    assert wide, tables  # the quarters' table (six columns of figures) cannot fit 320 px
    assert [t for t in tables if t["wide"] != t["hinted"]] == [], tables
    screenshot(page, "phone-dashboard")
    page.set_viewport_size({"width": 1366, "height": 900})  # wide enough: the hints go
    for _ in range(20):
        page.wait_for_timeout(100)
        if page.evaluate("document.querySelectorAll('.scroll-hint').length") == 0:
            break
    assert page.evaluate(TABLES) == [{**t, "wide": False, "hinted": False} for t in tables]
