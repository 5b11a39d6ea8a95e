"""Many people saving, approving and returning the same report at the same moment, on a real PostgreSQL server.

Each racer is a thread with its own connection (its own PostgreSQL session), all released together by a barrier,
so the row locks, the version check and the unique constraints are what decides, not the order of the test.
The tests commit for real (`transaction=True`): a test wrapped in one transaction would see nothing of the
other sessions. On SQLite (one writer at a time) the races would prove nothing; instead the last test checks
that two writers wait for each other rather than fail with "database is locked".
"""

import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.db.utils import OperationalError, load_backend

from budget.models import Allocation, BudgetLine
from budget.selectors import budget_version
from budget.services import CellInput, StaleBudget, allocations_save
from performance import services, summaries
from performance.models import Notice, Programme, QuarterlyReport, QuarterlyReportLine, ReportingDeadline
from performance.services import LineInput, ReportError, StaleReport
from tests.factories import (
    AllocationFactory,
    DepartmentFactory,
    LocalGovernmentFactory,
    PledgeFactory,
    ProgrammeFactory,
    reviewer,
    staff_of,
)

from .racing import race

RACES = 20  # the benchmark runs 1,000; here a few are enough to catch a missing lock, and stay fast
RACERS = 6

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="races between sessions need PostgreSQL (DATABASE_URL=postgres://…); SQLite has a single writer",
)
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def summaries_stay_exact():
    """After every race or crash, the summaries the pages read are exactly what the lines say
    (`manage.py verify_summaries` finds no difference)."""
    yield
    assert summaries.differences() == []


@pytest.fixture
def office():
    """A department with three programmes, one of its staff and a lead department reviewer."""
    government = LocalGovernmentFactory()
    department = DepartmentFactory(local_government=government)
    programmes = [ProgrammeFactory(department=department) for _ in range(3)]
    for programme in programmes:  # the same 세부사업 in each later year's plan, for races over many quarters
        for year in range(2020, 2025):
            ProgrammeFactory(department=department, year=year, name=programme.name, lineage=programme.lineage)
    return department, programmes, staff_of(department), reviewer()


def lines(programmes, jobs: int, year: int) -> list[LineInput]:
    """Figures for the 세부사업's rows in `year`'s plan (the same lineages)."""
    rows = [Programme.objects.get(lineage=programme.lineage, year_plan__year=year) for programme in programmes]
    return [LineInput(row.pk, jobs + offset, "") for offset, row in enumerate(rows)]


def save(department, programmes, user, *, jobs, version, year=2019, quarter=1):
    return services.report_save_lines(
        department=department,
        year=year,
        quarter=quarter,
        lines=lines(programmes, jobs, year),
        user=user,
        expected_version=version,
    )


def stored_figures(report) -> list[int]:
    return list(
        QuarterlyReportLine.objects.filter(report=report).order_by("programme_id").values_list("jobs", flat=True)
    )


def winners(outcomes) -> list[int]:
    return [index for index, outcome in enumerate(outcomes) if outcome.ok]


@on_postgresql
def test_saves_with_the_same_version_one_wins_and_nothing_is_lost(office):
    department, programmes, staff, lead = office
    report = save(department, programmes, staff, jobs=1, version=0)
    for number in range(RACES):
        before = QuarterlyReport.objects.get(pk=report.pk)
        history_before = report.history.count()
        line_history_before = QuarterlyReportLine.history.filter(report_id=report.pk).count()
        figures = [1000 * (number + 1) + 10 * racer for racer in range(RACERS)]
        outcomes = race(
            [
                lambda jobs=jobs, who=(staff if racer % 2 else lead): save(
                    department, programmes, who, jobs=jobs, version=before.version
                )
                for racer, jobs in enumerate(figures)
            ]
        )
        [winner] = winners(outcomes)
        assert all(isinstance(o.error, StaleReport) for i, o in enumerate(outcomes) if i != winner), outcomes
        after = QuarterlyReport.objects.get(pk=report.pk)
        assert after.version == before.version + 1
        assert stored_figures(report) == [figures[winner] + offset for offset in range(len(programmes))]
        assert report.history.count() == history_before + 1  # exactly one new version
        assert report.history.first().version == after.version
        assert QuarterlyReportLine.history.filter(report_id=report.pk).count() == line_history_before + len(programmes)
        newest = QuarterlyReportLine.history.filter(report_id=report.pk).order_by("-history_id")[: len(programmes)]
        assert sorted(record.jobs for record in newest) == stored_figures(report)  # the history says what is stored


