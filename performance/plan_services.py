"""Every change the lead department makes to the plans on screen: term plans, a year's plan (copy, 세부사업 added,
changed or dropped, publication and revision) and pledges with their links to 세부사업.

Each service checks the right (`can_edit_plans`), locks the year's plan (`select_for_update`), compares the
plan's version with the one the person's form was built from (a stale form writes nothing: `StalePlan`),
validates with `full_clean`, saves one object at a time with the history's who and why, raises the plan's
version and the results revision, all in one transaction. A refusal is a `PlanRefused` with a Korean message.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from . import summaries
from .access import can_edit_plans
from .funding import source_label, sources_of, unused_source_refusal
from .models import (
    Department,
    FundingSource,
    LocalGovernment,
    Pledge,
    PledgeProgramme,
    Programme,
    ProgrammeBudget,
    ProgrammeLineage,
    ProgrammeType,
    QuarterlyReportLine,
    Strategy,
    TargetGroup,
    Task,
    TermPlan,
    YearPlan,
    YearPlanEdition,
)
from .plans import plan_changes_since, snapshot_rows
from .revision import revision_bump

NOT_ALLOWED = gettext_lazy("계획은 일자리창출과만 고칠 수 있습니다.")
REASON_REQUIRED = gettext_lazy("사유를 입력하세요. 변경 이력에 남습니다. 아무것도 저장하지 않았습니다.")
NO_TERM = gettext_lazy("%(year)s년을 포함하는 종합계획이 없습니다. 먼저 종합계획을 만드세요.")
NOTHING_TO_COPY = gettext_lazy("복사할 연차별 계획이 없습니다.")
HAS_APPROVED = gettext_lazy(
    "‘%(name)s’ 사업은 %(year)s년에 승인된 실적이 있어 뺄 수 없습니다. 실적을 재개해 고친 뒤 다시 시도하세요."
)
HAS_LINES = gettext_lazy(
    "‘%(name)s’ 사업은 %(year)s년에 입력된 실적이 있어 뺄 수 없습니다. 해당 부서의 실적을 먼저 정리하세요."
)
NOT_DRAFT = gettext_lazy("작성 중인 계획만 공시할 수 있습니다. 공시된 계획은 수정공시하세요.")
NOT_PUBLISHED = gettext_lazy("공시된 계획만 수정공시할 수 있습니다. 작성 중인 계획은 먼저 공시하세요.")
DATE_REQUIRED = gettext_lazy("공시일을 입력하세요.")
DATE_BEFORE = gettext_lazy("공시일은 직전 공시일(%(date)s)보다 앞설 수 없습니다.")
FOREIGN = gettext_lazy("이 지자체의 계획에 없는 항목입니다. 화면을 새로 고친 뒤 다시 선택하세요.")
FOREIGN_PROGRAMME = gettext_lazy("다른 지자체의 세부사업이나 %(year)s년 계획에 없는 세부사업은 연결할 수 없습니다.")
DUPLICATE_PROGRAMME = gettext_lazy("이 부서의 %(year)s년 계획에 같은 이름의 세부사업이 이미 있습니다: %(name)s")
DUPLICATE_TERM = gettext_lazy("같은 이름의 종합계획이 이미 있습니다: %(name)s")
DUPLICATE_PLEDGE = gettext_lazy("같은 공약 번호가 이미 있습니다: %(code)s")
EXECUTED_WITHOUT_SECURED = gettext_lazy(
    "%(source)s: 확보액 없이 집행액만 적을 수 없습니다. 확보액(없으면 0)을 함께 적으세요. 아무것도 저장하지 않았습니다."
)
STALE = gettext_lazy(
    "이 화면을 연 뒤 다른 사용자가 계획을 바꾸었습니다. 아무것도 저장하지 않았습니다. 바뀐 내용을 확인한 뒤 다시 하세요."
)


class PlanRefused(Exception):
    """A refused change; `message` is for the person, in Korean. Nothing was saved."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class StalePlan(PlanRefused):
    """The plan changed after the person's form was built (its version differs); `changes` says what changed."""

    def __init__(self, changes: list):
        super().__init__(STALE)
        self.changes = changes


def check_allowed(user) -> None:
    if not can_edit_plans(user):
        raise PermissionDenied(NOT_ALLOWED)


def required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise PlanRefused(REASON_REQUIRED)
    return reason


