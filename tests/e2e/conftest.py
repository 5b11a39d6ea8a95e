"""Browser tests: Playwright driving Debian's Chromium against the live server. Screenshots go to
tests/e2e/screenshots/ to be looked at."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(request, browser, live_server, transactional_db, card_data):
    """A fresh browser tab. Every page it opens must keep the Content-Security-Policy: any violation the
    browser reports fails the test. Tests marked `axe` may inject axe-core, so their tab bypasses the CSP."""
    checks_csp = request.node.get_closest_marker("axe") is None
    context = browser.new_context(
        locale="ko-KR", viewport={"width": 1366, "height": 900}, accept_downloads=True, bypass_csp=not checks_csp
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield page
    context.close()
    if checks_csp:
        assert refused == [], refused


@pytest.fixture
def sign_in(page, live_server):
    def _sign_in(username: str, password: str = "geumcheon-demo-2026"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("아이디").fill(username)
        page.get_by_label("비밀번호").fill(password)
        page.get_by_role("button", name="로그인").click()
        page.wait_for_load_state()
        return page

    return _sign_in


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
