"""Changes to the indicators' targets and results: the lead department only, with a reason, refused when the
form was built before someone else's change (the changes since are listed), kept in the history with who and
why, and the results revision bumped so that a cached dashboard shows the new figures."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from performance.access import can_edit_indicators
from performance.models import LocalGovernment, TermPlan, YearPlan
from performance.revision import revision_bump

from .history import indicator_changes, latest_change
from .models import IndicatorResult, IndicatorTarget
from .values import half_label

NOT_ALLOWED = _("고용지표의 목표와 실적은 일자리창출과 검토자만 바꿀 수 있습니다.")
REASON_REQUIRED = _("바꾼 사유를 입력하세요. 변경 이력에 남습니다. 아무것도 저장하지 않았습니다.")
OTHER_PLAN = _("다른 지자체나 다른 종합계획의 계획에는 목표를 정할 수 없습니다.")
NOT_ENDED = _("%(period)s는 아직 끝나지 않은 반기라 실적을 입력할 수 없습니다.")


@dataclass(frozen=True)
class TargetInput:
    kind: str
    value: Decimal
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    baseline_half: int | None = None


@dataclass(frozen=True)
class ResultInput:
    value: Decimal
    source: str
    published_on: datetime.date | None = None


class Stale(Exception):
    """Someone changed the same figures after the form was built: nothing is written."""

    def __init__(self, changes):
        super().__init__("stale indicators")
        self.changes = changes


class Refused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


def _begin(government: LocalGovernment, user, model, seen: int) -> None:
    if not can_edit_indicators(user):
        raise PermissionDenied(NOT_ALLOWED)
    LocalGovernment.objects.select_for_update().get(pk=government.pk)  # one editor of its indicators at a time
    if latest_change(government.pk, model) != seen:
        kind = "targets" if model is IndicatorTarget else "results"
        raise Stale(indicator_changes(government.pk, **{f"{kind}_since": seen, "only": kind}))


def _finish(government: LocalGovernment, changed: int) -> None:
    if changed:
        revision_bump(government)  # the dashboard's cached page shows the indicators too


def _plan_key(plan: TermPlan | YearPlan) -> tuple[str, int]:
    return ("term" if isinstance(plan, TermPlan) else "year", plan.pk)


def _write(obj, user, reason: str) -> None:
    obj._history_user, obj._change_reason = user, reason
    obj.full_clean()
    obj.save()


def _remove(obj, user, reason: str) -> None:
    obj._history_user, obj._change_reason = user, reason
    obj.delete()


TARGET_FIELDS = ("kind", "value", "baseline_value", "baseline_year", "baseline_half")


def _target_differs(target: IndicatorTarget | None, wanted: TargetInput | None) -> bool:
    if target is None or wanted is None:
        return (target is None) != (wanted is None)
    return any(getattr(target, name) != getattr(wanted, name) for name in TARGET_FIELDS)


@transaction.atomic
def indicator_targets_save(
    *, government: LocalGovernment, term: TermPlan, values: dict, user, seen: int, reason: str = ""
) -> int:
    """Set the targets of the term plan and its yearly plans to `values`, keyed (plan, indicator) with plan a
    TermPlan or a YearPlan of that term; None removes a target. Returns how many changed (0: none, no reason
    needed). A change needs a reason; a form built before another change raises `Stale`."""
    _begin(government, user, IndicatorTarget, seen)
    years = {plan.pk: plan for plan in YearPlan.objects.filter(term=term)}
    if term.local_government_id != government.pk or any(
        isinstance(plan, YearPlan) and plan.pk not in years for plan, _indicator in values
    ):
        raise PermissionDenied(OTHER_PLAN)
    existing = {
        (("term", target.term_id) if target.term_id else ("year", target.year_plan_id), target.indicator): target
        for target in IndicatorTarget.objects.filter(
            Q(term=term) | Q(year_plan__term=term), local_government=government
        )
    }
    changes = []
    for (plan, indicator), wanted in values.items():
        key = (_plan_key(plan), indicator)
        if _target_differs(existing.get(key), wanted):
            changes.append((plan, indicator, existing.get(key), wanted))
    reason = reason.strip()
    if changes and not reason:
        raise Refused(REASON_REQUIRED)
    for plan, indicator, target, wanted in changes:
        if wanted is None:
            _remove(target, user, reason)
            continue
        if target is None:
            target = IndicatorTarget(local_government=government, indicator=indicator)
            target.term, target.year_plan = (plan, None) if isinstance(plan, TermPlan) else (None, plan)
        for name in TARGET_FIELDS:
            setattr(target, name, getattr(wanted, name))
        _write(target, user, reason)
    _finish(government, len(changes))
    return len(changes)


def half_ended(year: int, half: int, today: datetime.date) -> bool:
    """A half-year's survey can only be published once the half is over."""
    return today > datetime.date(year, 6, 30) if half == 1 else today.year > year


@transaction.atomic
def indicator_results_save(
    *,
    government: LocalGovernment,
    values: dict,
    user,
    seen: int,
    reason: str = "",
    today: datetime.date,
    is_demo: bool = False,
) -> int:
    """Set half-year results: `values` keyed (indicator, year, half) → `ResultInput`, or None to remove one (a
    figure entered by mistake). Periods not named are left as they are. All or nothing; returns how many changed."""
    _begin(government, user, IndicatorResult, seen)
    for _indicator, year, half in values:
        if not half_ended(year, half, today):
            raise Refused(NOT_ENDED % {"period": half_label(year, half)})
    existing = {
        (r.indicator, r.year, r.half): r
        for r in IndicatorResult.objects.filter(local_government=government, year__in={y for _i, y, _h in values})
    }
    changes = []
    for key, wanted in values.items():
        result = existing.get(key)
        if wanted is None:
            if result is not None:
                changes.append((key, result, None))
        elif result is None or (result.value, result.source, result.published_on) != (
            wanted.value,
            wanted.source,
            wanted.published_on,
        ):
            changes.append((key, result, wanted))
    reason = reason.strip()
    if changes and not reason:
        raise Refused(REASON_REQUIRED)
    for (indicator, year, half), result, wanted in changes:
        if wanted is None:
            _remove(result, user, reason)
            continue
        result = result or IndicatorResult(
            local_government=government, indicator=indicator, year=year, half=half, is_demo=is_demo
        )
        result.value, result.source, result.published_on = wanted.value, wanted.source, wanted.published_on
        _write(result, user, reason)
    _finish(government, len(changes))
    return len(changes)
