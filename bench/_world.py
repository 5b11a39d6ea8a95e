"""The world the dashboard and install benches measure, made in bulk: governments each with a plan of past years
(2016–2025, `bench/_plan.py`), a pledge linked to every 세부사업, a report of every department and quarter with a
line for each of its 세부사업 (the last quarter partly pending), the pledge's targets and budget, each 세부사업's budget
by source; the summaries rebuilt once. Also the people (each of one government), the timing of a page and the
approval that moves a government's revision. Import this only after `setup_django` (bench/_scratch.py)."""

import time

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client

from bench._plan import make_plan, make_pledge, make_programmes
from budget.models import Allocation, BudgetLine
from performance import services, summaries
from performance.funding import DEFAULT_SOURCES
from performance.models import AnnualTarget, Membership, Pledge, QuarterlyReport

FIRST_YEAR, YEARS = 2016, 10  # 2016–2025: every quarter has ended

Status = QuarterlyReport.Status
LAST = FIRST_YEAR + YEARS - 1


def make_government(departments: int, programmes: int, number: int) -> Pledge:
    """One government's plan, pledge (linked to every 세부사업), reports and the pledge's targets and budget."""
    plan = make_plan(
        departments=departments,
        years=range(FIRST_YEAR, LAST + 1),
        groups=[f"계층{i}" for i in range(8)],
        name=f"벤치구{number:03d}",
        code=f"{9_000_000 + number}",
    )
    pledge = make_pledge(plan, code=f"벤치-{number:03d}")
    make_programmes(plan, programmes, pledge=pledge, jobs_target=lambda i, j, year: 12)
    QuarterlyReport.objects.bulk_create(
        (
            QuarterlyReport(department=d, year=year, quarter=quarter, status=_status(i, year, quarter))
            for i, d in enumerate(plan.departments)
            for year in range(FIRST_YEAR, LAST + 1)
            for quarter in (1, 2, 3, 4)
        ),
        batch_size=5000,
    )
    AnnualTarget.objects.bulk_create(
        [AnnualTarget(pledge=pledge, year=year, jobs=departments * programmes * 12) for year in plan.years]
        + [
            AnnualTarget(pledge=pledge, year=year, target_group=group, jobs=departments * programmes)
            for year in plan.years
            for group in plan.groups
        ]
    )
    line = BudgetLine.objects.create(pledge=pledge, name="벤치 사업")
    Allocation.objects.bulk_create(
        Allocation(budget_line=line, year=year, source=source, secured=1000 + year, executed=900 + year)
        for year in plan.years
        for source in DEFAULT_SOURCES
    )
    return pledge


def _status(i: int, year: int, quarter: int) -> str:
    """Every report approved but the last quarter's: some drafts, some submitted, some still missing."""
    if (year, quarter) != (LAST, 4):
        return Status.APPROVED
    return (Status.APPROVED, Status.SUBMITTED, Status.DRAFT, Status.RETURNED)[i % 4]


def fill_lines_and_budgets() -> tuple[int, int]:
    """Every report's lines (one per 세부사업 of its department and year) and every 세부사업's budget by source, in
    the database; then the summaries the services would have kept."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO performance_quarterlyreportline (report_id, programme_id, jobs, comment) "
            "SELECT r.id, p.id, (r.id + p.id) % 7, '' FROM performance_quarterlyreport r "
            "JOIN performance_programme p ON p.department_id = r.department_id "
            "JOIN performance_yearplan y ON y.id = p.year_plan_id AND y.year = r.year"
        )
        for offset, source in enumerate(DEFAULT_SOURCES):
            cursor.execute(
                "INSERT INTO performance_programmebudget (programme_id, source, secured, executed) "
                f"SELECT id, %s, 10 + (id + {offset}) %% 90, 5 + (id + {offset}) %% 80 FROM performance_programme",
                [source],
            )
        cursor.execute("SELECT COUNT(*) FROM performance_quarterlyreportline")
        lines = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM performance_programmebudget")
        budgets = cursor.fetchone()[0]
    start = time.perf_counter()
    summaries.rebuild()
    print(f"# summaries rebuilt in {time.perf_counter() - start:.1f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return lines, budgets


def person(username: str, role: str, pledge: Pledge):
    """A person of the pledge's government in a role (every person belongs to one government)."""
    user, _new = User.objects.get_or_create(username=username)
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.get_or_create(user=user, defaults={"local_government": pledge.local_government})
    return user


def timed(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


class Approvals:
    """Approves a submitted report of a pledge's government through the service, as the lead department does; to
    approve again, reopens it (the service) and sets it back to submitted (not timed)."""

    def __init__(self, pledge: Pledge, lead):
        self.lead = lead
        self.report = QuarterlyReport.objects.filter(
            department__local_government_id=pledge.local_government_id, status=Status.SUBMITTED
        ).first()

    def approve(self) -> None:
        report = QuarterlyReport.objects.get(pk=self.report.pk)
        if report.status == Status.APPROVED:
            report = services.report_reopen(
                report_id=report.pk, user=self.lead, expected_version=report.version, reason="벤치"
            )
            QuarterlyReport.objects.filter(pk=report.pk).update(status=Status.SUBMITTED)
            report.refresh_from_db()
        services.report_approve(report_id=report.pk, user=self.lead, expected_version=report.version)
