from .recording import record_access


class AccessLogMiddleware:
    """Records downloads, exports, pages that show personal data and the admin in the access log (see
    `audit.recording`). One mechanism for the whole product: views only declare `access_log = ...`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        record_access(request, response)
        return response
