"""The KRDS look: the main pages in Pretendard GOV served by the application itself, nothing requested from any
other origin, and screenshots of each to be looked at (tests/e2e/screenshots/look-*.png)."""

from urllib.parse import urlsplit

import pytest

from performance.models import Department
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


# The weights of Pretendard GOV the page has actually loaded (the @font-face rules of app.css, from this server).
LOADED_FONTS = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Pretendard GOV' && f.status === 'loaded')
    .map(f => f.weight.split(' ')[0]);
}"""


def pages(live_server) -> dict[str, tuple[str | None, str]]:
    department = Department.objects.get(code="dept03")
    return {
        "public": (None, "/public/"),
        "login": (None, "/accounts/login/"),
        "home": ("lead", "/"),
        "board": ("lead", "/results/board/?year=2021&quarter=2"),
        "dashboard": ("manager", "/pledges/지역경제-11/dashboard/?year=2021"),
        "budget": ("lead", "/budget/지역경제-11/"),
        "mine": ("dept03", "/results/"),
        "entry": ("dept03", f"/results/entry/{department.pk}/2021/3/"),
    }


def test_main_pages_use_the_krds_font_from_this_server_only(page, sign_in, live_server):
    origin = urlsplit(live_server.url).netloc
    elsewhere = []
    page.on("request", lambda r: elsewhere.append(r.url) if urlsplit(r.url).netloc not in (origin, "") else None)
    signed_in_as = None
    for name, (user, path) in pages(live_server).items():
        if user != signed_in_as:
            if signed_in_as:
                page.get_by_role("button", name="로그아웃").click()
                page.wait_for_load_state()
            if user:
                sign_in(user)
            signed_in_as = user
        page.goto(live_server.url + path)
        loaded = set(page.evaluate(LOADED_FONTS))
        assert {"400", "700"} <= loaded, (name, loaded)
        screenshot(page, f"look-{name}")
    assert [url for url in elsewhere if not url.startswith("data:")] == []


def test_nothing_scrolls_sideways_at_320_css_pixels(page, sign_in, live_server):
    """WCAG 1.4.10 (reflow): at 320 px the page itself never scrolls sideways; wide tables scroll inside
    themselves."""
    page.set_viewport_size({"width": 320, "height": 800})
    wide = {}
    signed_in_as = None
    for name, (user, path) in [*pages(live_server).items(), ("card", ("lead", "/pledges/지역경제-11/card/"))]:
        if user and user != signed_in_as:
            page.context.clear_cookies()
            sign_in(user)
            signed_in_as = user
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[name] = width
        if name in ("entry", "board"):
            screenshot(page, f"narrow-{name}")
    assert wide == {}


# Korean words (runs of 2 or more Korean letters) drawn on more than one line although their whole token would fit in
# their element's width: a word broken inside ("로그/인하세요", "일자리창/출을"). A token wider than its element may break.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const span = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return [...range.getClientRects()].filter(r => r.width > 0);
  };
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent) continue;
    for (const token of node.data.matchAll(/\\S+/g)) {
      const width = span(node, token.index, token.index + token[0].length).reduce((sum, r) => sum + r.width, 0);
      if (width >= parent.clientWidth) continue;
      for (const word of token[0].matchAll(/[\\uac00-\\ud7a3]{2,}/g)) {
        const start = token.index + word.index;
        const lines = new Set(span(node, start, start + word[0].length).map(r => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""


def test_korean_words_are_never_broken_inside_at_320_css_pixels(page, sign_in, live_server):
    """word-break: keep-all: at 320 px lines break between words ("로그인하세요", not "로그/인하세요")."""
    page.set_viewport_size({"width": 320, "height": 800})
    broken = {}
    signed_in_as = None
    paths = [("login", (None, "/accounts/login/")), *pages(live_server).items()]
    for name, (user, path) in [*paths, ("card", ("lead", "/pledges/지역경제-11/card/?year=2021"))]:
        if user and user != signed_in_as:
            page.context.clear_cookies()
            sign_in(user)
            signed_in_as = user
        page.goto(live_server.url + path)
        page.evaluate("document.fonts.ready")
        if words := page.evaluate(BROKEN_WORDS):
            broken[name] = words
        if name in ("login", "card"):
            screenshot(page, f"narrow-words-{name}")
    assert broken == {}
