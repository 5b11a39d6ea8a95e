"""A crash in the middle of an import, an approval, a bulk approval, a return or a budget save leaves the database
exactly as it was: figures, statuses, versions, history rows, notices.

The failure is injected by replacing a function the change calls half-way (the bulk insert of lines, the second
line's save, a history write, the notice). These tests commit for real (`transaction=True`): inside the usual
test transaction a service's `atomic` is only a savepoint, and a test there would show that the savepoint is
rolled back, not that nothing was committed. Here every service call is the outermost transaction, as in
production, and the state is read back from the database afterwards.
"""

from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse
from simple_history.models import HistoricalRecords

from budget.models import Allocation, BudgetLine
from budget.selectors import budget_version
from budget.services import CellInput, allocations_save
from performance import excel, imports, notices, services, summaries
from performance.models import QuarterlyReport, QuarterlyReportLine
from performance.plans import plan_programmes
from performance.services import LineInput
from performance.views import ImportView
from tests.factories import (
    AllocationFactory,
    DepartmentFactory,
    LocalGovernmentFactory,
    PledgeFactory,
    ProgrammeFactory,
    reviewer,
    staff_of,
)

from .snapshots import snapshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def summaries_stay_exact():
    """After every race or crash, the summaries the pages read are exactly what the lines say
    (`manage.py verify_summaries` finds no difference)."""
    yield
    assert summaries.differences() == []


YEAR, QUARTER = 2025, 1


class Crash(Exception):
    """The injected failure (a lost connection, a full disk, a bug)."""


def fail_on_call(monkeypatch, owner, name: str, call: int = 1) -> list:
    """Make `owner.name` raise Crash on its `call`-th call (the earlier ones work); returns the list of calls."""
    original, calls = getattr(owner, name), []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == call:
            raise Crash(f"{name} failed on call {call}")
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)
    return calls


@pytest.fixture
def offices():
    """Two departments of three programmes each, their staff, and a lead department reviewer."""
    government = LocalGovernmentFactory()
    departments = [DepartmentFactory(local_government=government) for _ in range(2)]
    for department in departments:
        for _ in range(3):
            ProgrammeFactory(department=department, year=YEAR)
    return departments, [staff_of(d) for d in departments], reviewer()


def lines(department, jobs: int) -> list[LineInput]:
    return [LineInput(p.pk, jobs + n, "") for n, p in enumerate(plan_programmes(department, YEAR).order_by("pk"))]


def draft(department, user, jobs=5, year=YEAR, quarter=QUARTER) -> QuarterlyReport:
    return services.report_save_lines(
        department=department, year=year, quarter=quarter, lines=lines(department, jobs), user=user, expected_version=0
    )


def submitted(department, user, year=YEAR, quarter=QUARTER) -> QuarterlyReport:
    report = draft(department, user, year=year, quarter=quarter)
    return services.report_submit(report_id=report.pk, user=user, expected_version=report.version, acknowledged=True)


# --- The Excel import -------------------------------------------------------------------------------------------


def import_plan(departments, lead, jobs: int) -> dict:
    content = imports.results_template(departments, YEAR, QUARTER)
    book = openpyxl.load_workbook(BytesIO(content))
    sheet = book[excel.DATA_SHEET]
    for row in range(excel.FIRST_DATA_ROW, sheet.max_row + 1):
        sheet[f"I{row}"] = jobs + row
    buffer = BytesIO()
    book.save(buffer)
    plan = imports.plan_import(buffer.getvalue(), "실적.xlsx", lead)
    assert plan.ok and len(plan.reports) == len(departments)
    return plan.to_session()


@pytest.mark.parametrize(
    ("owner", "name", "call"),
    [
        (services, "insert_with_history", 1),  # the bulk insert of new lines, after the new report rows
        (QuarterlyReportLine, "save", 2),  # the second changed line of an existing report
        (QuarterlyReport, "save", 1),  # the existing report's new version, after its lines
        (HistoricalRecords, "create_historical_record", 2),  # a history row
    ],
    ids=["bulk-insert", "second-line", "report-version", "history"],
)
def test_a_crash_during_an_import_saves_nothing(monkeypatch, offices, owner, name, call):
    (first, second), (staff, _other), lead = offices
    draft(first, staff)  # one report exists (lines updated), the other is created by the import
    session_plan = import_plan([first, second], lead, jobs=100)
    before = snapshot()
    calls = fail_on_call(monkeypatch, owner, name, call)
    with pytest.raises(Crash):
        imports.apply_import(session_plan, lead)
    assert len(calls) == call  # the failure did happen half-way
    assert snapshot() == before


