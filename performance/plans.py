"""Reads of the job plan: which years have a plan, which year a page opens on, and what a department reports on
in a year. The default year of every page is decided here and nowhere else."""

import datetime
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from django.db.models import Count, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from .access import government_of, sees_all_departments
from .calculations import Amounts, amounts_sum, figure
from .funding import sources_of
from .models import (
    ALL_DEPARTMENTS,
    QUARTERS,
    Department,
    Dimension,
    FundingSource,
    LocalGovernment,
    Programme,
    ProgrammeBudget,
    ProgrammeType,
    Strategy,
    TargetGroup,
    TargetSummary,
    Task,
    TermPlan,
    YearPlan,
)
from .periods import quarter_end

NO_PLAN = _("%(year)s년에는 연차별 세부계획이 없어 실적을 입력할 수 없습니다.")
NOT_ENDED = _("%(year)s년 %(quarter)s분기는 아직 끝나지 않아 실적을 입력할 수 없습니다. 분기가 끝난 뒤 입력하세요.")


def plan_programmes(departments: Department | Iterable[Department], year: int):
    """The active 세부사업 of a department (or of several) in the year's plan: what it reports on that year — the
    rows of the entry form and of the Excel template, and so the rows an upload must have."""
    if isinstance(departments, Department):
        departments = [departments]
    return Programme.objects.filter(department__in=departments, year_plan__year=year, is_active=True)


def plan_years(government: LocalGovernment | int) -> list[int]:
    """The years the local government has a yearly plan for, oldest first."""
    return list(YearPlan.objects.filter(local_government=government).order_by("year").values_list("year", flat=True))


def default_year(years: list[int] | set[int], today: datetime.date) -> int | None:
    """The latest of `years` that has begun by `today` (the first of them when none has); None without any.
    A page never opens on a year without a plan as if it were an empty one."""
    begun = [year for year in years if year <= today.year]
    if begun:
        return max(begun)
    return min(years) if years else None


# 부문 as the Ministry of Employment and Labor lists them; every local government's list starts with these.
MINISTRY_PROGRAMME_TYPES = (
    "직접일자리",
    "직업능력개발훈련",
    "고용서비스",
    "고용장려금",
    "창업지원",
    "일자리 인프라 구축",
)


def pledge_years(pledge) -> list[int]:
    """The years a pledge has a plan for: those whose yearly plan holds active 세부사업 it draws on, oldest first —
    read from the pledge's target summary (a row a year), not from its links (250,000 of them in the bench)."""
    rows = TargetSummary.objects.filter(pledge=pledge, department=ALL_DEPARTMENTS, dimension=Dimension.TOTAL)
    return sorted(rows.values_list("year", flat=True))


def ended_plan_periods(government: LocalGovernment | int, today: datetime.date) -> list[tuple[int, int]]:
    """Every quarter of the government's plan years that has ended by `today`, oldest first: what can be reported."""
    return [
        (year, quarter) for year in plan_years(government) for quarter in QUARTERS if quarter_end(year, quarter) < today
    ]


def period_refusal(government: LocalGovernment | int, year: int, quarter: int, today: datetime.date) -> str | None:
    """Why a quarter cannot be reported (a Korean sentence), or None when it can: it must have ended and belong
    to a year with a plan."""
    if year not in plan_years(government):
        return str(NO_PLAN % {"year": year})
    if quarter_end(year, quarter) >= today:
        return str(NOT_ENDED % {"year": year, "quarter": quarter})
    return None


def reporting_default(government: LocalGovernment | int, today: datetime.date) -> tuple[int, int] | None:
    """The quarter a board opens on: the latest ended quarter of a plan year (None without any)."""
    periods = ended_plan_periods(government, today)
    return periods[-1] if periods else None


# ---- The plan screens' reads (/plans/): the overview, one year's sheet, its versions and their differences ----


def user_government(user) -> LocalGovernment | None:
    """The local government whose plans a person works on (`access.government_of`), as an object."""
    government = government_of(user)
    return LocalGovernment.objects.filter(pk=government).first() if government else None


@dataclass(frozen=True)
class YearOverview:
    plan: YearPlan
    programme_count: int
    target_total: int | None  # the sum of the 세부사업 targets, computed (None: no 세부사업 has one)


