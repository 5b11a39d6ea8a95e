"""The idle-timeout warning in a real browser, with a timeout of seconds instead of minutes: the dialog appears
with the focus on 연장, the keyboard extends the session (Enter, and Esc), and doing nothing ends on the login page
with the Korean message."""

import time

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def seconds_left(page, live_server) -> int:
    """Asks the server without counting as activity."""
    response = page.request.get(f"{live_server.url}/accounts/session/")
    return response.json()["expires_in"] if response.ok else 0


def test_the_warning_is_extended_by_keyboard_and_the_session_goes_on(sign_in, live_server, settings):
    page = sign_in("dept03")
    settings.SESSION_IDLE_TIMEOUT = 16  # seconds: the warning opens 4 seconds after the page, 12 before the end
    settings.SESSION_IDLE_WARNING = 12
    page.goto(f"{live_server.url}/results/")
    loaded = time.monotonic()

    dialog = page.get_by_role("alertdialog", name="곧 자동으로 로그아웃됩니다")
    dialog.wait_for(state="visible", timeout=10_000)
    assert "뒤에 자동으로 로그아웃됩니다" in dialog.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "연장"
    screenshot(page, "session-warning")
    page.keyboard.press("Tab")  # the focus stays inside the modal dialog
    assert page.evaluate("document.activeElement.textContent") == "로그아웃"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "연장"
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    page.get_by_role("status").filter(has_text="로그인 시간을 연장했습니다").wait_for(state="attached")

    # Past the first deadline the session is still alive, the warning comes back, and Esc extends it too.
    time.sleep(max(0, 17 - (time.monotonic() - loaded)))
    assert seconds_left(page, live_server) > 0
    dialog.wait_for(state="visible", timeout=15_000)
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert seconds_left(page, live_server) > 12
    assert page.url == f"{live_server.url}/results/"
    page.get_by_role("link", name="내 부서 실적").click()
    assert "/accounts/login/" not in page.url


def test_doing_nothing_ends_on_the_login_page_with_a_korean_message(sign_in, live_server, settings):
    page = sign_in("dept03")
    settings.SESSION_IDLE_TIMEOUT = 6
    settings.SESSION_IDLE_WARNING = 4
    page.goto(f"{live_server.url}/results/")
    page.get_by_role("alertdialog").wait_for(state="visible", timeout=10_000)
    page.wait_for_url("**/accounts/login/?next=%2Fresults%2F", timeout=15_000)
    assert "장시간 사용하지 않아 자동으로 로그아웃되었습니다." in page.locator("main").inner_text()
    screenshot(page, "session-expired")
    page.goto(f"{live_server.url}/results/")
    assert "/accounts/login/" in page.url  # the session is really gone
