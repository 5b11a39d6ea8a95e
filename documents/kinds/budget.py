"""연차별 투자수요 및 집행 보고: a pledge's budget over all its years (documents/budget_report.py builds it), its
figures and its files."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from performance.calculations import NOTHING

from ..base import PDF, DocumentKind, ExportedFile, Figures
from ..budget_hwpx import budget_report_hwpx
from ..budget_report import BudgetReportDocument, budget_report, budget_report_filename, budget_report_xlsx
from ..figures import budget_table_figures, count, in_site_language, rate
from ..pdf import render_pdf


def build(pledge, year: int | None, quarter: int | None) -> BudgetReportDocument:
    """The report covers every year of the pledge: `year` and `quarter` name nothing here."""
    return budget_report(pledge)


@in_site_language
def budget_report_figures(document: BudgetReportDocument) -> Figures:
    figures = budget_table_figures(document.matrix)
    execution = document.execution
    for label, amounts in [*((s.label, s.amounts) for s in execution.sources), (_("계"), execution.total)]:
        names = {"source": label, "scope": execution.scope}
        figures[_("재원별(%(scope)s) %(source)s 확보액") % names] = count(amounts.secured)
        figures[_("재원별(%(scope)s) %(source)s 집행액") % names] = count(amounts.executed)
        figures[_("재원별(%(scope)s) %(source)s 집행률") % names] = rate(amounts.execution_rate)
    for year, amounts, planned in execution.by_year:
        figures[_("연도별 %(year)s년 확보액") % {"year": year}] = count(amounts.secured)
        figures[_("연도별 %(year)s년 집행액") % {"year": year}] = NOTHING if planned else count(amounts.executed)
        figures[_("연도별 %(year)s년 집행률") % {"year": year}] = NOTHING if planned else rate(amounts.execution_rate)
    return figures


def budget_report_pdf(document: BudgetReportDocument) -> ExportedFile:
    content = render_pdf("print/budget_report.html", {"doc": document})
    return ExportedFile(budget_report_filename(document, "pdf"), PDF, content)


KIND = DocumentKind(
    slug="budget",
    title=gettext_lazy("연차별 투자수요 및 집행 보고"),
    subject="pledge",
    needs_year=False,
    needs_quarter=False,
    build=build,
    figures=budget_report_figures,
    renderers={"pdf": budget_report_pdf, "xlsx": budget_report_xlsx, "hwpx": budget_report_hwpx},
)
