"""Reads for the quarterly reporting screens: the entry rows, the comparison a reviewer sees, the
review board and a department's own overview. Only approved figures count toward cumulatives."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from .access import government_of
from .calculations import achievement_rate, figure, rate
from .models import QUARTERS, Department, Programme, QuarterlyReport, QuarterlyReportLine
from .periods import deadlines_by_government, deadlines_for, default_deadline, previous_period, quarter_end
from .plans import ended_plan_periods, plan_programmes

Status = QuarterlyReport.Status
NOT_SUBMITTED = "missing"


@dataclass(frozen=True)
class EntryRow:
    programme: Programme
    jobs: int | None
    comment: str
    cumulative_before: int
    annual_target: int | None

    @property
    def cumulative(self) -> int:
        return self.cumulative_before + (self.jobs or 0)

    @property
    def rate(self) -> Decimal | None:
        return achievement_rate(self.cumulative, self.annual_target)


def _approved_by_lineage(programmes, **period) -> dict[int, int]:
    """Approved jobs of the 세부사업 in a period, by lineage: a 세부사업's row differs from year to year, its
    lineage does not, so last year's figure is found for this year's row."""
    lineages = {programme.lineage_id for programme in programmes}
    rows = (
        QuarterlyReportLine.objects.approved()
        .filter(programme__lineage__in=lineages, **period)
        .values_list("programme__lineage")
        .annotate(total=Sum("jobs"))
    )
    return {pk: total or 0 for pk, total in rows}


def entry_rows(department: Department, year: int, quarter: int, report: QuarterlyReport | None) -> list[EntryRow]:
    """One row per 세부사업 the department reports that year (`plan_programmes`): this quarter's figure, the approved
    cumulative of earlier quarters and the 세부사업's target for the year."""
    programmes = list(plan_programmes(department, year).select_related("target_group", "programme_type"))
    lines = {line.programme_id: line for line in report.lines.all()} if report else {}
    before = _approved_by_lineage(programmes, report__year=year, report__quarter__lt=quarter)
    return [
        EntryRow(
            programme,
            lines[programme.pk].jobs if programme.pk in lines else None,
            lines[programme.pk].comment if programme.pk in lines else "",
            before.get(programme.lineage_id, 0),
            programme.jobs_target,
        )
        for programme in programmes
    ]


@dataclass(frozen=True)
class ComparisonRow:
    programme: Programme
    jobs: int | None
    comment: str
    previous_quarter: int | None
    last_year: int | None


def report_comparison(report: QuarterlyReport) -> list[ComparisonRow]:
    """A report's lines beside the previous quarter and the same quarter last year (approved figures)."""
    lines = list(report.lines.select_related("programme__target_group"))
    programmes = [line.programme for line in lines]
    prev_year, prev_quarter = previous_period(report.year, report.quarter)
    previous = _approved_by_lineage(programmes, report__year=prev_year, report__quarter=prev_quarter)
    last_year = _approved_by_lineage(programmes, report__year=report.year - 1, report__quarter=report.quarter)
    return [
        ComparisonRow(
            line.programme,
            line.jobs,
            line.comment,
            previous.get(line.programme.lineage_id),
            last_year.get(line.programme.lineage_id),
        )
        for line in lines
    ]


@dataclass(frozen=True)
class OpenQuarter:
    """A quarter the department has not yet delivered: no report, a draft, or one sent back."""

    year: int
    quarter: int
    report: QuarterlyReport | None
    due: datetime.date

    @property
    def period(self) -> tuple[int, int]:
        return (self.year, self.quarter)


def unreported_quarters(department: Department, today: datetime.date) -> list[OpenQuarter]:
    """Every ended quarter of a plan year in which the department runs 세부사업 and has not delivered its report
    (none, a draft, or returned), oldest first: the department's to-do list."""
    years = set(
        department.programmes.filter(is_active=True).order_by().values_list("year_plan__year", flat=True).distinct()
    )
    periods = [(y, q) for y, q in ended_plan_periods(department.local_government_id, today) if y in years]
    reports = {(r.year, r.quarter): r for r in QuarterlyReport.objects.filter(department=department, year__in=years)}
    deadlines = deadlines_for(department.local_government_id, periods)
    return [
        OpenQuarter(year, quarter, reports.get((year, quarter)), deadlines[(year, quarter)])
        for year, quarter in periods
        if (year, quarter) not in reports or reports[(year, quarter)].status in (Status.DRAFT, Status.RETURNED)
    ]


