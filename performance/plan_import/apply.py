"""Saving a previewed plan import: every change or none, with history, the plan's version and the results
revision, in one transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy

from .. import summaries
from ..access import can_edit_plans
from ..funding import sources_of
from ..models import PledgeProgramme, Programme, ProgrammeLineage, Strategy, Task, YearPlan
from ..plan_services import PlanRefused, next_order, programme_budget_save, programme_remove_row, removal_refusal
from ..reporting import history_who
from ..revision import revision_bump
from .preview import NOT_ALLOWED

REASON_REQUIRED = gettext_lazy("바꾼 사유를 입력하세요. 변경 이력에 남습니다. 아무것도 저장하지 않았습니다.")
STALE = gettext_lazy(
    "미리보기 뒤에 다른 사람이 %(year)s년 세부계획을 바꾸었습니다(버전 %(seen)s → %(now)s). "
    "아무것도 저장하지 않았습니다. 파일을 다시 내려받아 고쳐 올려 주세요."
)
STALE_CHANGE = gettext_lazy("%(when)s %(who)s: %(why)s")
CONFLICT = gettext_lazy("저장하는 중에 세부사업의 이름이나 계보가 겹쳤습니다. 아무것도 저장하지 않았습니다.")


class PlanImportRefused(Exception):
    """Nothing was saved: stale, no reason, or a conflict found while saving. `changes` lists, for a stale plan,
    who changed it since the preview, when and why."""

    def __init__(self, message, changes: list[str] | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.changes = changes or []


@transaction.atomic
def plan_import_apply(*, year_plan: YearPlan, session_plan: dict, user, reason: str) -> int:
    """Save a previewed import: every change or none, each with the history's who and why; the plan's version
    goes up and the results revision with it. Refused (`PlanImportRefused`, nothing saved) without a reason, or
    when the plan changed since the preview (its version). Returns how many 세부사업 changed."""
    if user is not None and not can_edit_plans(user):
        raise PermissionDenied(NOT_ALLOWED)
    plan = YearPlan.objects.select_for_update().get(pk=year_plan.pk)
    if plan.version != session_plan["version"]:
        values = {"year": plan.year, "seen": session_plan["version"], "now": plan.version}
        raise PlanImportRefused(STALE % values, _changes_since(plan, session_plan["version"]))
    reason = (reason or "").strip()
    if not reason:
        raise PlanImportRefused(REASON_REQUIRED)
    pledges = set(PledgeProgramme.objects.filter(programme__year_plan=plan).values_list("pledge", flat=True))
    try:
        with transaction.atomic():
            count = _save(plan, session_plan, user, reason)
    except PlanRefused as refused:  # a budget the preview accepted and the service refuses (a rule changed since)
        raise PlanImportRefused(refused.message) from None
    except (IntegrityError, ValidationError):
        raise PlanImportRefused(CONFLICT) from None
    plan.version += 1
    plan._history_user, plan._change_reason = user, reason
    plan.save(update_fields=["version"])
    revision_bump(plan.local_government_id)
    summaries.refresh(pledges, [plan.year])  # removed 세부사업 took their links with them; nothing links a new one
    summaries.refresh_budget(plan.local_government_id, [plan.year])
    return count


def _save(plan: YearPlan, session_plan: dict, user, reason: str) -> int:
    tasks = _Tasks(plan, user, reason)
    existing = Programme.objects.in_bulk([op["id"] for op in session_plan["rows"] if op["id"]])
    for programme in Programme.objects.filter(year_plan=plan, pk__in=session_plan["remove"]):
        if programme.report_lines.exists():  # results entered since the preview: the screen's rule refuses
            raise PlanImportRefused(removal_refusal(programme.name, plan.year, approved=False, pending=True))
        programme_remove_row(programme, user=user, reason=reason)
    order = next_order(Programme.objects.filter(year_plan=plan))
    sources = sources_of(plan.local_government_id)
    for op in session_plan["rows"]:
        programme = existing.get(op["id"]) if op["id"] else None
        if programme is None:
            lineage_id = (
                op["lineage"]
                or ProgrammeLineage.objects.create(local_government_id=plan.local_government_id, name=op["name"]).pk
            )
            programme = Programme(year_plan=plan, lineage_id=lineage_id, sort_order=order)
            order += 1
        programme.task = tasks.get(op["strategy"], op["task"]) if op["strategy"] else None
        programme.name = op["name"]
        programme.department_id = op["department"]
        programme.programme_type_id = op["programme_type"]
        programme.target_group_id = op["target_group"]
        programme.jobs_target = op["jobs_target"]
        programme.is_active = True
        _keep(programme, user, reason)
        budget = {source: tuple(pair) for source, pair in op.get("budget", {}).items()}
        programme_budget_save(programme, budget, sources=sources, user=user, reason=reason)
    return len(session_plan["rows"]) + len(session_plan["remove"])


def _keep(obj, user, reason: str) -> None:
    obj._history_user, obj._change_reason = user, reason
    obj.full_clean()
    obj.save()


class _Tasks:
    """The plan's 전략 and 실천과제 by name, created (with history) when the file names a new one."""

    def __init__(self, plan: YearPlan, user, reason: str):
        self.plan, self.user, self.reason = plan, user, reason
        self.strategies = {s.name: s for s in Strategy.objects.filter(year_plan=plan)}
        self.tasks = {
            (t.strategy.name, t.name): t
            for t in Task.objects.filter(strategy__year_plan=plan).select_related("strategy")
        }

    def get(self, strategy_name: str, task_name: str) -> Task:
        task = self.tasks.get((strategy_name, task_name))
        if task is not None:
            return task
        strategy = self.strategies.get(strategy_name)
        if strategy is None:
            strategy = Strategy(year_plan=self.plan, name=strategy_name, sort_order=len(self.strategies) + 1)
            _keep(strategy, self.user, self.reason)
            self.strategies[strategy_name] = strategy
        siblings = sum(1 for key in self.tasks if key[0] == strategy_name)
        task = Task(strategy=strategy, name=task_name, sort_order=siblings + 1)
        _keep(task, self.user, self.reason)
        self.tasks[(strategy_name, task_name)] = task
        return task


def _changes_since(plan: YearPlan, version: int) -> list[str]:
    """Who raised the plan's version past `version`, when and why (newest first)."""
    records = plan.history.filter(version__gt=version).select_related("history_user").order_by("-history_id")[:20]
    return [
        str(
            STALE_CHANGE
            % {
                "when": date_format(localtime(record.history_date), "Y-m-d H:i"),
                "who": history_who(record),
                "why": record.history_change_reason or "—",
            }
        )
        for record in records
    ]
