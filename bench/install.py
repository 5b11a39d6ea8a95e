"""One install for every local government: 243 governments, each with 120 세부사업 (12 departments × 10) in a plan of
each of 10 years (2016–2025) and a report line for every 세부사업 and quarter — 243 × 120 × 4 × 10 = 1,166,400 result
lines — in a throwaway PostgreSQL database (SQLite when none answers; `bench/_scratch.py`), made by `bench/_world.py`
as the dashboard bench makes its governments. Then one government's manager (of the middle government) reads its
dashboard right after an approval in that government, 31 times interleaved with the trivial page (the site's
frame), and prints

    install_243 ratio=X goal=4        that first view after an approval ÷ the trivial page

and what the install costs: for each table of a government's data, its rows and its size on disk (table, indexes
and TOAST: `pg_total_relation_size`), all of them and per government — the figures docs/scaling.md cites. With
`--governments N` a quicker, smaller run (the same per-government size).
"""

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOVERNMENTS, DEPARTMENTS, PROGRAMMES = 243, 12, 10
VIEWS = 31

from bench._scratch import LOCAL_SERVER, ScratchUnavailable, postgres_server, scratch_database, setup_django  # noqa: E402

try:
    SCRATCH = scratch_database("install", server=postgres_server(LOCAL_SERVER))
except ScratchUnavailable as exc:  # no PostgreSQL here: SQLite in a temporary folder
    print(f"# {exc}; SQLite instead", file=sys.stderr)
    SCRATCH = scratch_database("install")
setup_django(SCRATCH)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402
from django.views.generic import TemplateView  # noqa: E402

from bench._world import LAST, Approvals, fill_lines_and_budgets, make_government, person, timed  # noqa: E402
from geumcheon_jobs import urls  # noqa: E402
from performance.access import MANAGER_GROUP, REVIEWER_GROUP  # noqa: E402

# A government's data, table by table (its rows carry the government directly or through a parent row).
TABLES = (
    "performance_department",
    "performance_yearplan",
    "performance_programmelineage",
    "performance_programme",
    "performance_programmebudget",
    "performance_pledge",
    "performance_pledgeprogramme",
    "performance_annualtarget",
    "performance_quarterlyreport",
    "performance_quarterlyreportline",
    "performance_resultsummary",
    "performance_targetsummary",
    "performance_budgetsummary",
    "budget_allocation",
)


def costs(governments: int) -> None:
    """Rows and disk of each table (PostgreSQL's sizes; SQLite has none), in all and per government."""
    total_rows = total_bytes = 0
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            rows = cursor.fetchone()[0]
            size = 0
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
                size = cursor.fetchone()[0]
            total_rows, total_bytes = total_rows + rows, total_bytes + size
            print(f"# {table}: {rows:,} rows, {size / 2**20:.1f} MB; per government {rows / governments:,.0f} rows")
    print(
        f"# all: {total_rows:,} rows, {total_bytes / 2**20:.1f} MB; per government {total_rows / governments:,.0f} "
        f"rows, {total_bytes / governments / 2**20:.2f} MB"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--governments", type=int, default=GOVERNMENTS, help="governments in all (2 or more)")
    options = parser.parse_args()
    if options.governments < 2:
        parser.error("--governments must be 2 or more")
    call_command("migrate", verbosity=0)
    pledges = [make_government(DEPARTMENTS, PROGRAMMES, n) for n in range(options.governments)]
    lines, _budgets = fill_lines_and_budgets()
    print(f"# {lines:,} result lines in {options.governments} governments on {connection.vendor}", flush=True)
    costs(options.governments)
    urls.urlpatterns.append(path("bench/trivial/", TemplateView.as_view(template_name="base.html")))
    clear_url_caches()
    pledge = pledges[len(pledges) // 2]
    client = Client(HTTP_HOST="localhost")
    client.force_login(person("install-manager", MANAGER_GROUP, pledge))
    approve = Approvals(pledge, person("install-lead", REVIEWER_GROUP, pledge)).approve
    dashboard = f"/pledges/{pledge.code}/dashboard/?year={LAST}"
    timed(client, dashboard)  # templates loaded and connections warm, as in a running server
    trivial, times = [], []
    for _ in range(VIEWS):
        trivial.append(timed(client, "/bench/trivial/"))
        approve()
        times.append(timed(client, dashboard))
    base = statistics.median(trivial)
    print(f"install_243 ratio={statistics.median(times) / base:.2f} goal=4")
    print(f"# trivial page {base * 1000:.1f} ms; one government's dashboard {statistics.median(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
