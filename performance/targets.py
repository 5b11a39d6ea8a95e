"""The year's job targets (연간 목표) the lead department sets: the district's total, each target group's share
and each programme's. A read for the page (`target_sheet`), one service for the change (`targets_save`) and the
changes since a form was built, for the stale-form message and the page's history."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import can_set_targets
from .models import AnnualTarget, Department, Pledge, Programme, TargetGroup
from .reporting import HistoryEntry, figure_change, history_who

NOT_ALLOWED = gettext_lazy("연간 목표는 일자리창출과 검토자만 정할 수 있습니다.")
GROUPS_DIFFER = gettext_lazy("계층별 목표의 합(%(groups)s명)이 연간 목표(%(total)s명)와 다릅니다.")
PROGRAMMES_ABOVE = gettext_lazy("세부사업 목표의 합(%(programmes)s명)이 연간 목표(%(total)s명)보다 많습니다.")
REASON_REQUIRED = gettext_lazy("목표를 바꾼 사유를 입력하세요. 변경 이력에 남습니다. 아무것도 저장하지 않았습니다.")

TOTAL = ("total", 0)


def group_key(group_id: int) -> tuple[str, int]:
    return ("group", group_id)


def programme_key(programme_id: int) -> tuple[str, int]:
    return ("programme", programme_id)


def _key(target: AnnualTarget) -> tuple[str, int]:
    return group_key(target.target_group_id) if target.target_group_id else TOTAL


@dataclass(frozen=True)
class DepartmentTargets:
    department: Department
    programmes: tuple[tuple[Programme, int | None], ...]

    @property
    def total(self) -> int:
        return sum(jobs or 0 for _programme, jobs in self.programmes)


@dataclass(frozen=True)
class TargetSheet:
    """One year's targets as the page shows them; every sum is computed here, none is stored."""

    pledge: Pledge
    year: int
    total: int | None
    groups: tuple[tuple[TargetGroup, int | None], ...]
    departments: tuple[DepartmentTargets, ...]
    seen: (
        str  # the latest changes the sheet includes (see `_latest_change`): a form built from it is stale after another
    )

    @property
    def group_sum(self) -> int:
        return sum(jobs or 0 for _group, jobs in self.groups)

    @property
    def programme_sum(self) -> int:
        return sum(department.total for department in self.departments)

    @property
    def warnings(self) -> list[str]:
        """Shown beside the figures, never refusing: a plan may be written a piece at a time."""
        found = []
        groups_set = any(jobs is not None for _group, jobs in self.groups)
        if self.total is not None and groups_set and self.group_sum != self.total:
            found.append(GROUPS_DIFFER % {"groups": f"{self.group_sum:,}", "total": f"{self.total:,}"})
        if self.total is not None and self.programme_sum > self.total:
            found.append(PROGRAMMES_ABOVE % {"programmes": f"{self.programme_sum:,}", "total": f"{self.total:,}"})
        return found


def _pledge_programmes(pledge: Pledge, year: int):
    """The 세부사업 of the year's plan the pledge draws on."""
    return Programme.objects.filter(pledge_links__pledge=pledge, year_plan__year=year)


def _latest_change(pledge: Pledge, year: int) -> str:
    """A token of the latest change to the year's targets: the last history id of the pledge's own targets and
    that of its 세부사업 (whose targets belong to the plan), e.g. "120.455". History ids only grow, so the token
    differs from an older one exactly when something has changed since."""
    own = AnnualTarget.history.filter(pledge_id=pledge.pk, year=year).aggregate(latest=Max("history_id"))
    ids = _pledge_programmes(pledge, year).values("pk")
    programmes = Programme.history.filter(id__in=ids).aggregate(latest=Max("history_id"))
    return f"{own['latest'] or 0}.{programmes['latest'] or 0}"


def _seen_parts(seen: str) -> tuple[int, int]:
    own, _dot, programmes = seen.partition(".")
    return int(own or 0), int(programmes or 0)


def target_sheet(pledge: Pledge, year: int, user) -> TargetSheet:
    """The year's targets: the total and the groups for everyone who may read targets; the programmes of the
    departments the person may see (`visible_to`), by department."""
    targets = {_key(t): t.jobs for t in AnnualTarget.objects.filter(pledge=pledge, year=year)}
    programmes = (
        _pledge_programmes(pledge, year)
        .visible_to(user)
        .filter(is_active=True)
        .select_related("department", "programme_type")
        .order_by("department__sort_order", "department__name", "sort_order", "name")
    )
    by_department: dict[int, list] = defaultdict(list)
    departments = {}
    for programme in programmes:
        departments[programme.department_id] = programme.department
        by_department[programme.department_id].append((programme, programme.jobs_target))
    return TargetSheet(
        pledge=pledge,
        year=year,
        total=targets.get(TOTAL),
        groups=tuple(
            (g, targets.get(group_key(g.pk)))
            for g in TargetGroup.objects.filter(local_government_id=pledge.local_government_id).order_by("sort_order")
        ),
        departments=tuple(DepartmentTargets(departments[pk], tuple(rows)) for pk, rows in by_department.items()),
        seen=_latest_change(pledge, year),
    )


class StaleTargets(Exception):
    def __init__(self, changes: list[HistoryEntry]):
        super().__init__("stale targets")
        self.changes = changes


class ReasonRequired(Exception):
    """A change to the targets without a reason: every change keeps who, when, old → new and why."""

    def __init__(self):
        super().__init__("reason required")
        self.message = REASON_REQUIRED


