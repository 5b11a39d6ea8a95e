"""The achievement dashboard, the public page and the budget pages at about 1,000,000 approved result lines, against
a trivial logged-in page, measured on the path a person meets: right after an approval.

Makes a database of its own (`bench/_scratch.py`) — a new PostgreSQL database when a server answers on
DATABASE_URL's server (when that is PostgreSQL) or 127.0.0.1:5432, dropped at the end, else an SQLite file; never
DATABASE_URL's database itself — with a yearly plan for each of 10 past years (2016–2025, `bench/_plan.py`),
250 departments × 100 세부사업, each a lineage with one row in every year's plan (250,000 rows, every one linked
to the pledge, with its jobs target and a budget from each of 국비, 시비 and 구비: 750,000 budget rows), × 4
quarters = 1,000,000 approved result lines, the pledge's target, its 계층별 targets and its own budget by source
for every year, and some reports of the last quarter still pending. Then 242 more governments with 4,000 lines
each (968,000 lines: the same million spread over 243 governments, beside the first one's). The summaries are
rebuilt once after the bulk load (it bypassed the services that keep them). Then, in one process with the full
middleware and the configured cache, it times each view 31 times, interleaved with the trivial page (the site's
frame with no content), and prints each median ÷ the trivial page's median:

    dashboard ratio=X goal=4          a manager's dashboard, the first view after an approval (the approval moved
                                      the government's results revision, so the page is computed, not cached)
    dashboard_cold ratio=X goal=4     the same after the cache is emptied, as after a restart (templates loaded)
    dashboard_cached ratio=X goal=2   the repeat view, served from the cache
    public ratio=X goal=4             the public page (no login), the first view after an approval
    budget_dashboard ratio=X goal=4   the pledge's budget execution dashboard, after an approval
    plan_budget ratio=X goal=4        the budget page (menu 예산): every yearly plan's budget by source over its
                                      250,000 세부사업 rows with 750,000 budget rows
    dashboard_243 ratio=X goal=4      the headline for one of the 242 small governments' pledges, that
                                      government's manager viewing right after an approval in that government, with 2,000,000 lines of
                                      others in the database

Each approval goes through `services.report_approve` (not timed); to approve again, the report is reopened through
the service and set back to submitted. `--departments N` (N ≥ 2) and `--governments M` make a smaller run, e.g. to
try the bench quickly.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEPARTMENTS, PROGRAMMES = 250, 100
GOVERNMENTS, SMALL_DEPARTMENTS, SMALL_PROGRAMMES = 243, 10, 10  # the other 242: 10 × 10 × 10 years × 4 = 4,000 lines
VIEWS = 31
GOALS = {"dashboard": 4, "dashboard_cold": 4, "dashboard_cached": 2, "public": 4, "budget_dashboard": 4}
GOALS |= {"plan_budget": 4, "dashboard_243": 4}

from bench._scratch import LOCAL_SERVER, ScratchUnavailable, postgres_server, scratch_database, setup_django  # noqa: E402

try:
    SCRATCH = scratch_database("dashboard", server=postgres_server(LOCAL_SERVER))
except ScratchUnavailable as exc:  # no PostgreSQL here: SQLite in a temporary folder
    print(f"# {exc}; SQLite instead", file=sys.stderr)
    SCRATCH = scratch_database("dashboard")
setup_django(SCRATCH)

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402
from django.views.generic import TemplateView  # noqa: E402

from bench._world import LAST, Approvals, fill_lines_and_budgets, make_government, person, timed  # noqa: E402
from geumcheon_jobs import urls  # noqa: E402
from performance import summaries  # noqa: E402
from performance.access import MANAGER_GROUP, REVIEWER_GROUP  # noqa: E402
from performance.models import Pledge  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=DEPARTMENTS, help="departments of 100 세부사업 each")
    parser.add_argument("--governments", type=int, default=GOVERNMENTS, help="governments in all (1 or more)")
    options = parser.parse_args()
    if options.departments < 2 or options.governments < 1:  # an approval needs a submitted report: the second's
        parser.error("--departments must be 2 or more, --governments 1 or more")
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    if Pledge.objects.filter(code="벤치-000").exists():  # BENCH_REUSE: the data of an earlier run
        pledge = Pledge.objects.get(code="벤치-000")
        small = list(Pledge.objects.exclude(pk=pledge.pk).order_by("code"))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"# the data of an earlier run on {connection.vendor}, {len(small) + 1} governments", flush=True)
    else:
        pledge = make_government(options.departments, PROGRAMMES, 0)
        small = [make_government(SMALL_DEPARTMENTS, SMALL_PROGRAMMES, n) for n in range(1, options.governments)]
        lines, budgets = fill_lines_and_budgets()
        print(
            f"# {lines:,} result lines and {budgets:,} 세부사업 budget rows in {options.governments} governments on "
            f"{connection.vendor}, made in {time.perf_counter() - start:.0f} s",
            flush=True,
        )
    urls.urlpatterns.append(path("bench/trivial/", TemplateView.as_view(template_name="base.html")))
    clear_url_caches()
    manager, lead = person("bench-manager", MANAGER_GROUP, pledge), person("bench-lead", REVIEWER_GROUP, pledge)
    client, public = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    client.force_login(manager)
    dashboard = f"/pledges/{pledge.code}/dashboard/?year={LAST}"
    government = pledge.local_government.code
    pages = {
        "dashboard": (client, dashboard, Approvals(pledge, lead).approve),
        "dashboard_cold": (client, dashboard, cache.clear),
        "dashboard_cached": (client, dashboard, lambda: None),
        "public": (public, f"/public/{government}/{pledge.code}/?year={LAST}", Approvals(pledge, lead).approve),
        "budget_dashboard": (client, f"/pledges/{pledge.code}/dashboard/budget/", Approvals(pledge, lead).approve),
        "plan_budget": (client, "/budget/", Approvals(pledge, lead).approve),
    }
    if small:
        other = small[len(small) // 2]  # its own manager and lead reviewer: people work for one government
        small_client = Client(HTTP_HOST="localhost")
        small_client.force_login(person("bench-manager-243", MANAGER_GROUP, other))
        pages["dashboard_243"] = (
            small_client,
            f"/pledges/{other.code}/dashboard/?year={LAST}",
            Approvals(other, person("bench-lead-243", REVIEWER_GROUP, other)).approve,
        )
    for client_, url, _before in pages.values():
        timed(client_, url)  # templates loaded and connections warm, as in a running server
    trivial, times = [], {name: [] for name in pages}
    for _ in range(VIEWS):  # interleaved, so that the machine's mood affects every page alike
        trivial.append(timed(client, "/bench/trivial/"))
        for name, (client_, url, before) in pages.items():
            before()
            times[name].append(timed(client_, url))
    base = statistics.median(trivial)
    for name, samples in times.items():
        print(f"{name} ratio={statistics.median(samples) / base:.2f} goal={GOALS[name]}")
    print(
        f"# trivial page {base * 1000:.1f} ms; "
        + "; ".join(f"{name} {statistics.median(samples) * 1000:.1f} ms" for name, samples in times.items())
    )
    differences = summaries.differences()
    print(f"# verify_summaries after the bench's approvals: {len(differences)} differences")


if __name__ == "__main__":
    main()
