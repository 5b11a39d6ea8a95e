"""Keeping the summaries the pages read (`performance.models.summaries`) exact, and checking that they are.

Every figure is first read as "atoms": sums over the approved lines (or the active 세부사업) of one pledge, year,
quarter, department, 부문 and 대상. Each atom counts in six rows — the government's and its department's total,
its 부문 and its 대상 — and `_rows` is the one place that says so; the changes, the recomputation and the check
all go through it.

When they change:
- an approval adds the report's lines, a reopening subtracts them (`results_of_report`): approved reports are
  immutable, so this is exact;
- a change of the plan or of a pledge's links recomputes the pledge's year from the lines and 세부사업
  (`refresh`): rare, and one query per kind whatever happened.
Both run after the service's `revision_bump`, which holds the government's row lock until commit, so two writers
of one government never interleave their summary changes and a writer always reads what the one before committed.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps as django_apps
from django.db import connection
from django.db.models import Count, F, Q, Sum

from .access import own_department, sees_all_departments
from .models import (
    ALL_DEPARTMENTS,
    BudgetSummary,
    Dimension,
    QuarterlyReport,
    QuarterlyReportLine,
    ResultSummary,
    TargetSummary,
)

APPROVED = QuarterlyReport.Status.APPROVED
RESULT_KEY = ("pledge_id", "year", "department", "dimension", "member", "quarter")
TARGET_KEY = ("pledge_id", "year", "department", "dimension", "member")
RESULT_VALUES = ("jobs", "lines")
TARGET_VALUES = ("target", "programmes", "untargeted")
CHUNK = 1_000  # rows per INSERT: 8,000 parameters, well under SQLite's limit


def summary_department(user) -> int | None:
    """Which summary rows a person reads: the whole government's (`ALL_DEPARTMENTS`) for `user` None (the public page,
    official reports) and for those who see every department; their own department's for staff; None: nothing."""
    if user is None or sees_all_departments(user):
        return ALL_DEPARTMENTS
    department = own_department(user) if user.is_authenticated and user.is_active else None
    return department.pk if department is not None else None


def _rows(atoms: Iterable[dict], values: tuple[str, ...], sign: int = 1) -> dict[tuple, list[int]]:
    """Each atom (pledge, year, [quarter,] department, programme_type, target_group and its `values`) added into the
    six rows it counts in, keyed as the summary tables are."""
    rows: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(values))
    for atom in atoms:
        quarter = (atom["quarter"],) if "quarter" in atom else ()
        for department in (ALL_DEPARTMENTS, atom["department"]):
            for dimension, member in (
                (Dimension.TOTAL, 0),
                (Dimension.TYPE, atom["programme_type"]),
                (Dimension.GROUP, atom["target_group"]),
            ):
                row = rows[(atom["pledge"], atom["year"], department, str(dimension), member, *quarter)]
                for index, name in enumerate(values):
                    row[index] += sign * (atom[name] or 0)
    return rows


def _result_atoms(lines, pledge_ids: set[int] | None = None) -> Iterable[dict]:
    """Result lines summed by pledge (through the links of their 세부사업; of `pledge_ids` only, when given),
    period, department, 부문 and 대상; the caller says which lines (approved ones, or one report's). The link
    condition is one filter, so that the pledge summed by is the pledge filtered on (one join, not two)."""
    linked = {"programme__pledge_links__isnull": False}
    if pledge_ids is not None:
        linked = {"programme__pledge_links__pledge__in": pledge_ids}
    return (
        lines.filter(**linked)
        .order_by()
        .values(
            pledge=F("programme__pledge_links__pledge"),
            year=F("report__year"),
            quarter=F("report__quarter"),
            department=F("programme__department"),
            programme_type=F("programme__programme_type"),
            target_group=F("programme__target_group"),
        )
        .annotate(jobs=Sum("jobs"), lines=Count("pk"))
    )


def _target_atoms(links) -> Iterable[dict]:
    """The active 세부사업 behind pledge links, summed by pledge, year, department, 부문 and 대상."""
    return (
        links.filter(programme__is_active=True)
        .order_by()
        .values(
            "pledge",
            year=F("programme__year_plan__year"),
            department=F("programme__department"),
            programme_type=F("programme__programme_type"),
            target_group=F("programme__target_group"),
        )
        .annotate(
            target=Sum("programme__jobs_target"),
            programmes=Count("pk"),
            untargeted=Count("pk", filter=Q(programme__jobs_target__isnull=True)),
        )
    )


