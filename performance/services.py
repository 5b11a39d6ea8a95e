"""Every change to a quarterly report goes through these functions.

Each one checks the person's right and the report's current state inside one transaction, locks the
report row, saves, and leaves the history entry (who, when, old → new, why) in the same transaction.
A form or a request body can never set a status, a reviewer or another department: those come only
from here.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from . import summaries
from .access import can_enter_results, can_review_reports
from .bulk import insert_with_history
from .models import Department, Programme, QuarterlyReport, QuarterlyReportLine, ReportingDeadline
from .notices import notify_review
from .plans import period_refusal
from .reporting import figure_change, history_who
from .revision import revision_bump
from .validation import EntryWarning, entry_warnings

Status = QuarterlyReport.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)

NOT_ALLOWED = gettext_lazy("이 부서의 실적을 입력할 권한이 없습니다.")
NOT_REVIEWER = gettext_lazy("실적 검토(승인·반려·재개)는 일자리창출과만 할 수 있습니다.")
LOCKED = gettext_lazy(
    "%(status)s 상태의 보고는 고칠 수 없습니다. 승인된 보고는 일자리창출과가 재개해야 고칠 수 있습니다."
)
ALREADY_SUBMITTED = gettext_lazy("이미 제출된 보고입니다. 다시 제출할 필요가 없습니다.")
WRONG_STATE = gettext_lazy("현재 %(status)s 상태라 이 작업을 할 수 없습니다.")
REASON_REQUIRED = gettext_lazy("사유를 입력하세요.")
FOREIGN_PROGRAMME = gettext_lazy("이 부서의 세부사업이 아닌 항목이 있습니다. 화면을 새로 고친 뒤 다시 입력하세요.")
STALE = gettext_lazy(
    "다른 사용자가 먼저 저장했습니다. 아무것도 덮어쓰지 않았습니다. 바뀐 내용을 확인한 뒤 다시 입력하세요."
)
UNACKNOWLEDGED = gettext_lazy(
    "확인이 필요한 경고가 있습니다. 내용을 확인하고 '경고를 확인했습니다'를 선택한 뒤 제출하세요."
)


class ReportError(Exception):
    """A refused change; `message` is for the person, in Korean."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleReport(ReportError):
    """Someone else saved the report after this person opened it; `changes` says what they changed."""

    def __init__(self, changes: list[str]):
        super().__init__(STALE)
        self.changes = changes


class WarningsNotAcknowledged(ReportError):
    def __init__(self, warnings: list[EntryWarning]):
        super().__init__(UNACKNOWLEDGED)
        self.warnings = warnings


@dataclass(frozen=True)
class LineInput:
    programme_id: int
    jobs: int | None
    comment: str = ""


def _locked_report(report_id: int) -> QuarterlyReport:
    return QuarterlyReport.objects.select_for_update().select_related("department").get(pk=report_id)


def _check_version(report: QuarterlyReport, expected_version: int | None) -> None:
    if expected_version is not None and report.version != expected_version:
        raise StaleReport(changes_since(report, expected_version))


def _save(instance, user, reason: str = "", update_fields=None) -> None:
    instance._history_user = user
    instance._change_reason = reason
    instance.full_clean()
    instance.save(update_fields=update_fields)


@dataclass(frozen=True)
class ReportInput:
    """One department's figures for the quarter, and the report version the person saw (0: none yet)."""

    department: Department
    expected_version: int
    lines: list[LineInput]


@transaction.atomic
def report_save_lines(
    *, department: Department, year: int, quarter: int, lines: list[LineInput], user, expected_version: int
) -> QuarterlyReport:
    """Save a department's figures for a quarter as a draft (creating the report on first save).

    `expected_version` is the version the person's form was built from (0 for a report not yet
    created); anything else means someone saved in between, and nothing is written. `user` None is
    the trusted operator of `manage.py import_results`; every web request passes its user.
    """
    [report] = reports_save_lines(
        year=year, quarter=quarter, inputs=[ReportInput(department, expected_version, lines)], user=user
    )
    return report


