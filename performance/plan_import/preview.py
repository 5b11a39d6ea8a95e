"""The dry-run diff of an uploaded yearly plan against the database: added, changed, moved and removed 세부사업,
every wrong cell named, nothing saved."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter

from .. import excel
from ..access import can_edit_plans, government_of
from ..calculations import figure
from ..funding import sources_of
from ..models import (
    Department,
    FundingSource,
    Programme,
    ProgrammeLineage,
    ProgrammeType,
    QuarterlyReportLine,
    TargetGroup,
    YearPlan,
)
from ..plan_services import budget_refusal, removal_refusal
from ..plan_workbook import (
    DEPARTMENT,
    FIRST_BUDGET_COLUMN,
    GROUP,
    ID,
    LINEAGE,
    PLAN_SHEET,
    STRATEGY,
    TARGET,
    TYPE,
    PlanRow,
    budget_columns,
)
from ..plan_workbook import parse_plan_workbook as parse

NOT_ALLOWED = gettext_lazy("세부계획은 일자리창출과만 올릴 수 있습니다.")
WRONG_YEAR = gettext_lazy(
    "%(year)s년 세부계획 파일이 아닙니다(파일의 연도 %(found)s). 이 해의 파일을 내려받아 고쳐 올리세요."
)
UNKNOWN_DEPARTMENT = gettext_lazy("이 지자체에 없는 부서입니다. '목록' 시트의 부서명을 그대로 쓰세요.")
UNKNOWN_TYPE = gettext_lazy("부문 목록에 없는 값입니다. '목록' 시트의 부문을 그대로 쓰세요.")
UNKNOWN_GROUP = gettext_lazy("대상 목록에 없는 값입니다. '목록' 시트의 대상을 그대로 쓰세요.")
OTHER_YEAR = gettext_lazy(
    "%(year)s년 계획의 세부사업ID입니다. 이 해의 세부사업이 아니므로 새 세부사업이면 비워 두세요."
)
OTHER_GOVERNMENT = gettext_lazy("다른 지자체의 세부사업ID입니다. 새 세부사업이면 비워 두세요.")
NO_SUCH_ID = gettext_lazy("없는 세부사업ID입니다. 새 세부사업이면 비워 두세요.")
LINEAGE_CHANGED = gettext_lazy("계보ID는 바꿀 수 없습니다(이 세부사업의 계보ID는 %(lineage)s).")
UNKNOWN_LINEAGE = gettext_lazy("이 지자체에 없는 계보ID입니다. 처음 생기는 세부사업이면 비워 두세요.")
LINEAGE_TAKEN = gettext_lazy("이 계보ID의 세부사업이 올해 계획에 이미 있습니다(세부사업ID %(id)s).")
NAME_TAKEN = gettext_lazy(
    "같은 부서에 같은 이름의 세부사업이 이미 있습니다(세부사업ID %(id)s). 그 행을 고치거나, 빠진 세부사업이면 "
    "세부사업ID를 적어 되살리세요."
)
PLACE_REQUIRED = gettext_lazy("추진전략과 실천과제를 적어 주세요. 세부사업은 실천과제 아래에 둡니다.")
APPROVED_REMOVAL = gettext_lazy(
    "'%(name)s'(세부사업ID %(id)s, %(department)s)에는 %(year)s년에 승인된 실적(%(jobs)s명, %(lines)s건)이 있어 "
    "계획에서 뺄 수 없습니다. 행을 되살리세요."
)
BELOW_APPROVED = gettext_lazy(
    "%(name)s: 목표 %(target)s명이 올해 이미 승인된 실적 %(approved)s명보다 적습니다. 확인해 주세요."
)

FIELD_LABELS = {
    "place": gettext_lazy("추진전략 · 실천과제"),
    "name": gettext_lazy("세부사업명"),
    "department": gettext_lazy("담당부서"),
    "programme_type": gettext_lazy("부문"),
    "target_group": gettext_lazy("대상"),
    "jobs_target": gettext_lazy("목표(명)"),
    "is_active": gettext_lazy("운영"),
} | {f"{kind}_{source}": label for source, kind, label in budget_columns(FundingSource.choices)}
MOVES = ("place", "department")


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    """One 세부사업 the import adds, changes, moves or removes, as the preview shows it."""

    kind: str  # added | changed | moved | removed
    name: str
    department: str
    fields: tuple[FieldChange, ...] = ()
    row_number: int | None = None


@dataclass(frozen=True)
class PlanImport:
    """What an upload would do to the year's plan. `operations` is what `plan_import_apply` saves."""

    year: int
    version: int  # the plan's version the preview was computed against
    errors: tuple[excel.CellError, ...]
    warnings: tuple[str, ...] = ()
    changes: tuple[RowChange, ...] = ()
    operations: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def of_kind(self, kind: str) -> list[RowChange]:
        return [change for change in self.changes if change.kind == kind]

    @property
    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in ("added", "changed", "moved", "removed")}

    def to_session(self) -> dict:
        return {"year": self.year, "version": self.version, **self.operations}


