"""What goes into the access log, and how a request becomes one row. The middleware is the only caller."""

import ipaddress
import logging
import re
from urllib.parse import unquote

from django.conf import settings
from django.db import DatabaseError

from .models import AccessLog

logger = logging.getLogger("audit")

Kind = AccessLog.Kind
# A view opts out with `access_log = NOT_LOGGED` (e.g. the public open data: published figures, no person).
NOT_LOGGED = ""
ADMIN_NAMESPACE = "admin"
ADMIN_UNLOGGED_VIEWS = {"jsi18n"}  # the admin's translation catalogue shows nothing
_FILENAME_STAR = re.compile(r"filename\*=(?:utf-8|UTF-8)''([^;]+)")
_FILENAME = re.compile(r'filename="?([^";]+)"?')


def view_mark(request) -> str | None:
    """The kind the view declares (`access_log` on the class, or on the function a decorator marked),
    NOT_LOGGED when it opts out, None when it says nothing."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    view = getattr(match.func, "view_class", match.func)
    return getattr(view, "access_log", getattr(match.func, "access_log", None))


def attachment_filename(response) -> str | None:
    """The file name of a response sent as an attachment, or None when it is shown in the browser."""
    header = response.get("Content-Disposition", "") if hasattr(response, "get") else ""
    if not header.lower().startswith("attachment"):
        return None
    if found := _FILENAME_STAR.search(header):
        return unquote(found.group(1))
    found = _FILENAME.search(header)
    return found.group(1) if found else ""


def access_kind(request, response) -> str | None:
    """Which kind of access this response is, or None when it is not recorded."""
    mark = view_mark(request)
    if mark is not None:
        return mark or None
    if attachment_filename(response) is not None:
        return Kind.DOWNLOAD
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if (
        match is not None
        and ADMIN_NAMESPACE in match.namespaces
        and match.url_name not in ADMIN_UNLOGGED_VIEWS
        and user is not None
        and user.is_authenticated
    ):
        return Kind.ADMIN
    return None


def client_address(request) -> str | None:
    """REMOTE_ADDR; behind a trusted reverse proxy (AUDIT_TRUST_X_FORWARDED_FOR) the right-most address of
    X-Forwarded-For, the one the proxy itself saw (addresses to its left are whatever the client sent)."""
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "AUDIT_TRUST_X_FORWARDED_FOR", False):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            address = forwarded[-1]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def describe(request, response) -> str:
    """The object reached: the URL's name and arguments, and the file's name for a download."""
    match = getattr(request, "resolver_match", None)
    parts = []
    if match is not None:
        arguments = " ".join(f"{key}={value}" for key, value in match.kwargs.items())
        parts.append(f"{match.view_name} {arguments}".strip())
    filename = attachment_filename(response)
    if filename:
        parts.append(filename)
    return " · ".join(parts)[:500]


def record_access(request, response) -> AccessLog | None:
    """Write one row when the response is an access the log keeps. Never breaks the response: a database
    failure is reported on the `audit` logger (at ERROR, with the request) and the response goes out."""
    kind = access_kind(request, response)
    if kind is None:
        return None
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    try:
        return AccessLog.objects.create(
            user=user if authenticated else None,
            username=user.get_username() if authenticated else "",
            ip_address=client_address(request),
            method=request.method[:10],
            path=request.path[:2000],
            query_string=request.META.get("QUERY_STRING", "")[:4000],
            kind=kind,
            status_code=response.status_code,
            target=describe(request, response),
        )
    except DatabaseError:
        logger.exception("Could not write the access log for %s %s", request.method, request.path)
        return None
