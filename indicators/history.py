"""Who changed the indicators' targets and results, when, how (old → new) and why; and the token of the latest
change, with which a form built before someone else's change is recognised."""

from django.db.models import Max
from django.utils.translation import gettext as _

from performance.models import TermPlan, YearPlan
from performance.reporting import HistoryEntry, history_who

from .models import IndicatorResult, IndicatorTarget
from .values import figure, half_label, target_text


def latest_change(government_id: int, model) -> int:
    """The last history id of the government's rows of `model`: history ids only grow, so a form that saw an
    older one is stale."""
    return model.history.filter(local_government_id=government_id).aggregate(latest=Max("history_id"))["latest"] or 0


def _target_text(record) -> str:
    return target_text(record.kind, record.value, record.indicator)


def _result_text(record) -> str:
    return figure(record.value, record.indicator)


def _target_scope(record, plans: dict) -> str:
    plan = plans.get(("term", record.term_id)) if record.term_id else plans.get(("year", record.year_plan_id))
    return f"{plan or ''} {record.get_indicator_display()} {_('목표')}".strip()


def _result_scope(record, _plans) -> str:
    return f"{half_label(record.year, record.half)} {record.get_indicator_display()}"


def _entries(records, earlier: dict, text, scope, plans) -> list[HistoryEntry]:
    entries = []
    for record in records:
        before = [r for r in earlier.get(record.id, []) if r.history_id < record.history_id]
        previous = max(before, key=lambda r: r.history_id) if before else None
        if record.history_type == "-":
            change = _("%(value)s → 삭제") % {"value": text(record)}
        elif previous is not None:
            change = f"{text(previous)} → {text(record)}"
            if text(previous) == text(record):
                change = _("%(value)s (출처·기준값 등 수정)") % {"value": text(record)}
        else:
            change = _("%(value)s 입력") % {"value": text(record)}
        entries.append(
            HistoryEntry(
                record.history_date,
                history_who(record),
                scope(record, plans),
                (change,),
                record.history_change_reason or "",
            )
        )
    return entries


def _history_of(model, government_id: int, since: int, limit: int):
    """The latest `limit` records after `since`, and the earlier records of the same rows (for old values)."""
    records = list(
        model.history.filter(local_government_id=government_id, history_id__gt=since)
        .select_related("history_user")
        .order_by("-history_id")[:limit]
    )
    earlier: dict[int, list] = {}
    if records:
        newest = records[0].history_id
        ids = {record.id for record in records}
        for record in model.history.filter(id__in=ids, history_id__lt=newest):
            earlier.setdefault(record.id, []).append(record)
    return records, earlier


def indicator_changes(
    government_id: int, *, targets_since: int = 0, results_since: int = 0, only: str | None = None, limit: int = 20
) -> list[HistoryEntry]:
    """Changes to the government's indicator targets and results after the given tokens, newest first."""
    entries = []
    if only in (None, "targets"):
        records, earlier = _history_of(IndicatorTarget, government_id, targets_since, limit)
        plans = {("term", t.pk): t.name for t in TermPlan.objects.filter(local_government_id=government_id)}
        plans |= {("year", p.pk): str(p) for p in YearPlan.objects.filter(local_government_id=government_id)}
        entries += _entries(records, earlier, _target_text, _target_scope, plans)
    if only in (None, "results"):
        records, earlier = _history_of(IndicatorResult, government_id, results_since, limit)
        entries += _entries(records, earlier, _result_text, _result_scope, {})
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]