def year_plan_for(user, year: int) -> YearPlan | None:
    """The yearly plan of `year` of the person's government (`access.government_of`; None without one)."""
    government = government_of(user)
    return YearPlan.objects.filter(year=year, local_government_id=government).select_related("local_government").first()


def plan_import_preview(*, year_plan: YearPlan, data: bytes, filename: str, user=None) -> PlanImport:
    """Read an upload and say what it would change in `year_plan`, saving nothing. `user` None is the trusted
    operator of manage.py. A dozen queries whatever the number of rows."""
    if user is not None and not can_edit_plans(user):
        raise PermissionDenied(NOT_ALLOWED)
    sources = sources_of(year_plan.local_government_id)
    parsed = parse(data, sources=sources, filename=filename)
    errors = list(parsed.errors)
    if not parsed.rows and not parsed.listed_ids:
        # The file itself was refused, or no row was read: judging removals would only list every 세부사업.
        return PlanImport(year_plan.year, year_plan.version, tuple(errors))
    if parsed.year is not None and parsed.year != year_plan.year:
        errors.append(_cell("B2", parsed.year, WRONG_YEAR % {"year": year_plan.year, "found": parsed.year}))
    context = _Context.load(year_plan, parsed.rows)
    planner = _Planner(year_plan, context, parsed.listed_ids, sources)
    for row in parsed.rows:
        planner.row(row)
    planner.removals()
    errors += planner.errors
    if errors:
        return PlanImport(year_plan.year, year_plan.version, tuple(errors))
    operations = {"rows": planner.operations, "remove": planner.removed_ids}
    return PlanImport(
        year_plan.year, year_plan.version, (), tuple(planner.warnings), tuple(planner.changes), operations
    )


@dataclass
class _Context:
    """Everything the diff reads, once: the year's rows, the government's lists, the approved results."""

    programmes: dict[int, Programme]
    by_name: dict[tuple[int, str], Programme]
    by_lineage: dict[int, Programme]
    departments: dict[str, Department]
    types: dict[str, ProgrammeType]
    groups: dict[str, TargetGroup]
    approved: dict[int, tuple[int, int]]  # programme id → (jobs, lines) approved in the year
    pending: dict[int, int]  # programme id → its lines in reports not approved (draft, submitted, returned)
    foreign: dict[int, tuple[int, int]]  # programme id of the file outside this plan → (government id, year)
    lineages: set[int]  # the government's lineages among those the file names

    @classmethod
    def load(cls, year_plan: YearPlan, rows: tuple[PlanRow, ...]) -> _Context:
        government = year_plan.local_government_id
        programmes = {
            p.pk: p
            for p in Programme.objects.filter(year_plan=year_plan)
            .select_related("task__strategy", "department", "programme_type", "target_group")
            .prefetch_related("budget_rows")
        }
        ids = {row.programme_id for row in rows if row.programme_id} - set(programmes)
        foreign = {
            pk: (gov, year)
            for pk, gov, year in Programme.objects.filter(pk__in=ids).values_list(
                "pk", "year_plan__local_government_id", "year_plan__year"
            )
        }
        lineage_ids = {row.lineage_id for row in rows if row.lineage_id}
        is_approved = QuarterlyReportLine.objects.approval()
        results = (
            QuarterlyReportLine.objects.filter(programme__year_plan=year_plan)
            .values("programme_id")
            .annotate(
                jobs=Sum("jobs", filter=is_approved),
                lines=Count("pk", filter=is_approved),
                pending=Count("pk", filter=~is_approved),
            )
        )
        results = list(results)
        return cls(
            programmes=programmes,
            by_name={(p.department_id, p.name): p for p in programmes.values()},
            by_lineage={p.lineage_id: p for p in programmes.values()},
            departments={d.name: d for d in Department.objects.filter(local_government_id=government)},
            types={t.name: t for t in ProgrammeType.objects.filter(local_government_id=government)},
            groups={g.name: g for g in TargetGroup.objects.filter(local_government_id=government)},
            approved={r["programme_id"]: (r["jobs"] or 0, r["lines"]) for r in results if r["lines"]},
            pending={r["programme_id"]: r["pending"] for r in results if r["pending"]},
            foreign=foreign,
            lineages=set(
                ProgrammeLineage.objects.filter(local_government_id=government, pk__in=lineage_ids).values_list(
                    "pk", flat=True
                )
            ),
        )


