"""공약 이행 카드: a pledge's card of a year."""

from django.utils.translation import gettext_lazy as _

from geumcheon_jobs.document_figures import figures_of
from geumcheon_jobs.exports import CARD_EXPORTERS
from geumcheon_jobs.selectors import UnknownCardYear, pledge_card

from ..base import DocumentKind, DocumentUnavailable

YEAR_REQUIRED = _("연도를 고르세요.")


def build(pledge, year, quarter):
    if year is None:
        raise DocumentUnavailable("year", str(YEAR_REQUIRED))
    try:
        return pledge_card(pledge, year)
    except UnknownCardYear as exc:
        raise DocumentUnavailable("year", str(exc)) from None


KIND = DocumentKind(
    slug="card",
    title=_("공약 이행 카드"),
    subject="pledge",
    needs_year=True,
    needs_quarter=False,
    build=build,
    figures=lambda document: figures_of("card", document),
    renderers=CARD_EXPORTERS,
)
