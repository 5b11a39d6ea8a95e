"""Reads of the indicators: one term's targets (term and yearly plans) and half-year results as one frozen object
that the indicators page, the dashboard's panel and the public page all show, in a constant number of queries.

The rule of an outcome lives here and nowhere else: a target is met when the result is at least its value — for
"raise to X" (목표치) and "keep at least X" (유지) alike. A yearly plan's result is its year's 하반기 figure (the
survey of October, the year's last); the term's is the latest published figure of the term. A half-year without a
figure is pending — "집계 중" until its usual publication month is over, "미발표" after — and never 0."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from performance.models import TermPlan, YearPlan
from performance.plans import default_year, plan_years

from . import reads
from .models import IndicatorResult, IndicatorTarget
from .values import (
    NOTHING,
    UNITS,
    Half,
    Indicator,
    TargetKind,
    expected_publication,
    figure,
    half_label,
    label_with_unit,
    target_text,
)

INDICATORS = (Indicator.EMPLOYMENT_RATE, Indicator.EMPLOYED)
PUBLIC_PLAN_STATUSES = (YearPlan.Status.PUBLISHED, YearPlan.Status.REVISED)


@dataclass(frozen=True)
class Target:
    indicator: str
    kind: str
    value: Decimal
    baseline_value: Decimal | None
    baseline_period: str  # "2022년 하반기", or "" when the baseline's period is not given

    @property
    def text(self) -> str:
        return target_text(self.kind, self.value, self.indicator)

    @property
    def kind_label(self) -> str:
        return TargetKind(self.kind).label

    @property
    def baseline_text(self) -> str:
        if self.baseline_value is None:
            return NOTHING
        value = figure(self.baseline_value, self.indicator)
        return f"{value} ({self.baseline_period})" if self.baseline_period else value


def target_or_nothing(target: Target | None) -> str:
    """A target as written (`Target.text`), or "—" where none is set: how the board and every document show it."""
    return target.text if target is not None else NOTHING


@dataclass(frozen=True)
class TargetCell:
    indicator: str
    target: Target | None
    result: Decimal | None  # the figure the target is measured by (None: not published yet)
    result_period: str

    @property
    def result_text(self) -> str:
        return figure(self.result, self.indicator)

    @property
    def outcome(self) -> str | None:
        """ "met", "missed", or None (no target, or nothing published to measure it by)."""
        if self.target is None or self.result is None:
            return None
        return "met" if self.result >= self.target.value else "missed"

    @property
    def outcome_label(self) -> str:
        if self.target is None:
            return ""
        labels = {"met": _("달성"), "missed": _("미달"), None: _("미발표")}
        return labels[self.outcome]


@dataclass(frozen=True)
class PlanRow:
    label: str
    year: int | None  # None: the term plan
    cells: tuple[TargetCell, ...]


@dataclass(frozen=True)
class ResultCell:
    indicator: str
    value: Decimal | None
    source: str
    published_on: datetime.date | None
    pending: str  # "집계 중 …" or "미발표" when there is no value

    @property
    def text(self) -> str:
        return figure(self.value, self.indicator) if self.value is not None else self.pending


@dataclass(frozen=True)
class HalfRow:
    year: int
    half: int
    cells: tuple[ResultCell, ...]

    @property
    def label(self) -> str:
        return half_label(self.year, self.half)


@dataclass(frozen=True)
class IndicatorBoard:
    term: TermPlan
    plans: tuple[PlanRow, ...]
    halves: tuple[HalfRow, ...]
    has_demo: bool

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(label_with_unit(indicator) for indicator in INDICATORS)

    @property
    def has_targets(self) -> bool:
        return any(cell.target for row in self.plans for cell in row.cells)

    @property
    def has_results(self) -> bool:
        return any(cell.value is not None for row in self.halves for cell in row.cells)


def pending_label(year: int, half: int, today: datetime.date) -> str:
    expected = expected_publication(year, half)
    if today <= expected:
        return _("집계 중(%(year)s년 %(month)s월 발표 예정)") % {"year": expected.year, "month": expected.month}
    return _("미발표")


def _target(target: IndicatorTarget | None) -> Target | None:
    if target is None:
        return None
    period = (
        half_label(target.baseline_year, target.baseline_half) if target.baseline_year and target.baseline_half else ""
    )
    if target.baseline_year and not target.baseline_half:
        period = _("%(year)s년") % {"year": target.baseline_year}
    return Target(target.indicator, target.kind, target.value, target.baseline_value, period)


def indicator_board(term: TermPlan, today: datetime.date, *, public: bool = False, plans=None) -> IndicatorBoard:
    """The term's indicator targets and results (two statements, `reads`; one when the caller has read the term's
    yearly plans, `plans`). `public`: only the yearly plans that are published (공시, 수정공시), and the term's own
    targets only once one of them is."""
    if plans is None:
        _term, plans = reads.term_with_plans(government_id=term.local_government_id, term_id=term.pk)
    if public:
        plans = [plan for plan in plans if plan.status in PUBLIC_PLAN_STATUSES]
    target_rows, result_rows = reads.term_figures(term)
    targets = {("term" if target.term_id else target.year_plan_id, target.indicator): target for target in target_rows}
    results = {(r.indicator, r.year, r.half): r for r in result_rows}
    halves = tuple(
        HalfRow(year, half, tuple(_result_cell(results.get((i, year, half)), i, year, half, today) for i in INDICATORS))
        for year in range(term.first_year, term.last_year + 1)
        for half in Half.values
    )
    latest = {i: _latest(results, i) for i in INDICATORS}
    rows = []
    if plans or not public:
        rows.append(
            PlanRow(
                _("%(term)s 임기 목표") % {"term": term.name},
                None,
                tuple(TargetCell(i, _target(targets.get(("term", i))), *latest[i]) for i in INDICATORS),
            )
        )
    for plan in plans:
        cells = []
        for i in INDICATORS:
            result = results.get((i, plan.year, Half.SECOND))
            cells.append(
                TargetCell(
                    i, _target(targets.get((plan.pk, i))), result.value if result else None, half_label(plan.year, 2)
                )
            )
        rows.append(PlanRow(_("%(year)s년 세부계획") % {"year": plan.year}, plan.year, tuple(cells)))
    return IndicatorBoard(term, tuple(rows), halves, any(r.is_demo for r in results.values()))


def _latest(results: dict, indicator: str) -> tuple[Decimal | None, str]:
    found = [r for (i, _y, _h), r in results.items() if i == indicator]
    if not found:
        return None, ""
    last = max(found, key=lambda r: (r.year, r.half))
    return last.value, half_label(last.year, last.half)


def _result_cell(result: IndicatorResult | None, indicator, year, half, today) -> ResultCell:
    if result is None:
        return ResultCell(indicator, None, "", None, pending_label(year, half, today))
    return ResultCell(indicator, result.value, result.source, result.published_on, "")


def panel_board(government_id: int, year: int | None, today: datetime.date, *, public: bool = False):
    """The board of the term whose years hold `year` (None: the page's default year), as the dashboard's and the
    public page's panel show it; None without such a term. Two statements."""
    if year is None:
        year = default_year(plan_years(government_id), today)
    term, plans = reads.term_with_plans(government_id=government_id, year=year) if year is not None else (None, [])
    return indicator_board(term, today, public=public, plans=plans) if term else None


def term_for_year(government_id: int, year: int | None, today: datetime.date) -> TermPlan | None:
    """The term plan whose years hold `year` (None: the page's default year, `performance.plans.default_year`)."""
    if year is None:
        year = default_year(plan_years(government_id), today)
    if year is None:
        return None
    return (
        TermPlan.objects.filter(local_government_id=government_id, first_year__lte=year, last_year__gte=year)
        .order_by("-first_year")
        .first()
    )


@dataclass(frozen=True)
class YearIndicator:
    """One indicator over a plan's year, for the plan's documents: the year's target, the figure the year starts from
    (the previous year's 하반기), its two half-years, and the change over the year (하반기 against the previous
    하반기; None while either is not published — pending, never 0)."""

    indicator: str
    year: int
    target: Target | None
    start: ResultCell
    first: ResultCell
    second: ResultCell

    @property
    def label(self) -> str:
        return label_with_unit(self.indicator)

    @property
    def change(self) -> Decimal | None:
        if self.start.value is None or self.second.value is None:
            return None
        return self.second.value - self.start.value

    @property
    def change_text(self) -> str:
        """+0.7%p · −1.2천명; "—" while the change cannot be told."""
        change = self.change
        if change is None:
            return NOTHING
        unit = "%p" if self.indicator == Indicator.EMPLOYMENT_RATE else str(UNITS[Indicator(self.indicator)])
        sign = "+" if change > 0 else ("−" if change < 0 else "")
        return f"{sign}{abs(change):,.1f}{unit}"

    @property
    def cell(self) -> TargetCell:
        """The year's target measured by its 하반기 figure (the outcome rule of `TargetCell`)."""
        return TargetCell(self.indicator, self.target, self.second.value, half_label(self.year, Half.SECOND))


def year_indicators(plan: YearPlan, today: datetime.date) -> tuple[YearIndicator, ...]:
    """The plan's indicator targets and its year's half-year results (two queries)."""
    targets = {t.indicator: t for t in IndicatorTarget.objects.filter(year_plan=plan)}
    results = {
        (r.indicator, r.year, r.half): r
        for r in IndicatorResult.objects.filter(
            local_government_id=plan.local_government_id, year__in=(plan.year - 1, plan.year)
        )
    }

    def cell(indicator, year, half) -> ResultCell:
        return _result_cell(results.get((indicator, year, half)), indicator, year, half, today)

    return tuple(
        YearIndicator(
            indicator,
            plan.year,
            _target(targets.get(indicator)),
            cell(indicator, plan.year - 1, Half.SECOND),
            cell(indicator, plan.year, Half.FIRST),
            cell(indicator, plan.year, Half.SECOND),
        )
        for indicator in INDICATORS
    )
