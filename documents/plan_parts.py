"""What the yearly plan's three documents (연차별 세부계획, 추진실적 공시, 추진실적 보고서) share: the plan they are
made of, where its data stand (기준일, demo), their file names and title block, and how a figure is written into
their Figures. Nothing here computes a figure: those come from performance (plans, plan_results) and indicators."""

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.models import IndicatorResult, IndicatorTarget
from indicators.selectors import target_or_nothing
from performance.achievement import Share
from performance.calculations import NOTHING
from performance.models import (
    Department,
    EvaluationEvidence,
    EvaluationReport,
    Programme,
    ProgrammeBudget,
    Strategy,
    Task,
    YearPlan,
)

from .base import DocumentUnavailable, Figures
from .figures import count, rate
from .hwpx import Cell, head
from .provenance import MOVED_APPROVED_FIGURES, report_records


def plan_of(subject, year: int | None) -> YearPlan:
    """The yearly plan a document is made of: `subject` itself (a YearPlan), or the plan of `year` of the same
    government when a year is given that differs. Refused in Korean when there is none."""
    if not isinstance(subject, YearPlan):
        raise DocumentUnavailable("year", _("연차별 세부계획을 고르세요."))
    if year is None or year == subject.year:
        return subject
    plan = YearPlan.objects.filter(local_government_id=subject.local_government_id, year=year).first()
    if plan is None:
        raise DocumentUnavailable("year", _("%(year)s년에는 연차별 세부계획이 없습니다.") % {"year": year})
    return plan


def year_ended(year: int, today: datetime.date | None = None) -> bool:
    """Whether the year is over (a results notice of a year still running is provisional, and not public)."""
    return (today or timezone.localdate()) > datetime.date(year, 12, 31)


@dataclass(frozen=True)
class PlanProvenance:
    as_of: datetime.datetime | None  # 기준일: the latest change to what the document shows
    includes_demo: bool


def _newest(history) -> datetime.datetime | None:
    return history.aggregate(newest=Max("history_date"))["newest"]


def plan_provenance(plan: YearPlan, *, results: bool = False, evaluation: bool = False) -> PlanProvenance:
    """기준일 of a plan document: the latest change to the plan (its status, 전략, 실천과제, 세부사업, budgets, indicator
    targets), and with `results` to the year's approved results (a report entering or leaving the approved state)
    and the indicators' figures of the year and the one before, and with `evaluation` to the written sections."""
    programmes = Programme.objects.filter(year_plan=plan).values("pk")
    moments = [
        _newest(YearPlan.history.filter(id=plan.pk)),
        _newest(Programme.history.filter(year_plan_id=plan.pk)),
        _newest(ProgrammeBudget.history.filter(programme_id__in=programmes)),
        _newest(Strategy.history.filter(year_plan_id=plan.pk)),
        _newest(Task.history.filter(strategy_id__in=Strategy.objects.filter(year_plan=plan).values("pk"))),
        _newest(IndicatorTarget.history.filter(year_plan_id=plan.pk)),
    ]
    if results:
        records = report_records(department__local_government_id=plan.local_government_id, year=plan.year)
        moments.append(_newest(records.filter(MOVED_APPROVED_FIGURES)))
        moments.append(
            _newest(
                IndicatorResult.history.filter(
                    local_government_id=plan.local_government_id, year__in=(plan.year - 1, plan.year)
                )
            )
        )
    if evaluation:
        moments.append(_newest(EvaluationReport.history.filter(year_plan_id=plan.pk)))
        report = EvaluationReport.objects.filter(year_plan=plan).values("pk")
        moments.append(_newest(EvaluationEvidence.history.filter(report_id__in=report)))
    demo = (
        plan.is_demo or Department.objects.filter(local_government_id=plan.local_government_id, is_demo=True).exists()
    )
    return PlanProvenance(max((m for m in moments if m is not None), default=None), demo)


def subtitle(plan: YearPlan) -> str:
    """The title block's second line: government, term, the plan's status and 공시일."""
    parts = [str(plan.local_government), plan.term.name, plan.get_status_display()]
    if plan.published_on:
        day = plan.published_on
        parts.append(_("공시일 %(date)s") % {"date": f"{day.year}. {day.month}. {day.day}."})
    return " · ".join(parts)


def filename(label: str, plan: YearPlan, suffix: str) -> str:
    """e.g. 연차별세부계획_금천구_2025년.pdf"""
    return f"{label}_{plan.local_government}_{plan.year}{_('년')}.{suffix}"


# ---- Parts the results notice and the results report both show ----


def result_figures(results) -> Figures:
    """The year's jobs (목표, 실적, 달성률, the quarter approved results reach), then by 부문 and by 대상."""
    total = results.total
    found: Figures = {
        _("일자리 목표(명)"): count(total.target),
        _("일자리 실적(명)"): total.cumulative,
        _("일자리 달성률"): rate(total.rate),
        _("승인된 실적"): _("%(quarter)s분기까지") % {"quarter": results.quarter} if results.quarter else NOTHING,
    }
    share_figures(found, _("부문별"), results.by_type)
    share_figures(found, _("대상별"), results.by_group)
    return found


