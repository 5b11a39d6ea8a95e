"""The session idle timeout: idle past the limit signs out with a Korean message; any request but the status
poll counts as activity; the extend endpoint wants a signed-in POST with a CSRF token."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from geumcheon_jobs.session_timeout import LAST_ACTIVITY_KEY

ROOT = Path(__file__).resolve().parents[2]
SIGNED_OUT = "장시간 사용하지 않아 자동으로 로그아웃되었습니다."


@pytest.fixture
def short_timeout(settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    settings.SESSION_IDLE_WARNING = 120
    return settings


def go_idle(client, seconds: float) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = time.time() - seconds
    session.save()


def test_idle_past_the_limit_signs_out_to_the_login_page_with_a_message(login, short_timeout):
    client = login("dept03")
    client.get(reverse("performance:mine"))
    go_idle(client, 601)
    response = client.get(reverse("performance:mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login")) and "next=/results/" in response["Location"]
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert SIGNED_OUT in page.content.decode()


def test_a_post_after_the_limit_saves_nothing_and_signs_out(login, short_timeout):
    client = login("lead")
    client.get("/")
    go_idle(client, 700)
    response = client.post(reverse("performance:bulk-approve"), {"year": 2021, "quarter": 2})
    assert response.status_code == 302 and response["Location"] == reverse("login")


def test_within_the_limit_every_request_refreshes_the_activity(login, short_timeout):
    client = login("dept03")
    client.get("/")
    go_idle(client, 590)
    assert client.get(reverse("performance:mine")).status_code == 200
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 5
    status = client.get(reverse("session-status")).json()
    assert status == {"expires_in": pytest.approx(600, abs=5), "warning_before": 120, "timeout": 600}


def test_signing_in_starts_the_clock_and_the_session_row_is_written_at_most_once_a_minute(login, short_timeout):
    client = login("dept03")
    started = client.session[LAST_ACTIVITY_KEY]
    assert time.time() - started < 5
    client.get("/")
    assert client.session[LAST_ACTIVITY_KEY] == started  # within a minute: no write
    go_idle(client, 61)
    client.get("/")
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 5


def test_the_status_poll_does_not_count_as_activity(login, short_timeout):
    client = login("dept03")
    client.get("/")
    go_idle(client, 500)
    assert client.get(reverse("session-status")).json()["expires_in"] == pytest.approx(100, abs=5)
    assert client.get(reverse("session-status")).json()["expires_in"] == pytest.approx(100, abs=5)


def test_the_status_poll_after_the_limit_answers_401_and_signs_out(login, short_timeout):
    client = login("dept03")
    client.get("/")
    go_idle(client, 601)
    response = client.get(reverse("session-status"))
    assert response.status_code == 401 and response.json()["expired"] is True
    assert "_auth_user_id" not in client.session


def test_extend_refreshes_the_session_and_returns_the_new_expiry(card_data, short_timeout):
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="dept03"))
    client.get("/")
    go_idle(client, 550)
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("session-extend"), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json()["expires_in"] == pytest.approx(600, abs=5)
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 5


def test_extend_refuses_a_post_without_csrf(card_data, short_timeout):
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="dept03"))
    client.get("/")
    go_idle(client, 550)
    assert client.post(reverse("session-extend")).status_code == 403


def test_extend_refuses_get_and_anonymous(client, login, short_timeout):
    assert client.post(reverse("session-extend")).status_code == 302  # anonymous: to the login page
    assert login("dept03").get(reverse("session-extend")).status_code == 405


def test_the_page_carries_the_timeout_for_the_warning_script_only_when_signed_in(client, login, short_timeout):
    anonymous = client.get(reverse("login")).content.decode()
    assert "session.js" not in anonymous and "session-timeout" not in anonymous
    html = login("dept03").get("/").content.decode()
    assert 'data-timeout="600"' in html and 'data-warning="120"' in html and "js/session.js" in html
    assert 'role="alertdialog"' in html and "연장" in html


def settings_with(**env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    code = "from django.conf import settings; print(settings.SESSION_IDLE_TIMEOUT, settings.SESSION_IDLE_WARNING)"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_DEBUG": "true", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_timeout_is_set_in_minutes_by_the_environment():
    assert settings_with().stdout.split() == ["1800", "300"]  # 30 minutes, warned 5 minutes before
    assert settings_with(DJANGO_SESSION_IDLE_MINUTES="15").stdout.split() == ["900", "300"]
    for wrong in ["abc", "0"]:
        result = settings_with(DJANGO_SESSION_IDLE_MINUTES=wrong)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert "DJANGO_SESSION_IDLE_MINUTES" in result.stderr
