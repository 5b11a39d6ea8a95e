"""No copy of a signed-in person's page or download is kept by a browser, a shared computer's disk or a proxy.

What a signed-in person receives may carry staff names, phone extensions and unpublished figures (the card and
its xlsx, reports, history), and a government office's computers are often shared: `Cache-Control: no-store`
(with Django's `add_never_cache_headers`: also `no-cache, must-revalidate, private, max-age=0` and `Expires`) on
every response to an authenticated user, pages and attachments alike. Anonymous visitors keep what the view
says: the public open data stays cacheable for an hour, and whitenoise answers static files before this runs."""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreForSignedInMiddleware:
    """Placed right after AuthenticationMiddleware, so that its header is the last word over any view's own
    (a public page read by a signed-in person included), and `request.user` is read after the view has run: a
    login answers with no-store, a logout does not need to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