def share_figures(found: Figures, part: str, shares) -> None:
    """목표, 실적 and 달성률 of each share, labelled "<part> <name> …" (the evaluation report reads them too)."""
    for share in shares:
        names = {"part": part, "label": share.label}
        found[_("%(part)s %(label)s 목표(명)") % names] = count(share.target)
        found[_("%(part)s %(label)s 실적(명)") % names] = share.cumulative
        found[_("%(part)s %(label)s 달성률") % names] = rate(share.rate)


def indicator_figures(found: Figures, indicators) -> None:
    for row in indicators:
        names = {"indicator": row.label}
        found[_("%(indicator)s 목표") % names] = target_or_nothing(row.target)
        found[_("%(indicator)s 전년 하반기") % names] = row.start.text
        found[_("%(indicator)s 상반기") % names] = row.first.text
        found[_("%(indicator)s 하반기") % names] = row.second.text
        found[_("%(indicator)s 증감") % names] = row.change_text
        found[_("%(indicator)s 달성 여부") % names] = row.cell.outcome_label or NOTHING


def shares_table(first: str, shares, total: Share | None) -> list[list]:
    rows = [[head(first), head(_("목표(명)")), head(_("실적(명)")), head(_("달성률"))]]
    rows += [[head(s.label), s.target, s.cumulative, rate(s.rate)] for s in shares]
    if total is not None:
        rows.append(
            [
                head(_("계")),
                Cell(total.target, total=True),
                Cell(total.cumulative, total=True),
                Cell(rate(total.rate), total=True),
            ]
        )
    return rows


def summary_table(results) -> list[list]:
    """구분 | 목표 | 실적 | 달성률 | 실적 기간: the year's jobs, with the quarter the approved results reach."""
    total = results.total
    through = _("%(quarter)s분기까지") % {"quarter": results.quarter} if results.quarter else None
    return [
        [head(_("구분")), head(_("목표(명)")), head(_("실적(명)")), head(_("달성률")), head(_("승인된 실적"))],
        [head(_("일자리 창출")), total.target, total.cumulative, rate(total.rate), Cell(through, align="CENTER")],
    ]


def indicator_table(indicators) -> list[list]:
    """지표 | 목표 | 실적 (전년 하반기, 상반기, 하반기) | 증감 | 달성 여부, the 실적 heading over its three columns."""
    if not indicators:
        return []
    year = indicators[0].year
    rows = [
        [
            head(_("지표"), rows=2),
            head(_("목표"), rows=2),
            head(_("실적"), cols=3),
            head(_("증감"), rows=2),
            head(_("달성 여부"), rows=2),
        ],
        [
            head(_("%(year)s년 하반기") % {"year": year - 1}),
            head(_("%(year)s년 상반기") % {"year": year}),
            head(_("%(year)s년 하반기") % {"year": year}),
        ],
    ]
    for row in indicators:
        rows.append(
            [
                head(row.label),
                Cell(row.target.text if row.target else None, align="RIGHT"),
                Cell(row.start.text, align="RIGHT"),
                Cell(row.first.text, align="RIGHT"),
                Cell(row.second.text, align="RIGHT"),
                Cell(row.change_text, align="RIGHT"),
                Cell(row.cell.outcome_label or None, align="CENTER"),
            ]
        )
    return rows


def marks(includes_demo: bool, provisional: bool, year: int) -> tuple[str, ...]:
    found = []
    if provisional:
        found.append(_("잠정: %(year)s년이 아직 끝나지 않아 수치가 바뀔 수 있습니다.") % {"year": year})
    if includes_demo:
        found.append(_("시연용 자료 · 부서별·세부사업별 배분과 실적은 예시입니다."))
    return tuple(found)


def footer(includes_demo: bool, provisional: bool) -> tuple[str, ...]:
    parts = [_("승인된 실적 기준"), _("단위: 명")]
    if provisional:
        parts.append(_("잠정"))
    if includes_demo:
        parts.append(_("시연용 자료"))
    return tuple(parts)


# ---- What is published (the public page's 공시 documents) ----

PUBLIC_KINDS = ("plan", "results-notice")
PUBLISHED = (YearPlan.Status.PUBLISHED, YearPlan.Status.REVISED)


def is_public(plan: YearPlan, slug: str, today: datetime.date | None = None) -> bool:
    """The one rule of what the public page offers: the plan notice of a published (or revised) plan; the results
    notice of such a plan once its year is over. The results report is for the evaluators, never public."""
    if slug not in PUBLIC_KINDS or plan.status not in PUBLISHED:
        return False
    return slug == "plan" or year_ended(plan.year, today)


def public_plans(government_id: int, today: datetime.date | None = None) -> list[tuple[YearPlan, tuple[str, ...]]]:
    """The government's published plans, newest first, each with the slugs of its public documents."""
    plans = YearPlan.objects.filter(local_government_id=government_id, status__in=PUBLISHED).order_by("-year")
    return [(plan, tuple(slug for slug in PUBLIC_KINDS if is_public(plan, slug, today))) for plan in plans]
