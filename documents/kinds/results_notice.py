"""추진실적 공시 (the yearly results notice): the year's targets against its approved results, in total, by 부문 and
by 대상, with the rates of the one rule (`performance.calculations.rate`), and the change in 고용률 and 취업자 수
over the year (a half-year not yet published is pending, never 0).

The figures are the plan's results (`performance.plan_results`), which equal the dashboard's for a pledge drawing on
every 세부사업 of the plan; a year still running is marked provisional (잠정)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.selectors import YearIndicator, year_indicators
from performance.models import YearPlan
from performance.plan_results import PlanResults, plan_results

from .. import plan_layout as layout
from ..base import DocumentKind, Figures
from ..figures import in_site_language
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

TITLE = gettext_lazy("추진실적 공시")
FILE_LABEL = gettext_lazy("추진실적공시")
RATE_NOTE = gettext_lazy(
    "달성률 = 실적 ÷ 목표 × 100(소수 둘째 자리에서 반올림). 부문·대상의 목표는 그 세부사업 모두에 목표가 있을 때 "
    "그 합이고, 하나라도 없으면 '—'입니다. 실적은 승인된 분기 보고만 셉니다."
)
INDICATOR_NOTE = gettext_lazy(
    "고용지표는 통계청 지역별고용조사(반기)의 수치이며, 발표되지 않은 반기는 '집계 중' 또는 '미발표'로 적습니다. "
    "증감은 그해 하반기와 전년 하반기의 차이입니다."
)


@dataclass(frozen=True)
class ResultsNotice:
    plan: YearPlan
    results: PlanResults
    indicators: tuple[YearIndicator, ...]
    as_of: datetime.datetime | None
    includes_demo: bool
    provisional: bool  # the year is not over: the figures may still grow
    generated_at: datetime.datetime = field(default_factory=timezone.now)


def build(subject, year=None, quarter=None) -> ResultsNotice:
    plan = plan_of(subject, year)
    provenance = plan_provenance(plan, results=True)
    today = timezone.localdate()
    return ResultsNotice(
        plan,
        plan_results(plan),
        year_indicators(plan, today),
        provenance.as_of,
        provenance.includes_demo,
        not year_ended(plan.year, today),
    )


@in_site_language
def figures(document: ResultsNotice) -> Figures:
    found = result_figures(document.results)
    indicator_figures(found, document.indicators)
    return found


def _layout(document: ResultsNotice) -> layout.Layout:
    plan, results = document.plan, document.results
    total = results.total
    title = _("%(year)s년 %(title)s") % {"year": plan.year, "title": TITLE}
    return layout.Layout(
        title=title,
        subtitle=subtitle(plan),
        as_of=document.as_of,
        footer=footer(document.includes_demo, document.provisional),
        marks=marks(document.includes_demo, document.provisional, plan.year),
        blocks=(
            layout.Heading(_("총괄"), _("단위: 명")),
            layout.Table(_("%(year)s년 일자리 목표와 실적") % {"year": plan.year}, summary_table(results)),
            layout.Heading(_("부문별 목표 대비 실적"), _("단위: 명")),
            layout.Table(_("부문별 목표, 실적과 달성률"), shares_table(_("부문"), results.by_type, total)),
            layout.Heading(_("대상별 목표 대비 실적"), _("단위: 명")),
            layout.Table(_("대상별 목표, 실적과 달성률"), shares_table(_("대상"), results.by_group, total)),
            layout.Text(str(RATE_NOTE)),
            layout.Heading(_("고용지표 변화")),
            layout.Table(_("고용률과 취업자 수의 목표와 반기별 실적, 증감"), indicator_table(document.indicators), 2),
            layout.Text(str(INDICATOR_NOTE)),
        ),
    )


def _source(document: ResultsNotice) -> str:
    return _("%(government)s %(year)s년 추진실적(승인된 분기 보고, 통계청 지역별고용조사)") % {
        "government": document.plan.local_government,
        "year": document.plan.year,
    }


KIND = DocumentKind(
    slug="results-notice",
    title=TITLE,
    subject="plan",
    needs_year=True,
    needs_quarter=False,
    build=build,
    figures=figures,
    renderers=layout.renderers(FILE_LABEL, TITLE, _layout, _source),
)