@dataclass(frozen=True)
class BoardRow:
    department: Department
    report: QuarterlyReport | None
    jobs: int | None
    due: datetime.date
    today: datetime.date

    @property
    def status(self) -> str:
        return self.report.status if self.report else NOT_SUBMITTED

    @property
    def submitted_on_time(self) -> bool:
        return bool(self.report and self.report.submitted_at and self.report.submitted_at.date() <= self.due)

    @property
    def approved(self) -> bool:
        """Its figures count: the lead department approved the report (`ResultsQuerySet.approved`, for one row)."""
        return self.status == Status.APPROVED

    @property
    def delivered(self) -> bool:
        """Submitted to the lead department (and not sent back)."""
        return self.status in (Status.SUBMITTED, Status.APPROVED)

    @property
    def overdue(self) -> bool:
        return not self.delivered and self.today > self.due


@dataclass(frozen=True)
class Board:
    year: int
    quarter: int
    due: datetime.date
    rows: tuple[BoardRow, ...]

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def delivered(self) -> int:
        return sum(row.delivered for row in self.rows)

    @property
    def on_time(self) -> int:
        return sum(row.delivered and row.submitted_on_time for row in self.rows)

    @property
    def completeness(self) -> Decimal | None:
        """DHIS2's reporting rate: reports delivered ÷ reports expected."""
        return rate(self.delivered, self.expected)

    @property
    def timeliness(self) -> Decimal | None:
        """Reports delivered by the deadline ÷ reports expected."""
        return rate(self.on_time, self.expected)

    @property
    def pending(self) -> int:
        """Submitted reports waiting for review."""
        return sum(row.status == Status.SUBMITTED for row in self.rows)


def review_board(user, year: int, quarter: int, today: datetime.date, *, government: int | None = None) -> Board:
    """Every department the person may see (`user` None: all, for official reports; `government` given: that
    government's only) × the quarter: report status, submitted when, overdue."""
    scope = Department.objects.all() if user is None else Department.objects.visible_to(user)
    if government is not None:
        scope = scope.filter(local_government_id=government)
    departments = scope.filter(programmes__is_active=True, programmes__year_plan__year=year).distinct()
    # Each department is due by its own government's deadline; the board's is the person's (or given) government's.
    set_dues = deadlines_by_government(year, quarter)
    default = default_deadline(year, quarter)
    if government is None and user is not None:
        government = government_of(user)
    reports = {
        report.department_id: report
        for report in QuarterlyReport.objects.filter(department__in=departments, year=year, quarter=quarter)
        .select_related("submitted_by", "reviewed_by")
        .annotate(total=Sum("lines__jobs"))
    }
    rows = tuple(
        BoardRow(
            department,
            reports.get(department.pk),
            getattr(reports.get(department.pk), "total", None),
            set_dues.get(department.local_government_id, default),
            today,
        )
        for department in departments.order_by("sort_order", "name")
    )
    if government is None and len({row.due for row in rows}) == 1:
        return Board(year, quarter, rows[0].due, rows)
    return Board(year, quarter, set_dues.get(government, default), rows)


@dataclass(frozen=True)
class OwedQuarter:
    """An ended quarter of a plan year in which some departments running 세부사업 have not delivered their report."""

    year: int
    quarter: int
    owing: int  # departments with no report, a draft or one sent back


def owed_quarters(user, today: datetime.date) -> list[OwedQuarter]:
    """The review board's to-do: every ended quarter of a plan year in which a department the person sees runs
    active 세부사업 and has not delivered its report (none, a draft, or returned), oldest first — in two queries,
    however many quarters, departments and reports."""
    expected = {}
    for department, year in (
        Programme.objects.visible_to(user)
        .filter(is_active=True)
        .order_by()
        .values_list("department_id", "year_plan__year")
        .distinct()
    ):
        expected.setdefault(year, set()).add(department)
    delivered = set(
        QuarterlyReport.objects.visible_to(user)
        .filter(status__in=(Status.SUBMITTED, Status.APPROVED), year__in=list(expected))
        .values_list("department_id", "year", "quarter")
    )
    owed = (
        (year, quarter, sum((department, year, quarter) not in delivered for department in expected[year]))
        for year in sorted(expected)
        for quarter in QUARTERS
        if quarter_end(year, quarter) < today
    )
    return [OwedQuarter(year, quarter, owing) for year, quarter, owing in owed if owing]


