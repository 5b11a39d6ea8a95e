"""The Excel round trip against the database: a pre-filled template, a dry-run plan of what an upload
would change (old → new), and applying that plan all-or-nothing through the same service as the form.

The web upload and `manage.py import_results` use exactly these functions.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import excel, services
from .access import can_enter_results
from .excel.format import ERR_MISSING_ROW, QUARTER_CELL, YEAR_CELL
from .models import Department, QuarterlyReport, QuarterlyReportLine
from .plans import period_refusal, plan_programmes, plan_years
from .reporting import entry_rows
from .services import LineInput

UNKNOWN_DEPARTMENT = gettext_lazy("부서코드 %(code)s인 부서가 없거나 이 부서의 실적을 입력할 권한이 없습니다.")
FOREIGN_PROGRAMME = gettext_lazy("%(department)s의 운영 중인 세부사업이 아닙니다(세부사업ID %(id)s).")
LOCKED_REPORT = gettext_lazy("%(department)s의 %(year)s년 %(quarter)s분기 보고는 %(status)s 상태라 바꿀 수 없습니다.")
FIGURES_COLUMN, DEPARTMENT_COLUMN, PROGRAMME_COLUMN = "I", "A", "C"


def results_template(departments: list[Department], year: int, quarter: int) -> bytes:
    """The quarter's template pre-filled with each department's programmes and current figures."""
    rows = []
    for department in departments:
        report = QuarterlyReport.objects.filter(department=department, year=year, quarter=quarter).first()
        for row in entry_rows(department, year, quarter, report):
            programme = row.programme
            rows.append(
                excel.TemplateRow(
                    department.code,
                    department.name,
                    programme.pk,
                    programme.name,
                    programme.target_group.name,
                    programme.programme_type.name,
                    row.annual_target,
                    row.cumulative_before,
                    row.jobs,
                    row.comment,
                )
            )
    title = _("%(year)s년 %(quarter)s분기 일자리 실적") % {"year": year, "quarter": quarter}
    return excel.build_results_template(title=title, year=year, quarter=quarter, rows=rows)


@dataclass(frozen=True)
class LineChange:
    programme: str
    old_jobs: int | None
    new_jobs: int | None
    old_comment: str
    new_comment: str


@dataclass(frozen=True)
class ReportPlan:
    department: Department
    version: int  # the report's version when the plan was made; 0 when it does not exist yet
    lines: tuple[LineInput, ...]
    changes: tuple[LineChange, ...]


@dataclass(frozen=True)
class ImportPlan:
    year: int | None
    quarter: int | None
    reports: tuple[ReportPlan, ...]
    errors: tuple[excel.CellError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def change_count(self) -> int:
        return sum(len(report.changes) for report in self.reports)

    def to_session(self) -> dict:
        """What the confirmation step needs, small enough for the session."""
        return {
            "year": self.year,
            "quarter": self.quarter,
            "reports": [
                [r.department.pk, r.version, [[line.programme_id, line.jobs, line.comment] for line in r.lines]]
                for r in self.reports
            ],
        }


def plan_import(data: bytes, filename: str, user, government=None) -> ImportPlan:
    """Read an upload and say what it would change, without saving anything. `user` None is the trusted
    operator of manage.py, who may name the `government` (department codes are unique within one government only:
    a code found in several governments is refused rather than guessed). A handful of queries whatever the number
    of rows."""
    parsed = excel.parse_results_workbook(data, filename=filename)
    errors = list(parsed.errors)
    by_department: dict[str, list[excel.ParsedRow]] = {}
    for row in parsed.rows:
        by_department.setdefault(row.department_code, []).append(row)
    scope = Department.objects.visible_to(user) if user is not None else Department.objects.all()
    scope = scope.filter(local_government=government) if government is not None else scope
    found = list(scope.filter(code__in=by_department))
    codes = [d.code for d in found]
    departments = {d.code: d for d in found if codes.count(d.code) == 1}
    if refused := _period_error(departments.values(), parsed.year, parsed.quarter):
        return ImportPlan(parsed.year, parsed.quarter, (), (*errors, refused))
    context = _PlanContext.load(list(departments.values()), parsed.year, parsed.quarter, parsed.programme_ids)
    reports = []
    for code, rows in by_department.items():
        department = departments.get(code)
        if department is None or (user is not None and not can_enter_results(user, department)):
            errors += [_row_error(row, DEPARTMENT_COLUMN, code, UNKNOWN_DEPARTMENT % {"code": code}) for row in rows]
            continue
        plan, plan_errors = _plan_department(department, parsed.year, parsed.quarter, rows, context)
        errors += plan_errors
        if plan is not None and plan.changes:
            reports.append(plan)
    return ImportPlan(parsed.year, parsed.quarter, tuple(reports), tuple(errors))


def _period_error(departments, year: int | None, quarter: int | None) -> excel.CellError | None:
    """A quarter that has not ended, or a year outside every plan of the departments' governments, refused at the
    file's 연도 or 분기 cell with the reason the confirmation would give (`plans.period_refusal`): said at the preview,
    instead of a preview that looks fine (or a complaint about every row) and a refusal on saving."""
    if year is None or quarter is None:
        return None  # the reader has already named the cell
    today = timezone.localdate()
    for government in sorted({department.local_government_id for department in departments}):
        if refusal := period_refusal(government, year, quarter, today):
            planned = year in plan_years(government)
            cell, value = (QUARTER_CELL, quarter) if planned else (YEAR_CELL, year)
            return excel.CellError(sheet=excel.DATA_SHEET, cell=cell, value=str(value), message=refusal)
    return None


@dataclass(frozen=True)
class _PlanContext:
    """The quarter's reports, their lines' (jobs, comment) and the names of the programmes the departments report
    (the template's rows), read once as plain values (10,000 model instances would cost more than the file's
    parsing); and every programme ID the file lists."""

    reports: dict[int, QuarterlyReport]
    lines: dict[int, dict[int, tuple[int | None, str]]]
    programmes: dict[int, dict[int, str]]
    listed: frozenset[int]

    @classmethod
    def load(cls, departments, year, quarter, listed: frozenset[int]) -> "_PlanContext":
        reports = {
            r.department_id: r
            for r in QuarterlyReport.objects.filter(department__in=departments, year=year, quarter=quarter)
        }
        lines: dict[int, dict[int, tuple[int | None, str]]] = {}
        for department_id, programme_id, jobs, comment in QuarterlyReportLine.objects.filter(
            report__in=list(reports.values())
        ).values_list("report__department_id", "programme_id", "jobs", "comment"):
            lines.setdefault(department_id, {})[programme_id] = (jobs, comment)
        programmes: dict[int, dict[int, str]] = {}
        for pk, department_id, name in plan_programmes(departments, year).values_list("pk", "department_id", "name"):
            programmes.setdefault(department_id, {})[pk] = name
        return cls(reports, lines, programmes, listed)


def _row_error(row: excel.ParsedRow, column: str, value, message) -> excel.CellError:
    return excel.CellError(excel.DATA_SHEET, f"{column}{row.row_number}", str(value), str(message))


def _plan_department(department, year, quarter, rows, context) -> tuple[ReportPlan | None, list[excel.CellError]]:
    report = context.reports.get(department.pk)
    if report is not None and report.status not in services.EDITABLE:
        message = LOCKED_REPORT % {
            "department": department.name,
            "year": year,
            "quarter": quarter,
            "status": report.get_status_display(),
        }
        return None, [_row_error(rows[0], FIGURES_COLUMN, "", message)]
    programmes = context.programmes.get(department.pk, {})
    current = context.lines.get(department.pk, {})
    errors, lines, changes = [], [], []
    for row in rows:
        name = programmes.get(row.programme_id)
        if name is None:
            message = FOREIGN_PROGRAMME % {"id": row.programme_id, "department": department.name}
            errors.append(_row_error(row, PROGRAMME_COLUMN, row.programme_id, message))
            continue
        old_jobs, old_comment = current.get(row.programme_id, (None, ""))
        if (old_jobs, old_comment) != (row.jobs, row.comment):
            lines.append(LineInput(row.programme_id, row.jobs, row.comment))
            changes.append(LineChange(name, old_jobs, row.jobs, old_comment, row.comment))
    errors += _missing_rows(department, programmes, context.listed)
    version = report.version if report else 0
    return ReportPlan(department, version, tuple(lines), tuple(changes)), errors


def _missing_rows(department, programmes: dict[int, str], listed: frozenset[int]) -> list[excel.CellError]:
    """A programme of the template without a row in the file: a deleted row would otherwise keep the old figure
    without a word (a blank figure, on its row, is how a file says "no figure")."""
    return [
        excel.CellError(
            excel.DATA_SHEET,
            "",
            "",
            str(ERR_MISSING_ROW % {"department": department.name, "programme": name, "id": pk}),
        )
        for pk, name in programmes.items()
        if pk not in listed
    ]


@transaction.atomic
def apply_import(session_plan: dict, user) -> list[QuarterlyReport]:
    """Save a confirmed plan: every report or none. A report changed by someone since the preview is
    refused (StaleReport) and nothing at all is saved."""
    departments = Department.objects.in_bulk([department_id for department_id, _v, _l in session_plan["reports"]])
    inputs = [
        services.ReportInput(departments[department_id], version, [LineInput(*line) for line in lines])
        for department_id, version, lines in session_plan["reports"]
    ]
    return services.reports_save_lines(
        year=session_plan["year"], quarter=session_plan["quarter"], inputs=inputs, user=user
    )
