"""연차별 투자수요 및 집행 보고: a pledge's budget over all its years."""

from django.utils.translation import gettext_lazy as _

from geumcheon_jobs.budget_report import BUDGET_REPORT_EXPORTERS, budget_report
from geumcheon_jobs.document_figures import figures_of

from ..base import DocumentKind


def build(pledge, year, quarter):
    return budget_report(pledge)


KIND = DocumentKind(
    slug="budget",
    title=_("연차별 투자수요 및 집행 보고"),
    subject="pledge",
    needs_year=False,
    needs_quarter=False,
    build=build,
    figures=lambda document: figures_of("budget_report", document),
    renderers=BUDGET_REPORT_EXPORTERS,
)
