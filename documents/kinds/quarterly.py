"""분기 일자리창출 실적 보고: a pledge's figures through a quarter of a year."""

from django.utils.translation import gettext_lazy as _

from geumcheon_jobs.document_figures import figures_of
from geumcheon_jobs.quarterly_report import REPORT_EXPORTERS, NoSuchPeriod, quarterly_report

from ..base import DocumentKind, DocumentUnavailable

YEAR_REQUIRED = _("연도를 고르세요.")
QUARTER_REQUIRED = _("분기를 고르세요.")


def build(pledge, year, quarter):
    if year is None:
        raise DocumentUnavailable("year", str(YEAR_REQUIRED))
    if quarter is None:
        raise DocumentUnavailable("quarter", str(QUARTER_REQUIRED))
    try:
        return quarterly_report(pledge, year, quarter)
    except NoSuchPeriod as exc:
        raise DocumentUnavailable("year", str(exc)) from None


KIND = DocumentKind(
    slug="quarterly",
    title=_("분기 일자리창출 실적 보고"),
    subject="pledge",
    needs_year=True,
    needs_quarter=True,
    build=build,
    figures=lambda document: figures_of("quarterly_report", document),
    renderers=REPORT_EXPORTERS,
)
