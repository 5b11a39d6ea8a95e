"""The main pages by keyboard only (KWCAG 2.2 키보드 사용 보장, 초점 이동과 표시): log in, home, my department,
the entry form (a figure typed and saved), the review board, the dashboard and the public page are reached with Tab
and Enter alone; on each page the skip link is the first Tab stop and moves the focus to the main content, and
every element that takes the focus shows a visible focus indicator (an outline or a box-shadow) on screen."""

import re

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '', cls: String(el.className || ''),
    name: (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 60),
    indicator: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || (style.boxShadow || 'none') !== 'none',
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
    inMain: !!el.closest('main'),
  };
}"""
MAX_TABS = 150


class KeyboardWalk:
    """Presses Tab and checks every stop; remembers what it saw for the failure message."""

    def __init__(self, page):
        self.page = page
        self.stops: list[dict] = []

    def tab(self, key: str = "Tab") -> dict:
        self.page.keyboard.press(key)
        focused = self.page.evaluate(FOCUSED)
        self.stops.append(focused)
        where = f"{self.page.url} {focused['tag']}#{focused['id']}.{focused['cls']} '{focused['name']}'"
        assert focused["tag"] != "body", f"focus lost after Tab on {self.page.url}"
        assert focused["indicator"], f"no visible focus indicator: {where}"
        assert focused["onScreen"], f"focused element off screen: {where}"
        return focused

    def to(self, name: str | re.Pattern, tag: str | None = None) -> dict:
        """Tab until an element with this accessible text (and tag) has the focus."""
        for _ in range(MAX_TABS):
            focused = self.tab()
            matches = name.search(focused["name"]) if isinstance(name, re.Pattern) else focused["name"] == name
            if matches and (tag is None or focused["tag"] == tag):
                return focused
        raise AssertionError(f"{name!r} not reached by Tab on {self.page.url}: {[s['name'] for s in self.stops[-40:]]}")

    def from_the_top(self) -> None:
        """Load the page again without a #main fragment: a fragment (kept by the browser across a redirect after the
        skip link was used) makes the browser start Tab inside main."""
        if "#" in self.page.url:
            self.page.goto(self.page.url.split("#")[0])

    def skip_link_first(self, enter: bool = True) -> None:
        """On a freshly loaded page: the first Tab stop is the skip link, and Enter moves the focus to main."""
        self.from_the_top()
        first = self.tab()
        assert first["cls"] == "skip-link" and first["name"] == "본문 바로가기", (self.page.url, first)
        if not enter:
            return
        self.page.keyboard.press("Enter")
        assert self.page.evaluate("document.activeElement.id") == "main", self.page.url

    def through_main(self) -> int:
        """From the start of main, Tab through all of it (each stop checked); returns the number of stops."""
        count = 0
        for _ in range(MAX_TABS):
            if not self.tab()["inMain"]:
                return count
            count += 1
        return count

    def activate(self, name: str | re.Pattern, tag: str | None = None) -> None:
        self.to(name, tag)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


def test_the_main_pages_by_keyboard_alone(page, live_server):
    walk = KeyboardWalk(page)
    page.goto(f"{live_server.url}/accounts/login/")
    walk.skip_link_first(enter=False)
    walk.to(re.compile(r"^$"), "input")  # through the menu to the username field, still empty
    page.keyboard.type("lead")
    walk.tab()
    page.keyboard.type("geumcheon-demo-2026")
    walk.activate("로그인", "button")
    assert page.url.split("#")[0] == f"{live_server.url}/"  # the skip link's #main survives the redirect

    walk.skip_link_first()  # home
    assert walk.through_main() >= 3
    walk.from_the_top()
    walk.activate("내 부서 실적", "a")

    walk.skip_link_first()  # my department
    walk.activate(re.compile(r"실적 입력하기|이어서 입력하기"), "a")

    walk.skip_link_first()  # the entry form
    field = walk.to(re.compile(r""), "input")
    assert "num-input" in field["cls"], field
    page.keyboard.type("12")
    walk.activate("임시 저장", "button")
    assert "임시 저장했습니다" in page.locator("main").inner_text()
    screenshot(page, "keyboard-entry-saved")

    walk.from_the_top()
    walk.activate("검토 현황", "a")  # board, through the menu
    walk.skip_link_first()
    assert walk.through_main() >= 10
    walk.from_the_top()
    walk.activate("달성 현황", "a")  # the dashboard (its index redirects to the pledge's)
    assert "/dashboard/" in page.url
    walk.skip_link_first()
    assert walk.through_main() >= 20
    walk.from_the_top()
    walk.activate("공개 페이지", "a")

    walk.skip_link_first()  # the index of governments: a link to each
    assert walk.through_main() >= 3
    walk.from_the_top()
    walk.activate("금천구", "a")
    walk.skip_link_first()  # 금천구's public page
    assert walk.through_main() >= 4
    visited = {stop["tag"] for stop in walk.stops}
    assert {"a", "button", "input", "select"} <= visited
