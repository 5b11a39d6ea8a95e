"""Starting with a wrong environment fails at once with one clear line, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Error

from geumcheon_jobs import checks

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def assert_one_clear_line(result, words):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0]


def test_production_mode_without_secret_key():
    assert_one_clear_line(manage("check", DJANGO_DEBUG="false"), "DJANGO_SECRET_KEY")


@pytest.mark.parametrize("url", ["mysql://u@h/db", "nonsense", "postgres://127.0.0.1:5432/"])
def test_a_bad_database_url(url):
    assert_one_clear_line(manage("check", DJANGO_DEBUG="true", DATABASE_URL=url), "DATABASE_URL")


def test_an_unreachable_database():
    result = manage("migrate", DJANGO_DEBUG="true", DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    assert_one_clear_line(result, "Database error")


def test_a_malformed_debug_flag():
    assert_one_clear_line(manage("check", DJANGO_DEBUG="maybe"), "DJANGO_DEBUG")


def test_production_settings_pass_the_deployment_checklist():
    key = "k3y-" + "abcdefghij0123456789" * 3  # 64 varied characters, as `check --deploy` asks
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=key,
        DJANGO_ALLOWED_HOSTS="jobs.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_argon2_hashes_new_passwords(settings):
    from django.contrib.auth.hashers import make_password

    from geumcheon_jobs import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS  # the suite itself uses a fast hasher
    assert make_password("an example password").startswith("argon2$")


def test_the_font_check_fails_without_a_korean_font(monkeypatch):
    monkeypatch.setattr(checks, "korean_fonts", lambda: [])
    [error] = checks.check_korean_font(None)
    assert isinstance(error, Error) and "fonts-nanum" in error.hint


def test_the_font_check_passes_here():
    assert checks.korean_fonts(), "fontconfig should see a Korean font on a machine set up by make"
    assert checks.check_korean_font(None) == []


def test_makemigrations_needs_no_secret_key():
    result = manage("makemigrations", "--check", "--dry-run", DJANGO_DEBUG="false")
    assert result.returncode == 0, result.stderr


def test_a_malformed_access_log_retention():
    result = manage("check", DJANGO_DEBUG="true", DJANGO_AUDIT_RETENTION_DAYS="two years")
    assert_one_clear_line(result, "DJANGO_AUDIT_RETENTION_DAYS")
