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

from .access import sees_all_departments
from .models import AnnualTarget, Department, Pledge, Programme, TargetGroup
from .reporting import HistoryEntry, history_who, jobs_text

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
    if target.programme_id:
        return programme_key(target.programme_id)
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
    seen: int  # the latest change the sheet includes (a history id): a form built from it is stale after another

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


def _latest_change(pledge: Pledge, year: int) -> int:
    latest = AnnualTarget.history.filter(pledge_id=pledge.pk, year=year).aggregate(latest=Max("history_id"))
    return latest["latest"] or 0


def target_sheet(pledge: Pledge, year: int, user) -> TargetSheet:
    """The year's targets: the total and the groups for everyone who may read targets; the programmes of the
    departments the person may see (`visible_to`), by department."""
    targets = {_key(t): t.jobs for t in AnnualTarget.objects.filter(pledge=pledge, year=year)}
    programmes = (
        Programme.objects.visible_to(user)
        .filter(department__local_government_id=pledge.local_government_id, is_active=True)
        .select_related("department")
        .order_by("department__sort_order", "department__name", "sort_order", "name")
    )
    by_department: dict[int, list] = defaultdict(list)
    departments = {}
    for programme in programmes:
        departments[programme.department_id] = programme.department
        by_department[programme.department_id].append((programme, targets.get(programme_key(programme.pk))))
    return TargetSheet(
        pledge=pledge,
        year=year,
        total=targets.get(TOTAL),
        groups=tuple((g, targets.get(group_key(g.pk))) for g in TargetGroup.objects.order_by("sort_order")),
        departments=tuple(DepartmentTargets(departments[pk], tuple(rows)) for pk, rows in by_department.items()),
        seen=_latest_change(pledge, year),
    )


def can_set_targets(user) -> bool:
    """The lead department: it reads every department and holds the target permission."""
    return bool(sees_all_departments(user) and user.has_perm("performance.change_annualtarget"))


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
    *, pledge: Pledge, year: int, values: dict[tuple[str, int], int | None], user, seen: int, reason: str = ""
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
    _check_scopes(pledge, values)
    existing = {_key(t): t for t in AnnualTarget.objects.filter(pledge=pledge, year=year)}
    changes = [(key, jobs) for key, jobs in values.items() if _differs(existing.get(key), jobs)]
    reason = reason.strip()
    if changes and not reason:
        raise ReasonRequired()
    for key, jobs in changes:
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
                programme_id=pk if kind == "programme" else None,
            )
        target.jobs = jobs
        target._history_user, target._change_reason = user, reason
        target.full_clean()
        target.save()
    return len(changes)


def _check_scopes(pledge: Pledge, values) -> None:
    """Only this local government's programmes and existing groups: ids in a form cannot reach elsewhere."""
    programmes = {pk for kind, pk in values if kind == "programme"}
    groups = {pk for kind, pk in values if kind == "group"}
    own = set(
        Programme.objects.filter(
            pk__in=programmes, department__local_government_id=pledge.local_government_id
        ).values_list("pk", flat=True)
    )
    if own != programmes or TargetGroup.objects.filter(pk__in=groups).count() != len(groups):
        raise PermissionDenied(NOT_ALLOWED)


def target_changes(pledge: Pledge, year: int, since: int = 0, limit: int = 50) -> list[HistoryEntry]:
    """Changes to the year's targets after history id `since`, newest first: who, when, what, old → new, why
    (two queries: the changes, and the earlier records of the same targets for the old values)."""
    records = list(
        AnnualTarget.history.filter(pledge_id=pledge.pk, year=year, history_id__gt=since)
        .select_related("history_user", "target_group", "programme")
        .order_by("-history_id")[:limit]
    )
    earlier = defaultdict(list)
    if records:
        ids = {record.id for record in records}
        for pk, history_id, jobs in AnnualTarget.history.filter(
            id__in=ids, history_id__lt=max(r.history_id for r in records)
        ).values_list("id", "history_id", "jobs"):
            earlier[pk].append((history_id, jobs))
    entries = []
    for record in records:
        scope = record.programme or record.target_group or _("연간 목표")
        before = [(history_id, jobs) for history_id, jobs in earlier[record.id] if history_id < record.history_id]
        if record.history_type == "-":
            change = _("%(jobs)s명 → 삭제") % {"jobs": jobs_text(record.jobs)}
        elif record.history_type == "~" and before:
            change = f"{jobs_text(max(before)[1])} → {jobs_text(record.jobs)}" + _("명")
        else:
            change = _("%(jobs)s명 입력") % {"jobs": jobs_text(record.jobs)}
        entries.append(
            HistoryEntry(
                record.history_date, history_who(record), str(scope), (change,), record.history_change_reason or ""
            )
        )
    return entries
