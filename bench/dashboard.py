"""The achievement dashboard at about 1,000,000 result lines against a trivial logged-in page.

Makes a database of its own (`bench/_scratch.py`) — a new PostgreSQL database when a server answers on
DATABASE_URL's server (when that is PostgreSQL) or 127.0.0.1:5432, dropped at the end, else an SQLite file; never
DATABASE_URL's database itself — with 250 departments × 100 programmes
× 10 years × 4 quarters = 1,000,000 approved result lines, every programme's target for every year, and some
reports still pending. Then, in one process with the full middleware, times a manager's dashboard views and a
trivial logged-in page (the site's frame with no content) and prints

    dashboard ratio=X goal=4            median dashboard view ÷ median trivial page
    budget_dashboard ratio=X goal=4     the same for the budget execution dashboard

and, for information, what the first view after an approval costs (the page is then computed from the data:
the cache is keyed by the results revision, which the approval moved on).
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEPARTMENTS, PROGRAMMES, YEARS, FIRST_YEAR = 250, 100, 10, 2017
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

from geumcheon_jobs import urls  # noqa: E402
from performance import services  # noqa: E402
from performance.access import MANAGER_GROUP, REVIEWER_GROUP  # noqa: E402
from performance.models import (  # noqa: E402
    AnnualTarget,
    Department,
    LocalGovernment,
    Pledge,
    PledgeStatus,
    Programme,
    ProgrammeType,
    QuarterlyReport,
    TargetGroup,
)

Status = QuarterlyReport.Status


def make_data() -> Pledge:
    government = LocalGovernment.objects.create(name="벤치구", code="0000000")
    groups = [TargetGroup.objects.create(name=f"계층{i}", sort_order=i) for i in range(8)]
    departments = Department.objects.bulk_create(
        Department(local_government=government, name=f"부서{i:03d}", code=f"b{i:03d}", sort_order=i)
        for i in range(DEPARTMENTS)
    )
    types = [value for value, _label in ProgrammeType.choices]
    Programme.objects.bulk_create(
        Programme(
            department=d,
            target_group=groups[(i + j) % len(groups)],
            name=f"사업{j:03d}",
            programme_type=types[(i * 7 + j) % len(types)],
            sort_order=j,
        )
        for i, d in enumerate(departments)
        for j in range(PROGRAMMES)
    )
    pledge = Pledge.objects.create(
        local_government=government,
        code="벤치-1",
        title="벤치 공약",
        status=PledgeStatus.ON_TRACK,
        implementation_rate=50,
        completion_due="임기내",
        project_type="계속",
        lead_department=departments[0],
    )
    last = FIRST_YEAR + YEARS - 1
    QuarterlyReport.objects.bulk_create(
        QuarterlyReport(department=d, year=year, quarter=quarter, status=_status(i, year, quarter, last))
        for i, d in enumerate(departments)
        for year in range(FIRST_YEAR, last + 1)
        for quarter in (1, 2, 3, 4)
    )
    AnnualTarget.objects.bulk_create(
        AnnualTarget(pledge=pledge, year=year, jobs=DEPARTMENTS * PROGRAMMES * 12)
        for year in range(FIRST_YEAR, last + 1)
    )
    AnnualTarget.objects.bulk_create(
        AnnualTarget(pledge=pledge, year=year, target_group=g, jobs=DEPARTMENTS * PROGRAMMES)
        for year in range(FIRST_YEAR, last + 1)
        for g in groups
    )
    with connection.cursor() as cursor:  # 250,000 programme targets and 1,000,000 lines, in the database
        cursor.execute(
            "INSERT INTO performance_annualtarget (pledge_id, year, programme_id, jobs) "
            "SELECT t.pledge_id, t.year, p.id, 12 FROM performance_annualtarget t "
            "CROSS JOIN performance_programme p WHERE t.target_group_id IS NULL AND t.programme_id IS NULL"
        )
        cursor.execute(
            "INSERT INTO performance_quarterlyreportline (report_id, programme_id, jobs, comment) "
            "SELECT r.id, p.id, (r.id + p.id) % 7, '' FROM performance_quarterlyreport r "
            "JOIN performance_programme p ON p.department_id = r.department_id"
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
    call_command("migrate", verbosity=0)
    pledge = make_data()
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
