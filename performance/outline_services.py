"""The frame the 세부사업 hang on, changed on screen by the lead department: the government's lists (부문, 대상) and a
year plan's outline (추진전략 → 실천과제) — items added, renamed, put in order and deleted.

The rules are those of `plan_services` (its helpers are used here): the right is checked, a reason is kept with who
in the history, a year plan's change is made under its lock against the form's version and raises that version.
Deleting is refused while anything uses the item, so nothing is left pointing at nothing: a 부문 or 대상 used by a
세부사업 of any year (or a pledge's target), a 추진전략 with 실천과제, a 실천과제 with 세부사업. An item of another
government or another plan is not found (`NotFound`), whatever its id.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import can_edit_lists, government_of
from .calculations import figure
from .models import AnnualTarget, FuturePlanItem, ProgrammeType, Strategy, TargetGroup, Task, YearPlan
from .plan_services import (
    NOT_ALLOWED,
    PlanRefused,
    check_allowed,
    locked_plan,
    next_order,
    raise_version,
    required_reason,
    save_with_history,
)

LIST_KINDS = {"type": ProgrammeType, "group": TargetGroup}  # 부문 and 대상: each government's own lists
LIST_LABELS = {"type": gettext_lazy("부문"), "group": gettext_lazy("대상")}
NAME_TAKEN = gettext_lazy("이미 있는 이름입니다: %(name)s. 다른 이름을 쓰세요.")
NAME_REQUIRED = gettext_lazy("이름을 입력하세요.")
NOT_MOVED = gettext_lazy("순서가 그대로입니다. 아무것도 저장하지 않았습니다.")
MOVED = gettext_lazy("순서 변경: ‘%(name)s’ 항목을 %(position)s번째로")
LIST_ITEM_USED = gettext_lazy(
    "‘%(name)s’ %(label)s 항목은 세부사업 %(count)s개에서 쓰고 있어 지울 수 없습니다(%(years)s). "
    "모든 연도의 그 세부사업에서 %(label)s 항목을 바꾼 뒤에만 지울 수 있습니다. 아무것도 지우지 않았습니다."
)
GROUP_IN_PLEDGES = gettext_lazy(
    "‘%(name)s’ 대상 항목은 공약의 계층별 목표 %(targets)s건과 향후계획 %(headings)s건에서 쓰고 있어 지울 수 "
    "없습니다(%(pledges)s). 공약 카드에서 먼저 바꾸세요. 아무것도 지우지 않았습니다."
)
USED_ELSEWHERE = gettext_lazy("‘%(name)s’ 항목은 다른 자료에서 쓰고 있어 지울 수 없습니다. 아무것도 지우지 않았습니다.")
STRATEGY_HAS_TASKS = gettext_lazy(
    "‘%(name)s’ 추진전략 아래에 실천과제 %(count)s개가 있어 지울 수 없습니다. 실천과제를 다른 추진전략으로 "
    "옮기거나 지운 뒤 다시 하세요. 아무것도 지우지 않았습니다."
)
TASK_HAS_PROGRAMMES = gettext_lazy(
    "‘%(name)s’ 실천과제 아래에 %(year)s년 세부사업 %(count)s개가 있어 지울 수 없습니다(%(names)s). 세부사업 고치기 "
    "화면이나 계획 엑셀 올리기에서 그 세부사업을 다른 실천과제에 둔 뒤 다시 하세요. 아무것도 지우지 않았습니다."
)
LISTS_NOT_ALLOWED = gettext_lazy("부문과 대상은 일자리창출과와 기관 관리자만 고칠 수 있습니다.")
SAME_STRATEGY = gettext_lazy("이미 그 추진전략 아래에 있습니다. 아무것도 저장하지 않았습니다.")


class NotFound(PermissionDenied):
    """An id that is not of the person's government or of the plan at hand: the screens answer 404."""

    def __init__(self):
        super().__init__(str(NOT_ALLOWED))


def _check_list_editor(user, government) -> None:
    """The lead department or the administrator, of this government only (the superuser of any)."""
    if not can_edit_lists(user) or not (user.is_superuser or government_of(user) == government.pk):
        raise PermissionDenied(LISTS_NOT_ALLOWED)


