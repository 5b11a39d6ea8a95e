"""Official documents. Every exporter has one contract: it takes the object a selector built and
returns an `ExportedFile` (filename, mimetype, bytes); views and commands only pass it on."""

import weasyprint
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher

from .card_xlsx import pledge_card_xlsx
from .documents import PDF, ExportedFile, card_filename
from .selectors import PledgeCard


def render_pdf(template_name: str, context: dict) -> bytes:
    """HTML → PDF with WeasyPrint. The print templates inline their CSS and the fonts come from
    fontconfig, so nothing is fetched: every URL scheme but data: is refused."""
    html = render_to_string(template_name, context)
    fetcher = URLFetcher(allowed_protocols=["data"])
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")


def pledge_card_pdf(card: PledgeCard) -> ExportedFile:
    content = render_pdf("print/pledge_card.html", {"card": card})
    return ExportedFile(card_filename(card, "pdf"), PDF, content)


CARD_EXPORTERS = {"pdf": pledge_card_pdf, "xlsx": pledge_card_xlsx}
