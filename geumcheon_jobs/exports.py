"""Official documents. Every exporter has one contract: it takes the object a selector built and
returns an `ExportedFile` (filename, mimetype, bytes); views and commands only pass it on."""

from dataclasses import dataclass

import weasyprint
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint.urls import URLFetcher

from .selectors import PledgeCard

PDF = "application/pdf"


@dataclass(frozen=True)
class ExportedFile:
    filename: str
    mimetype: str
    content: bytes


def render_pdf(template_name: str, context: dict) -> bytes:
    """HTML → PDF with WeasyPrint. The print templates inline their CSS and the fonts come from
    fontconfig, so nothing is fetched: every URL scheme but data: is refused."""
    html = render_to_string(template_name, context)
    fetcher = URLFetcher(allowed_protocols=["data"])
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")


def pledge_card_pdf(card: PledgeCard) -> ExportedFile:
    content = render_pdf("print/pledge_card.html", {"card": card})
    return ExportedFile(_card_filename(card, "pdf"), PDF, content)


def _card_filename(card: PledgeCard, suffix: str) -> str:
    return _("공약이행카드_%(code)s_%(year)s.%(suffix)s") % {
        "code": card.pledge.code,
        "year": card.year,
        "suffix": suffix,
    }


CARD_EXPORTERS = {"pdf": pledge_card_pdf}