def save_with_history(obj, user, reason: str, **kwargs) -> None:
    """full_clean, then save with the history's who and why; a validation error becomes a Korean refusal."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise PlanRefused(" ".join(error.messages)) from None
    obj._history_user, obj._change_reason = user, reason
    obj.save(**kwargs)


def locked_plan(year_plan: YearPlan, version: int | None) -> YearPlan:
    """The year's plan, locked; refused when the form's version is not the plan's."""
    plan = YearPlan.objects.select_for_update().get(pk=year_plan.pk)
    if version is not None and plan.version != version:
        raise StalePlan(plan_changes_since(plan, version))
    return plan


def raise_version(plan: YearPlan, user, reason: str) -> None:
    plan.version += 1
    save_with_history(plan, user, reason)
    revision_bump(plan.local_government_id)


@transaction.atomic
def term_plan_create(
    *, user, government: LocalGovernment, name: str, first_year: int, last_year: int, jobs_target: int | None
) -> TermPlan:
    """A new term plan (종합계획) of the government; its yearly plans are made one by one (`year_plan_create_next`)."""
    check_allowed(user)
    term = TermPlan(
        local_government=government,
        name=(name or "").strip(),
        first_year=first_year,
        last_year=last_year,
        jobs_target=jobs_target,
    )
    if TermPlan.objects.filter(local_government=government, name=term.name).exists():
        raise PlanRefused(DUPLICATE_TERM % {"name": term.name})
    save_with_history(term, user, _("종합계획 작성"))
    return term


def _term_for(government: LocalGovernment, year: int) -> TermPlan:
    term = TermPlan.objects.filter(local_government=government, first_year__lte=year, last_year__gte=year).last()
    if term is None:
        raise PlanRefused(NO_TERM % {"year": year})
    return term


@transaction.atomic
def year_plan_create_next(*, user, government: LocalGovernment) -> YearPlan:
    """Next year's plan as a draft, copied from the latest one: its strategies, tasks and every 세부사업 row with the
    same lineage (so each 사업's trend reads across the years), the same target and the same secured budget."""
    check_allowed(user)
    latest = YearPlan.objects.select_for_update().filter(local_government=government).order_by("-year").first()
    if latest is None:
        raise PlanRefused(NOTHING_TO_COPY)
    year = latest.year + 1
    reason = _("%(year)s년 계획을 복사해 작성") % {"year": latest.year}
    plan = YearPlan(local_government=government, term=_term_for(government, year), year=year, is_demo=latest.is_demo)
    save_with_history(plan, user, reason)
    tasks = {}
    for strategy in Strategy.objects.filter(year_plan=latest).prefetch_related("tasks"):
        copy = Strategy(year_plan=plan, name=strategy.name, sort_order=strategy.sort_order)
        save_with_history(copy, user, reason)
        for task in strategy.tasks.all():
            tasks[task.pk] = Task(strategy=copy, name=task.name, sort_order=task.sort_order)
            save_with_history(tasks[task.pk], user, reason)
    rows = [
        Programme(
            year_plan=plan,
            lineage_id=row.lineage_id,
            task=tasks.get(row.task_id),
            department_id=row.department_id,
            target_group_id=row.target_group_id,
            programme_type_id=row.programme_type_id,
            name=row.name,
            jobs_target=row.jobs_target,
            is_active=row.is_active,
            sort_order=row.sort_order,
        )
        for row in Programme.objects.filter(year_plan=latest).order_by("pk")
    ]
    for row in rows:
        row._change_reason = reason
    bulk_create_with_history(rows, Programme, default_user=user, default_change_reason=reason)
    # The budget is copied as secured amounts to start from (the new year's money is then set); nothing is executed.
    by_lineage = {row.lineage_id: row for row in rows}
    budget = [
        ProgrammeBudget(programme=by_lineage[lineage], source=source, secured=secured)
        for lineage, source, secured in ProgrammeBudget.objects.filter(programme__year_plan=latest)
        .order_by("pk")
        .values_list("programme__lineage", "source", "secured")
    ]
    bulk_create_with_history(budget, ProgrammeBudget, default_user=user, default_change_reason=reason)
    raise_version(plan, user, reason)  # closes the copy's rows in the plan's history (see plan_changes_since)
    summaries.refresh_budget(government.pk, [year])
    return plan


