"""분기 일자리창출 실적 보고: a pledge's figures through a quarter of a year (documents/quarterly.py builds it), its
figures and its files."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..base import PDF, DocumentKind, DocumentUnavailable, ExportedFile, Figures
from ..figures import count, in_site_language, rate
from ..pdf import render_pdf
from ..quarterly import NoSuchPeriod, QuarterlyReportDocument, quarterly_report, report_filename, status_label
from ..quarterly_hwpx import quarterly_report_hwpx
from ..quarterly_xlsx import quarterly_report_xlsx

YEAR_REQUIRED = gettext_lazy("연도를 고르세요.")
QUARTER_REQUIRED = gettext_lazy("분기를 고르세요.")


def build(pledge, year: int | None, quarter: int | None) -> QuarterlyReportDocument:
    if year is None:
        raise DocumentUnavailable("year", str(YEAR_REQUIRED))
    if quarter is None:
        raise DocumentUnavailable("quarter", str(QUARTER_REQUIRED))
    try:
        return quarterly_report(pledge, year, quarter)
    except NoSuchPeriod as exc:
        raise DocumentUnavailable("year", str(exc)) from None


@in_site_language
def report_figures(document: QuarterlyReportDocument) -> Figures:
    overview = document.overview
    figures: Figures = {
        _("연간 목표(명)"): count(overview.target),
        _("%(quarter)s분기까지 누적 실적(명)") % {"quarter": document.quarter}: overview.cumulative,
        _("달성률"): rate(overview.rate),
    }
    for year, values in overview.by_year.items():
        for quarter, value in enumerate(values, start=1):
            figures[_("%(year)s년 %(quarter)s분기 누적 실적(명)") % {"year": year, "quarter": quarter}] = count(value)
        figures[_("%(year)s년 목표(명)") % {"year": year}] = count(overview.targets.get(year))
    for title, shares in ((_("계층별"), overview.groups), (_("부문별"), overview.types)):
        for share in shares:
            names = {"part": title, "label": share.label}
            figures[_("%(part)s %(label)s 실적(명)") % names] = share.cumulative
            figures[_("%(part)s %(label)s 목표(명)") % names] = count(share.target)
            figures[_("%(part)s %(label)s 달성률") % names] = rate(share.rate)
    for department in document.departments:
        figures[_("부서별 %(name)s 승인 실적(명)") % {"name": department.label}] = department.cumulative
        figures[_("부서별 %(name)s 목표(명)") % {"name": department.label}] = count(department.target)
    figures[_("미제출·미승인 부서 수")] = len(document.missing)
    for row in document.missing:
        figures[_("보고 상태 %(name)s") % {"name": row.department.name}] = str(status_label(row.status))
    return figures


def quarterly_report_pdf(document: QuarterlyReportDocument) -> ExportedFile:
    content = render_pdf("print/quarterly_report.html", {"doc": document})
    return ExportedFile(report_filename(document, "pdf"), PDF, content)


KIND = DocumentKind(
    slug="quarterly",
    title=gettext_lazy("분기 일자리창출 실적 보고"),
    subject="pledge",
    needs_year=True,
    needs_quarter=True,
    build=build,
    figures=report_figures,
    renderers={"pdf": quarterly_report_pdf, "xlsx": quarterly_report_xlsx, "hwpx": quarterly_report_hwpx},
)