def _list_name(model, government_id: int, name: str, *, exclude: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise PlanRefused(NAME_REQUIRED)
    taken = model.objects.filter(local_government_id=government_id, name=name).exclude(pk=exclude)
    if taken.exists():
        raise PlanRefused(NAME_TAKEN % {"name": name})
    return name


def _list_item(government, kind: str, pk: int):
    """The government's item, locked; another government's (or none) is not found."""
    item = LIST_KINDS[kind].objects.select_for_update().filter(local_government=government, pk=pk).first()
    if item is None:
        raise NotFound
    return item


def _place(siblings: list, item, position: int, *, user, reason: str) -> None:
    """Put `item` at `position` (1-based, kept within the list) among `siblings` (in their order, `item` among them)
    and number them 1, 2, 3…; only the rows whose number changes are saved, each with who and why. Refused when the
    item would stay where it is."""
    others = [row for row in siblings if row.pk != item.pk]
    position = min(max(position, 1), len(others) + 1)
    if [row.pk for row in siblings].index(item.pk) == position - 1:
        raise PlanRefused(NOT_MOVED)
    others.insert(position - 1, item)
    for number, row in enumerate(others, start=1):
        if row.sort_order != number:
            row.sort_order = number
            save_with_history(row, user, reason)


def _moved_reason(item, position: int, count: int) -> str:
    """A move's reason in the history, written for the person: which item went where."""
    return str(MOVED % {"name": item.name, "position": min(max(position, 1), count)})


@transaction.atomic
def list_item_add(*, user, government, kind: str, name: str, reason: str):
    """Add a 부문 or a 대상 to the government's list, last, with who and why in its history."""
    _check_list_editor(user, government)
    reason = required_reason(reason)
    model = LIST_KINDS[kind]
    name = _list_name(model, government.pk, name)
    item = model(
        local_government=government, name=name, sort_order=next_order(model.objects.filter(local_government=government))
    )
    save_with_history(item, user, reason)
    return item


@transaction.atomic
def list_item_rename(*, user, government, kind: str, pk: int, name: str, reason: str):
    """Rename a 부문 or a 대상 of the government's list (every 세부사업 using it follows), with who and why."""
    _check_list_editor(user, government)
    reason = required_reason(reason)
    item = _list_item(government, kind, pk)
    item.name = _list_name(LIST_KINDS[kind], government.pk, name, exclude=item.pk)
    save_with_history(item, user, reason)
    return item


@transaction.atomic
def list_item_move(*, user, government, kind: str, pk: int, position: int):
    """Put a 부문 or a 대상 at `position` of the government's list (1 = first): every list, plan sheet, total and
    file shows them in this order. The rows renumbered keep who and which move in their history."""
    _check_list_editor(user, government)
    item = _list_item(government, kind, pk)
    siblings = list(LIST_KINDS[kind].objects.select_for_update().filter(local_government=government))
    _place(siblings, item, position, user=user, reason=_moved_reason(item, position, len(siblings)))
    return item


def list_item_refusal(kind: str, item) -> str | None:
    """Why a 부문 or 대상 cannot be deleted, or None: while a 세부사업 of any year uses it (its past plans, results
    and published versions name it), or, for a 대상, while a pledge's target or card heading does."""
    uses = item.programmes.values("year_plan__year").annotate(count=Count("pk")).order_by("year_plan__year")
    if uses:
        years = ", ".join(
            _("%(year)s년 %(count)s개") % {"year": use["year_plan__year"], "count": figure(use["count"])}
            for use in uses
        )
        total = sum(use["count"] for use in uses)
        return str(
            LIST_ITEM_USED % {"name": item.name, "label": LIST_LABELS[kind], "count": figure(total), "years": years}
        )
    if kind != "group":
        return None
    targets = AnnualTarget.objects.filter(target_group=item)
    headings = FuturePlanItem.objects.filter(target_group=item)
    if not (targets.exists() or headings.exists()):
        return None
    codes = {*targets.values_list("pledge__code", flat=True), *headings.values_list("pledge__code", flat=True)}
    return str(
        GROUP_IN_PLEDGES
        % {
            "name": item.name,
            "targets": figure(targets.count()),
            "headings": figure(headings.count()),
            "pledges": ", ".join(sorted(codes)),
        }
    )


@transaction.atomic
def list_item_delete(*, user, government, kind: str, pk: int, reason: str) -> str:
    """Delete a 부문 or a 대상 nothing uses (`list_item_refusal`), with who and why in its history; returns its name."""
    _check_list_editor(user, government)
    reason = required_reason(reason)
    item = _list_item(government, kind, pk)
    refusal = list_item_refusal(kind, item)
    if refusal:
        raise PlanRefused(refusal)
    item._history_user, item._change_reason = user, reason
    try:
        with transaction.atomic():
            item.delete()
    except ProtectedError:  # a use this check does not know yet: refused all the same
        raise PlanRefused(USED_ELSEWHERE % {"name": item.name}) from None
    return item.name


def _outline_item(plan: YearPlan, *, strategy_id=None, task_id=None) -> Strategy | Task:
    """The plan's 실천과제 (`task_id`) or 추진전략 (`strategy_id`); another plan's is not found."""
    if task_id:
        item = Task.objects.select_related("strategy").filter(strategy__year_plan=plan, pk=task_id).first()
    else:
        item = Strategy.objects.filter(year_plan=plan, pk=strategy_id).first() if strategy_id else None
    if item is None:
        raise NotFound
    return item


def _siblings(plan: YearPlan, item: Strategy | Task) -> list:
    if isinstance(item, Task):
        return list(Task.objects.filter(strategy_id=item.strategy_id))
    return list(plan.strategies.all())


@transaction.atomic
def structure_save(
    *, user, year_plan: YearPlan, version: int, reason: str, name: str, strategy_id=None, task_id=None, new=""
) -> Strategy | Task:
    """추진전략 and 실천과제 of a year's plan: add a strategy (`new="strategy"`), add a task under `strategy_id`
    (`new="task"`), or rename a strategy (`strategy_id`) or a task (`task_id`). One plan version, history with who
    and why; a name twice under the same parent is refused; ids of another plan are not reachable."""
    check_allowed(user)
    reason = required_reason(reason)
    plan = locked_plan(year_plan, version)
    name = (name or "").strip()
    if not name:
        raise PlanRefused(NAME_REQUIRED)
    if new == "strategy":
        item = Strategy(year_plan=plan, name=name, sort_order=next_order(plan.strategies.all()))
    elif new == "task":
        strategy = _outline_item(plan, strategy_id=strategy_id)
        item = Task(strategy=strategy, name=name, sort_order=next_order(strategy.tasks.all()))
    else:
        item = _outline_item(plan, strategy_id=strategy_id, task_id=task_id)
    siblings = Task.objects.filter(strategy=item.strategy) if isinstance(item, Task) else plan.strategies.all()
    if siblings.filter(name=name).exclude(pk=item.pk).exists():
        raise PlanRefused(NAME_TAKEN % {"name": name})
    item.name = name
    save_with_history(item, user, reason)
    raise_version(plan, user, reason)
    return item


@transaction.atomic
def structure_move(
    *, user, year_plan: YearPlan, version: int, position: int, strategy_id=None, task_id=None
) -> Strategy | Task:
    """Put a 추진전략 (`strategy_id`) at `position` among the plan's strategies, or a 실천과제 (`task_id`) among its
    strategy's tasks (1 = first). The plan sheet, its file and the published notice follow this order. One plan
    version; the renumbered rows keep who and which move in their history."""
    check_allowed(user)
    plan = locked_plan(year_plan, version)
    item = _outline_item(plan, strategy_id=strategy_id, task_id=task_id)
    siblings = _siblings(plan, item)
    reason = _moved_reason(item, position, len(siblings))
    _place(siblings, item, position, user=user, reason=reason)
    raise_version(plan, user, reason)
    return item


@transaction.atomic
def task_change_strategy(*, user, year_plan: YearPlan, version: int, task_id, strategy_id, reason: str) -> Task:
    """Move a 실천과제, with its 세부사업, under another 추진전략 of the plan, last there; a name the other strategy
    already has is refused. One plan version, history with who and why."""
    check_allowed(user)
    reason = required_reason(reason)
    plan = locked_plan(year_plan, version)
    task = _outline_item(plan, task_id=task_id)
    strategy = _outline_item(plan, strategy_id=strategy_id)
    if task.strategy_id == strategy.pk:
        raise PlanRefused(SAME_STRATEGY)
    if strategy.tasks.filter(name=task.name).exists():
        raise PlanRefused(NAME_TAKEN % {"name": task.name})
    task.strategy, task.sort_order = strategy, next_order(strategy.tasks.all())
    save_with_history(task, user, reason)
    raise_version(plan, user, reason)
    return task


def structure_refusal(item: Strategy | Task, year: int) -> str | None:
    """Why a 추진전략 or 실천과제 cannot be deleted, or None. Not a strategy with tasks (they would go with it), nor a
    task with 세부사업: the lead department places each 세부사업 under another task first, on purpose, rather than
    finding it left without a task in the published plan."""
    if isinstance(item, Strategy):
        count = item.tasks.count()
        return str(STRATEGY_HAS_TASKS % {"name": item.name, "count": figure(count)}) if count else None
    names = list(item.programmes.order_by("name").values_list("name", flat=True))
    if not names:
        return None
    shown = ", ".join(names[:3]) + (_(" 외 %(count)s개") % {"count": figure(len(names) - 3)} if len(names) > 3 else "")
    return str(TASK_HAS_PROGRAMMES % {"name": item.name, "year": year, "count": figure(len(names)), "names": shown})


@transaction.atomic
def structure_delete(*, user, year_plan: YearPlan, version: int, reason: str, strategy_id=None, task_id=None) -> str:
    """Delete an empty 추진전략 or a 실천과제 without 세부사업 (`structure_refusal`), with who and why in its history.
    One plan version; returns the deleted item's name."""
    check_allowed(user)
    reason = required_reason(reason)
    plan = locked_plan(year_plan, version)
    item = _outline_item(plan, strategy_id=strategy_id, task_id=task_id)
    refusal = structure_refusal(item, plan.year)
    if refusal:
        raise PlanRefused(refusal)
    item._history_user, item._change_reason = user, reason
    item.delete()
    raise_version(plan, user, reason)
    return item.name
