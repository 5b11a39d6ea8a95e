"""1,000 races on real PostgreSQL: eight sessions changing the same report or budget at the same moment.

Makes a database of its own (`bench/_scratch.py`: a new `geumcheon_bench_concurrency_<random>`, never DATABASE_URL's
database itself) on the server of DATABASE_URL (when it is a PostgreSQL URL) or on postgres://postgres@127.0.0.1:5432,
migrates it, seeds a plan (`bench/_plan.py`: 50 departments × 3 세부사업 with a row in each yearly plan of
2016–2025, linked to a pledge, for results are saved only for an ended quarter of a year with a plan), the
pledge's budget line and the accounts, then runs the races with eight worker threads, each with its own
connection, all released together by a barrier for every race. The races take turns:

- save: eight saves of one draft report with the same version token (different figures);
- create: eight first saves of a report that does not exist yet (the same department and quarter);
- review: four approvals and four returns of one submitted report;
- budget: eight saves of the budget with the same version token, each also adding the same new budget line.

A race is *lost* when more or fewer than one racer succeeded, a loser failed otherwise than with the refusal
the service promises, or what is stored (figures, status, version, history rows, notices) is not exactly the
one winner's. Prints `concurrency ratio=<lost ÷ races> goal=0`, `concurrency_duplicates ratio=<races that left
a duplicate row ÷ races> goal=0`, then drops the database. Without a PostgreSQL server it prints a skip line
and exits 0. `--races N` runs fewer races (at most 1,000), e.g. to try the bench quickly.
"""

import argparse
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RACES, RACERS = 1000, 8
DEPARTMENTS, PROGRAMMES = 50, 3
# Results are saved only for an ended quarter of a year with a yearly plan, so every race is in a past plan year:
SAVE_YEAR, CREATE_YEAR, REVIEW_YEAR = 2016, 2017, 2020  # saves; first saves from 2017, reviews from 2020
YEARS = range(2016, 2026)  # the years with a yearly plan (the creates and reviews each need at most 2 years)
BUDGET_YEAR = 2024


@dataclass(frozen=True)
class Outcome:
    value: object = None
    error: BaseException | None = None


class Racers:
    """Worker threads that keep their connection between races and start each race together."""

    def __init__(self, count: int):
        from django.db import connections

        self.connections = connections
        self.jobs: list = [None] * count
        self.outcomes: list[Outcome | None] = [None] * count
        self.start, self.done = threading.Barrier(count + 1), threading.Barrier(count + 1)
        self.threads = [threading.Thread(target=self._work, args=(index,), daemon=True) for index in range(count)]
        for thread in self.threads:
            thread.start()

    def _work(self, index: int) -> None:
        while True:
            self.start.wait()
            job = self.jobs[index]
            if job is None:
                break
            try:
                self.outcomes[index] = Outcome(value=job())
            except Exception as exc:
                self.outcomes[index] = Outcome(error=exc)
            self.done.wait()
        self.connections.close_all()

    def run(self, jobs: list) -> list[Outcome]:
        self.jobs, self.outcomes = jobs, [None] * len(jobs)
        self.start.wait()
        self.done.wait()
        return list(self.outcomes)

    def close(self) -> None:
        self.jobs = [None] * len(self.jobs)
        self.start.wait()
        for thread in self.threads:
            thread.join()


def seed():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from bench._plan import make_plan, make_pledge, make_programmes
    from budget.models import Allocation, BudgetLine
    from performance.access import REVIEWER_GROUP, STAFF_GROUP
    from performance.models import Membership, Programme

    plan = make_plan(departments=DEPARTMENTS, years=YEARS)
    pledge = make_pledge(plan)
    make_programmes(plan, PROGRAMMES, pledge=pledge)
    rows: dict[tuple[int, int], list] = {}  # (department, year) → its 세부사업 rows of that year, in pk order
    for programme in Programme.objects.select_related("year_plan").order_by("pk"):
        rows.setdefault((programme.department_id, programme.year_plan.year), []).append(programme)
    users = get_user_model().objects
    lead = users.create_user("lead")
    lead.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    offices = []
    for number, department in enumerate(plan.departments):
        staff = users.create_user(f"staff{number:02d}")
        staff.groups.add(Group.objects.get(name=STAFF_GROUP))
        Membership.objects.create(user=staff, department=department)
        programmes = {year: rows[(department.pk, year)] for year in YEARS}
        offices.append((department, programmes, staff))
    line = BudgetLine.objects.create(pledge=pledge, name="예산사업")
    allocation = Allocation.objects.create(budget_line=line, year=BUDGET_YEAR, source="national", secured=1)
    return lead, offices, pledge, allocation


