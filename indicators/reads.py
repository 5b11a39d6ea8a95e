"""The rows the indicator board is made of, read in plain SQL: the board sits inside the achievement dashboard, which
is computed on the first view after every approval, and the ORM's cost of building its four queries was more than
the database's cost of running them. Two statements: the term with its yearly plans, and the term's targets with its
half-year results. Values come back as the models would give them (Decimal, date, bool) on SQLite and PostgreSQL."""

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db import connection

from performance.models import TermPlan, YearPlan
from performance.summary_sql import fetch, table

from .models import IndicatorResult, IndicatorTarget

TENTH = Decimal("0.1")


class PlanRow(NamedTuple):
    pk: int
    year: int
    status: str


class TargetRow(NamedTuple):
    term_id: int | None
    year_plan_id: int | None
    indicator: str
    kind: str
    value: Decimal
    baseline_value: Decimal | None
    baseline_year: int | None
    baseline_half: int | None


class ResultRow(NamedTuple):
    indicator: str
    year: int
    half: int
    value: Decimal
    source: str
    published_on: datetime.date | None
    is_demo: bool


def term_with_plans(*, government_id: int, year: int | None = None, term_id: int | None = None):
    """(the term plan, its yearly plans by year) — the government's term whose years hold `year` (the latest to
    begin, where two terms share a year), or its term `term_id`; (None, []) when there is none. One statement, which
    names the government either way (the rows of one government: one shard, when distributed)."""
    terms, plans = table(TermPlan), table(YearPlan)
    if term_id is None:
        which = f"""(SELECT id FROM {terms} WHERE local_government_id = %s AND first_year <= %s AND last_year >= %s
                     ORDER BY first_year DESC LIMIT 1)"""  # noqa: S608 — table names from the models
        params = [government_id, year, year]
    else:
        which, params = "%s", [term_id]
    statement = f"""
        SELECT t.id, t.local_government_id, t.name, t.first_year, t.last_year, t.jobs_target, t.is_demo,
               p.id, p.year, p.status
          FROM {terms} t LEFT JOIN {plans} p ON p.term_id = t.id
         WHERE t.id = {which} AND t.local_government_id = %s ORDER BY p.year
    """  # noqa: S608 — table names from the models, every value a parameter
    rows = fetch(statement, [*params, government_id])
    if not rows:
        return None, []
    pk, government, name, first_year, last_year, jobs_target, is_demo = rows[0][:7]
    term = TermPlan.from_db(  # every field of the model, as a query through the ORM would have made it
        connection.alias,
        ["id", "local_government_id", "name", "first_year", "last_year", "jobs_target", "is_demo"],
        [pk, government, name, first_year, last_year, jobs_target, bool(is_demo)],
    )
    return term, [PlanRow(plan, year, status) for *_term, plan, year, status in rows if plan is not None]


def term_figures(term: TermPlan) -> tuple[list[TargetRow], list[ResultRow]]:
    """The targets of the term and of its yearly plans, and the government's half-year results of the term's years:
    one statement."""
    targets, results, plans = table(IndicatorTarget), table(IndicatorResult), table(YearPlan)
    statement = f"""
        SELECT 0, term_id, year_plan_id, indicator, kind, value, baseline_value, baseline_year, baseline_half,
               NULL, NULL, NULL, NULL, NULL
          FROM {targets}
         WHERE local_government_id = %s AND (term_id = %s OR year_plan_id IN (SELECT id FROM {plans} WHERE term_id = %s))
        UNION ALL
        SELECT 1, NULL, NULL, indicator, NULL, value, NULL, NULL, NULL, year, half, source, published_on, is_demo
          FROM {results} WHERE local_government_id = %s AND year >= %s AND year <= %s
    """  # noqa: S608 — table names from the models, every value a parameter
    government = term.local_government_id
    rows = fetch(statement, [government, term.pk, term.pk, government, term.first_year, term.last_year])
    found_targets, found_results = [], []
    for kind, term_id, plan_id, indicator, target_kind, value, baseline, b_year, b_half, *result in rows:
        if kind == 0:
            found_targets.append(
                TargetRow(term_id, plan_id, indicator, target_kind, _tenth(value), _tenth(baseline), b_year, b_half)
            )
        else:
            year, half, source, published_on, is_demo = result
            found_results.append(
                ResultRow(indicator, year, half, _tenth(value), source, _date(published_on), bool(is_demo))
            )
    return found_targets, found_results


def _tenth(value) -> Decimal | None:
    """A figure as the model's DecimalField gives it (one decimal place); SQLite hands back a float."""
    if value is None:
        return None
    return (value if isinstance(value, Decimal) else Decimal(str(value))).quantize(TENTH)


def _date(value) -> datetime.date | None:
    """A date as the model's DateField gives it; SQLite hands back its ISO text."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value
