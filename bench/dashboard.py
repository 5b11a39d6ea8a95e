"""The achievement dashboard at about 1,000,000 result lines against a trivial logged-in page.

Makes a database of its own (`bench/_scratch.py`) — a new PostgreSQL database when a server answers on
DATABASE_URL's server (when that is PostgreSQL) or 127.0.0.1:5432, dropped at the end, else an SQLite file; never
DATABASE_URL's database itself — with a yearly plan for each of 10 past years (2016–2025, `bench/_plan.py`),
250 departments × 100 세부사업, each a lineage with one row in every year's plan (250,000 rows, every one linked
to the pledge and with its jobs target), × 4 quarters = 1,000,000 approved result lines, the pledge's target and
its 계층별 targets for every year, and some reports of the last quarter still pending. Then, in one process with
the full middleware, times a manager's dashboard views and a trivial logged-in page (the site's frame with no
content) and prints

    dashboard ratio=X goal=4            median dashboard view ÷ median trivial page
    budget_dashboard ratio=X goal=4     the same for the budget execution dashboard

and, for information, what the first view after an approval costs (the page is then computed from the data:
the cache is keyed by the results revision, which the approval moved on).
`--departments N` (N ≥ 2) makes a smaller run (N × 4,000 lines), e.g. to try the bench quickly.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEPARTMENTS, PROGRAMMES, YEARS, FIRST_YEAR = 250, 100, 10, 2016  # 2016–2025: every quarter has ended
VIEWS, GOAL = 31, 4

from bench._scratch import LOCAL_SERVER, ScratchUnavailable, postgres_server, scratch_database, setup_django  # noqa: E402

try:
    SCRATCH = scratch_database("dashboard", server=postgres_server(LOCAL_SERVER))
except ScratchUnavailable as exc:  # no PostgreSQL here: SQLite in a temporary folder
    print(f"# {exc}; SQLite instead", file=sys.stderr)
    SCRATCH = scratch_database("dashboard")
setup_django(SCRATCH)

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402
from django.views.generic import TemplateView  # noqa: E402

from bench._plan import make_plan, make_pledge, make_programmes  # noqa: E402
from geumcheon_jobs import urls  # noqa: E402
from performance import services  # noqa: E402
from performance.access import MANAGER_GROUP, REVIEWER_GROUP  # noqa: E402
from performance.models import AnnualTarget, Pledge, QuarterlyReport  # noqa: E402

Status = QuarterlyReport.Status


def make_data(departments: int) -> Pledge:
    last = FIRST_YEAR + YEARS - 1
    plan = make_plan(departments=departments, years=range(FIRST_YEAR, last + 1), groups=[f"계층{i}" for i in range(8)])
    pledge = make_pledge(plan)
    # departments × 100 세부사업 × 10 yearly plans (250,000 rows at full size), each linked to the pledge, target 12
    make_programmes(plan, PROGRAMMES, pledge=pledge, jobs_target=lambda i, j, year: 12)
    QuarterlyReport.objects.bulk_create(
        (
            QuarterlyReport(department=d, year=year, quarter=quarter, status=_status(i, year, quarter, last))
            for i, d in enumerate(plan.departments)
            for year in range(FIRST_YEAR, last + 1)
            for quarter in (1, 2, 3, 4)
        ),
        batch_size=5000,
    )
    AnnualTarget.objects.bulk_create(
        AnnualTarget(pledge=pledge, year=year, jobs=departments * PROGRAMMES * 12)
        for year in range(FIRST_YEAR, last + 1)
    )
    AnnualTarget.objects.bulk_create(
        AnnualTarget(pledge=pledge, year=year, target_group=g, jobs=departments * PROGRAMMES)
        for year in range(FIRST_YEAR, last + 1)
        for g in plan.groups
    )
    with connection.cursor() as cursor:  # 1,000,000 lines, in the database: each on the row of its report's year
        cursor.execute(
            "INSERT INTO performance_quarterlyreportline (report_id, programme_id, jobs, comment) "
            "SELECT r.id, p.id, (r.id + p.id) % 7, '' FROM performance_quarterlyreport r "
            "JOIN performance_programme p ON p.department_id = r.department_id "
            "JOIN performance_yearplan y ON y.id = p.year_plan_id AND y.year = r.year"
        )
        cursor.execute("SELECT COUNT(*) FROM performance_quarterlyreportline")
        lines = cursor.fetchone()[0]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"# {lines:,} result lines on {connection.vendor}", flush=True)
    return pledge


def _status(i: int, year: int, quarter: int, last: int) -> str:
    """Every report approved but the last quarter's: some drafts, some submitted, some still missing."""
    if (year, quarter) != (last, 4):
        return Status.APPROVED
    return (Status.APPROVED, Status.SUBMITTED, Status.DRAFT, Status.RETURNED)[i % 4]


def timed(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=DEPARTMENTS, help="departments of 100 세부사업 each")
    count = parser.parse_args().departments
    if count < 2:  # the approval timed at the end needs a submitted report: the second department's
        parser.error("--departments must be 2 or more")
    call_command("migrate", verbosity=0)
    pledge = make_data(count)
    urls.urlpatterns.append(path("bench/trivial/", TemplateView.as_view(template_name="base.html")))
    clear_url_caches()
    manager = User.objects.create_user("bench-manager")
    manager.groups.add(Group.objects.get(name=MANAGER_GROUP))
    lead = User.objects.create_user("bench-lead")
    lead.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    client = Client(HTTP_HOST="localhost")
    client.force_login(manager)
    dashboard = f"/pledges/{pledge.code}/dashboard/?year={FIRST_YEAR + YEARS - 1}"
    budget = f"/pledges/{pledge.code}/dashboard/budget/"
    first = timed(client, dashboard)  # computed from 1,000,000 lines
    trivial, views, budget_views = [], [], []
    for _ in range(VIEWS):  # interleaved, so that the machine's mood affects both alike
        trivial.append(timed(client, "/bench/trivial/"))
        views.append(timed(client, dashboard))
        budget_views.append(timed(client, budget))
    report = QuarterlyReport.objects.filter(status=Status.SUBMITTED).first()
    services.report_approve(report_id=report.pk, user=lead, expected_version=report.version)
    after_approval = timed(client, dashboard)
    base = statistics.median(trivial)
    print(f"dashboard ratio={statistics.median(views) / base:.2f} goal={GOAL}")
    print(f"budget_dashboard ratio={statistics.median(budget_views) / base:.2f} goal={GOAL}")
    print(
        f"# trivial page {base * 1000:.1f} ms; dashboard {statistics.median(views) * 1000:.1f} ms; "
        f"first view {first * 1000:.0f} ms; first view after an approval {after_approval * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
