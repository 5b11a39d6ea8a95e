"""Session idle timeout: a signed-in person who does nothing for SESSION_IDLE_TIMEOUT seconds is signed out at
the next request and sent to the login page with a Korean message. Every request counts as activity except
the status poll of static/js/session.js, which warns before the time runs out and can extend the session."""

import math
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_POST

LAST_ACTIVITY_KEY = "last_activity"
SIGNED_OUT_MESSAGE = gettext_noop("장시간 사용하지 않아 자동으로 로그아웃되었습니다.")


def idle_timeout() -> int:
    """Seconds of inactivity after which a session ends."""
    return int(settings.SESSION_IDLE_TIMEOUT)


def warning_before() -> int:
    """Seconds before the end at which the page warns; never more than the timeout itself."""
    return min(int(settings.SESSION_IDLE_WARNING), idle_timeout())


def write_interval() -> int:
    """Activity is written to the session at most this often (a tenth of the timeout, at most a minute), so that
    a page view does not also write the session row every time; the warning script asks the server the real time."""
    return min(60, idle_timeout() // 10)


def seconds_left(request: HttpRequest, now: float | None = None) -> int:
    """Whole seconds until this session ends for inactivity (0 when it has ended)."""
    last = request.session.get(LAST_ACTIVITY_KEY)
    if last is None:
        return idle_timeout()
    now = time.time() if now is None else now
    return max(0, math.ceil(last + idle_timeout() - now))


class SessionIdleTimeoutMiddleware:
    """Signs out an idle session; otherwise records the request as the latest activity.

    Placed after AuthenticationMiddleware and MessageMiddleware, so it sees the user and can leave the message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            polls = request.path_info == reverse("session-status")
            if seconds_left(request) <= 0:
                return self.sign_out(request, polls or request.path_info == reverse("session-extend"))
            if not polls:
                record_activity(request)
        return self.get_response(request)

    @staticmethod
    def sign_out(request: HttpRequest, as_json: bool) -> HttpResponse:
        logout(request)
        messages.info(request, _(SIGNED_OUT_MESSAGE))
        if as_json:
            return JsonResponse({"expired": True, "login_url": reverse(settings.LOGIN_URL)}, status=401)
        if request.method == "GET":
            return redirect_to_login(request.get_full_path())
        return redirect(settings.LOGIN_URL)


def record_activity(request: HttpRequest) -> None:
    now = time.time()
    if now - request.session.get(LAST_ACTIVITY_KEY, 0) >= write_interval():
        request.session[LAST_ACTIVITY_KEY] = now


@receiver(user_logged_in, dispatch_uid="geumcheon_jobs.session_timeout.start")
def start_on_login(sender, request, user, **kwargs) -> None:
    """Signing in is activity: the clock starts with the session."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = time.time()


def session_state(request: HttpRequest) -> dict:
    return {"expires_in": seconds_left(request), "warning_before": warning_before(), "timeout": idle_timeout()}


@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How long this session has left; asking does not count as activity."""
    return JsonResponse(session_state(request))


@require_POST
def session_extend(request: HttpRequest) -> JsonResponse:
    """The 연장 button: this request is activity, written now whatever the write interval."""
    request.session[LAST_ACTIVITY_KEY] = time.time()
    return JsonResponse(session_state(request))


def session_timeout(request: HttpRequest) -> dict:
    """Template context for the warning dialog of base.html (none for a request refused before it has a user,
    such as one with a bad Host header)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"session_idle_timeout": idle_timeout(), "session_idle_warning": warning_before()}
