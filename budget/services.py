"""Every change to a pledge's budget goes through `allocations_save`.

It checks the person's right, locks the pledge's budget lines, refuses a form built from an older version of the
budget, and writes each figure on its own with its history entry (who, when, old → new, why), all in one
transaction: either every figure of a save is written or none is.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from performance.access import can_edit_budget
from performance.funding import source_label, sources_of, unused_source_refusal
from performance.models import Pledge
from performance.validation import YEARS, whole_in_range

from .models import MAX_MILLION_WON, Allocation, BudgetLine, FundingSource
from .selectors import allocation_changes, last_change, version_token

# The table's own rows: a budget line may not take these names (the xlsx reader would skip its rows).
RESERVED_NAMES = ("계", "재원별 합계")
MAX_NAME_LENGTH = 100  # BudgetLine.name
MAX_CHANGES_SHOWN = 50

NOT_LEAD = gettext_lazy("예산은 일자리창출과만 고칠 수 있습니다.")
STALE = gettext_lazy(
    "다른 사용자가 먼저 예산을 저장했습니다. 아무것도 덮어쓰지 않았습니다. 바뀐 내용을 확인한 뒤 다시 입력하세요."
)
FOREIGN_LINE = gettext_lazy("이 공약의 세부사업이 아닌 항목이 있습니다. 화면을 새로 고친 뒤 다시 입력하세요.")
DUPLICATE_CELL = gettext_lazy("%(line)s %(year)s년 %(source)s 칸이 두 번 들어 있습니다.")
BAD_CELL = gettext_lazy("%(line)s %(year)s년 %(source)s 칸의 값이 올바르지 않습니다. 0 이상의 정수를 입력하세요.")
MISSING_SECURED = gettext_lazy("%(line)s %(year)s년 %(source)s: 집행액이 있으면 확보액도 입력해야 합니다.")
LINE_NAME_INVALID = gettext_lazy(
    "쓸 수 없는 세부사업 이름입니다: '%(name)s'(비어 있거나, 100자를 넘거나, 이미 있거나, 합계 행 이름)."
)
MORE_CHANGES = gettext_lazy("… 외 %(count)s건")
REASON_FORM = gettext_lazy("예산 수정")
REASON_LINE = gettext_lazy("세부사업 추가")


class BudgetError(Exception):
    """A refused change; `message` is for the person, in Korean."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class StaleBudget(BudgetError):
    """Someone else saved the budget after this person opened it; `changes` says what they changed."""

    def __init__(self, changes: list[str]):
        super().__init__(STALE)
        self.changes = changes


@dataclass(frozen=True)
class CellInput:
    """One figure pair of the grid. `line_id` None: a new budget line called `line_name`. Both amounts None:
    no allocation (an existing one is deleted; the history keeps it)."""

    line_id: int | None
    line_name: str
    year: int
    source: str
    secured: int | None
    executed: int | None


@dataclass(frozen=True)
class SaveResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    lines_created: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


def _save(instance, user, reason, update_fields=None) -> None:
    instance._history_user = user
    instance._change_reason = str(reason)
    instance.clean_fields(exclude=["pledge", "budget_line"])  # parents are checked once, under the lock
    instance.save(update_fields=update_fields)


@transaction.atomic
def allocations_save(
    *, pledge: Pledge, cells: list[CellInput], user, expected_version: str, reason=REASON_FORM
) -> SaveResult:
    """Write the grid's figures of one pledge: create, change or delete each allocation that differs.

    `expected_version` is `budget_version(pledge)` as it was when the person's form (or upload preview) was
    made; anything else means someone saved in between, and StaleBudget is raised with what they changed.
    Cells that equal the stored figures, and allocations not named in `cells`, are left as they are. Every
    line whose figures change gets a new version, in the same transaction as its figures.
    """
    if not can_edit_budget(user):
        raise PermissionDenied(NOT_LEAD)
    Pledge.objects.select_for_update().get(pk=pledge.pk)  # also serialises the first save of a pledge without lines
    lines = {line.pk: line for line in BudgetLine.objects.select_for_update().filter(pledge=pledge)}
    current = version_token(((line.pk, line.version) for line in lines.values()), last_change(pledge))
    if current != expected_version:
        raise StaleBudget(changes_since(pledge, expected_version or ""))
    _check_cells(cells, lines, sources_of(pledge.local_government_id))
    existing = {
        (a.budget_line_id, a.year, a.source): a for a in Allocation.objects.filter(budget_line_id__in=list(lines))
    }
    operations = [(cell, existing.get((cell.line_id, cell.year, cell.source))) for cell in cells]
    operations = [(cell, allocation) for cell, allocation in operations if _changes(cell, allocation)]
    new_lines = _create_lines(pledge, lines, {cell.line_name for cell, _ in operations if cell.line_id is None}, user)
    for line_id in sorted({cell.line_id for cell, _ in operations if cell.line_id is not None}):
        lines[line_id].version += 1
        _save(lines[line_id], user, reason, update_fields=["version"])
    counts = {"created": 0, "updated": 0, "deleted": 0}
    for cell, allocation in operations:
        line = lines[cell.line_id] if cell.line_id is not None else new_lines[cell.line_name]
        counts[_apply(cell, allocation, line, user, reason)] += 1
    return SaveResult(**counts, lines_created=len(new_lines))