@dataclass(frozen=True)
class TermOverview:
    term: TermPlan
    years: tuple[YearOverview, ...]


def plan_overview(government: LocalGovernment) -> tuple[TermOverview, ...]:
    """The government's term plans, each with its yearly plans (status, 공시일, count and total target of 세부사업)."""
    plans = (
        YearPlan.objects.filter(local_government=government)
        .annotate(programme_count=Count("programmes"), target_total=Sum("programmes__jobs_target"))
        .order_by("year")
    )
    by_term = defaultdict(list)
    for plan in plans:
        by_term[plan.term_id].append(YearOverview(plan, plan.programme_count, plan.target_total))
    terms = TermPlan.objects.filter(local_government=government).order_by("-first_year", "name")
    return tuple(TermOverview(term, tuple(by_term[term.pk])) for term in terms)


@dataclass(frozen=True)
class TaskBlock:
    task: Task | None  # None: the 세부사업 not yet under a 실천과제
    programmes: tuple[Programme, ...]

    @property
    def target_total(self) -> int:
        return _target_sum(self.programmes)


@dataclass(frozen=True)
class StrategyBlock:
    strategy: Strategy | None
    tasks: tuple[TaskBlock, ...]

    @property
    def programme_count(self) -> int:
        return sum(len(block.programmes) for block in self.tasks)


@dataclass(frozen=True)
class Subtotal:
    name: str
    count: int
    target: int | None  # None: none of its 세부사업 has a target
    budget: Amounts | None = None  # None: none of its 세부사업 has a budget


@dataclass(frozen=True)
class SourceTotal:
    """A funding source's budget over the 세부사업 of the plan (백만원)."""

    source: str
    label: str
    amounts: Amounts


@dataclass(frozen=True)
class PlanSheet:
    """One year's plan as its page reads it: 전략 → 실천과제 → 세부사업, and the totals by 부문 and by 대상 computed
    here over the rows the person may see (every sum is computed, none stored)."""

    plan: YearPlan
    strategies: tuple[StrategyBlock, ...]
    by_type: tuple[Subtotal, ...]
    by_group: tuple[Subtotal, ...]
    programme_count: int
    target_total: int | None
    complete: bool  # the person sees every 세부사업 of the plan (staff see their department's)
    by_source: tuple[SourceTotal, ...] = ()
    budget_total: Amounts | None = None


def _target_sum(programmes) -> int | None:
    """The sum of the 세부사업's targets; None (shown "—", never 0) when none of them has one."""
    targets = [p.jobs_target for p in programmes if p.jobs_target is not None]
    return sum(targets) if targets else None


def _budget_pairs(programmes):
    return ((row.secured, row.executed) for programme in programmes for row in programme.budget_rows.all())


def _subtotals(programmes, key, names) -> tuple[Subtotal, ...]:
    members = defaultdict(list)
    for programme in programmes:
        members[key(programme)].append(programme)
    return tuple(
        Subtotal(name, len(members[pk]), _target_sum(members[pk]), amounts_sum(_budget_pairs(members[pk])))
        for pk, name in names
        if members[pk]
    )


def source_totals(programmes, sources) -> tuple[SourceTotal, ...]:
    """The plan's budget by funding source over `programmes` (their `budget_rows` prefetched), in the order of the
    government's `sources` (`funding.sources_of`); a source no 세부사업 draws on is left out."""
    pairs = defaultdict(list)
    for programme in programmes:
        for row in programme.budget_rows.all():
            pairs[row.source].append((row.secured, row.executed))
    return tuple(
        SourceTotal(source, str(label), amounts_sum(pairs[source])) for source, label in sources if pairs[source]
    )