def _differs(target: AnnualTarget | None, jobs: int | None) -> bool:
    return jobs is not None if target is None else target.jobs != jobs


@transaction.atomic
def targets_save(
    *, pledge: Pledge, year: int, values: dict[tuple[str, int], int | None], user, seen: str, reason: str = ""
) -> int:
    """Set the year's targets to `values` (None: no target), keeping each change's history with who and why.

    `seen` is the latest change the person's form included; if anyone changed a target of this year since,
    nothing is written and `StaleTargets` lists what they changed. A change needs a reason (`ReasonRequired`,
    nothing written); values equal to the stored ones write nothing and need none. Returns how many targets
    changed (0: none)."""
    if not can_set_targets(user):
        raise PermissionDenied(NOT_ALLOWED)
    Pledge.objects.select_for_update().get(pk=pledge.pk)  # one editor of a pledge's targets at a time
    if _latest_change(pledge, year) != seen:
        raise StaleTargets(target_changes(pledge, year, since=seen))
    _check_scopes(pledge, year, values)
    existing = {_key(t): t for t in AnnualTarget.objects.filter(pledge=pledge, year=year)}
    programmes = {p.pk: p for p in Programme.objects.filter(pk__in=[pk for kind, pk in values if kind == "programme"])}
    changes = [
        (key, jobs)
        for key, jobs in values.items()
        if (programmes[key[1]].jobs_target != jobs if key[0] == "programme" else _differs(existing.get(key), jobs))
    ]
    reason = reason.strip()
    if changes and not reason:
        raise ReasonRequired()
    _save_programme_targets(
        [(programmes[pk], jobs) for (kind, pk), jobs in changes if kind == "programme"], user, reason
    )
    for key, jobs in changes:
        if key[0] == "programme":
            continue
        target = existing.get(key)
        if jobs is None:
            target._history_user, target._change_reason = user, reason
            target.delete()
            continue
        if target is None:
            kind, pk = key
            target = AnnualTarget(
                pledge=pledge,
                year=year,
                target_group_id=pk if kind == "group" else None,
            )
        target.jobs = jobs
        target._history_user, target._change_reason = user, reason
        target.full_clean()
        target.save()
    return len(changes)


def _save_programme_targets(changes: list[tuple[Programme, int | None]], user, reason: str) -> None:
    """A 세부사업's target is the plan's: set on its row of the year, with the history's who and why."""
    for programme, jobs in changes:
        programme.jobs_target = jobs
        programme._history_user, programme._change_reason = user, reason
        programme.full_clean()
        programme.save(update_fields=["jobs_target"])


def _check_scopes(pledge: Pledge, year: int, values) -> None:
    """Only the pledge's 세부사업 of the year and its government's groups: ids in a form cannot reach elsewhere."""
    programmes = {pk for kind, pk in values if kind == "programme"}
    groups = {pk for kind, pk in values if kind == "group"}
    own = set(_pledge_programmes(pledge, year).filter(pk__in=programmes).values_list("pk", flat=True))
    own_groups = TargetGroup.objects.filter(pk__in=groups, local_government_id=pledge.local_government_id)
    if own != programmes or own_groups.count() != len(groups):
        raise PermissionDenied(NOT_ALLOWED)


def target_changes(pledge: Pledge, year: int, since: str = "0.0", limit: int = 50) -> list[HistoryEntry]:
    """Changes to the year's targets after the token `since` (see `_latest_change`), newest first: who, when,
    what, old → new, why — the pledge's own targets and its 세부사업's, merged by time."""
    own_since, programmes_since = _seen_parts(since)
    own = AnnualTarget.history.filter(pledge_id=pledge.pk, year=year, history_id__gt=own_since)
    own = _changes(own.select_related("history_user", "target_group"), AnnualTarget.history, "jobs", limit)
    ids = _pledge_programmes(pledge, year).values("pk")
    programmes = Programme.history.filter(id__in=ids, history_id__gt=programmes_since).select_related("history_user")
    programmes = _changes(programmes, Programme.history, "jobs_target", limit)
    return sorted(own + programmes, key=lambda entry: entry.when, reverse=True)[:limit]


def _changes(records, history, field: str, limit: int) -> list[HistoryEntry]:
    """History records as entries of one figure `field` (two queries: the records, and the earlier records of
    the same rows for the old values); records that did not change the figure are left out."""
    records = list(records.order_by("-history_id")[:limit])
    earlier = defaultdict(list)
    if records:
        ids = {record.id for record in records}
        newest = max(r.history_id for r in records)
        for pk, history_id, jobs in history.filter(id__in=ids, history_id__lt=newest).values_list(
            "id", "history_id", field
        ):
            earlier[pk].append((history_id, jobs))
    entries = []
    for record in records:
        jobs = getattr(record, field)
        before = [(history_id, value) for history_id, value in earlier[record.id] if history_id < record.history_id]
        if record.history_type != "-" and before and max(before)[1] == jobs:
            continue  # a change of something else (a name, a department), not of the figure
        old = max(before)[1] if before else None
        change = figure_change(old, jobs, _("명"), deleted=record.history_type == "-")
        scope = record.name if field == "jobs_target" else (record.target_group or _("연간 목표"))
        entries.append(
            HistoryEntry(
                record.history_date, history_who(record), str(scope), (change,), record.history_change_reason or ""
            )
        )
    return entries
