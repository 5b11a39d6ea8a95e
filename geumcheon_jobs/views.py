"""Pages that combine results and budget. Views only pick the object, call a selector and render."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.generic import TemplateView, View

from performance.models import Pledge

from .exports import CARD_EXPORTERS
from .selectors import UnknownCardYear, pledge_card


class HomeView(TemplateView):
    template_name = "geumcheon_jobs/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pledges=Pledge.objects.select_related("lead_department"), **kwargs)


class PledgeCardMixin:
    """Finds the pledge by its code and the card's year from ?year= (default: the latest with results)."""

    def get_card(self):
        pledge = get_object_or_404(Pledge.objects.select_related("lead_department"), code=self.kwargs["code"])
        raw = self.request.GET.get("year", "")
        if raw and not raw.isdigit():
            raise Http404("no such year")
        try:
            return pledge_card(pledge, int(raw) if raw else None)
        except UnknownCardYear as exc:
            raise Http404(str(exc)) from None


class PledgeCardView(PledgeCardMixin, TemplateView):
    template_name = "geumcheon_jobs/pledge_card.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(card=self.get_card(), **kwargs)


class PledgeCardDownloadView(PledgeCardMixin, View):
    def get(self, request, *args, **kwargs):
        exporter = CARD_EXPORTERS.get(kwargs["suffix"])
        if exporter is None:
            raise Http404("unknown format")
        exported = exporter(self.get_card())
        response = HttpResponse(exported.content, content_type=exported.mimetype)
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=exported.filename)
        return response