@transaction.atomic
def reports_save_lines(*, year: int, quarter: int, inputs: list[ReportInput], user) -> list[QuarterlyReport]:
    """Save several departments' figures for one quarter at once, all or nothing (the Excel import).

    The same rules as for one report: the right to enter each department's figures, an editable
    state, the version each person saw. New reports and new lines are written in bulk with their
    history, so a 10,000-row file costs a handful of queries per table rather than per row.
    """
    departments = [item.department for item in inputs]
    if user is not None and not all(can_enter_results(user, department) for department in departments):
        raise PermissionDenied(NOT_ALLOWED)  # user None: the operator of manage.py
    for government in {department.local_government_id for department in departments}:
        refusal = period_refusal(government, year, quarter, timezone.localdate())
        if refusal:  # a quarter that has not ended, or a year outside every plan
            raise ReportError(refusal)
    existing = {
        report.department_id: report
        for report in QuarterlyReport.objects.select_for_update().filter(
            department__in=departments, year=year, quarter=quarter
        )
    }
    reports = _create_reports([item for item in inputs if item.department.pk not in existing], year, quarter, user)
    for item in inputs:
        report = existing.get(item.department.pk)
        if report is not None:
            _check_version(report, item.expected_version)
            if report.status not in EDITABLE:
                raise ReportError(LOCKED % {"status": report.get_status_display()})
            reports[item.department.pk] = report
    changed = _apply_lines([(reports[item.department.pk], item.lines) for item in inputs], user)
    for report in existing.values():
        if report.pk in changed:  # a save that changes nothing leaves no version and no history entry
            report.version += 1
            _save(report, user, _("실적 수정"), update_fields=["version"])
    if changed or len(existing) < len(inputs):
        for government in sorted({department.local_government_id for department in departments}):
            revision_bump(government)
    return [reports[item.department.pk] for item in inputs]


def _create_reports(inputs: list[ReportInput], year, quarter, user) -> dict[int, QuarterlyReport]:
    if any(item.expected_version for item in inputs):
        raise StaleReport([])  # the person saw a report that is no longer there
    new = [
        QuarterlyReport(department=item.department, year=year, quarter=quarter, status=Status.DRAFT) for item in inputs
    ]
    for report in new:
        report.clean_fields(exclude=["department"])  # the departments were read from the database just now
    try:
        with transaction.atomic():
            created = bulk_create_with_history(
                new, QuarterlyReport, default_user=user, default_change_reason=_("보고 작성")
            )
    except IntegrityError:  # created by someone else a moment ago (a double click, a colleague)
        raise StaleReport([]) from None
    return {report.department_id: report for report in created}


def _apply_lines(writes: list[tuple[QuarterlyReport, list[LineInput]]], user) -> set[int]:
    """Write the figures: new lines in bulk with their history, changed ones one by one, cleared ones
    deleted (the history keeps them). Programmes and uniqueness are checked here once for all reports,
    so each line only validates its own fields, without a query per row. Returns the reports changed."""
    report_ids = [report.pk for report, _lines in writes]
    # A line names one of its department's active 세부사업 of the report's year (only those years are read: a
    # department has a row per 세부사업 in every year's plan).
    own = set(
        Programme.objects.filter(
            is_active=True,
            department__in=[report.department_id for report, _lines in writes],
            year_plan__year__in={report.year for report, _lines in writes},
        ).values_list("department_id", "year_plan__year", "pk")
    )
    existing = {
        (line.report_id, line.programme_id): line
        for line in QuarterlyReportLine.objects.filter(report_id__in=report_ids)
    }
    new, changed, checked = [], set(), {}
    for report, lines in writes:
        programmes = [line.programme_id for line in lines]
        if any((report.department_id, report.year, pk) not in own for pk in programmes) or len(set(programmes)) < len(
            programmes
        ):
            raise ReportError(FOREIGN_PROGRAMME)
        created, updated = _line_writes(report, lines, existing, user, checked)
        new += created
        if created or updated:
            changed.add(report.pk)
    insert_with_history(
        QuarterlyReportLine,
        new,
        key=("report_id", "programme_id"),
        user=user,
        reason=_("실적 입력"),
    )
    return changed


