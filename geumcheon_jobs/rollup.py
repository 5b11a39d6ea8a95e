"""Reads across governments: the public index of governments and the 시·도 supervisor's roll-up of the governments
under it. Nothing here writes; every query names the governments it reads (the supervisor's 시·도's children)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from performance.calculations import rate
from performance.models import LocalGovernment, Pledge, Programme, QuarterlyReportLine, YearPlan
from performance.plans import default_year


@dataclass(frozen=True)
class IndexGroup:
    region: LocalGovernment | None  # the 시·도 (None: governments without one)
    governments: tuple[LocalGovernment, ...]


def public_index() -> tuple[IndexGroup, ...]:
    """Every government that publishes a pledge, grouped under its 시·도 (groups and governments by name)."""
    with_pledges = Pledge.objects.values("local_government")
    governments = LocalGovernment.objects.filter(pk__in=with_pledges).select_related("parent").order_by("name")
    by_region = defaultdict(list)
    for government in governments:
        by_region[government.parent].append(government)
    regions = sorted(by_region, key=lambda region: (region is None, region.name if region else ""))
    return tuple(IndexGroup(region, tuple(by_region[region])) for region in regions)


@dataclass(frozen=True)
class Figures:
    """Jobs target (the sum of the year's active 세부사업 targets), approved results of the year and the rate."""

    target: int
    results: int

    @property
    def rate(self) -> Decimal | None:
        return rate(self.results, self.target)


@dataclass(frozen=True)
class GovernmentRow:
    government: LocalGovernment
    plan: YearPlan | None  # None: no plan of that year (no figures shown as if empty)
    figures: Figures | None


@dataclass(frozen=True)
class RegionRollup:
    region: LocalGovernment
    year: int | None
    years: tuple[int, ...]
    rows: tuple[GovernmentRow, ...]
    total: Figures
    by_type: tuple[tuple[str, Figures], ...]  # 부문 by name, over every government with a plan of the year
    by_group: tuple[tuple[str, Figures], ...]  # 대상 by name


def region_rollup(region: LocalGovernment, year: int | None, today: datetime.date) -> RegionRollup:
    """The 시·도's 시·군·구 for `year` (None: the latest plan year begun): each government's plan, target, approved
    results and rate, and the totals by 부문 and 대상 (lists are each government's own: items are added up by name).
    Only approved results count. Five queries whatever the number of governments."""
    governments = list(LocalGovernment.objects.filter(parent=region).order_by("name"))
    ids = [government.pk for government in governments]
    years = sorted(set(YearPlan.objects.filter(local_government__in=ids).values_list("year", flat=True)))
    year = year if year is not None else default_year(years, today)
    plans = {plan.local_government_id: plan for plan in YearPlan.objects.filter(local_government__in=ids, year=year)}
    keys = ("year_plan__local_government", "programme_type__name", "target_group__name")
    targets = (
        Programme.objects.filter(year_plan__local_government__in=ids, year_plan__year=year, is_active=True)
        .values(*keys)
        .annotate(total=Sum("jobs_target"))
        .order_by()
    )
    results = (
        QuarterlyReportLine.objects.approved()
        .filter(programme__year_plan__local_government__in=ids, programme__year_plan__year=year)
        .values(*(f"programme__{key}" for key in keys))
        .annotate(total=Sum("jobs"))
        .order_by()
    )
    cells = defaultdict(lambda: [0, 0])  # (government, 부문, 대상) → [target, results]
    for row in targets:
        cells[tuple(row[key] for key in keys)][0] += row["total"] or 0
    for row in results:
        cells[tuple(row[f"programme__{key}"] for key in keys)][1] += row["total"] or 0
    rows = tuple(
        GovernmentRow(g, plans.get(g.pk), _sum(cells, lambda key, g=g: key[0] == g.pk) if g.pk in plans else None)
        for g in governments
    )
    return RegionRollup(
        region=region,
        year=year,
        years=tuple(years),
        rows=rows,
        total=_sum(cells, lambda key: True),
        by_type=_by(cells, 1),
        by_group=_by(cells, 2),
    )


def _sum(cells, keep) -> Figures:
    chosen = [value for key, value in cells.items() if keep(key)]
    return Figures(sum(target for target, _ in chosen), sum(result for _, result in chosen))


def _by(cells, position: int) -> tuple[tuple[str, Figures], ...]:
    names = sorted({key[position] for key in cells})
    return tuple((name, _sum(cells, lambda key, name=name: key[position] == name)) for name in names)