class Bench:
    def __init__(self, racers: Racers, lead, offices, pledge, allocation):
        self.racers, self.lead, self.offices = racers, lead, offices
        self.pledge, self.allocation = pledge, allocation
        self.lost = self.duplicates = 0
        self.errors: dict[str, int] = {}
        self.lost_by_kind: dict[str, int] = {}

    def save(self, office, *, jobs, version, year, quarter):
        from performance import services

        department, programmes, _staff = office
        return services.report_save_lines(
            department=department,
            year=year,
            quarter=quarter,
            lines=[services.LineInput(p.pk, jobs + offset, "") for offset, p in enumerate(programmes[year])],
            user=self.lead,
            expected_version=version,
        )

    def judge(self, kind: str, outcomes: list[Outcome], refusal, consistent) -> None:
        """Count the race as lost unless exactly one racer won, every other was refused as promised, and
        `consistent(winner)` finds the database holding exactly the winner's change."""
        winners = [index for index, outcome in enumerate(outcomes) if outcome.error is None]
        for outcome in outcomes:
            if outcome.error is not None and not isinstance(outcome.error, refusal):
                name = type(outcome.error).__name__
                self.errors[name] = self.errors.get(name, 0) + 1
        refused = all(o.error is None or isinstance(o.error, refusal) for o in outcomes)
        if len(winners) != 1 or not refused or not consistent(winners[0]):
            self.lost += 1
            self.lost_by_kind[kind] = self.lost_by_kind.get(kind, 0) + 1

    def race_save(self, number: int) -> None:
        from performance.models import QuarterlyReport, QuarterlyReportLine
        from performance.services import StaleReport

        office = self.offices[0]
        report = QuarterlyReport.objects.get(department=office[0], year=SAVE_YEAR, quarter=1)
        history = report.history.count()
        figures = [10 * (number + 1) + racer for racer in range(RACERS)]  # never what is stored before the race
        outcomes = self.racers.run(
            [
                lambda jobs=jobs: self.save(office, jobs=jobs, version=report.version, year=SAVE_YEAR, quarter=1)
                for jobs in figures
            ]
        )

        def consistent(winner):
            stored = list(
                QuarterlyReportLine.objects.filter(report=report)
                .order_by("programme_id")
                .values_list("jobs", flat=True)
            )
            after = QuarterlyReport.objects.get(pk=report.pk)
            return (
                stored == [figures[winner] + offset for offset in range(PROGRAMMES)]
                and after.version == report.version + 1
                and report.history.count() == history + 1
            )

        self.judge("save", outcomes, StaleReport, consistent)

    def race_create(self, number: int) -> None:
        from performance.models import QuarterlyReport, QuarterlyReportLine
        from performance.services import StaleReport

        office = self.offices[number % DEPARTMENTS]
        serial = number // DEPARTMENTS
        year, quarter = CREATE_YEAR + serial // 4, serial % 4 + 1
        outcomes = self.racers.run(
            [
                lambda jobs=jobs: self.save(office, jobs=jobs, version=0, year=year, quarter=quarter)
                for jobs in range(RACERS)
            ]
        )
        reports = list(QuarterlyReport.objects.filter(department=office[0], year=year, quarter=quarter))
        if len(reports) > 1:
            self.duplicates += 1

        def consistent(winner):
            if len(reports) != 1:
                return False
            stored = list(
                QuarterlyReportLine.objects.filter(report=reports[0])
                .order_by("programme_id")
                .values_list("jobs", flat=True)
            )
            return stored == [winner + offset for offset in range(PROGRAMMES)] and reports[0].history.count() == 1

        self.judge("create", outcomes, StaleReport, consistent)

    def race_review(self, number: int) -> None:
        from performance import services
        from performance.models import Notice, QuarterlyReport

        office = self.offices[number % DEPARTMENTS]
        serial = number // DEPARTMENTS
        report = self.save(office, jobs=1, version=0, year=REVIEW_YEAR + serial // 4, quarter=serial % 4 + 1)
        report = services.report_submit(
            report_id=report.pk, user=self.lead, expected_version=report.version, acknowledged=True
        )
        version = report.version

        def approve():
            return services.report_approve(report_id=report.pk, user=self.lead, expected_version=version)

        def send_back(racer):
            return services.report_return(
                report_id=report.pk, user=self.lead, expected_version=version, reason=f"반려 {racer}"
            )

        outcomes = self.racers.run(
            [approve if racer % 2 == 0 else (lambda r=racer: send_back(r)) for racer in range(RACERS)]
        )

        def consistent(winner):
            after = QuarterlyReport.objects.get(pk=report.pk)
            status = QuarterlyReport.Status.APPROVED if winner % 2 == 0 else QuarterlyReport.Status.RETURNED
            newest = after.history.first()
            return (
                after.status == status
                and after.version == version + 1
                and after.history.count() == 3
                and (newest.status, newest.version) == (status, after.version)
                and Notice.objects.filter(report=after).count() == 1
            )

        self.judge("review", outcomes, services.ReportError, consistent)

    def race_budget(self, number: int) -> None:
        from budget.models import Allocation, BudgetLine
        from budget.selectors import budget_version
        from budget.services import CellInput, StaleBudget, allocations_save

        line = self.allocation.budget_line
        version = budget_version(self.pledge)
        history = Allocation.history.filter(id=self.allocation.pk).count()
        name = f"새 사업 {number}"
        figures = [10 * (number + 1) + racer for racer in range(RACERS)]  # never what is stored before the race
        outcomes = self.racers.run(
            [
                lambda secured=secured: allocations_save(
                    pledge=self.pledge,
                    cells=[
                        CellInput(line.pk, line.name, BUDGET_YEAR, "national", secured, None),
                        CellInput(None, name, BUDGET_YEAR + 1, "city", secured, None),
                    ],
                    user=self.lead,
                    expected_version=version,
                )
                for secured in figures
            ]
        )
        added = BudgetLine.objects.filter(pledge=self.pledge, name=name).count()
        if added > 1:
            self.duplicates += 1

        def consistent(winner):
            return (
                Allocation.objects.get(pk=self.allocation.pk).secured == figures[winner]
                and Allocation.history.filter(id=self.allocation.pk).count() == history + 1
                and added == 1
                and Allocation.objects.get(budget_line__pledge=self.pledge, budget_line__name=name).secured
                == figures[winner]
            )

        self.judge("budget", outcomes, StaleBudget, consistent)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--races", type=int, default=RACES, help=f"how many races (1 to {RACES})")
    races = parser.parse_args().races
    if not 1 <= races <= RACES:
        parser.error(f"--races must lie between 1 and {RACES}")
    from bench._scratch import LOCAL_SERVER, ScratchUnavailable, postgres_server, scratch_database, setup_django

    try:
        scratch = scratch_database("concurrency", server=postgres_server(LOCAL_SERVER))
    except ScratchUnavailable as exc:
        print(f"concurrency skipped: {exc}; set DATABASE_URL=postgres://…")
        return 0
    setup_django(scratch)
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    racers = Racers(RACERS)
    try:
        bench = Bench(racers, *seed())
        bench.save(bench.offices[0], jobs=0, version=0, year=SAVE_YEAR, quarter=1)
        kinds = (bench.race_save, bench.race_create, bench.race_review, bench.race_budget)
        for number in range(races):
            kinds[number % len(kinds)](number // len(kinds))
        from performance import summaries

        differences = summaries.differences()  # what `manage.py verify_summaries` would print
    finally:
        racers.close()
        connections.close_all()
    errors = ", ".join(f"{name} {count}" for name, count in sorted(bench.errors.items()))
    if errors:
        print(f"concurrency: unexpected errors in losing racers: {errors}")
    if bench.lost:
        print("concurrency: lost races by kind: " + ", ".join(f"{k} {n}" for k, n in bench.lost_by_kind.items()))
    print(f"concurrency ratio={bench.lost / races:.4f} goal=0")
    print(f"concurrency_duplicates ratio={bench.duplicates / races:.4f} goal=0")
    for line in differences[:10]:
        print(f"concurrency: summary differs: {line}")
    print(f"concurrency_summaries ratio={len(differences) / races:.4f} goal=0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