def _add_results(rows: dict[tuple, list[int]]) -> None:
    """Add `rows` to the stored results in one statement (a row not there yet is inserted), then drop the rows no
    approved line is behind any more. INSERT … ON CONFLICT DO UPDATE reads the same on PostgreSQL and SQLite."""
    rows = {key: values for key, values in rows.items() if any(values)}
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(ResultSummary._meta.db_table)
    columns = [quote(column) for column in (*RESULT_KEY, *RESULT_VALUES)]
    keys, values = columns[: len(RESULT_KEY)], columns[len(RESULT_KEY) :]
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608 - names from the model
    add = ", ".join(f"{name} = {table}.{name} + EXCLUDED.{name}" for name in values)
    conflict = f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {add}"
    items = list(rows.items())
    with connection.cursor() as cursor:
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            params = [value for key, figures in chunk for value in (*key, *figures)]
            cursor.execute(insert + ", ".join([row] * len(chunk)) + conflict, params)
    ResultSummary.objects.filter(pledge_id__in={key[0] for key in rows}, lines=0).delete()


def results_of_report(report: QuarterlyReport, sign: int) -> None:
    """An approval (`sign` 1) adds the report's lines to its pledges' results; a reopening (-1) takes them out."""
    atoms = _result_atoms(QuarterlyReportLine.objects.filter(report=report))
    _add_results(_rows(atoms, RESULT_VALUES, sign))


def _approved(lines):
    """Approved lines: the one rule (`ResultsQuerySet.approved`); a migration's models lack the queryset method and
    say the same in its terms."""
    return lines.approved() if hasattr(lines, "approved") else lines.filter(report__status=APPROVED)


def expected(pledge_ids: Iterable[int] | None = None, years: Iterable[int] | None = None, apps=django_apps):
    """The summary rows as the lines and 세부사업 say they should be (of those pledges and years, when given):
    (results, targets), each keyed as its table. `apps`: a migration's models."""
    lines = _approved(apps.get_model("performance", "QuarterlyReportLine").objects.all())
    links = apps.get_model("performance", "PledgeProgramme").objects.all()
    pledge_ids = None if pledge_ids is None else set(pledge_ids)
    if pledge_ids is not None:
        links = links.filter(pledge__in=pledge_ids)
    if years is not None:
        lines = lines.filter(report__year__in=set(years))
        links = links.filter(programme__year_plan__year__in=set(years))
    results = _rows(_result_atoms(lines, pledge_ids), RESULT_VALUES)
    targets = _rows(_target_atoms(links), TARGET_VALUES)
    return (
        {key: values for key, values in results.items() if values[1]},
        {key: values for key, values in targets.items() if values[1]},
    )


def stored(pledge_ids: Iterable[int] | None = None):
    """The summary rows as they are, keyed as `expected` keys them."""
    found = []
    for model, key, values in ((ResultSummary, RESULT_KEY, RESULT_VALUES), (TargetSummary, TARGET_KEY, TARGET_VALUES)):
        rows = model.objects.all() if pledge_ids is None else model.objects.filter(pledge_id__in=set(pledge_ids))
        found.append({tuple(row[: len(key)]): list(row[len(key) :]) for row in rows.values_list(*key, *values)})
    return tuple(found)


def refresh(pledge_ids: Iterable[int], years: Iterable[int] | None = None) -> None:
    """Recompute the pledges' years (None: all their years) from the lines and 세부사업: after a change of the plan
    or of the links, or a load that bypassed the services (the demo seed)."""
    pledge_ids = set(pledge_ids)
    years = None if years is None else set(years)
    if not pledge_ids or years == set():
        return
    scope = {"pledge_id__in": pledge_ids} | ({} if years is None else {"year__in": years})
    ResultSummary.objects.filter(**scope).delete()
    TargetSummary.objects.filter(**scope).delete()
    results, targets = expected(pledge_ids, years)
    _insert(ResultSummary, RESULT_KEY, RESULT_VALUES, results)
    _insert(TargetSummary, TARGET_KEY, TARGET_VALUES, targets)


