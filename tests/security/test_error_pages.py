"""Error pages in production mode: Korean, in the site's look, and never a traceback or a setting."""

import pytest
from django.test import Client
from django.urls import reverse

from geumcheon_jobs.views import HomeView

SECRET = "secret-internal-detail-42"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    return settings


def test_a_crash_gives_the_korean_500_page_and_no_traceback(production, card_data, django_user_model, monkeypatch):
    def crash(self, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(HomeView, "get_context_data", crash)
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.get(username="lead"))
    response = client.get(reverse("home"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "일시적인 오류로 요청을 처리하지 못했습니다" in html and 'lang="ko"' in html
    for leak in (SECRET, "Traceback", "RuntimeError", "crash", "settings", "DJANGO_"):
        assert leak not in html, leak


def test_the_500_page_renders_without_any_context(db):
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "오류 500" in html and "{%" not in html


def test_an_unknown_address_gives_the_korean_404_page(production, client, card_data):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "찾으시는 페이지가 없습니다" in html and "no-such-page" not in html


def test_a_refusal_gives_the_korean_403_page_with_its_reason(production, login):
    response = login("manager").get(reverse("budget:edit", args=["지역경제-11"]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "이 화면을 볼 권한이 없습니다" in html and "예산은 일자리창출과만 고칠 수 있습니다." in html


def test_a_bad_host_gives_the_korean_400_page(production, card_data):
    response = Client(raise_request_exception=False).get("/public/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "요청을 처리할 수 없습니다" in response.content.decode()


def test_a_csrf_failure_is_explained_in_korean(production, card_data, django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.get(username="lead"))
    response = client.post(reverse("performance:deadline"), {"year": 2021, "quarter": 3})
    assert response.status_code == 403
    html = response.content.decode()
    assert "보안 확인에 실패해 요청을 처리하지 않았습니다" in html and "CSRF verification failed" not in html


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html", "500.html", "403_csrf.html"])
def test_error_pages_have_no_inline_script_or_style(template):
    from pathlib import Path

    from django.conf import settings

    text = (Path(settings.BASE_DIR) / "templates" / template).read_text()
    text += (Path(settings.BASE_DIR) / "templates" / "errors" / "plain.html").read_text()
    assert "<script" not in text and "style=" not in text and "<style" not in text


@pytest.fixture
def console_log():
    """What the configured console handlers (settings.LOGGING and Django's defaults) write for a request logged
    on django.request, gathered from every handler the record reaches."""
    import io
    import logging

    handlers, logger = [], logging.getLogger("django.request")
    while logger is not None:
        handlers += [h for h in logger.handlers if type(h) is logging.StreamHandler]
        logger = logger.parent if logger.propagate else None
    stream = io.StringIO()
    saved = [(handler, handler.setStream(stream)) for handler in handlers]
    yield stream
    for handler, original in saved:
        handler.setStream(original)


@pytest.mark.parametrize("debug", [True, False])
def test_a_refusal_is_logged_once_without_a_traceback(settings, login, console_log, debug):
    settings.DEBUG = debug  # development (make run) and production alike
    response = login("manager").get(reverse("budget:edit", args=["지역경제-11"]))
    assert response.status_code == 403
    logged = console_log.getvalue()
    assert logged.count("Forbidden (Permission denied)") == 1, logged
    assert "Traceback" not in logged and "PermissionDenied" not in logged


def test_a_crash_is_logged_once_with_its_traceback(production, card_data, django_user_model, monkeypatch, console_log):
    def crash(self, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(HomeView, "get_context_data", crash)
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.get(username="lead"))
    assert client.get(reverse("home")).status_code == 500
    logged = console_log.getvalue()
    assert logged.count("Internal Server Error") == 1 and "Traceback" in logged and SECRET in logged