def plan_sheet(plan: YearPlan, user) -> PlanSheet:
    """The year's plan for `user` (managers and the lead department: every 세부사업; staff: their department's; None:
    every 세부사업, for the plan's official documents), in a constant number of queries whatever the number of
    세부사업."""
    scope = Programme.objects.all() if user is None else Programme.objects.visible_to(user)
    programmes = list(
        scope.filter(year_plan=plan)
        .select_related("department", "programme_type", "target_group", "task")
        .prefetch_related("budget_rows")
        .order_by("department__sort_order", "sort_order", "name")
    )
    strategies = list(Strategy.objects.filter(year_plan=plan).prefetch_related("tasks"))
    by_task = defaultdict(list)
    for programme in programmes:
        by_task[programme.task_id].append(programme)
    blocks = [
        StrategyBlock(strategy, tuple(TaskBlock(task, tuple(by_task[task.pk])) for task in strategy.tasks.all()))
        for strategy in strategies
    ]
    if by_task[None]:
        blocks.append(StrategyBlock(None, (TaskBlock(None, tuple(by_task[None])),)))
    government = plan.local_government_id
    types = ProgrammeType.objects.filter(local_government_id=government).values_list("pk", "name")
    groups = TargetGroup.objects.filter(local_government_id=government).values_list("pk", "name")
    complete = user is None or sees_all_departments(user)
    return PlanSheet(
        plan=plan,
        strategies=tuple(blocks),
        by_type=_subtotals(programmes, lambda p: p.programme_type_id, types),
        by_group=_subtotals(programmes, lambda p: p.target_group_id, groups),
        programme_count=len(programmes),
        target_total=_target_sum(programmes),
        complete=complete,
        by_source=source_totals(programmes, sources_of(government)),
        budget_total=amounts_sum(_budget_pairs(programmes)),
    )


@dataclass(frozen=True)
class CrossTable:
    """A yearly plan's 세부사업 counted by 부문 (rows) × 대상 (columns): each cell a `Subtotal` (None: no 세부사업 there);
    the rows' totals are the sheet's `by_type`, the columns' its `by_group`, the corner its totals."""

    groups: tuple[Subtotal, ...]
    rows: tuple[tuple[Subtotal, tuple[Subtotal | None, ...]], ...]
    total: Subtotal


def cross_table(sheet: PlanSheet) -> CrossTable:
    """The sheet's 세부사업 by 부문 × 대상, every total from the same sums as the sheet's own (`_subtotals`)."""
    programmes = [p for block in sheet.strategies for task in block.tasks for p in task.programmes]
    cells = {
        (cell.name, group.name): cell
        for group in sheet.by_group
        for cell in _subtotals(
            [p for p in programmes if p.target_group.name == group.name],
            lambda p: p.programme_type.name,
            [(row.name, row.name) for row in sheet.by_type],
        )
    }
    return CrossTable(
        groups=sheet.by_group,
        rows=tuple(
            (row, tuple(cells.get((row.name, group.name)) for group in sheet.by_group)) for row in sheet.by_type
        ),
        total=Subtotal(str(_("계")), sheet.programme_count, sheet.target_total, sheet.budget_total),
    )


# The fields of a 세부사업 a published version keeps, and their labels in a difference.
SNAPSHOT_FIELDS = {
    "name": gettext_lazy("세부사업명"),
    "department": gettext_lazy("담당부서"),
    "programme_type": gettext_lazy("부문"),
    "target_group": gettext_lazy("대상"),
    "jobs_target": gettext_lazy("목표(명)"),
    "strategy": gettext_lazy("추진전략"),
    "task": gettext_lazy("실천과제"),
} | {
    f"budget_{source}": format_lazy(gettext_lazy("{source} 예산(백만원)"), source=label)
    for source, label in FundingSource.choices
}


def snapshot_rows(plan: YearPlan, programmes=None) -> list[dict]:
    """The plan's 세부사업 as plain values (names, not ids), keyed by lineage: what a published version keeps."""
    if programmes is None:
        programmes = Programme.objects.filter(year_plan=plan)
    programmes = programmes.select_related(
        "department", "programme_type", "target_group", "task__strategy"
    ).prefetch_related("budget_rows")
    return [
        {
            "lineage": p.lineage_id,
            "name": p.name,
            "department": p.department.name,
            "programme_type": p.programme_type.name,
            "target_group": p.target_group.name,
            "jobs_target": p.jobs_target,
            "strategy": p.task.strategy.name if p.task else "",
            "task": p.task.name if p.task else "",
            **{f"budget_{row.source}": row.secured for row in p.budget_rows.all()},
        }
        for p in programmes.order_by("department__sort_order", "sort_order", "name")
    ]


