"""The pledge card (공약 이행 카드) as one object: the web page, the PDF and the xlsx all read it and
never compute anything themselves."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from budget.selectors import Amounts, BudgetMatrix, budget_matrix
from performance import selectors as results
from performance.calculations import year_period_label
from performance.funding import SHORT_LABELS
from performance.models import Department, Pledge, PledgeAuthor, PledgeProgramme
from performance.plans import default_year, pledge_years

from .provenance import document_provenance

# `{세부사업명}` in 향후계획's text stands for that programme's target of the card's year: inside brackets with its
# unit, "공공근로({공공근로}개)", or on its own with the unit attached, "{일자리센터 운영}명".
BRACKETED_PLACEHOLDER = re.compile(r"\(\{([^{}]+)\}([^(){}]*)\)")
PLACEHOLDER = re.compile(r"\{([^{}]+)\}([가-힣]*)")


@dataclass(frozen=True)
class ProgressItem:
    year: int
    month: int
    text: str
    result_lines: tuple[str, ...] = ()
    generated: bool = False


@dataclass(frozen=True)
class ProgressGroup:
    heading: str
    items: tuple[ProgressItem, ...]


@dataclass(frozen=True)
class PlanItem:
    level: int
    text: str
    is_group_heading: bool = False
    group_target: int | None = None


@dataclass(frozen=True)
class GroupShare:
    name: str
    jobs: int


@dataclass(frozen=True)
class PledgeCard:
    pledge: Pledge
    year: int
    target: int | None
    plan_years: tuple[tuple[int, int], ...]
    budget: BudgetMatrix
    progress: tuple[ProgressGroup, ...]
    future_plan: tuple[PlanItem, ...]
    group_split: tuple[GroupShare, ...]
    authors: tuple[PledgeAuthor, ...]
    collaborating_departments: int
    as_of: datetime.datetime | None
    years: tuple[int, ...]
    includes_demo: bool = False
    # 세부사업 of the card's year that other pledges draw on too, with those pledges' codes: their results count in
    # each pledge, and each card says so.
    shared: tuple[tuple[str, tuple[str, ...]], ...] = ()
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def year_budget(self) -> dict[str, Amounts | None]:
        """소요예산 of the card's year by source, with "total"."""
        return self.budget.year(self.year)

    @property
    def year_budget_by_source(self) -> tuple[tuple[str, Amounts | None], ...]:
        """소요예산 of the card's year for each of the government's sources, in its order, as the card abbreviates
        them ("국", "시", "구")."""
        budget = self.year_budget
        return tuple((str(SHORT_LABELS[source]), budget.get(source)) for source, _label in self.budget.sources)

    @property
    def total_cost(self) -> int:
        """총사업비: everything secured over all years, as the card's 투자수요 total."""
        return self.budget.grand_total.secured

    @property
    def group_split_total(self) -> int:
        return sum(share.jobs for share in self.group_split)


class UnknownCardYear(ValueError):
    pass


def card_years(pledge: Pledge, targets: dict[int, int] | None = None) -> list[int]:
    """The years a card can be made for: those with a job target and a plan the pledge draws on (`targets`: the
    pledge's `annual_targets`, when the caller has read them)."""
    targets = results.annual_targets(pledge) if targets is None else targets
    return sorted(set(targets) & set(pledge_years(pledge)))


def pledge_card(pledge: Pledge, year: int | None = None) -> PledgeCard:
    """Everything the card for `year` shows, read once from live data.

    Without a year: the latest of the card's years (`card_years`) that has begun.
    """
    plan_years = results.annual_targets(pledge)
    periods = results.period_results(pledge, plan_years)
    years = card_years(pledge, plan_years)
    if year is None:
        year = default_year(years, timezone.localdate())
    if year not in years:
        raise UnknownCardYear(_("%(year)s년에는 일자리 목표가 없어 카드를 만들 수 없습니다.") % {"year": year})
    programme_targets = results.programme_targets(pledge, year)
    group_targets = results.group_targets(pledge, year)
    groups = {target.target_group_id: target.jobs for target in group_targets}
    # The card shows approved results through its year, every year's targets, the whole budget and its own text.
    provenance = document_provenance(pledge, results_through=(year, 4), targets=True, budget=True, card_text=True)
    return PledgeCard(
        pledge=pledge,
        year=year,
        target=plan_years[year],
        plan_years=tuple(plan_years.items()),
        budget=budget_matrix(pledge),
        progress=progress_groups(pledge, year, periods),
        future_plan=tuple(
            PlanItem(
                item.level,
                fill_programme_targets(item.text, programme_targets),
                item.target_group_id is not None,
                groups.get(item.target_group_id),
            )
            for item in pledge.future_plan.all()
        ),
        group_split=tuple(GroupShare(t.target_group.name, t.jobs) for t in group_targets),
        authors=tuple(pledge.authors.all()),
        collaborating_departments=Department.objects.filter(
            programmes__pledge_links__pledge=pledge, programmes__year_plan__year=year
        )
        .distinct()
        .count(),
        as_of=provenance.as_of,
        years=tuple(years),
        includes_demo=provenance.includes_demo,
        shared=shared_programmes(pledge, year),
    )


