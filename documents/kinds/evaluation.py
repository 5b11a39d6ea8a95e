"""추진실적 보고서 (the results report the 시·도 and the ministry evaluate): the plan against its approved results by
부문, 대상 and 세부사업; the term's trend year by year (jobs and the two employment indicators); the four sections the
lead department writes (추진 성과, 우수 사례, 미흡 사항과 개선 계획, 향후 계획, `performance.evaluation_services`);
and the evidence they cite."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.selectors import (
    INDICATORS,
    PlanRow,
    YearIndicator,
    indicator_board,
    target_or_nothing,
    year_indicators,
)
from indicators.values import label_with_unit
from performance.evaluation_services import evaluation_of
from performance.models import EVALUATION_SECTIONS, EvaluationReport, YearPlan
from performance.plan_results import PlanResults, TrendYear, plan_results, term_trend

from .. import plan_layout as layout
from ..base import DocumentKind, Figures
from ..figures import count, in_site_language, rate
from ..hwpx import Cell, head
from ..plan_parts import (
    footer,
    indicator_figures,
    indicator_table,
    marks,
    plan_of,
    plan_provenance,
    result_figures,
    shares_table,
    subtitle,
    summary_table,
    year_ended,
)

TITLE = gettext_lazy("추진실적 보고서")
FILE_LABEL = gettext_lazy("추진실적보고서")
NOT_WRITTEN = gettext_lazy("(아직 작성하지 않았습니다.)")


@dataclass(frozen=True)
class EvaluationDocument:
    plan: YearPlan
    results: PlanResults
    indicators: tuple[YearIndicator, ...]
    trend: tuple[TrendYear, ...]
    indicator_trend: dict[int, PlanRow]  # year → that year's plan row of the indicator board (targets, 하반기)
    sections: tuple[tuple[str, str], ...]  # (heading, text as written)
    evidence: tuple[tuple[str, str], ...]  # (title, link or file name)
    as_of: datetime.datetime | None
    includes_demo: bool
    provisional: bool
    generated_at: datetime.datetime = field(default_factory=timezone.now)


def _written(report: EvaluationReport | None) -> tuple[tuple, tuple]:
    sections = tuple(
        (str(label), getattr(report, name) if report else "") for name, label in EVALUATION_SECTIONS.items()
    )
    evidence = tuple((e.title, e.reference) for e in report.evidence.all()) if report else ()
    return sections, evidence


def build(subject, year=None, quarter=None) -> EvaluationDocument:
    plan = plan_of(subject, year)
    today = timezone.localdate()
    provenance = plan_provenance(plan, results=True, evaluation=True)
    board = indicator_board(plan.term, today)
    sections, evidence = _written(evaluation_of(plan))
    return EvaluationDocument(
        plan=plan,
        results=plan_results(plan),
        indicators=year_indicators(plan, today),
        trend=term_trend(plan.term, plan.year),
        indicator_trend={row.year: row for row in board.plans if row.year is not None},
        sections=sections,
        evidence=evidence,
        as_of=provenance.as_of,
        includes_demo=provenance.includes_demo,
        provisional=not year_ended(plan.year, today),
    )


def _trend_cells(document: EvaluationDocument, year: int):
    row = document.indicator_trend.get(year)
    cells = {cell.indicator: cell for cell in row.cells} if row else {}
    return [cells.get(indicator) for indicator in INDICATORS]


@in_site_language
def figures(document: EvaluationDocument) -> Figures:
    results = document.results
    found = result_figures(results)
    for item in results.programmes:
        names = {"name": item.programme.name, "department": item.programme.department.name}
        found[_("세부사업 %(name)s(%(department)s) 목표(명)") % names] = count(item.target)
        found[_("세부사업 %(name)s(%(department)s) 실적(명)") % names] = item.cumulative
        found[_("세부사업 %(name)s(%(department)s) 달성률") % names] = rate(item.rate)
    indicator_figures(found, document.indicators)
    for year in document.trend:
        names = {"year": year.year}
        found[_("임기 추이 %(year)s년 목표(명)") % names] = count(year.target)
        found[_("임기 추이 %(year)s년 실적(명)") % names] = count(year.cumulative)
        found[_("임기 추이 %(year)s년 달성률") % names] = rate(year.rate)
        for cell in _trend_cells(document, year.year):
            if cell is not None:
                label = {"year": year.year, "indicator": label_with_unit(cell.indicator)}
                found[_("임기 추이 %(year)s년 %(indicator)s 목표") % label] = target_or_nothing(cell.target)
                found[_("임기 추이 %(year)s년 %(indicator)s 실적") % label] = cell.result_text
    for heading, text in document.sections:
        found[heading] = text or str(NOT_WRITTEN)
    for number, (title, reference) in enumerate(document.evidence, start=1):
        found[_("근거 자료 %(number)s") % {"number": number}] = f"{title} | {reference}" if reference else title
    return found


def _programme_rows(results: PlanResults) -> list[list]:
    rows = [
        [
            head(_("번호")),
            head(_("세부사업")),
            head(_("담당부서")),
            head(_("부문")),
            head(_("대상")),
            head(_("목표(명)")),
            head(_("실적(명)")),
            head(_("달성률")),
        ]
    ]
    for number, item in enumerate(results.programmes, start=1):
        programme = item.programme
        rows.append(
            [
                Cell(str(number), align="CENTER"),
                programme.name,
                programme.department.name,
                programme.programme_type.name,
                programme.target_group.name,
                item.target,
                item.cumulative,
                rate(item.rate),
            ]
        )
    total = results.total
    rows.append(
        [
            Cell(_("계"), cols=5, heading=True),
            Cell(total.target, total=True),
            Cell(total.cumulative, total=True),
            Cell(rate(total.rate), total=True),
        ]
    )
    return rows


def _trend_rows(document: EvaluationDocument) -> list[list]:
    """연도 | 일자리 (목표, 실적, 달성률) | 고용률 (목표, 하반기 실적) | 취업자 수 (목표, 하반기 실적)."""
    rows = [
        [
            head(_("연도"), rows=2),
            head(_("일자리(명)"), cols=3),
            head(_("고용률(15~64세)(%)"), cols=2),
            head(_("취업자 수(천명)"), cols=2),
        ],
        [head(_("목표")), head(_("실적")), head(_("달성률"))] + [head(_("목표")), head(_("하반기 실적"))] * 2,
    ]
    for year in document.trend:
        indicator_cells = []
        for cell in _trend_cells(document, year.year):
            target = cell.target.text if cell is not None and cell.target else None
            indicator_cells += [
                Cell(target, align="RIGHT"),
                Cell(cell.result_text if cell else None, align="RIGHT"),
            ]
        rows.append(
            [
                head(_("%(year)s년") % {"year": year.year}),
                year.target,
                year.cumulative,
                rate(year.rate),
                *indicator_cells,
            ]
        )
    return rows


def _layout(document: EvaluationDocument) -> layout.Layout:
    plan, results = document.plan, document.results
    total = results.total
    blocks = [
        layout.Heading(_("Ⅰ. 총괄"), _("단위: 명")),
        layout.Table(_("%(year)s년 일자리 목표와 실적") % {"year": plan.year}, summary_table(results)),
        layout.Table(_("고용률과 취업자 수의 목표와 반기별 실적, 증감"), indicator_table(document.indicators), 2),
        layout.Heading(_("Ⅱ. 부문별·대상별 계획 대비 실적"), _("단위: 명")),
        layout.Table(_("부문별 목표, 실적과 달성률"), shares_table(_("부문"), results.by_type, total)),
        layout.Table(_("대상별 목표, 실적과 달성률"), shares_table(_("대상"), results.by_group, total)),
        layout.Heading(_("Ⅲ. 세부사업별 계획 대비 실적"), _("단위: 명")),
        layout.Table(_("세부사업별 목표, 실적과 달성률"), _programme_rows(results)),
        layout.Heading(_("Ⅳ. %(term)s 연도별 추이") % {"term": plan.term.name}),
        layout.Table(_("연도별 일자리 목표와 실적, 고용지표"), _trend_rows(document), 2),
    ]
    for number, (heading, text) in enumerate(document.sections, start=5):
        blocks += [layout.Heading(f"{_roman(number)}. {heading}"), layout.Text(text, str(NOT_WRITTEN))]
    evidence = [[head(_("번호")), head(_("근거 자료")), head(_("링크 또는 파일명"))]] + [
        [Cell(str(n), align="CENTER"), title, Cell(reference or None, align="LEFT")]
        for n, (title, reference) in enumerate(document.evidence, start=1)
    ]
    blocks.append(layout.Heading(f"{_roman(5 + len(document.sections))}. {_('근거 자료')}"))
    blocks.append(
        layout.Table(_("보고서가 인용한 근거 자료"), evidence, widths=(8, 50, 42))
        if document.evidence
        else layout.Text("", _("인용한 근거 자료가 없습니다."))
    )
    return layout.Layout(
        title=_("%(year)s년 %(title)s") % {"year": plan.year, "title": TITLE},
        subtitle=subtitle(plan),
        as_of=document.as_of,
        footer=footer(document.includes_demo, document.provisional),
        marks=marks(document.includes_demo, document.provisional, plan.year),
        blocks=tuple(blocks),
        landscape=True,
    )


def _roman(number: int) -> str:
    return "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"[number - 1]


def _source(document: EvaluationDocument) -> str:
    return _("%(government)s %(year)s년 추진실적 보고서(승인된 분기 보고, 고용지표, 일자리창출과 작성 내용)") % {
        "government": document.plan.local_government,
        "year": document.plan.year,
    }


KIND = DocumentKind(
    slug="evaluation",
    title=TITLE,
    subject="plan",
    needs_year=True,
    needs_quarter=False,
    build=build,
    figures=figures,
    renderers=layout.renderers(FILE_LABEL, TITLE, _layout, _source),
)