def _check_cells(cells: list[CellInput], lines: dict[int, BudgetLine], sources) -> None:
    """What a form has already checked, checked again here: a service never trusts its caller. `sources`: the
    government's funding sources (`performance.funding.sources_of`); money from any other is refused."""
    seen = set()
    names = {line.name for line in lines.values()}
    for cell in cells:
        where = {"line": cell.line_name, "year": cell.year, "source": _source_label(cell.source)}
        if cell.line_id is not None and cell.line_id not in lines:
            raise BudgetError(FOREIGN_LINE)
        if cell.line_id is None and not _valid_new_name(cell.line_name, names):
            raise BudgetError(LINE_NAME_INVALID % {"name": cell.line_name})
        key = (cell.line_id or cell.line_name, cell.year, cell.source)
        if key in seen:
            raise BudgetError(DUPLICATE_CELL % where)
        seen.add(key)
        if cell.source not in FundingSource.values or not YEARS[0] <= cell.year <= YEARS[1]:
            raise BudgetError(BAD_CELL % where)
        if (cell.secured, cell.executed) != (None, None) and (refusal := unused_source_refusal(sources, [cell.source])):
            raise BudgetError(refusal)
        if any(value is not None and not 0 <= value <= MAX_MILLION_WON for value in (cell.secured, cell.executed)):
            raise BudgetError(BAD_CELL % where)
        if cell.secured is None and cell.executed is not None:
            raise BudgetError(MISSING_SECURED % where)


def _valid_new_name(name: str, taken: set[str]) -> bool:
    name = name.strip()
    return bool(name) and len(name) <= MAX_NAME_LENGTH and name not in taken and name not in RESERVED_NAMES


def _source_label(source: str) -> str:
    return source_label(source)


def _changes(cell: CellInput, allocation: Allocation | None) -> bool:
    if allocation is None:
        return cell.secured is not None
    return (allocation.secured, allocation.executed) != (cell.secured, cell.executed)


def _create_lines(pledge, lines: dict[int, BudgetLine], names: set[str], user) -> dict[str, BudgetLine]:
    order = max((line.sort_order for line in lines.values()), default=0)
    created = {}
    for offset, name in enumerate(sorted(names), start=1):
        line = BudgetLine(pledge=pledge, name=name.strip(), sort_order=order + offset)  # the check compared it stripped
        _save(line, user, REASON_LINE)
        created[name] = line
    return created


def _apply(cell: CellInput, allocation: Allocation | None, line: BudgetLine, user, reason) -> str:
    if cell.secured is None:
        allocation._history_user, allocation._change_reason = user, str(reason)
        allocation.delete()
        return "deleted"
    if allocation is None:
        allocation = Allocation(budget_line=line, year=cell.year, source=cell.source)
        allocation.secured, allocation.executed = cell.secured, cell.executed
        _save(allocation, user, reason)
        return "created"
    allocation.secured, allocation.executed = cell.secured, cell.executed
    _save(allocation, user, reason, update_fields=["secured", "executed"])
    return "updated"


def changes_since(pledge: Pledge, token: str) -> list[str]:
    """What others changed in the pledge's figures after the person saw version `token`, as lines to read."""
    seen = token.rpartition(";")[2]
    entries = allocation_changes(pledge, after=whole_in_range(seen) or 0)
    changes = [
        f"{timezone.localtime(entry.when):%m-%d %H:%M} {entry.who}: {entry.line} {entry.what} {entry.change}".strip()
        for entry in entries[:MAX_CHANGES_SHOWN]
    ]
    if len(entries) > MAX_CHANGES_SHOWN:
        changes.append(str(MORE_CHANGES % {"count": len(entries) - MAX_CHANGES_SHOWN}))
    return changes
