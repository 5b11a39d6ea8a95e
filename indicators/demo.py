"""DEMO: the indicators' targets and results of fixtures/demo_indicators.json (invented, marked demo). Like the
rest of the seed it only creates what is missing and never changes an existing row."""

import datetime
import json
from decimal import Decimal

from django.conf import settings

from performance.models import LocalGovernment, TermPlan, YearPlan

from .models import IndicatorResult, IndicatorTarget
from .values import Half, Indicator

DEMO_FILE = settings.BASE_DIR / "fixtures" / "demo_indicators.json"
REASON = "시연용 자료"
SOURCE = "통계청 지역별고용조사(시연용 자료)"


def _publication(year: int, half: int) -> datetime.date:
    return datetime.date(year, 8, 20) if half == Half.FIRST else datetime.date(year + 1, 2, 20)


def _target(government, plan, indicator, kind, value, baseline=None, baseline_year=None, baseline_half=None) -> int:
    lookup = {"term": plan} if isinstance(plan, TermPlan) else {"year_plan": plan}
    if IndicatorTarget.objects.filter(indicator=indicator, **lookup).exists():
        return 0
    target = IndicatorTarget(
        local_government=government,
        indicator=indicator,
        kind=kind,
        value=Decimal(value),
        baseline_value=Decimal(baseline) if baseline else None,
        baseline_year=baseline_year,
        baseline_half=baseline_half,
        **lookup,
    )
    target._change_reason = REASON
    target.save()
    return 1


def seed_demo_indicators(government: LocalGovernment) -> int:
    """Create the demo targets and results that are missing; returns how many rows were created."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    created = 0
    for name, indicators in data["terms"].items():
        term = TermPlan.objects.filter(local_government=government, name=name).first()
        for indicator, spec in indicators.items():
            if term is not None:
                created += _target(government, term, indicator, *spec)
    plans = {plan.year: plan for plan in YearPlan.objects.filter(local_government=government)}
    for year, indicators in data["years"].items():
        for indicator, spec in indicators.items():
            if int(year) in plans:
                created += _target(government, plans[int(year)], indicator, *spec)
    stored = set(IndicatorResult.objects.filter(local_government=government).values_list("indicator", "year", "half"))
    for year, half, rate, employed in data["results"]:
        for indicator, value in ((Indicator.EMPLOYMENT_RATE, rate), (Indicator.EMPLOYED, employed)):
            if (indicator, year, half) in stored:
                continue
            result = IndicatorResult(
                local_government=government,
                indicator=indicator,
                year=year,
                half=half,
                value=Decimal(value),
                source=SOURCE,
                published_on=_publication(year, half),
                is_demo=True,
            )
            result._change_reason = REASON
            result.save()
            created += 1
    return created