def _cell(cell: str, value, message) -> excel.CellError:
    return excel.CellError(PLAN_SHEET, cell, excel.shown_value(value), str(message))


def _place(programme: Programme) -> str:
    task = programme.task
    return f"{task.strategy.name} · {task.name}" if task else "—"


class _Planner:
    """Turns each valid row into an operation and a preview line, collecting the errors that need the database."""

    def __init__(self, year_plan: YearPlan, context: _Context, listed: frozenset[int], sources):
        self.year_plan, self.context, self.listed = year_plan, context, listed
        self.sources = sources  # the government's funding sources (`funding.sources_of`)
        self.budget_columns = budget_columns(sources)
        self.errors: list[excel.CellError] = []
        self.warnings: list[str] = []
        self.changes: list[RowChange] = []
        self.operations: list[dict] = []
        self.removed_ids: list[int] = []

    def _lookup(self, row: PlanRow) -> tuple[Department | None, ProgrammeType | None, TargetGroup | None]:
        """The row's department, 부문 and 대상 in the government's lists; each one missing is an error."""
        found = []
        for names, value, column, message in (
            (self.context.departments, row.department, DEPARTMENT, UNKNOWN_DEPARTMENT),
            (self.context.types, row.programme_type, TYPE, UNKNOWN_TYPE),
            (self.context.groups, row.target_group, GROUP, UNKNOWN_GROUP),
        ):
            found.append(names.get(value))
            if found[-1] is None:
                self.errors.append(_cell(f"{column}{row.row_number}", value, message))
        return tuple(found)

    def row(self, row: PlanRow) -> None:
        before = len(self.errors)
        n = row.row_number
        department, programme_type, group = self._lookup(row)
        existing = self._existing(row)
        if row.programme_id is not None and existing is None:
            return  # the ID alone is wrong; what else the row says cannot be judged against a row it is not
        self._check_lineage(row, existing)
        if row.strategy is None and (existing is None or existing.task_id is not None):
            self.errors.append(_cell(f"{STRATEGY}{n}", None, PLACE_REQUIRED))
        if department is not None:
            self._name_free(row, department, existing)
        budget = {source: (secured, executed) for source, secured, executed in row.budget}
        if refusal := budget_refusal(budget, self.sources):
            column = next(
                get_column_letter(FIRST_BUDGET_COLUMN + index)
                for index, (source, _kind, _label) in enumerate(self.budget_columns)
                if index % 2 == 0 and budget.get(source, (0, None))[0] is None
            )
            self.errors.append(_cell(f"{column}{n}", None, refusal))
        if len(self.errors) != before:
            return
        operation = {
            "id": existing.pk if existing else None,
            "lineage": row.lineage_id,
            "strategy": row.strategy,
            "task": row.task,
            "name": row.name,
            "department": department.pk,
            "programme_type": programme_type.pk,
            "target_group": group.pk,
            "jobs_target": row.jobs_target,
            "budget": {source: [secured, executed] for source, (secured, executed) in budget.items()},
        }
        self._warn_below_approved(row, existing)
        if existing is None:
            self.changes.append(RowChange("added", row.name, department.name, row_number=n))
            self.operations.append(operation)
            return
        fields = self._fields(existing, row, department)
        if fields:
            kind = "moved" if any(key in MOVES for key in fields) else "changed"
            self.changes.append(RowChange(kind, row.name, department.name, tuple(fields.values()), n))
            self.operations.append(operation)

    def _existing(self, row: PlanRow) -> Programme | None:
        if row.programme_id is None:
            return None
        programme = self.context.programmes.get(row.programme_id)
        if programme is not None:
            return programme
        cell = f"{ID}{row.row_number}"
        government, year = self.context.foreign.get(row.programme_id, (None, None))
        if government is None:
            self.errors.append(_cell(cell, row.programme_id, NO_SUCH_ID))
        elif government != self.year_plan.local_government_id:
            self.errors.append(_cell(cell, row.programme_id, OTHER_GOVERNMENT))
        else:
            self.errors.append(_cell(cell, row.programme_id, OTHER_YEAR % {"year": year}))
        return None

    def _check_lineage(self, row: PlanRow, existing: Programme | None) -> None:
        if row.lineage_id is None:
            return
        cell = f"{LINEAGE}{row.row_number}"
        if existing is not None:
            if existing.lineage_id != row.lineage_id:
                self.errors.append(_cell(cell, row.lineage_id, LINEAGE_CHANGED % {"lineage": existing.lineage_id}))
        elif row.programme_id is None:
            if row.lineage_id not in self.context.lineages:
                self.errors.append(_cell(cell, row.lineage_id, UNKNOWN_LINEAGE))
            elif holder := self.context.by_lineage.get(row.lineage_id):
                self.errors.append(_cell(cell, row.lineage_id, LINEAGE_TAKEN % {"id": holder.pk}))

    def _name_free(self, row: PlanRow, department: Department, existing: Programme | None) -> None:
        """The name must not be another row's of the same department this year, unless the file renames that row
        (the file itself has no two rows of one name)."""
        holder = self.context.by_name.get((department.pk, row.name))
        if holder is not None and holder is not existing and holder.pk not in self.listed:
            self.errors.append(_cell(f"E{row.row_number}", row.name, NAME_TAKEN % {"id": holder.pk}))

    def _warn_below_approved(self, row: PlanRow, existing: Programme | None) -> None:
        if existing is None or row.jobs_target is None:
            return
        approved = self.context.approved.get(existing.pk, (0, 0))[0]
        if row.jobs_target < approved:
            values = {"name": row.name, "target": f"{row.jobs_target:,}", "approved": f"{approved:,}"}
            self.warnings.append(f"{PLAN_SHEET}!{TARGET}{row.row_number}: " + str(BELOW_APPROVED % values))

    def _fields(self, existing: Programme, row: PlanRow, department: Department) -> dict[str, FieldChange]:
        new_place = f"{row.strategy} · {row.task}" if row.strategy else "—"
        pairs = [
            ("place", _place(existing), new_place),
            ("name", existing.name, row.name),
            ("department", existing.department.name, department.name),
            ("programme_type", existing.programme_type.name, row.programme_type),
            ("target_group", existing.target_group.name, row.target_group),
            ("jobs_target", figure(existing.jobs_target), figure(row.jobs_target)),
        ]
        current = {r.source: r for r in existing.budget_rows.all()}
        given = {source: {"secured": secured, "executed": executed} for source, secured, executed in row.budget}
        for source, kind, _label in self.budget_columns:
            old = getattr(current[source], kind) if source in current else None
            pairs.append((f"{kind}_{source}", figure(old), figure(given.get(source, {}).get(kind))))
        if not existing.is_active:
            pairs.append(("is_active", _("빠짐"), _("운영")))
        return {key: FieldChange(str(FIELD_LABELS[key]), old, new) for key, old, new in pairs if old != new}

    def removals(self) -> None:
        """Every active row of the year the file does not list is removed, unless it has approved results."""
        for programme in self.context.programmes.values():
            if not programme.is_active or programme.pk in self.listed:
                continue
            jobs, lines = self.context.approved.get(programme.pk, (0, 0))
            if lines:
                values = {
                    "name": programme.name,
                    "id": programme.pk,
                    "department": programme.department.name,
                    "year": self.year_plan.year,
                    "jobs": f"{jobs:,}",
                    "lines": lines,
                }
                self.errors.append(excel.CellError(PLAN_SHEET, "", programme.name, str(APPROVED_REMOVAL % values)))
                continue
            refusal = removal_refusal(
                programme.name,
                self.year_plan.year,
                approved=False,
                pending=bool(self.context.pending.get(programme.pk)),
            )
            if refusal:  # the same rule as the plan screen's: nothing leaves the plan while results are in progress
                self.errors.append(excel.CellError(PLAN_SHEET, "", programme.name, refusal))
                continue
            self.changes.append(RowChange("removed", programme.name, programme.department.name))
            self.removed_ids.append(programme.pk)