def department_reports(department: Department, limit: int = 12):
    """A department's recent reports, newest first, with their totals."""
    return (
        QuarterlyReport.objects.filter(department=department)
        .annotate(total=Sum("lines__jobs"))
        .order_by("-year", "-quarter")[:limit]
    )


def returned_reports(department: Department):
    return QuarterlyReport.objects.filter(department=department, status=Status.RETURNED).order_by("-year", "-quarter")


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime.datetime
    who: str
    what: str
    changes: tuple[str, ...]
    reason: str


# A decision stands while the report is returned or approved; once the department edits or submits again it
# is history, shown as the earlier review and no longer as the report's review.
DECIDED = (Status.RETURNED, Status.APPROVED)


@dataclass(frozen=True)
class EarlierReview:
    when: datetime.datetime
    who: str
    decision: str
    reason: str


def earlier_review(report: QuarterlyReport) -> EarlierReview | None:
    """The last review decision of a report that has since gone back to the department's hands (a draft or a
    resubmission after a return or a reopening): when, by whom, what and why, read from the history (a new
    submission clears the report's own reason)."""
    if report.status in DECIDED or report.reviewed_at is None:
        return None
    # The latest record in a decided state carries the decision's fields (later saves only bumped the version).
    record = (
        report.history.filter(status__in=DECIDED, reviewed_at__isnull=False)
        .select_related("reviewed_by")
        .order_by("-history_date")
        .first()
    )
    if record is None:
        return None
    return EarlierReview(
        record.reviewed_at, person_label(record.reviewed_by), Status(record.status).label, record.review_reason
    )


def person_label(user) -> str:
    """Who did something, as every history and review shows it: the person's name, or 시스템 for what no
    signed-in person did (a management command, a data load)."""
    return (user.get_full_name() or user.username) if user else _("시스템")


def figure_change(old, new, unit: str = "", *, deleted: bool = False) -> str:
    """How every history writes the change of one figure (a report's figure, a target, a budget amount): old → new
    with the unit once, "—" where there was no figure ("— → 7명"), and "삭제" for a figure deleted ("7명 → 삭제")."""
    if deleted:
        return _("%(old)s%(unit)s → 삭제") % {"old": figure(old), "unit": unit}
    return f"{figure(old)} → {figure(new)}{unit}"


def history_who(record) -> str:
    """The person behind a history record (django-simple-history's `history_user`)."""
    return person_label(record.history_user)


def report_history(report: QuarterlyReport) -> list[HistoryEntry]:
    """Every change to a report and its figures, newest first: who, when, old → new and why. A record that
    changed nothing shown here (a save's version bump: the figures it changed are their own rows) is left out,
    so that no row says "실적 수정" beside an empty change."""
    statuses = dict(Status.choices)
    entries = []
    for record in report.history.select_related("history_user").order_by("history_date"):
        previous = record.prev_record
        if previous is not None and previous.status == record.status:
            continue
        old = statuses.get(previous.status, "") if previous else ""
        change = _("상태: %(change)s") % {
            "change": f"{old} → {statuses[record.status]}" if old else statuses[record.status]
        }
        entries.append(
            HistoryEntry(
                record.history_date, history_who(record), _("보고"), (change,), record.history_change_reason or ""
            )
        )
    lines = QuarterlyReportLine.history.filter(report_id=report.pk).select_related("history_user", "programme")
    for record in lines.order_by("history_date"):
        previous = record.prev_record if record.history_type != "+" else None
        changes = _line_changes(record, previous)
        if changes:
            entries.append(
                HistoryEntry(
                    record.history_date,
                    history_who(record),
                    record.programme.name,
                    changes,
                    record.history_change_reason or "",
                )
            )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _line_changes(record, previous) -> tuple[str, ...]:
    """What one history record of a figure changed: the figure (old → new) and the comment."""
    if record.history_type == "-":
        return (_("실적 %(change)s") % {"change": figure_change(record.jobs, None, _("명"), deleted=True)},)
    changes = []
    if previous is None or previous.jobs != record.jobs:
        old = previous.jobs if previous else None
        changes.append(_("실적 %(change)s") % {"change": figure_change(old, record.jobs, _("명"))})
    old_comment = previous.comment if previous else ""
    if old_comment != record.comment:
        changes.append(_("비고 「%(old)s」 → 「%(new)s」") % {"old": old_comment, "new": record.comment})
    return tuple(changes)