def _line_writes(report, lines, existing, user, checked: dict) -> tuple[list[dict], int]:
    """Update or delete this report's existing lines; return the new ones to be created in bulk (their
    values, checked by the model's field rules without an instance each, each pair of values once: `checked`
    keeps the cleaned values by the values given), and how many existing ones changed."""
    new, updated = [], 0
    for entry in lines:
        line = existing.get((report.pk, entry.programme_id))
        if entry.jobs is None and not entry.comment:
            if line is not None:
                line._history_user = user
                line.delete()
                updated += 1
        elif line is None:
            key = (entry.jobs, entry.comment)
            if key not in checked:
                checked[key] = _valid_values(entry)
            new.append({"report_id": report.pk, "programme_id": entry.programme_id, **checked[key]})
        elif (line.jobs, line.comment) != (entry.jobs, entry.comment):
            _valid_line(line, entry)
            line._history_user, line._change_reason = user, _("실적 입력")
            line.save(update_fields=["jobs", "comment"])
            updated += 1
    return new, updated


def _valid_values(entry: LineInput) -> dict:
    """A new line's figure and comment, cleaned by the model's own fields (the bounds of jobs, the comment's
    length); a ValidationError names the field, as `clean_fields` would."""
    values = {}
    for name, value in (("jobs", entry.jobs), ("comment", entry.comment)):
        try:
            values[name] = QuarterlyReportLine._meta.get_field(name).clean(value, None)
        except ValidationError as error:
            raise ValidationError({name: error.error_list}) from None
    return values


def _valid_line(line: QuarterlyReportLine, entry: LineInput) -> QuarterlyReportLine:
    line.jobs, line.comment = entry.jobs, entry.comment
    line.clean_fields(exclude=["report", "programme"])
    return line


@transaction.atomic
def report_submit(*, report_id: int, user, expected_version: int | None, acknowledged: bool = False) -> QuarterlyReport:
    """Draft or returned → submitted. Warnings must be acknowledged; a second click changes nothing."""
    report = _locked_report(report_id)
    if not can_enter_results(user, report.department):
        raise PermissionDenied(NOT_ALLOWED)
    if report.status == Status.SUBMITTED:
        raise ReportError(ALREADY_SUBMITTED)
    _check_version(report, expected_version)
    if report.status not in EDITABLE:
        raise ReportError(WRONG_STATE % {"status": report.get_status_display()})
    values = dict(report.lines.values_list("programme_id", "jobs"))
    warnings = entry_warnings(report.department, report.year, report.quarter, values)
    if warnings and not acknowledged:
        raise WarningsNotAcknowledged(warnings)
    reason = _("제출") + ("" if not warnings else " · " + _("경고 %(count)d건 확인") % {"count": len(warnings)})
    return _transition(
        report, Status.SUBMITTED, user, reason, submitted_at=timezone.now(), submitted_by=user, review_reason=""
    )


def _review(report_id: int, user, expected_version: int | None, allowed_from: Status) -> QuarterlyReport:
    if not can_review_reports(user):
        raise PermissionDenied(NOT_REVIEWER)
    report = _locked_report(report_id)
    _check_version(report, expected_version)
    if report.status != allowed_from:
        raise ReportError(WRONG_STATE % {"status": report.get_status_display()})
    return report


@transaction.atomic
def report_approve(*, report_id: int, user, expected_version: int | None) -> QuarterlyReport:
    """Submitted → approved: the figures now count and are locked."""
    report = _review(report_id, user, expected_version, Status.SUBMITTED)
    return _reviewed(report, Status.APPROVED, user, _("승인"))


@transaction.atomic
def report_return(*, report_id: int, user, expected_version: int | None, reason: str) -> QuarterlyReport:
    """Submitted → returned to the department, with the reason they will see."""
    reason = _required(reason)
    report = _review(report_id, user, expected_version, Status.SUBMITTED)
    return _reviewed(report, Status.RETURNED, user, _("반려: %(reason)s") % {"reason": reason}, review_reason=reason)


@transaction.atomic
def report_reopen(*, report_id: int, user, expected_version: int | None, reason: str) -> QuarterlyReport:
    """Approved → returned, so that the department can correct it; the figures stop counting."""
    reason = _required(reason)
    report = _review(report_id, user, expected_version, Status.APPROVED)
    return _reviewed(report, Status.RETURNED, user, _("재개: %(reason)s") % {"reason": reason}, review_reason=reason)


@dataclass(frozen=True)
class BulkResult:
    approved: tuple[QuarterlyReport, ...]
    refused: tuple[tuple[int, str], ...]