def _own(government_id: int, *, department=None, programme_type=None, target_group=None, task=None, plan=None):
    """Every choice of a form must belong to the plan's government (and a task to the plan): ids cannot reach
    elsewhere."""
    checks = [
        (department, Department, "local_government_id"),
        (programme_type, ProgrammeType, "local_government_id"),
        (target_group, TargetGroup, "local_government_id"),
    ]
    for value, _model, field in checks:
        if value is not None and getattr(value, field) != government_id:
            raise PlanRefused(FOREIGN)
    if task is not None and task.strategy.year_plan_id != plan.pk:
        raise PlanRefused(FOREIGN)


# A 세부사업's budget of its year: funding source → (secured, executed) in 백만원; (None, None) or a missing source:
# no money from that source.
Budget = dict[str, tuple[int | None, int | None]]


def budget_refusal(budget: Budget, sources) -> str | None:
    """Why a budget cannot be saved (the form and the plan import alike) by a government using `sources`
    (`funding.sources_of`), or None: money from a source the government does not use; an executed amount without
    the secured amount beside it (0 when nothing was secured: carried-over money)."""
    with_money = [source for source, amounts in budget.items() if amounts != (None, None)]
    if refusal := unused_source_refusal(sources, with_money):
        return refusal
    for source, (secured, executed) in budget.items():
        if secured is None and executed is not None:
            return str(EXECUTED_WITHOUT_SECURED % {"source": source_label(source)})
    return None


def programme_budget_save(programme: Programme, budget: Budget, *, sources, user, reason: str) -> bool:
    """Make the 세부사업's budget rows say `budget` (one row per source with money; the others deleted), each change
    with who and why in the history. Returns whether anything changed. The caller holds the plan's lock."""
    if refusal := budget_refusal(budget, sources):
        raise PlanRefused(refusal)
    current = {row.source: row for row in ProgrammeBudget.objects.filter(programme=programme)}
    changed = False
    for source in FundingSource.values:
        secured, executed = budget.get(source, (None, None))
        row = current.get(source)
        if secured is None:
            if row is not None:
                row._history_user, row._change_reason = user, reason
                row.delete()
                changed = True
            continue
        if row is not None and (row.secured, row.executed) == (secured, executed):
            continue
        row = row or ProgrammeBudget(programme=programme, source=source)
        row.secured, row.executed = secured, executed
        save_with_history(row, user, reason)
        changed = True
    return changed


@transaction.atomic
def programme_add(
    *,
    user,
    year_plan: YearPlan,
    version: int,
    name: str,
    department: Department,
    programme_type: ProgrammeType,
    target_group: TargetGroup,
    jobs_target: int | None,
    task: Task | None = None,
    budget: Budget | None = None,
    reason: str,
) -> Programme:
    """A new 세부사업 in the year's plan, with a new lineage (a 사업 that did not exist before) and its budget."""
    check_allowed(user)
    reason = required_reason(reason)
    plan = locked_plan(year_plan, version)
    government = plan.local_government_id
    _own(
        government,
        department=department,
        programme_type=programme_type,
        target_group=target_group,
        task=task,
        plan=plan,
    )
    name = (name or "").strip()
    _check_unique_name(plan, department, name)
    lineage = ProgrammeLineage(local_government_id=government, name=name)
    programme = Programme(
        year_plan=plan,
        lineage=lineage,
        task=task,
        department=department,
        programme_type=programme_type,
        target_group=target_group,
        name=name,
        jobs_target=jobs_target,
        sort_order=Programme.objects.filter(year_plan=plan, department=department).count() + 1,
    )
    try:
        programme.full_clean(exclude=["lineage"])
    except ValidationError as error:
        raise PlanRefused(" ".join(error.messages)) from None
    lineage.save()
    programme.lineage = lineage
    save_with_history(programme, user, reason)
    programme_budget_save(
        programme, budget or {}, sources=sources_of(plan.local_government_id), user=user, reason=reason
    )
    raise_version(plan, user, reason)
    summaries.refresh_budget(plan.local_government_id, [plan.year])
    return programme


def _check_unique_name(plan: YearPlan, department, name: str, exclude: int | None = None) -> None:
    """One name per department in a year's plan, said in our words (Django's message leaves the particle open)."""
    same = Programme.objects.filter(year_plan=plan, department=department, name=name).exclude(pk=exclude)
    if name and same.exists():
        raise PlanRefused(DUPLICATE_PROGRAMME % {"year": plan.year, "name": name})


# What a pledge's summaries read of a 세부사업's row (`performance.summaries`): a change of these recomputes them.
SUMMARISED = {"department", "programme_type", "target_group", "jobs_target", "is_active"}
CHANGEABLE = ("name", "department", "programme_type", "target_group", "jobs_target", "task")