def test_a_crash_while_confirming_an_import_on_the_web_saves_nothing(monkeypatch, client, offices):
    (first, second), _staff, lead = offices
    client.force_login(lead)
    session = client.session
    session[ImportView.session_key] = import_plan([first, second], lead, jobs=7)
    session.save()
    before = snapshot()
    fail_on_call(monkeypatch, services, "insert_with_history")
    with pytest.raises(Crash):  # the test client re-raises what would be a 500 page
        client.post(reverse("performance:import-confirm"))
    assert snapshot() == before


# --- Review decisions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("owner", "name"),
    [(services, "notify_review"), (notices, "notice_create"), (HistoricalRecords, "create_historical_record")],
    ids=["notice", "notice-row", "history"],
)
@pytest.mark.parametrize("decision", ["approve", "return", "reopen"])
def test_a_crash_during_a_review_decision_changes_nothing(monkeypatch, offices, decision, owner, name):
    (department, _), (staff, _), lead = offices
    report = submitted(department, staff)
    if decision == "reopen":
        report = services.report_approve(report_id=report.pk, user=lead, expected_version=report.version)
    before = snapshot()
    fail_on_call(monkeypatch, owner, name)
    arguments = {"report_id": report.pk, "user": lead, "expected_version": report.version}
    if decision != "approve":
        arguments["reason"] = "단위 확인"
    with pytest.raises(Crash):
        getattr(services, f"report_{decision}")(**arguments)
    assert snapshot() == before
    assert QuarterlyReport.objects.get(pk=report.pk).version == report.version


def test_a_crash_in_the_middle_of_a_bulk_approval_approves_none(monkeypatch, offices):
    """Refusals are per report (one stops no other), but a crash stops all: the reports approved before it are
    not left approved while the page shows an error."""
    (first, second), (staff, other), lead = offices
    reports = [submitted(first, staff), submitted(second, other), submitted(first, staff, quarter=2)]
    before = snapshot()
    calls = fail_on_call(monkeypatch, services, "notify_review", call=2)
    with pytest.raises(Crash):
        services.report_bulk_approve(report_ids=[r.pk for r in reports], user=lead)
    assert len(calls) == 2
    assert snapshot() == before


def test_a_refusal_in_a_bulk_approval_still_approves_the_others(offices):
    (first, second), (staff, other), lead = offices
    reports = [submitted(first, staff), draft(second, other)]
    result = services.report_bulk_approve(report_ids=[r.pk for r in reports], user=lead)
    assert [r.pk for r in result.approved] == [reports[0].pk] and [pk for pk, _ in result.refused] == [reports[1].pk]
    assert QuarterlyReport.objects.get(pk=reports[0].pk).status == "approved"


# --- The budget -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("owner", "name", "call"),
    [
        (Allocation, "save", 2),  # the second figure
        (Allocation, "delete", 1),  # a figure cleared, after the others were written
        (BudgetLine, "save", 2),  # the new line, after the changed line's version
        (HistoricalRecords, "create_historical_record", 3),  # a history row
    ],
    ids=["second-figure", "delete", "new-line", "history"],
)
def test_a_crash_during_a_budget_save_changes_nothing(monkeypatch, owner, name, call):
    pledge = PledgeFactory()
    first = AllocationFactory(budget_line__pledge=pledge, year=2030, source="national", secured=10, executed=5)
    line = first.budget_line
    AllocationFactory(budget_line=line, year=2030, source="city", secured=20, executed=None)
    AllocationFactory(budget_line=line, year=2031, source="city", secured=30, executed=None)
    lead = reviewer()
    cells = [
        CellInput(line.pk, line.name, 2030, "national", 11, 6),
        CellInput(line.pk, line.name, 2030, "city", 21, 1),
        CellInput(line.pk, line.name, 2031, "district", 40, None),
        CellInput(line.pk, line.name, 2031, "city", None, None),
        CellInput(None, "새 사업", 2030, "district", 50, None),
    ]
    version, original = budget_version(pledge), getattr(owner, name)
    before = snapshot()
    calls = fail_on_call(monkeypatch, owner, name, call)
    with pytest.raises(Crash):
        allocations_save(pledge=pledge, cells=cells, user=lead, expected_version=version)
    assert len(calls) == call
    assert snapshot() == before
    assert budget_version(pledge) == version  # the form is still current: the person can simply save again
    monkeypatch.setattr(owner, name, original)
    result = allocations_save(pledge=pledge, cells=cells, user=lead, expected_version=version)
    assert (result.created, result.updated, result.deleted, result.lines_created) == (2, 2, 1, 1)