def rebuild(apps=django_apps) -> None:
    """Every summary row recomputed from the lines and 세부사업: after a bulk load that bypassed the services (the
    benches), and by the migration that made the tables (`apps`: its models)."""
    result_model, target_model = (
        apps.get_model("performance", "ResultSummary"),
        apps.get_model("performance", "TargetSummary"),
    )
    result_model.objects.all().delete()
    target_model.objects.all().delete()
    results, targets = expected(apps=apps)
    _insert(result_model, RESULT_KEY, RESULT_VALUES, results)
    _insert(target_model, TARGET_KEY, TARGET_VALUES, targets)
    budget_model = apps.get_model("performance", "BudgetSummary")
    budget_model.objects.all().delete()
    _insert(budget_model, BUDGET_KEY, BUDGET_VALUES, expected_budget(apps=apps))


def _insert(model, key: tuple[str, ...], values: tuple[str, ...], rows: dict[tuple, list[int]]) -> None:
    names = (*key, *values)
    model.objects.bulk_create(
        (model(**dict(zip(names, (*k, *v), strict=True))) for k, v in rows.items()), batch_size=CHUNK
    )


# --- The plan's budget (`BudgetSummary`): recomputed for a government's year whenever a 세부사업's budget changes.
BUDGET_KEY = ("local_government_id", "year", "department", "source")
BUDGET_VALUES = ("secured", "executed", "programmes")
EVERY_SOURCE = ""


def _add_executed(total: int | None, executed: int | None) -> int | None:
    """Executed amounts added: None (nothing executed yet) only while every one is None."""
    return total if executed is None else (total or 0) + executed


def expected_budget(government_ids: Iterable[int] | None = None, years: Iterable[int] | None = None, apps=django_apps):
    """The budget summary rows as the 세부사업's budgets say they should be, keyed as `BudgetSummary`."""
    rows = apps.get_model("performance", "ProgrammeBudget").objects.all()
    if government_ids is not None:
        rows = rows.filter(programme__year_plan__local_government__in=set(government_ids))
    if years is not None:
        rows = rows.filter(programme__year_plan__year__in=set(years))
    place = {
        "government": F("programme__year_plan__local_government"),
        "year": F("programme__year_plan__year"),
        "department": F("programme__department"),
    }
    found: dict[tuple, list] = defaultdict(lambda: [0, None, 0])
    for atom in (
        rows.order_by()
        .values(**place, kind=F("source"))
        .annotate(secured_sum=Sum("secured"), executed_sum=Sum("executed"), count=Count("programme", distinct=True))
    ):
        for department in (ALL_DEPARTMENTS, atom["department"]):
            row = found[(atom["government"], atom["year"], department, atom["kind"])]
            row[0] += atom["secured_sum"]
            row[1] = _add_executed(row[1], atom["executed_sum"])
            row[2] += atom["count"]
            every = found[(atom["government"], atom["year"], department, EVERY_SOURCE)]
            every[0] += atom["secured_sum"]
            every[1] = _add_executed(every[1], atom["executed_sum"])
    for atom in rows.order_by().values(**place).annotate(count=Count("programme", distinct=True)):
        for department in (ALL_DEPARTMENTS, atom["department"]):
            found[(atom["government"], atom["year"], department, EVERY_SOURCE)][2] += atom["count"]
    return dict(found)


def refresh_budget(government_id: int, years: Iterable[int] | None = None) -> None:
    """Recompute the government's plan budget summary of those years (None: all) from the 세부사업's budgets."""
    scope = {"local_government_id": government_id} | ({} if years is None else {"year__in": set(years)})
    BudgetSummary.objects.filter(**scope).delete()
    _insert(BudgetSummary, BUDGET_KEY, BUDGET_VALUES, expected_budget([government_id], years))


def differences(pledge_ids: Iterable[int] | None = None) -> list[str]:
    """Every stored row that differs from what the lines and 세부사업 say, as lines to print (none: exact); with
    `pledge_ids`, only those pledges' results and targets."""
    found = []
    wanted, kept = [*expected(pledge_ids)], [*stored(pledge_ids)]
    if pledge_ids is None:
        wanted.append(expected_budget())
        kept.append(
            {
                tuple(row[: len(BUDGET_KEY)]): list(row[len(BUDGET_KEY) :])
                for row in BudgetSummary.objects.values_list(*BUDGET_KEY, *BUDGET_VALUES)
            }
        )
    for name, want, have in zip(("results", "targets", "budget"), wanted, kept, strict=False):
        for key in sorted(set(want) | set(have), key=str):
            if want.get(key) != have.get(key):
                found.append(f"{name} {key}: stored {have.get(key)}, computed {want.get(key)}")
    return found