@transaction.atomic
def programme_change(
    *, user, programme: Programme, version: int, reason: str, budget: Budget | None = None, **values
) -> Programme:
    """Change a 세부사업's row of the year (name, department, 부문, 대상, target, 실천과제) and, given `budget`, its
    budget by source; its lineage stays."""
    check_allowed(user)
    reason = required_reason(reason)
    unknown = set(values) - set(CHANGEABLE)
    if unknown:
        raise ValueError(f"not changeable: {unknown}")
    plan = locked_plan(programme.year_plan, version)
    programme = Programme.objects.select_related("year_plan").get(pk=programme.pk, year_plan=plan)
    _own(plan.local_government_id, plan=plan, **{k: v for k, v in values.items() if k not in ("name", "jobs_target")})
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
    changed = [field for field, value in values.items() if getattr(programme, field) != value]
    for field in changed:
        setattr(programme, field, values[field])
    _check_unique_name(plan, programme.department, programme.name, exclude=programme.pk)
    if changed:
        save_with_history(programme, user, reason)
    sources = sources_of(plan.local_government_id) if budget is not None else ()
    if budget is not None and programme_budget_save(programme, budget, sources=sources, user=user, reason=reason):
        changed.append("budget")
    if not changed:
        raise PlanRefused(_("바뀐 내용이 없습니다. 아무것도 저장하지 않았습니다."))
    raise_version(plan, user, reason)
    if set(changed) & SUMMARISED:
        summaries.refresh(_linked_pledges([programme.pk]), [plan.year])
    if {"department", "budget"} & set(changed):
        summaries.refresh_budget(plan.local_government_id, [plan.year])
    return programme


@transaction.atomic
def programme_drop(*, user, programme: Programme, version: int, reason: str) -> None:
    """Take a 세부사업 out of the year's plan (its lineage and earlier years stay). Refused while it has results of the
    year: approved ones are the disclosed figures, others are a department's work in progress."""
    check_allowed(user)
    reason = required_reason(reason)
    plan = locked_plan(programme.year_plan, version)
    programme = Programme.objects.get(pk=programme.pk, year_plan=plan)
    lines = QuarterlyReportLine.objects.filter(programme=programme)
    refusal = removal_refusal(
        programme.name,
        plan.year,
        approved=lines.approved().exists(),
        pending=lines.exists(),
    )
    if refusal:
        raise PlanRefused(refusal)
    pledges = _linked_pledges([programme.pk])
    programme_remove_row(programme, user=user, reason=reason)
    raise_version(plan, user, reason)
    summaries.refresh(pledges, [plan.year])
    summaries.refresh_budget(plan.local_government_id, [plan.year])


def _linked_pledges(programme_ids) -> set[int]:
    """The pledges drawing on these 세부사업: whose summaries a change of them moves."""
    return set(PledgeProgramme.objects.filter(programme__in=programme_ids).values_list("pledge", flat=True))


def removal_refusal(name: str, year: int, *, approved: bool, pending: bool) -> str | None:
    """Why a 세부사업 cannot leave its year's plan (the screen and the plan import alike), or None: not while it has
    results of that year — approved ones are the disclosed figures, others a department's work in progress that would
    otherwise vanish from its entry form and still count once approved."""
    if approved:
        return str(HAS_APPROVED % {"name": name, "year": year})
    if pending:
        return str(HAS_LINES % {"name": name, "year": year})
    return None


def programme_remove_row(programme: Programme, *, user, reason: str) -> None:
    """Delete a 세부사업's row of a year, its budget and its pledge links, each with who and why in the history (its
    lineage and its other years stay). The caller has checked `removal_refusal` and holds the plan's lock."""
    for link in [*PledgeProgramme.objects.filter(programme=programme), *programme.budget_rows.all()]:
        link._history_user, link._change_reason = user, reason
        link.delete()
    programme._history_user, programme._change_reason = user, reason
    programme.delete()


def _edition(plan: YearPlan, user, published_on: datetime.date, reason: str) -> YearPlanEdition:
    latest = plan.editions.order_by("-number").first()
    if latest is not None and published_on < latest.published_on:
        raise PlanRefused(DATE_BEFORE % {"date": latest.published_on.isoformat()})
    edition = YearPlanEdition(
        year_plan=plan,
        number=(latest.number if latest else 0) + 1,
        status=plan.status,
        published_on=published_on,
        reason=reason,
        rows=snapshot_rows(plan),
        created_by=user,
    )
    edition.full_clean()
    edition.save()
    return edition


