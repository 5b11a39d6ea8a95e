"""공약 이행 카드: a pledge's card of a year (documents/card.py builds it), its figures and its files."""

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from performance.calculations import year_period_label
from performance.selectors import period_results

from ..base import PDF, DocumentKind, DocumentUnavailable, ExportedFile, Figures, FiguresMoved
from ..card import PledgeCard, UnknownCardYear, card_filename, pledge_card, result_line
from ..card_hwpx import pledge_card_hwpx
from ..card_xlsx import pledge_card_xlsx
from ..figures import budget_table_figures, count, in_site_language, rate
from ..pdf import render_pdf

YEAR_REQUIRED = gettext_lazy("연도를 고르세요.")


def build(pledge, year: int | None, quarter: int | None) -> PledgeCard:
    if year is None:
        raise DocumentUnavailable("year", str(YEAR_REQUIRED))
    try:
        return pledge_card(pledge, year)
    except UnknownCardYear as exc:
        raise DocumentUnavailable("year", str(exc)) from None


@in_site_language
def card_figures(card: PledgeCard) -> Figures:
    figures: Figures = {
        _("이행률(%)"): f"{floatformat(card.pledge.implementation_rate, -1)}%",
        _("총사업비(백만원)"): card.total_cost,
        _("%(year)s년 일자리 창출목표(명)") % {"year": card.year}: count(card.target),
    }
    budget = card.year_budget
    figures[_("소요예산 계(백만원)")] = count(budget["total"].secured if budget else None)
    for row in card.budget.source_rows:
        cell = budget.get(row.source) if budget else None
        figures[_("소요예산 %(source)s(백만원)") % {"source": row.label}] = count(cell.secured if cell else None)
    for year, jobs in card.plan_years:
        figures[_("연차별 추진계획 %(year)s년(명)") % {"year": year}] = count(jobs)
    figures.update(budget_table_figures(card.budget))
    # The result lines of 추진실적 are generated from these periods (the card's own selector, same targets). They are
    # read again here, so they are checked against the card's lines: an approval in between must not slip in.
    periods = [p for p in period_results(card.pledge, dict(card.plan_years)) if p.year <= card.year]
    card_lines = {line for group in card.progress for item in group.items for line in item.result_lines}
    if card_lines != {result_line(period) for period in periods}:
        raise FiguresMoved
    for period in periods:
        label = year_period_label(period.year, period.quarter)
        figures[_("추진실적 %(period)s 누적 실적(명)") % {"period": label}] = period.cumulative
        figures[_("추진실적 %(period)s 달성률") % {"period": label}] = rate(period.rate)
    for share in card.group_split:
        figures[_("계층별 목표 %(group)s(명)") % {"group": share.name}] = share.jobs
    # 향후계획's lines carry the programmes' targets filled into the text; a changed target changes a line.
    for number, item in enumerate(card.future_plan, start=1):
        if not item.is_group_heading:
            figures[_("향후계획 %(number)s번째 줄") % {"number": number}] = item.text
    figures[_("협업부서 수")] = card.collaborating_departments
    return figures


def pledge_card_pdf(card: PledgeCard) -> ExportedFile:
    content = render_pdf("print/pledge_card.html", {"card": card})
    return ExportedFile(card_filename(card, "pdf"), PDF, content)


KIND = DocumentKind(
    slug="card",
    title=gettext_lazy("공약 이행 카드"),
    subject="pledge",
    needs_year=True,
    needs_quarter=False,
    build=build,
    figures=card_figures,
    renderers={"pdf": pledge_card_pdf, "xlsx": pledge_card_xlsx, "hwpx": pledge_card_hwpx},
)