def snapshot_budget(row: dict) -> int | None:
    """A kept row's secured budget over its sources (백만원); None when it has none (or was kept before budgets)."""
    amounts = [row[f"budget_{source}"] for source in FundingSource.values if row.get(f"budget_{source}") is not None]
    return sum(amounts) if amounts else None


def _shown(value) -> str:
    """A kept value as a difference shows it: a number with separators, a blank as "—"."""
    return figure(value) if value is None or isinstance(value, int) else (str(value) or figure(None))


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: object
    new: object


@dataclass(frozen=True)
class RowChange:
    name: str
    department: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class PlanDiff:
    """What differs from one version of a year's plan to another: 세부사업 added, removed and changed (old → new)."""

    added: tuple[dict, ...]
    removed: tuple[dict, ...]
    changed: tuple[RowChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def plan_diff(old: list[dict], new: list[dict]) -> PlanDiff:
    """The differences between two lists of `snapshot_rows`, matched by lineage (a renamed 사업 is a change)."""
    before = {row["lineage"]: row for row in old}
    after = {row["lineage"]: row for row in new}
    changed = []
    for lineage, row in after.items():
        if lineage not in before:
            continue
        fields = tuple(
            FieldChange(str(label), _shown(before[lineage].get(field)), _shown(row.get(field)))
            for field, label in SNAPSHOT_FIELDS.items()
            if before[lineage].get(field) != row.get(field)
        )
        if fields:
            changed.append(RowChange(row["name"], row["department"], fields))
    return PlanDiff(
        added=tuple(row for lineage, row in after.items() if lineage not in before),
        removed=tuple(row for lineage, row in before.items() if lineage not in after),
        changed=tuple(changed),
    )


@dataclass(frozen=True)
class PlanChange:
    when: datetime.datetime
    who: str
    what: str
    kind: str
    reason: str
    detail: str = ""  # a change's old → new values ("목표(명): 30 → 45"); blank for an addition or a deletion


def plan_changes_since(plan: YearPlan, version: int = 0, limit: int = 50) -> list[PlanChange]:
    """Changes to the year's plan made after it had `version` (0: every change), newest first: who, when, which
    세부사업, what kind of change, why — for the history on the page and the stale-form message.

    Every service that changes a plan saves its rows and then raises the plan's version (plan_services), so the
    rows' records between two records of the plan, by the same person with the same reason, are that change's.
    Each change shows at least one line, so only the latest `limit` changes are read, in five queries (the plan's
    records, then the records of its 세부사업, budgets, 추진전략 and 실천과제 made in their span) however many changes
    and rows there are."""
    records = list(YearPlan.history.filter(id=plan.pk).select_related("history_user").order_by("history_id"))
    windows = [(previous, record) for previous, record in pairwise(records) if record.version > version][-limit:]
    if not windows:
        return []
    span = {"history_date__gt": windows[0][0].history_date, "history_date__lte": windows[-1][1].history_date}
    strategies = Strategy.history.filter(year_plan_id=plan.pk)
    programmes, budgets, outline, tasks = (
        _by_window(windows, rows.filter(**span).select_related("history_user", *related))
        for rows, related in (
            (Programme.history.filter(year_plan_id=plan.pk), ()),
            (ProgrammeBudget.history.filter(programme__year_plan_id=plan.pk), ("programme",)),
            (strategies, ()),
            (Task.history.filter(strategy_id__in=strategies.values("id")), ()),
        )
    )
    kinds = {"+": gettext("추가"), "~": gettext("변경"), "-": gettext("삭제")}
    programmes = [rows[:limit] for rows in programmes]
    budgets = [rows[:limit] for rows in budgets]
    details = _details(Programme, [r for rows in programmes for r in rows], PROGRAMME_FIELDS) | _details(
        ProgrammeBudget, [r for rows in budgets for r in rows], BUDGET_FIELDS
    )
    changes = []
    for index, (_previous, record) in enumerate(windows):
        found = [_change(r, r.name, kinds, details) for r in programmes[index]] + [
            _change(
                r,
                gettext("%(name)s 예산(%(source)s)") % {"name": r.programme.name, "source": r.get_source_display()},
                kinds,
                details,
            )
            for r in budgets[index]
        ]
        found = found or [
            _change(r, f"{label} {r.name}", kinds)
            for label, rows in ((gettext("추진전략"), outline), (gettext("실천과제"), tasks))
            for r in rows[index][:limit]
        ]
        status = YearPlan.Status(record.status).label
        changes += found or [_change(record, str(plan), {record.history_type: status})]
    return sorted(changes, key=lambda change: change.when, reverse=True)[:limit]


def _by_window(windows: list, rows) -> list[list]:
    """The history `rows` of each change of a plan (`windows`: consecutive pairs of the plan's records, oldest
    first) — made after the pair's first record and by its second, by that record's person with its reason —
    each list newest first. `rows` are those of the windows' whole span."""
    ends = [record.history_date for _previous, record in windows]
    found = [[] for _window in windows]
    for row in rows.order_by("-history_id"):
        index = bisect_left(ends, row.history_date)
        record = windows[index][1]
        if (row.history_user_id, row.history_change_reason) == (record.history_user_id, record.history_change_reason):
            found[index].append(row)
    return found


def _change(record, what: str, kinds: dict, details: dict | None = None) -> PlanChange:
    """One line of a plan's history: a history record of the plan or of one of its rows."""
    from .reporting import history_who

    return PlanChange(
        record.history_date,
        history_who(record),
        what,
        kinds[record.history_type],
        record.history_change_reason or "",
        (details or {}).get((type(record).__name__, record.history_id), ""),
    )


# The fields of a 세부사업's and of a budget row's history whose change the plan's history shows, with their labels;
# a field naming a row of a list (부서, 부문, 대상, 실천과제) shows that row's name.
PROGRAMME_FIELDS = {
    "name": SNAPSHOT_FIELDS["name"],
    "department_id": SNAPSHOT_FIELDS["department"],
    "programme_type_id": SNAPSHOT_FIELDS["programme_type"],
    "target_group_id": SNAPSHOT_FIELDS["target_group"],
    "jobs_target": SNAPSHOT_FIELDS["jobs_target"],
    "task_id": SNAPSHOT_FIELDS["task"],
}
BUDGET_FIELDS = {"secured": _("확보액(백만원)"), "executed": _("집행액(백만원)")}
NAMED_FIELDS = {
    "department_id": Department.objects,
    "programme_type_id": ProgrammeType.objects,
    "target_group_id": TargetGroup.objects,
    "task_id": Task.history,  # a 실천과제 since deleted keeps its last name
}


def _details(model, records: list, fields: dict) -> dict[tuple[str, int], str]:
    """Old → new of each changed ("~") history record of `model` among `records`, against that row's record just
    before it: {(record class name, history id): "목표(명): 30 → 45, 담당부서: A과 → B과"}. A fixed number of queries
    (the earlier records of those rows, then the names of the lists' rows they name)."""
    changed = [record for record in records if record.history_type == "~"]
    if not changed:
        return {}
    earlier = defaultdict(list)  # row id → its records before the last change shown, oldest first
    for row in model.history.filter(
        id__in={record.id for record in changed}, history_id__lt=max(record.history_id for record in changed)
    ).order_by("history_id"):
        earlier[row.id].append(row)
    pairs = []
    for record in changed:
        before = [row for row in earlier[record.id] if row.history_id < record.history_id]
        if before:
            pairs.append((before[-1], record))
    names = _names({field: {getattr(r, field) for pair in pairs for r in pair} for field in fields})
    details = {}
    for old, new in pairs:
        shown = [
            f"{label}: {_detail_value(names, field, getattr(old, field))} → {_detail_value(names, field, getattr(new, field))}"
            for field, label in fields.items()
            if getattr(old, field) != getattr(new, field)
        ]
        details[(type(new).__name__, new.history_id)] = ", ".join(shown)
    return details


def _names(ids: dict[str, set]) -> dict[str, dict]:
    """The names of the lists' rows a history names, by field and id: one query per list named (ordered by primary
    key, so that of a 실천과제's records the latest name wins)."""
    found = {}
    for field, manager in NAMED_FIELDS.items():
        if wanted := ids.get(field, set()) - {None}:
            found[field] = dict(manager.filter(id__in=wanted).order_by("pk").values_list("id", "name"))
    return found


def _detail_value(names: dict, field: str, value) -> str:
    if field in NAMED_FIELDS and value is not None:
        return names.get(field, {}).get(value, str(value))
    return _shown(value)