@transaction.atomic
def report_bulk_approve(*, report_ids: list[int], user) -> BulkResult:
    """Approve several submitted reports that raise no warning; each on its own, so one refusal stops no other.

    A refusal rolls back only its own report (a savepoint); a crash rolls back them all, so that no report is
    left approved, with its notice, behind an error page."""
    if not can_review_reports(user):
        raise PermissionDenied(NOT_REVIEWER)
    approved, refused = [], []
    for report_id in report_ids:
        try:
            with transaction.atomic():
                report = _locked_report(report_id)
                values = dict(report.lines.values_list("programme_id", "jobs"))
                if entry_warnings(report.department, report.year, report.quarter, values):
                    raise ReportError(_("경고가 있어 하나씩 검토해야 합니다."))
                approved.append(report_approve(report_id=report_id, user=user, expected_version=None))
        except QuarterlyReport.DoesNotExist:
            refused.append((report_id, _("보고를 찾을 수 없습니다.")))
        except ReportError as exc:
            refused.append((report_id, exc.message))
    return BulkResult(tuple(approved), tuple(refused))


def _required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ReportError(REASON_REQUIRED)
    return reason


def _reviewed(report: QuarterlyReport, status: Status, user, reason: str, **fields) -> QuarterlyReport:
    """A review decision: the transition, and the department's notice in the same transaction."""
    report = _transition(report, status, user, reason, reviewed_at=timezone.now(), reviewed_by=user, **fields)
    notify_review(report)
    return report


def _transition(report: QuarterlyReport, status: Status, user, reason: str, **fields) -> QuarterlyReport:
    counted = report.status == Status.APPROVED
    report.status = status
    report.version += 1
    for name, value in fields.items():
        setattr(report, name, value)
    _save(report, user, reason, update_fields=["status", "version", *fields])
    revision_bump(report.department.local_government_id)
    if counted != (status == Status.APPROVED):  # approved reports count: the summaries add or take out its lines
        summaries.results_of_report(report, -1 if counted else 1)
    return report


def changes_since(report: QuarterlyReport, version: int) -> list[str]:
    """What others changed in a report after the person saw `version`, as lines they can read. A save
    writes its lines first and then the report's new version, so everything after the record of the
    version seen is new to the person."""
    seen = report.history.filter(version=version).order_by("-history_date").first()
    since = {"history_date__gt": seen.history_date} if seen else {}
    changes = []
    for record in report.history.filter(version__gt=version).order_by("history_date"):
        who = history_who(record)
        when = timezone.localtime(record.history_date)
        changes.append(f"{when:%m-%d %H:%M} {who}: {record.history_change_reason or ''}")
    lines = QuarterlyReportLine.history.filter(report_id=report.pk, **since)
    for record in lines.select_related("programme").order_by("history_date"):
        changes.append(f"{record.programme.name}: {_line_change(record)}")
    return changes


def _line_change(record) -> str:
    previous = record.prev_record if record.history_type != "+" else None
    old = previous.jobs if previous else None
    return figure_change(old, record.jobs, _("명"), deleted=record.history_type == "-")


@transaction.atomic
def deadline_set(*, government, year: int, quarter: int, due_date, user) -> ReportingDeadline:
    """The lead department of `government` (a LocalGovernment or its id) sets a quarter's deadline (instead of the
    10th day after the quarter)."""
    if not can_review_reports(user):
        raise PermissionDenied(NOT_REVIEWER)
    government = getattr(government, "pk", government)
    deadline = _locked_deadline(government, year, quarter)
    if deadline is None:
        try:
            with transaction.atomic():
                new = ReportingDeadline(local_government_id=government, year=year, quarter=quarter)
                return _deadline_change(new, due_date, user)
        except (IntegrityError, ValidationError):
            # A colleague set the quarter's first deadline a moment ago (there is no row to lock before it exists):
            # change theirs, as if theirs had come first, instead of failing on the unique constraint.
            deadline = _locked_deadline(government, year, quarter)
            if deadline is None:
                raise
    if deadline.due_date != due_date:
        _deadline_change(deadline, due_date, user)
    return deadline


def _locked_deadline(government: int, year: int, quarter: int) -> ReportingDeadline | None:
    return (
        ReportingDeadline.objects.select_for_update()
        .filter(local_government_id=government, year=year, quarter=quarter)
        .first()
    )


def _deadline_change(deadline: ReportingDeadline, due_date, user) -> ReportingDeadline:
    deadline.due_date = due_date
    _save(deadline, user, gettext_lazy("제출 기한 변경"))
    return deadline
