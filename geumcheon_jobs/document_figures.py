"""The labelled figures each official document shows, read off the very object its file is rendered from (the
`PledgeCard`, the `QuarterlyReportDocument`, the `BudgetMatrix`): a flat, ordered {label: value} that an issued
document keeps and that today's figures are compared with. Nothing here computes a total or a rate of its own.

Values are written as the documents write them: an int for a count or an amount, "50.2%" for a rate, and "—"
(performance.calculations.NOTHING) for a missing figure or rate.
"""

from decimal import Decimal

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.translation import gettext as _

from budget.selectors import BudgetMatrix
from performance.calculations import NOTHING, percent, year_period_label
from performance.selectors import period_results

from .dashboards import budget_execution
from .models import IssuedDocument
from .quarterly_report import QuarterlyReportDocument
from .quarterly_xlsx import status_label
from .selectors import PledgeCard, result_line

Kind = IssuedDocument.Kind
Figures = dict[str, str | int]


class FiguresMoved(Exception):
    """The figures changed while the document was being read (an approval between two reads)."""


def figures_of(kind: str, document) -> Figures:
    """Labels are always in the site's language (Korean): they are part of the record of an official document, and
    an issued snapshot must compare with today's whatever language the reader's browser asks for."""
    with translation.override(settings.LANGUAGE_CODE):
        if kind == Kind.CARD:
            return _card_figures(document)
        if kind == Kind.QUARTERLY_REPORT:
            return _report_figures(document)
        return _budget_report_figures(document.matrix)


def _count(value) -> int | str:
    """A count or an amount as the documents show it: "—" for nothing."""
    return NOTHING if value is None else int(value)


def _rate(value: Decimal | None) -> str:
    """A rate as the documents show it: "50.2%", "—" without a target."""
    return percent(value)


def _card_figures(card: PledgeCard) -> Figures:
    figures: Figures = {
        _("이행률(%)"): f"{floatformat(card.pledge.implementation_rate, -1)}%",
        _("총사업비(백만원)"): card.total_cost,
        _("%(year)s년 일자리 창출목표(명)") % {"year": card.year}: _count(card.target),
    }
    budget = card.year_budget
    figures[_("소요예산 계(백만원)")] = _count(budget["total"].secured if budget else None)
    for row in card.budget.source_rows:
        cell = budget.get(row.source) if budget else None
        figures[_("소요예산 %(source)s(백만원)") % {"source": row.label}] = _count(cell.secured if cell else None)
    for year, jobs in card.plan_years:
        figures[_("연차별 추진계획 %(year)s년(명)") % {"year": year}] = _count(jobs)
    figures.update(_budget_table_figures(card.budget))
    # The result lines of 추진실적 are generated from these periods (the card's own selector, same targets). They are
    # read again here, so they are checked against the card's lines: an approval in between must not slip in.
    periods = [p for p in period_results(card.pledge, dict(card.plan_years)) if p.year <= card.year]
    card_lines = {line for group in card.progress for item in group.items for line in item.result_lines}
    if card_lines != {result_line(period) for period in periods}:
        raise FiguresMoved
    for period in periods:
        label = year_period_label(period.year, period.quarter)
        figures[_("추진실적 %(period)s 누적 실적(명)") % {"period": label}] = period.cumulative
        figures[_("추진실적 %(period)s 달성률") % {"period": label}] = _rate(period.rate)
    for share in card.group_split:
        figures[_("계층별 목표 %(group)s(명)") % {"group": share.name}] = share.jobs
    # 향후계획's lines carry the programmes' targets filled into the text; a changed target changes a line.
    for number, item in enumerate(card.future_plan, start=1):
        if not item.is_group_heading:
            figures[_("향후계획 %(number)s번째 줄") % {"number": number}] = item.text
    figures[_("협업부서 수")] = card.collaborating_departments
    return figures


def _budget_table_figures(matrix: BudgetMatrix) -> Figures:
    """Every figure of the 연차별 투자수요 및 집행액 table (`_budget_table.html`): the 계 row, then each line's rows."""
    figures: Figures = {}

    def row(prefix: str, total, cells) -> None:
        figures[_("%(row)s 합계 투자수요") % {"row": prefix}] = _count(total.secured)
        figures[_("%(row)s 합계 집행액") % {"row": prefix}] = _count(total.executed)
        for year, cell in zip(matrix.years, cells, strict=True):
            figures[_("%(row)s %(year)s년 확보액") % {"row": prefix, "year": year}] = _count(cell and cell.secured)
            figures[_("%(row)s %(year)s년 집행액") % {"row": prefix, "year": year}] = _count(cell and cell.executed)

    row(_("예산 계"), matrix.grand_total, matrix.year_totals)
    for block in matrix.lines:
        for source_row in block.rows:
            prefix = _("예산 %(line)s %(source)s") % {"line": block.name, "source": source_row.label}
            row(prefix, source_row.total, source_row.by_year)
    return figures


def _report_figures(document: QuarterlyReportDocument) -> Figures:
    overview = document.overview
    figures: Figures = {
        _("연간 목표(명)"): _count(overview.target),
        _("%(quarter)s분기까지 누적 실적(명)") % {"quarter": document.quarter}: overview.cumulative,
        _("달성률"): _rate(overview.rate),
    }
    for year, values in overview.by_year.items():
        for quarter, value in enumerate(values, start=1):
            figures[_("%(year)s년 %(quarter)s분기 누적 실적(명)") % {"year": year, "quarter": quarter}] = _count(value)
        figures[_("%(year)s년 목표(명)") % {"year": year}] = _count(overview.targets.get(year))
    for title, shares in ((_("계층별"), overview.groups), (_("부문별"), overview.types)):
        for share in shares:
            names = {"part": title, "label": share.label}
            figures[_("%(part)s %(label)s 실적(명)") % names] = share.cumulative
            figures[_("%(part)s %(label)s 목표(명)") % names] = _count(share.target)
            figures[_("%(part)s %(label)s 달성률") % names] = _rate(share.rate)
    for department in document.departments:
        figures[_("부서별 %(name)s 승인 실적(명)") % {"name": department.label}] = department.cumulative
        figures[_("부서별 %(name)s 목표(명)") % {"name": department.label}] = _count(department.target)
    figures[_("미제출·미승인 부서 수")] = len(document.missing)
    for row in document.missing:
        figures[_("보고 상태 %(name)s") % {"name": row.department.name}] = str(status_label(row.status))
    return figures


def _budget_report_figures(matrix: BudgetMatrix) -> Figures:
    figures = _budget_table_figures(matrix)
    execution = budget_execution(matrix, None)
    for label, amounts in [*((s.label, s.amounts) for s in execution.sources), (_("계"), execution.total)]:
        names = {"source": label, "scope": execution.scope}
        figures[_("재원별(%(scope)s) %(source)s 확보액") % names] = _count(amounts.secured)
        figures[_("재원별(%(scope)s) %(source)s 집행액") % names] = _count(amounts.executed)
        figures[_("재원별(%(scope)s) %(source)s 집행률") % names] = _rate(amounts.execution_rate)
    for year, amounts, planned in execution.by_year:
        figures[_("연도별 %(year)s년 확보액") % {"year": year}] = _count(amounts.secured)
        figures[_("연도별 %(year)s년 집행액") % {"year": year}] = NOTHING if planned else _count(amounts.executed)
        figures[_("연도별 %(year)s년 집행률") % {"year": year}] = NOTHING if planned else _rate(amounts.execution_rate)
    return figures