def shared_programmes(pledge: Pledge, year: int) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The pledge's 세부사업 of `year` that other pledges also draw on, each with their codes (one query)."""
    rows = (
        PledgeProgramme.objects.filter(programme__pledge_links__pledge=pledge, programme__year_plan__year=year)
        .exclude(pledge=pledge)
        .order_by("programme__department__sort_order", "programme__sort_order", "programme__name", "pledge__code")
        .values_list("programme__name", "pledge__code")
    )
    shared: dict[str, list[str]] = {}
    for name, code in rows:
        shared.setdefault(name, []).append(code)
    return tuple((name, tuple(codes)) for name, codes in shared.items())


def fill_programme_targets(text: str, targets: dict[str, int]) -> str:
    """Replace `{세부사업명}` with that programme's target for the year. A programme without one leaves no mark: its
    brackets go ("공공근로({공공근로}개), 자활근로" → "공공근로, 자활근로"), or the placeholder with its unit."""

    def bracketed(match) -> str:
        name, unit = match[1], match[2]
        return f"({targets[name]:,}{unit})" if name in targets else ""

    def bare(match) -> str:
        name, unit = match[1], match[2]
        return f"{targets[name]:,}{unit}" if name in targets else ""

    filled = PLACEHOLDER.sub(bare, BRACKETED_PLACEHOLDER.sub(bracketed, text))
    if filled == text:
        return text
    return re.sub(r"\s+([,.)])", r"\1", re.sub(r"\s{2,}", " ", filled)).strip()


def result_line(period: results.PeriodResult) -> str:
    """ "2019년 1분기 실적 4,469명(달성률 50.2%)", generated from the approved figures."""
    rate = _("달성률 %(rate)s%%") % {"rate": period.rate} if period.rate is not None else _("목표 없음")
    return _("%(period)s 실적 %(jobs)s명(%(rate)s)") % {
        "period": year_period_label(period.year, period.quarter),
        "jobs": f"{period.cumulative:,}",
        "rate": rate,
    }


def report_month(year: int, quarter: int) -> tuple[int, int]:
    """The month a quarter's result is reported when no typed entry says otherwise: the next one."""
    return (year + 1, 1) if quarter == 4 else (year, quarter * 3 + 1)


def progress_groups(pledge: Pledge, year: int, periods: list[results.PeriodResult]) -> tuple[ProgressGroup, ...]:
    """추진실적 up to the card's year, grouped by quarter, with the result lines generated in place.

    A typed entry that reports a period (result_year/quarter) gets that period's line beneath it;
    a period with approved figures but no such entry gets an entry of its own in the month after it.
    """
    periods = {(p.year, p.quarter): p for p in periods if p.year <= year}
    items = []
    for entry in pledge.progress_entries.all():
        period = periods.pop((entry.result_year, entry.result_quarter), None)
        if entry.year > year and period is None:
            continue
        lines = (result_line(period),) if period else ()
        items.append((entry.year, entry.month, 0, ProgressItem(entry.year, entry.month, entry.text, lines)))
    for period in periods.values():
        entry_year, month = report_month(period.year, period.quarter)
        text = _("%(period)s 일자리창출 실적 보고") % {"period": year_period_label(period.year, period.quarter)}
        items.append((entry_year, month, 1, ProgressItem(entry_year, month, text, (result_line(period),), True)))
    items.sort(key=lambda item: item[:3])
    grouped: dict[str, list[ProgressItem]] = {}
    for entry_year, month, _order, item in items:
        heading = _("%(yy)02d년 %(quarter)s분기") % {"yy": entry_year % 100, "quarter": (month - 1) // 3 + 1}
        grouped.setdefault(heading, []).append(item)
    return tuple(ProgressGroup(heading, tuple(group)) for heading, group in grouped.items())


def card_filename(card: PledgeCard, suffix: str) -> str:
    """공약이행카드_지역경제-11_2021.pdf"""
    return _("공약이행카드_%(code)s_%(year)s.%(suffix)s") % {
        "code": card.pledge.code,
        "year": card.year,
        "suffix": suffix,
    }
