"""The downloads of a pledge's documents (the card, the quarterly report, the budget report) in every format their
kind renders, and the one way a file goes out as an attachment. Views find the kind in the registry and pass its file
on; they compute nothing."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.generic import View

from performance.access import can_read_official_documents
from performance.models import Pledge
from performance.validation import year_from_query

from . import registry
from .base import DocumentUnavailable
from .card import UnknownCardYear, pledge_card


def attachment(content: bytes, mimetype: str, filename: str) -> HttpResponse:
    """A file to save under its (Korean) name, whatever the browser."""
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def exported_attachment(exported) -> HttpResponse:
    return attachment(exported.content, exported.mimetype, exported.filename)


def renderer_of(slug: str, suffix: str):
    """The registry's renderer of a kind for a file suffix; 404 for a format the kind has not."""
    renderer = registry.kind(slug).renderers.get(suffix)
    if renderer is None:
        raise Http404("unknown format")
    return renderer


class PledgeCardMixin:
    """Finds the pledge by its code and the card's year from ?year= (default: the latest plan year that has begun)."""

    def get_card(self):
        pledges = Pledge.objects.visible_to(self.request.user).select_related("lead_department")
        pledge = get_object_or_404(pledges, code=self.kwargs["code"])
        try:
            return pledge_card(pledge, year_from_query(self.request.GET))
        except UnknownCardYear as exc:
            raise Http404(str(exc)) from None


class PledgeCardDownloadView(PledgeCardMixin, View):
    def get(self, request, *args, **kwargs):
        renderer = renderer_of("card", kwargs["suffix"])
        return exported_attachment(renderer(self.get_card()))


class QuarterlyReportDownloadView(View):
    """The quarterly job-creation report as PDF, xlsx or HWPX, for the lead department and managers."""

    def get(self, request, code, year, quarter, suffix):
        if not can_read_official_documents(request.user):
            raise PermissionDenied
        renderer = renderer_of("quarterly", suffix)
        try:
            pledge = get_object_or_404(Pledge.objects.visible_to(request.user), code=code)
            document = registry.kind("quarterly").build(pledge, year, quarter)
        except DocumentUnavailable as exc:
            raise Http404(exc.message) from None
        return exported_attachment(renderer(document))


class BudgetReportDownloadView(View):
    """연차별 투자수요 및 집행 보고 as PDF, xlsx or HWPX (the same layout, from one document)."""

    def get(self, request, code, suffix):
        renderer = renderer_of("budget", suffix)
        pledge = get_object_or_404(Pledge.objects.visible_to(request.user), code=code)
        return exported_attachment(renderer(registry.kind("budget").build(pledge, None, None)))
