"""A whole yearly plan (연차별 세부계획) as an Excel workbook, and the safe reader of one uploaded back.

Layout of sheet "세부계획" (fixed: the reader relies on it, and the 안내 sheet tells users not to change it):

    A1            title
    A2 "연도"     B2 year
    row 3         empty
    row 4         header: 세부사업ID | 계보ID | 추진전략 | 실천과제 | 세부사업명 | 담당부서 | 부문 | 대상 | 목표(명), then
                  for each funding source of the government (`funding.sources_of`, in its order) 확보액 | 집행액
    row 5 …       one row per 세부사업 of the year; a new 세부사업 is a row with 세부사업ID left blank

Sheet "목록" lists the government's 부서, 부문 and 대상 (the data validations of columns F–H point at it); sheet
"안내" says how to fill the plan in. The reader never trusts an upload: the same checks as the results upload
(`performance.excel`: size, zip, defusedxml, sheets that would not be read, merges over read cells), then every
cell checked on its own. What a row means against the database is `performance.plan_import`'s business.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from itertools import islice

import openpyxl
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import excel
from .funding import SOURCE_NOT_USED, source_label, sources_of
from .models import (
    MAX_JOBS,
    MAX_MILLION_WON,
    Department,
    FundingSource,
    Programme,
    ProgrammeType,
    TargetGroup,
    YearPlan,
)
from .validation import YEARS

# --- The format. Sheet names and labels are part of it, so they are not translated.
PLAN_SHEET, LISTS_SHEET, GUIDE_SHEET = "세부계획", "목록", "안내"
YEAR_LABEL_CELL, YEAR_CELL = "A2", "B2"
HEADER_ROW, FIRST_DATA_ROW = 4, 5
PLAN_COLUMNS = ("세부사업ID", "계보ID", "추진전략", "실천과제", "세부사업명", "담당부서", "부문", "대상", "목표(명)")
COLUMN_WIDTHS = (11, 9, 30, 30, 36, 18, 18, 14, 11)
BUDGET_COLUMN_WIDTH = 13
LIST_COLUMNS = ("부서", "부문", "대상")  # of the 목록 sheet, in the order of the plan's 담당부서, 부문, 대상 columns
ID, LINEAGE, STRATEGY, TASK, NAME, DEPARTMENT, TYPE, GROUP, TARGET = (get_column_letter(i) for i in range(1, 10))
FIRST_BUDGET_COLUMN = len(PLAN_COLUMNS) + 1  # J


def budget_columns(sources) -> tuple[tuple[str, str, str], ...]:
    """The budget of the year after the plan's columns: for each of the government's funding sources ((value,
    label) pairs, `funding.sources_of`) its secured and executed amount (백만원), as (source, kind, header)."""
    return tuple(
        (source, kind, f"{label} {kind_label}(백만원)")
        for source, label in sources
        for kind, kind_label in (("secured", "확보액"), ("executed", "집행액"))
    )


def columns(sources) -> tuple[str, ...]:
    """Every header of the plan sheet of a government using `sources`."""
    return PLAN_COLUMNS + tuple(label for _source, _kind, label in budget_columns(sources))


# Every header a budget column may have, whichever government wrote the file: to name a source a government does
# not use when its column turns up in an upload.
ALL_BUDGET_HEADERS = {"".join(label.split()): source for source, _kind, label in budget_columns(FundingSource.choices)}
MAX_ROWS = 5_000  # a district writes 100–190 세부사업 a year
MAX_NAME, MAX_PLAN_NAME, MAX_ID = 100, 200, 2_147_483_647

ERR_NO_SHEET = gettext_lazy(
    "'세부계획' 시트가 없습니다. 내려받은 세부계획 파일의 '세부계획' 시트에 입력하고, 시트 이름을 바꾸지 마세요."
)
ERR_YEAR = format_lazy(
    gettext_lazy("연도는 {first}~{last} 사이의 정수여야 합니다. 내려받은 파일의 연도를 바꾸지 마세요."),
    first=YEARS[0],
    last=YEARS[1],
)
ERR_HEADER = gettext_lazy(
    "머리글이 양식과 다릅니다(이 칸은 '%(expected)s'). 열을 추가·삭제하거나 순서를 바꾸지 말고 내려받은 파일을 그대로 써 주세요."
)
ERR_NO_ROWS = gettext_lazy("세부사업 행이 없습니다. %(row)s행부터 세부사업을 한 행에 하나씩 적어 주세요.")
ERR_TOO_MANY_ROWS = gettext_lazy("행이 너무 많습니다(%(limit)s행까지).")
ERR_ID = gettext_lazy("세부사업ID는 내려받은 파일에 적힌 번호여야 합니다. 새 세부사업이면 비워 두세요.")
ERR_LINEAGE = gettext_lazy("계보ID는 내려받은 파일에 적힌 번호여야 합니다. 처음 생기는 세부사업이면 비워 두세요.")
ERR_DUPLICATE_ID = gettext_lazy("같은 세부사업ID가 %(row)s행에도 있습니다. 세부사업마다 한 행만 남기세요.")
ERR_DUPLICATE_LINEAGE = gettext_lazy(
    "같은 계보ID가 %(row)s행에도 있습니다. 한 해의 계획에 같은 사업은 한 번만 넣을 수 있습니다."
)
ERR_DUPLICATE_NAME = gettext_lazy(
    "같은 부서의 같은 세부사업명이 %(row)s행에도 있습니다. 한 해의 계획에 같은 세부사업은 한 번만 넣을 수 있습니다."
)
ERR_REQUIRED = gettext_lazy("%(label)s 칸을 비울 수 없습니다.")
ERR_PLAN_PAIR = gettext_lazy("추진전략과 실천과제는 함께 적어야 합니다. %(label)s 칸도 채워 주세요.")
ERR_TOO_LONG = gettext_lazy("%(label)s 칸에는 %(max)s자까지 쓸 수 있습니다(지금 %(length)s자).")
ERR_NOT_TEXT = gettext_lazy("%(label)s 칸에는 날짜나 참/거짓이 아니라 글자를 입력하세요.")
ERR_AMOUNT = gettext_lazy(
    "%(label)s 칸에는 0 이상의 정수(백만원)를 입력하세요. 수식, 소수, '백만원' 같은 글자는 쓸 수 없습니다. "
    "예산이 없으면 비워 두세요."
)
ERR_AMOUNT_TOO_BIG = gettext_lazy("%(label)s: %(max)s백만원을 넘습니다. 원이 아니라 백만원 단위로 적었는지 확인하세요.")

GUIDE_LINES = (
    gettext_lazy(
        "1. '세부계획' 시트의 한 행이 세부사업 하나입니다. 세부사업명, 담당부서, 부문, 대상, 목표(명)를 고칠 수 있습니다."
    ),
    gettext_lazy(
        "2. 새 세부사업은 맨 아래에 행을 추가하고 세부사업ID를 비워 두세요. 지난해 사업을 이으면 계보ID를 적으세요."
    ),
    gettext_lazy("3. 행을 지우면 그 세부사업이 올해 계획에서 빠집니다(승인된 실적이 있는 세부사업은 뺄 수 없습니다)."),
    gettext_lazy("4. 담당부서, 부문, 대상은 '목록' 시트에 있는 이름만 쓸 수 있습니다(칸을 누르면 목록이 나옵니다)."),
    gettext_lazy(
        "5. 목표(명)는 0 이상의 정수입니다. 목표가 없으면 비워 두세요. 수식, 소수, '명' 같은 글자는 쓸 수 없습니다."
    ),
    gettext_lazy("6. 추진전략과 실천과제를 바꾸면 그 세부사업이 옮겨집니다. 새 이름을 쓰면 새 전략·과제가 생깁니다."),
    gettext_lazy(
        "6-1. 예산은 이 기관의 재원마다(목표 다음 열부터) 확보액과 집행액을 백만원 단위 정수로 적습니다. 그 재원의 예산이 "
        "없으면 두 칸 모두 비우고, 아직 집행하지 않았으면 집행액만 비웁니다(집행액만 적을 수는 없습니다)."
    ),
    gettext_lazy(
        "7. 세부사업ID, 계보ID, 연도(B2), 머리글(4행)과 시트 이름을 바꾸지 마세요. "
        "병합한 칸, 숨긴 시트, 다른 시트가 있는 파일은 받지 않습니다."
    ),
    gettext_lazy("8. 올리면 바뀔 내용을 먼저 보여 드립니다. 잘못된 칸이 하나라도 있으면 아무것도 저장하지 않습니다."),
)


@dataclass(frozen=True)
class PlanRow:
    """One row of an uploaded plan, each cell valid on its own. `strategy` and `task` are both set or both None."""

    row_number: int
    programme_id: int | None
    lineage_id: int | None
    strategy: str | None
    task: str | None
    name: str
    department: str
    programme_type: str
    target_group: str
    jobs_target: int | None
    budget: tuple[tuple[str, int | None, int | None], ...] = ()  # (source, secured, executed) of each source


@dataclass(frozen=True)
class ParsedPlan:
    """What an uploaded plan holds: the rows whose cells are valid, and every error (save nothing unless `ok`)."""

    year: int | None
    rows: tuple[PlanRow, ...]
    errors: tuple[excel.CellError, ...]
    listed_ids: frozenset[int] = frozenset()  # every 세부사업ID on a row, valid row or not: the rows not removed

    @property
    def ok(self) -> bool:
        return not self.errors


# --- Export ---------------------------------------------------------------------------------------------------


def plan_rows(year_plan: YearPlan):
    """The year's 세부사업 as the workbook lists them: grouped by 전략 and 실천과제 in their order, those without a
    task last; one query whatever their number."""
    programmes = (
        Programme.objects.filter(year_plan=year_plan, is_active=True)
        .select_related("task__strategy", "department", "programme_type", "target_group")
        .prefetch_related("budget_rows")
        .order_by()
    )

    def key(programme: Programme):
        task = programme.task
        place = (0, task.strategy.sort_order, task.strategy_id, task.sort_order, task.pk) if task else (1,)
        return (*place, programme.department.sort_order, programme.sort_order, programme.name)

    return sorted(programmes, key=key)


def plan_workbook(year_plan: YearPlan) -> bytes:
    """The year's plan as .xlsx: sheet 세부계획 (title block, one row per 세부사업), 목록 (the government's 부서,
    부문 and 대상, which the data validations of the plan's columns point at) and 안내. Four queries whatever the
    number of 세부사업 (five with their budgets, six with the funding sources). Text cells are stored as text, so a
    name beginning with = never becomes a formula."""
    government = year_plan.local_government_id
    lists = (
        list(Department.objects.filter(local_government_id=government).values_list("name", flat=True)),
        list(ProgrammeType.objects.filter(local_government_id=government).values_list("name", flat=True)),
        list(TargetGroup.objects.filter(local_government_id=government).values_list("name", flat=True)),
    )
    rows = plan_rows(year_plan)
    budget = budget_columns(sources_of(government))
    book = openpyxl.Workbook(write_only=True)
    styles = {}
    for style in excel.workbook_styles():
        book.add_named_style(style)
        styles[style.name] = style.as_tuple()
    sheet = book.create_sheet(PLAN_SHEET)
    _prepare_plan_sheet(sheet, lists, budget, last_row=FIRST_DATA_ROW + max(len(rows), 1) + 200)
    title = _("%(year)s년 일자리 세부계획") % {"year": year_plan.year}
    sheet.append([excel.styled_cell(sheet, title, styles["양식 제목"])])
    sheet.append(
        [
            excel.styled_cell(sheet, "연도", styles["양식 항목"]),
            excel.styled_cell(sheet, year_plan.year, styles["읽기 전용 번호"]),
        ]
    )
    sheet.append([])
    headers = PLAN_COLUMNS + tuple(label for _source, _kind, label in budget)
    sheet.append([excel.styled_cell(sheet, label, styles["양식 머리글"]) for label in headers])
    for programme in rows:
        sheet.append(_row_cells(sheet, styles, programme, budget))
    _write_lists(book.create_sheet(LISTS_SHEET), styles, lists)
    _write_guide(book.create_sheet(GUIDE_SHEET), styles, year_plan.year)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row_cells(sheet, styles: dict, programme: Programme, budget_layout) -> list:
    task = programme.task
    fixed, text, number = styles["읽기 전용 번호"], styles["입력 글자"], styles["입력 숫자"]
    values = [
        (programme.pk, fixed),
        (programme.lineage_id, fixed),
        (task.strategy.name if task else None, text),
        (task.name if task else None, text),
        (programme.name, text),
        (programme.department.name, text),
        (programme.programme_type.name, text),
        (programme.target_group.name, text),
        (programme.jobs_target, number),
    ]
    budget = {row.source: row for row in programme.budget_rows.all()}
    values += [
        (getattr(budget[source], kind) if source in budget else None, number) for source, kind, _label in budget_layout
    ]
    return [excel.styled_cell(sheet, value, style) for value, style in values]


def _prepare_plan_sheet(sheet, lists: tuple[list[str], ...], budget, *, last_row: int) -> None:
    """Widths, frozen header, print titles and the list validations (a write-only sheet needs them first)."""
    for index, width in enumerate(COLUMN_WIDTHS + (BUDGET_COLUMN_WIDTH,) * len(budget), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    for offset, (column, names) in enumerate(zip((DEPARTMENT, TYPE, GROUP), lists, strict=True)):
        source = get_column_letter(offset + 1)
        validation = DataValidation(
            type="list", formula1=f"'{LISTS_SHEET}'!${source}$2:${source}${max(len(names), 1) + 1}", allow_blank=True
        )
        validation.errorTitle = _("목록에 없는 값")
        validation.error = _("'목록' 시트에 있는 이름만 쓸 수 있습니다.")
        validation.showErrorMessage = True
        validation.add(f"{column}{FIRST_DATA_ROW}:{column}{last_row}")
        sheet.data_validations.append(validation)
    target = DataValidation(type="whole", operator="between", formula1="0", formula2=str(MAX_JOBS), allow_blank=True)
    target.errorTitle, target.error = _("입력할 수 없는 값"), _("0 이상의 정수만 입력할 수 있습니다.")
    target.showErrorMessage = True
    target.add(f"{TARGET}{FIRST_DATA_ROW}:{TARGET}{last_row}")
    sheet.data_validations.append(target)
    amount = DataValidation(
        type="whole", operator="between", formula1="0", formula2=str(MAX_MILLION_WON), allow_blank=True
    )
    amount.errorTitle, amount.error = _("입력할 수 없는 값"), _("0 이상의 정수(백만원)만 입력할 수 있습니다.")
    amount.showErrorMessage = True
    first, last = get_column_letter(FIRST_BUDGET_COLUMN), get_column_letter(len(PLAN_COLUMNS) + len(budget))
    amount.add(f"{first}{FIRST_DATA_ROW}:{last}{last_row}")
    sheet.data_validations.append(amount)


def _write_lists(sheet, styles: dict, lists: tuple[list[str], ...]) -> None:
    for index in range(len(LIST_COLUMNS)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = 22
    sheet.append([excel.styled_cell(sheet, label, styles["양식 머리글"]) for label in LIST_COLUMNS])
    for index in range(max(map(len, lists))):
        sheet.append(
            [
                excel.styled_cell(sheet, names[index] if index < len(names) else None, styles["읽기 전용 글자"])
                for names in lists
            ]
        )


def _write_guide(sheet, styles: dict, year: int) -> None:
    sheet.column_dimensions["A"].width = 110
    sheet.append([excel.styled_cell(sheet, _("세부계획 파일 작성 안내"), styles["안내 제목"])])
    intro = _("이 파일은 %(year)s년 일자리 세부계획입니다. '세부계획' 시트를 고쳐 올리세요.") % {"year": year}
    sheet.append([excel.styled_cell(sheet, intro, styles["안내 본문"])])
    for line in GUIDE_LINES:
        sheet.append([excel.styled_cell(sheet, str(line), styles["안내 본문"])])


# --- Reading an upload ----------------------------------------------------------------------------------------


def parse_plan_workbook(data: bytes, *, sources, filename: str = "") -> ParsedPlan:
    """Read an uploaded plan of a government using `sources` ((value, label) pairs: its budget columns) with the
    results upload's safety (`excel.check_upload` first, then openpyxl read-only with defusedxml; sheets that would
    not be read and merges over read cells refuse the file). Every wrong cell becomes an error with its sheet, cell,
    value and a Korean reason. Never raises; no database access."""
    errors = excel.check_upload(data, filename)
    if errors:
        return ParsedPlan(None, (), tuple(errors))
    try:
        return _read(data, sources)
    except Exception as error:  # openpyxl and zipfile raise many kinds of errors on damaged parts; never crash
        message = excel.ERR_UNSAFE_CONTENT if excel.refused_as_unsafe(error) else excel.ERR_UNREADABLE
        return ParsedPlan(None, (), (excel.CellError("", "", filename, str(message)),))


def _read(data: bytes, sources) -> ParsedPlan:
    with excel.UploadedWorkbook(data) as upload:
        if PLAN_SHEET not in upload.book.sheetnames:
            value = ", ".join(upload.book.sheetnames)
            return ParsedPlan(None, (), (excel.CellError(PLAN_SHEET, "", value, str(ERR_NO_SHEET)),))
        if errors := upload.unread_sheet_errors(PLAN_SHEET, (PLAN_SHEET, LISTS_SHEET, GUIDE_SHEET)):
            return ParsedPlan(None, (), tuple(errors))
        sheet = upload.book[PLAN_SHEET]
        sheet.reset_dimensions()  # a wrong <dimension> written by another program must not hide rows
        reader = _PlanReader(sources)
        parsed = reader.read(sheet.iter_rows(max_col=len(reader.columns), values_only=True))
        areas = [(1, 2, 2, 2), (1, HEADER_ROW, len(reader.columns), reader.last_row)]
        if errors := upload.merge_errors(PLAN_SHEET, areas):
            return ParsedPlan(None, (), tuple(errors))
        return parsed


class _PlanReader:
    """Reads the plan sheet once, collecting every error instead of stopping at the first."""

    def __init__(self, sources):
        self.budget_columns = budget_columns(sources)
        self.columns = columns(sources)
        self.errors: list[excel.CellError] = []
        self.rows: list[PlanRow] = []
        self.first_row: dict[tuple, int] = {}  # ("id", n) / ("lineage", n) / ("name", department, name) → row
        self.last_row = HEADER_ROW

    def read(self, rows) -> ParsedPlan:
        head = list(islice(rows, HEADER_ROW))
        head += [(None,) * len(self.columns)] * (HEADER_ROW - len(head))
        year = self._year(head[1][1])
        if self._header_matches(head):
            self._read_rows(rows)
        listed = frozenset(key[1] for key in self.first_row if key[0] == "id")
        return ParsedPlan(year, tuple(self.rows), tuple(self.errors), listed)

    def _year(self, value) -> int | None:
        year, reason = excel.cell_whole_number(value)
        if reason is None and year is not None and YEARS[0] <= year <= YEARS[1]:
            return year
        self._add(YEAR_CELL, value, ERR_YEAR)
        return None

    def _header_matches(self, head: list[tuple]) -> bool:
        matches = True
        expected = [(YEAR_LABEL_CELL, head[1][0], "연도")]
        expected += [
            (f"{get_column_letter(i)}{HEADER_ROW}", head[HEADER_ROW - 1][i - 1], label)
            for i, label in enumerate(self.columns, 1)
        ]
        used = {source for source, _kind, _label in self.budget_columns}
        for cell, value, label in expected:
            if "".join(str(value).split()) != "".join(label.split()):
                other = ALL_BUDGET_HEADERS.get("".join(str(value).split()))
                message = SOURCE_NOT_USED % {"source": source_label(other)} if other and other not in used else None
                self._add(cell, value, message or ERR_HEADER % {"expected": label})
                matches = False
        return matches

    def _read_rows(self, rows) -> None:
        found = 0
        for number, values in enumerate(rows, start=FIRST_DATA_ROW):
            if excel.row_is_blank(values):
                continue
            found += 1
            self.last_row = number
            if found > MAX_ROWS:
                self.errors.append(
                    excel.CellError(PLAN_SHEET, "", "", str(ERR_TOO_MANY_ROWS % {"limit": f"{MAX_ROWS:,}"}))
                )
                return
            self._read_row(number, values)
        if not found:
            self.errors.append(excel.CellError(PLAN_SHEET, "", "", str(ERR_NO_ROWS % {"row": FIRST_DATA_ROW})))

    def _read_row(self, number: int, values: tuple) -> None:
        before = len(self.errors)
        programme_id = self._identifier(number, ID, values[0], ERR_ID, "id", ERR_DUPLICATE_ID)
        lineage_id = self._identifier(number, LINEAGE, values[1], ERR_LINEAGE, "lineage", ERR_DUPLICATE_LINEAGE)
        strategy = self._text(number, STRATEGY, values[2], MAX_PLAN_NAME, required=False)
        task = self._text(number, TASK, values[3], MAX_PLAN_NAME, required=False)
        if bool(strategy) != bool(task):
            column = TASK if strategy else STRATEGY
            self._add(f"{column}{number}", None, ERR_PLAN_PAIR % {"label": _label(column)})
        name = self._text(number, NAME, values[4], MAX_NAME)
        department = self._text(number, DEPARTMENT, values[5], MAX_NAME)
        programme_type = self._text(number, TYPE, values[6], MAX_NAME)
        target_group = self._text(number, GROUP, values[7], MAX_NAME)
        jobs_target = self._target(number, values[8])
        amounts = [
            self._amount(number, FIRST_BUDGET_COLUMN + index, values[FIRST_BUDGET_COLUMN - 1 + index])
            for index in range(len(self.budget_columns))
        ]
        budget = tuple(
            (source, amounts[index], amounts[index + 1])
            for index, (source, _kind, _label) in enumerate(self.budget_columns)
            if index % 2 == 0 and (amounts[index] is not None or amounts[index + 1] is not None)
        )
        if name and department:
            first = self.first_row.setdefault(("name", department, name), number)
            if first != number:
                self._add(f"{NAME}{number}", name, ERR_DUPLICATE_NAME % {"row": first})
        if len(self.errors) == before:
            row = PlanRow(
                number, programme_id, lineage_id, strategy or None, task or None, name, department,
                programme_type, target_group, jobs_target, budget,
            )  # fmt: skip
            self.rows.append(row)

    def _identifier(self, number: int, column: str, value, message, kind: str, duplicate) -> int | None:
        identifier, reason = excel.cell_whole_number(value)
        if identifier is None and reason is None:
            return None
        if reason is not None or not 0 < identifier <= MAX_ID:
            self._add(f"{column}{number}", value, message)
            return None
        first = self.first_row.setdefault((kind, identifier), number)
        if first != number:
            self._add(f"{column}{number}", value, duplicate % {"row": first})
        return identifier

    def _text(self, number: int, column: str, value, limit: int, *, required: bool = True) -> str:
        """A name as text, trimmed; a number typed as a name is read as the digits shown."""
        if value is None or isinstance(value, str):
            text = (value or "").strip()
        elif isinstance(value, int | float) and not isinstance(value, bool):
            text = excel.shown_value(value)
        else:
            self._add(f"{column}{number}", value, ERR_NOT_TEXT % {"label": _label(column)})
            return ""
        if not text and required:
            self._add(f"{column}{number}", value, ERR_REQUIRED % {"label": _label(column)})
        elif len(text) > limit:
            sizes = {"label": _label(column), "max": limit, "length": f"{len(text):,}"}
            self._add(f"{column}{number}", value, ERR_TOO_LONG % sizes)
            return ""
        return text

    def _target(self, number: int, value) -> int | None:
        jobs, reason = excel.cell_jobs(value)
        if reason is not None:
            self._add(f"{TARGET}{number}", value, reason)
            return None
        return jobs

    def _amount(self, number: int, column_index: int, value) -> int | None:
        """A budget amount in 백만원 by the rule of the budget's own file (`excel.cell_amount`): a whole number from 0 to
        MAX_MILLION_WON, or blank or a dash (None)."""
        amount, code = excel.cell_amount(value)
        label = self.columns[column_index - 1]
        cell = f"{get_column_letter(column_index)}{number}"
        if code == "too_large":
            self._add(cell, value, ERR_AMOUNT_TOO_BIG % {"label": label, "max": f"{MAX_MILLION_WON:,}"})
        elif code is not None:
            self._add(cell, value, ERR_AMOUNT % {"label": label})
        return amount

    def _add(self, cell: str, value, message) -> None:
        self.errors.append(excel.CellError(PLAN_SHEET, cell, excel.shown_value(value), str(message)))


def _label(column: str) -> str:
    return PLAN_COLUMNS[ord(column) - ord("A")]
