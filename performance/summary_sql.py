"""What a computed achievement dashboard reads, in one plain SQL statement each for the pledge and its departments.

The dashboard is computed on the first view after every approval. There, the ORM's cost of building and compiling a
query (about 0.4 ms of CPU for the simplest, several for a UNION) is more than the database's cost of running it on
the summary tables' indexes, and a dashboard made nine of them. So the reads every computed dashboard makes are
written once here, as one UNION ALL statement (the same text on SQLite and PostgreSQL), and `performance.achievement`
turns the rows into its figures. What a row means is the summaries' (`performance.models.summaries`); which rows
count — approved results only, the targets of active 세부사업 — was decided when they were written.

Every value is a parameter; table and column names come from the models.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection

from .models import (
    ALL_DEPARTMENTS,
    AnnualTarget,
    Department,
    Dimension,
    ProgrammeType,
    QuarterlyReport,
    ResultSummary,
    TargetGroup,
    TargetSummary,
)
from .plans import default_year

NOBODY = -1  # a `department` no summary row has: a person who reads no department's rows reads nothing


def table(model) -> str:
    """A model's table name, quoted for the database: how the plain statements here and in `indicators/reads.py`
    name their tables."""
    return connection.ops.quote_name(model._meta.db_table)


@dataclass
class PledgeReads:
    """The pledge's summary rows for one year's dashboard, as read by `pledge_reads`."""

    year: int | None  # the year read: the one asked for, or the default one (None: the pledge has no plan year)
    totals: list[tuple[int, int, int, int]] = field(default_factory=list)  # (year, quarter, jobs, lines), every year
    plan_years: list[int] = field(default_factory=list)  # the years the pledge has a plan for, oldest first
    shares: dict[tuple[str, int], int] = field(default_factory=dict)  # (dimension, member): the year's jobs
    type_plans: dict[int, tuple[int, int]] = field(default_factory=dict)  # 부문: (target, untargeted 세부사업)
    targets: dict[int, int] = field(default_factory=dict)  # year: the pledge's target
    group_targets: dict[int, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))  # year: {대상: target}
    types: list[tuple[int, str]] = field(default_factory=list)  # the government's 부문 (pk, name), in order
    groups: dict[int, str] = field(default_factory=dict)  # its 대상 {pk: name}, in order


def pledge_reads(pledge, year: int | None, department: int | None, through_quarter: int, today) -> PledgeReads:
    """The pledge's approved results of every period, its plan years, its targets and its government's 부문 and 대상
    lists; and its 부문 and 대상 shares of `year` through `through_quarter` with its 부문 targets, for `department`'s
    rows (`ALL_DEPARTMENTS`: the whole government; None: nobody's). One statement; two when `year` is None, which
    reads the plan years first to find the default year (`plans.default_year` on `today`)."""
    pledge_part, pledge_params = _pledge_part(pledge)
    if year is None:
        found = _collect(None, fetch(pledge_part, pledge_params))
        found.year = default_year(found.plan_years, today)
        if found.year is not None:
            _collect(found, fetch(*_year_part(pledge, found.year, department, through_quarter)))
        return found
    year_part, year_params = _year_part(pledge, year, department, through_quarter)
    statement = f"{pledge_part} UNION ALL {year_part}"
    found = _collect(None, fetch(statement, pledge_params + year_params))
    found.year = year
    return found


def _pledge_part(pledge) -> tuple[str, list]:
    results, plans, targets = table(ResultSummary), table(TargetSummary), table(AnnualTarget)
    total, government = str(Dimension.TOTAL), pledge.local_government_id
    statement = f"""
        SELECT 'period' AS part, year, quarter, '' AS dimension, 0 AS member, jobs AS first, lines AS second,
               '' AS name
          FROM {results} WHERE pledge_id = %s AND department = %s AND dimension = %s
        UNION ALL
        SELECT 'year', year, 0, '', 0, 0, 0, '' FROM {plans} WHERE pledge_id = %s AND department = %s AND dimension = %s
        UNION ALL
        SELECT 'target', year, 0, '', COALESCE(target_group_id, 0), jobs, 0, '' FROM {targets} WHERE pledge_id = %s
        UNION ALL
        SELECT 'list', sort_order, 0, %s, id, 0, 0, name FROM {table(ProgrammeType)} WHERE local_government_id = %s
        UNION ALL
        SELECT 'list', sort_order, 0, %s, id, 0, 0, name FROM {table(TargetGroup)} WHERE local_government_id = %s
    """  # noqa: S608 — table names from the models, every value a parameter
    params = [pledge.pk, ALL_DEPARTMENTS, total, pledge.pk, ALL_DEPARTMENTS, total, pledge.pk]
    return statement, [*params, str(Dimension.TYPE), government, str(Dimension.GROUP), government]


def _year_part(pledge, year: int, department: int | None, through_quarter: int) -> tuple[str, list]:
    results, plans = table(ResultSummary), table(TargetSummary)
    rows_of = NOBODY if department is None else department
    type_, group = str(Dimension.TYPE), str(Dimension.GROUP)
    statement = f"""
        SELECT 'share', 0, 0, dimension, member, SUM(jobs), 0, ''
          FROM {results} WHERE pledge_id = %s AND year = %s AND department = %s AND quarter <= %s
           AND dimension IN (%s, %s)
         GROUP BY dimension, member
        UNION ALL
        SELECT 'plan', 0, 0, dimension, member, target, untargeted, ''
          FROM {plans} WHERE pledge_id = %s AND year = %s AND department = %s AND dimension = %s
    """  # noqa: S608 — table names from the models, every value a parameter
    return statement, [pledge.pk, year, rows_of, through_quarter, type_, group, pledge.pk, year, rows_of, type_]


def fetch(statement: str, params: list) -> list[tuple]:
    """Every row of one plain statement."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def _collect(found: PledgeReads | None, rows: list[tuple]) -> PledgeReads:
    """The rows of the statements above, each by its part, into `found` (a new one when None)."""
    found = found or PledgeReads(year=None)
    lists: dict[str, list[tuple[int, str, int]]] = {str(Dimension.TYPE): [], str(Dimension.GROUP): []}
    for part, row_year, quarter, dimension, member, first, second, name in rows:
        if part == "period":
            found.totals.append((row_year, quarter, int(first), int(second)))
        elif part == "year":
            found.plan_years.append(row_year)
        elif part == "share":
            found.shares[(dimension, member)] = int(first or 0)
        elif part == "plan":
            found.type_plans[member] = (int(first), int(second))
        elif part == "target" and member:
            found.group_targets[row_year][member] = int(first)
        elif part == "target":
            found.targets[row_year] = int(first)
        else:  # a list item: its sort order came in the year's column
            lists[dimension].append((row_year, name, member))
    found.totals.sort()
    found.plan_years.sort()
    if any(lists.values()):
        found.types = [(pk, name) for _order, name, pk in sorted(lists[str(Dimension.TYPE)])]
        found.groups = {pk: name for _order, name, pk in sorted(lists[str(Dimension.GROUP)])}
    return found


def department_reads(pledge, year: int, through_quarter: int) -> tuple[dict[int, int], dict[int, tuple[int, int]]]:
    """Each department's approved result of the pledge's year through the quarter ({department: jobs}) and its
    (target, untargeted 세부사업) ({department: …}): one statement."""
    total = str(Dimension.TOTAL)
    statement = f"""
        SELECT 0, department, SUM(jobs), 0 FROM {table(ResultSummary)}
         WHERE pledge_id = %s AND year = %s AND dimension = %s AND department <> %s AND quarter <= %s
         GROUP BY department
        UNION ALL
        SELECT 1, department, target, untargeted FROM {table(TargetSummary)}
         WHERE pledge_id = %s AND year = %s AND dimension = %s AND department <> %s
    """  # noqa: S608 — table names from the models, every value a parameter
    params = [pledge.pk, year, total, ALL_DEPARTMENTS, through_quarter, pledge.pk, year, total, ALL_DEPARTMENTS]
    results: dict[int, int] = {}
    plans: dict[int, tuple[int, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for kind, department, first, second in cursor.fetchall():
            if kind == 0:
                results[department] = int(first or 0)
            else:
                plans[department] = (int(first), int(second))
    return results, plans


def pending_reports(pledge, department: int | None, statuses: tuple[str, ...]) -> Counter:
    """The reports in `statuses` (not approved: a partial index holds only them) of `department`'s rows
    (`ALL_DEPARTMENTS`: every department of the pledge's government; None: nobody's), of departments that run the
    pledge's 세부사업 that year, counted by (year, quarter, status). Those departments are the ones with a row in the
    pledge's target summary of the year, read in a second statement for the years of the reports found — joined in
    one, PostgreSQL starts from the summary's thousands of rows rather than the few reports."""
    if department is None:
        return Counter()
    reports, departments = table(QuarterlyReport), table(Department)
    marks = ", ".join(["%s"] * len(statuses))
    statement = f"""
        SELECT r.department_id, r.year, r.quarter, r.status FROM {reports} r
          JOIN {departments} d ON d.id = r.department_id
         WHERE d.local_government_id = %s AND r.status IN ({marks})
    """  # noqa: S608 — table names from the models, every value a parameter
    params = [pledge.local_government_id, *statuses]
    if department != ALL_DEPARTMENTS:
        statement += " AND r.department_id = %s"
        params.append(department)
    found = fetch(statement, params)
    if not found:
        return Counter()
    years = sorted({row[1] for row in found})
    linked = fetch(  # every department running the pledge in those years: a range of the summary's year index
        f"""SELECT department, year FROM {table(TargetSummary)}
             WHERE pledge_id = %s AND dimension = %s AND year IN ({", ".join(["%s"] * len(years))})
        """,  # noqa: S608 — table names from the models, every value a parameter
        [pledge.pk, str(Dimension.TOTAL), *years],
    )
    running = set(linked)
    return Counter(
        (year, quarter, status) for department_id, year, quarter, status in found if (department_id, year) in running
    )