@on_postgresql
def test_the_first_save_of_a_new_report_creates_one_report(office):
    department, programmes, staff, lead = office
    for number in range(RACES):
        year, quarter = 2019 + number // 4, number % 4 + 1
        outcomes = race(
            [
                lambda racer=racer: save(
                    department,
                    programmes,
                    staff if racer % 2 else lead,
                    jobs=racer,
                    version=0,
                    year=year,
                    quarter=quarter,
                )
                for racer in range(RACERS)
            ]
        )
        [winner] = winners(outcomes)
        assert all(isinstance(o.error, StaleReport) for i, o in enumerate(outcomes) if i != winner), outcomes
        [report] = QuarterlyReport.objects.filter(department=department, year=year, quarter=quarter)
        assert report.version == 1 and report.history.count() == 1
        assert stored_figures(report) == [winner + offset for offset in range(len(programmes))]
        assert QuarterlyReportLine.history.filter(report_id=report.pk).count() == len(programmes)


def submitted_report(department, programmes, staff, year, quarter) -> QuarterlyReport:
    report = save(department, programmes, staff, jobs=5, version=0, year=year, quarter=quarter)
    return services.report_submit(report_id=report.pk, user=staff, expected_version=report.version, acknowledged=True)


@on_postgresql
def test_approving_and_returning_at_once_one_decision_wins(office):
    department, programmes, staff, lead = office
    for number in range(RACES):
        report = submitted_report(department, programmes, staff, 2019 + number // 4, number % 4 + 1)
        # half approve, half return; even numbers send the version they saw, odd ones none (as bulk approval does)
        version = report.version if number % 2 == 0 else None
        calls = [
            (lambda: services.report_approve(report_id=report.pk, user=lead, expected_version=version))
            if racer % 2 == 0
            else (
                lambda racer=racer: services.report_return(
                    report_id=report.pk, user=lead, expected_version=version, reason=f"반려 {racer}"
                )
            )
            for racer in range(RACERS)
        ]
        outcomes = race(calls)
        [winner] = winners(outcomes)
        assert all(isinstance(o.error, ReportError) for i, o in enumerate(outcomes) if i != winner), outcomes
        report.refresh_from_db()
        expected = QuarterlyReport.Status.APPROVED if winner % 2 == 0 else QuarterlyReport.Status.RETURNED
        assert report.status == expected and report.version == 3  # created 1, submitted 2, decided 3
        assert report.review_reason == ("" if winner % 2 == 0 else f"반려 {winner}")
        statuses = list(report.history.order_by("history_id").values_list("status", "version"))
        assert statuses == [("draft", 1), ("submitted", 2), (expected, 3)]
        assert Notice.objects.filter(report=report).count() == 1  # one decision, one notice


@on_postgresql
def test_bulk_approval_racing_a_return_one_decision_wins(office):
    department, programmes, staff, lead = office
    for number in range(RACES):
        report = submitted_report(department, programmes, staff, 2019 + number // 4, number % 4 + 1)
        calls = [
            (lambda: services.report_bulk_approve(report_ids=[report.pk], user=lead))
            if racer % 2 == 0
            else (
                lambda: services.report_return(
                    report_id=report.pk, user=lead, expected_version=report.version, reason="반려"
                )
            )
            for racer in range(RACERS)
        ]
        outcomes = race(calls)
        decided = [
            i for i, o in enumerate(outcomes) if o.ok and (i % 2 == 1 or o.value.approved)
        ]  # a bulk approval that refused its one report decided nothing
        assert len(decided) == 1, outcomes
        assert all(o.ok or isinstance(o.error, ReportError) for o in outcomes), outcomes
        report.refresh_from_db()
        assert report.version == 3 and report.history.count() == 3
        assert report.status == ("approved" if decided[0] % 2 == 0 else "returned")
        assert Notice.objects.filter(report=report).count() == 1


@on_postgresql
def test_budget_saves_with_the_same_version_one_wins():
    pledge = PledgeFactory()
    allocation = AllocationFactory(budget_line__pledge=pledge, year=2030, secured=1, executed=None)
    line, lead = allocation.budget_line, reviewer()
    for number in range(RACES):
        version = budget_version(pledge)
        history_before = Allocation.history.filter(id=allocation.pk).count()
        figures = [1000 * (number + 1) + racer for racer in range(RACERS)]
        outcomes = race(
            [
                lambda secured=secured, racer=racer: allocations_save(
                    pledge=pledge,
                    cells=[
                        CellInput(line.pk, line.name, 2030, "national", secured, None),
                        CellInput(None, f"새 사업 {number}", 2031, "city", secured, None),  # the same new line
                    ],
                    user=lead,
                    expected_version=version,
                )
                for racer, secured in enumerate(figures)
            ]
        )
        [winner] = winners(outcomes)
        assert all(isinstance(o.error, StaleBudget) for i, o in enumerate(outcomes) if i != winner), outcomes
        allocation.refresh_from_db()
        assert allocation.secured == figures[winner]
        assert Allocation.history.filter(id=allocation.pk).count() == history_before + 1
        assert BudgetLine.objects.filter(pledge=pledge, name=f"새 사업 {number}").count() == 1
        assert BudgetLine.objects.get(pk=line.pk).version == number + 2
        assert Allocation.objects.get(budget_line__name=f"새 사업 {number}").secured == figures[winner]


@on_postgresql
def test_setting_a_new_deadline_at_once_leaves_one_deadline(office):
    department, *_, lead = office
    for number in range(RACES):
        year, quarter = 2030 + number // 4, number % 4 + 1
        dates = [f"{year + 1}-01-{10 + racer:02d}" for racer in range(RACERS)]
        outcomes = race(
            [
                lambda due=due: services.deadline_set(
                    government=department.local_government, year=year, quarter=quarter, due_date=due, user=lead
                )
                for due in dates
            ]
        )
        assert all(outcome.ok for outcome in outcomes), outcomes  # a deadline has no version: the last one stays
        [deadline] = ReportingDeadline.objects.filter(year=year, quarter=quarter)
        assert str(deadline.due_date) in dates
        assert deadline.history.first().due_date == deadline.due_date


# SQLite: concurrent writers wait instead of failing


@pytest.mark.skipif(connection.vendor != "sqlite", reason="checks SQLite's transaction mode; PostgreSQL has row locks")
def test_sqlite_writers_wait_for_each_other_instead_of_failing(office, tmp_path, monkeypatch):
    """Two threads save two departments' reports at the same moment in an on-disk copy of the test database
    (an in-memory database shares one cache and never takes file locks), with the project's connection options.
    Both reach their first write while the other may hold a read lock: with SQLite's default deferred
    transactions the second would fail at once with "database is locked"; with transaction_mode IMMEDIATE it waits
    at BEGIN until the first has committed, so the two never meet inside a transaction."""
    department, programmes, staff, lead = office
    other = DepartmentFactory(local_government=department.local_government)
    other_programmes = [ProgrammeFactory(department=other) for _ in range(2)]
    path = tmp_path / "ondisk.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    settings_dict = {**connections.settings["default"], "NAME": str(path)}
    pass  # what settings.py sets

    def on_disk():
        connections["default"] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")

    inside, met = threading.Barrier(2, timeout=1), []
    create = services._create_reports

    def meeting_first(*args, **kwargs):  # each writer, inside its transaction, waits (a moment) for the other
        try:
            inside.wait()
            met.append(True)
        except threading.BrokenBarrierError:
            pass
        return create(*args, **kwargs)

    monkeypatch.setattr(services, "_create_reports", meeting_first)
    outcomes = race(
        [
            lambda: save(department, programmes, staff, jobs=1, version=0),
            lambda: save(other, other_programmes, lead, jobs=2, version=0),
        ],
        setup=on_disk,
    )
    assert not any(isinstance(o.error, OperationalError) for o in outcomes), outcomes  # "database is locked"
    assert all(o.ok for o in outcomes), outcomes
    assert not met  # the second writer waited outside until the first had committed
    with sqlite3.connect(path) as copy:
        stored = copy.execute(
            "SELECT COUNT(*) FROM performance_quarterlyreport WHERE year = 2019 AND department_id IN (?, ?)",
            (department.pk, other.pk),
        ).fetchone()[0]
    assert stored == 2
