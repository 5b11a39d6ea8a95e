"""Official documents. Every exporter has one contract: it takes the object a selector built and
returns an `ExportedFile` (filename, mimetype, bytes); views and commands only pass it on."""

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint.urls import URLFetcher

from budget.selectors import BudgetMatrix, budget_matrix

from .card_xlsx import pledge_card_xlsx
from .charts import budget_charts
from .dashboards import budget_execution
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


def budget_report_pdf(pledge, matrix: BudgetMatrix | None = None) -> ExportedFile:
    """연차별 투자수요 및 집행 보고: the multi-year table and the execution rates by source and by year. `matrix`:
    one already read (issuing freezes the file and its figures from the same one); None reads it."""
    matrix = budget_matrix(pledge) if matrix is None else matrix
    execution = budget_execution(matrix, None)
    context = {
        "pledge": pledge,
        "matrix": matrix,
        "execution": execution,
        "generated_at": timezone.now(),
        "charts": budget_charts(matrix, execution, None),
    }
    filename = _("예산집행보고_%(code)s.pdf") % {"code": pledge.code}
    return ExportedFile(filename, PDF, render_pdf("print/budget_report.html", context))