@transaction.atomic
def year_plan_publish(
    *, user, year_plan: YearPlan, version: int, published_on: datetime.date | None
) -> YearPlanEdition:
    """공시: a draft becomes the published plan on `published_on`; its rows are kept as edition 1."""
    check_allowed(user)
    if published_on is None:
        raise PlanRefused(DATE_REQUIRED)
    plan = locked_plan(year_plan, version)
    if plan.status != YearPlan.Status.DRAFT:
        raise PlanRefused(NOT_DRAFT)
    plan.status, plan.published_on = YearPlan.Status.PUBLISHED, published_on
    edition = _edition(plan, user, published_on, "")
    raise_version(plan, user, _("공시"))
    return edition


@transaction.atomic
def year_plan_revise(
    *, user, year_plan: YearPlan, version: int, published_on: datetime.date | None, reason: str
) -> YearPlanEdition:
    """수정공시: a published plan's current rows published again with a reason; the earlier editions stay."""
    check_allowed(user)
    reason = required_reason(reason)
    if published_on is None:
        raise PlanRefused(DATE_REQUIRED)
    plan = locked_plan(year_plan, version)
    if plan.status == YearPlan.Status.DRAFT:
        raise PlanRefused(NOT_PUBLISHED)
    plan.status, plan.published_on, plan.revision_reason = YearPlan.Status.REVISED, published_on, reason
    edition = _edition(plan, user, published_on, reason)
    raise_version(plan, user, reason)
    return edition


PLEDGE_FIELDS = (
    "code",
    "title",
    "status",
    "implementation_rate",
    "completion_due",
    "completion_year",
    "project_type",
    "lead_department",
    "plan_label",
    "policy_goal",
    "strategies",
)


@transaction.atomic
def pledge_create(*, user, government: LocalGovernment, **fields) -> Pledge:
    """A new pledge (공약) with its card's header; its 세부사업 are chosen per year (`pledge_link_programmes`)."""
    check_allowed(user)
    unknown = set(fields) - set(PLEDGE_FIELDS)
    if unknown:
        raise ValueError(f"unknown pledge fields: {unknown}")
    department = fields.get("lead_department")
    if department is not None and department.local_government_id != government.pk:
        raise PlanRefused(FOREIGN)
    pledge = Pledge(local_government=government, **fields)
    pledge.code = (pledge.code or "").strip()
    if Pledge.objects.filter(local_government=government, code=pledge.code).exists():
        raise PlanRefused(DUPLICATE_PLEDGE % {"code": pledge.code})
    save_with_history(pledge, user, _("공약 등록"))
    revision_bump(government)
    return pledge


@transaction.atomic
def pledge_link_programmes(
    *, user, pledge: Pledge, year: int, programme_ids: Iterable[int], reason: str
) -> tuple[int, int]:
    """The pledge's 세부사업 of the year become exactly `programme_ids` (links added and removed one by one, with
    history). A 세부사업 of another government or another year is refused. Returns (added, removed)."""
    check_allowed(user)
    reason = required_reason(reason)
    plan = YearPlan.objects.select_for_update().filter(local_government=pledge.local_government_id, year=year).first()
    wanted = set(programme_ids)
    own = set(Programme.objects.filter(pk__in=wanted, year_plan=plan).values_list("pk", flat=True)) if plan else set()
    if plan is None or own != wanted:
        raise PlanRefused(FOREIGN_PROGRAMME % {"year": year})
    links = {
        link.programme_id: link for link in PledgeProgramme.objects.filter(pledge=pledge, programme__year_plan=plan)
    }
    removed = [link for pk, link in links.items() if pk not in wanted]
    added = sorted(wanted - set(links))
    for link in removed:
        link._history_user, link._change_reason = user, reason
        link.delete()
    for pk in added:
        link = PledgeProgramme(pledge=pledge, programme_id=pk)
        save_with_history(link, user, reason)
    if added or removed:
        revision_bump(pledge.local_government_id)
        summaries.refresh([pledge.pk], [year])
    return len(added), len(removed)


def next_order(queryset) -> int:
    """The sort order after the last of `queryset` (1 for the first): a new item goes last."""
    return (queryset.aggregate(last=Max("sort_order"))["last"] or 0) + 1
