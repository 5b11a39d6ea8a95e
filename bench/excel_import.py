"""Importing a 10,000-row results template into the database, all-or-nothing, against openpyxl merely
reading the same file in read-only mode.

Makes a database of its own (`bench/_scratch.py`: a new PostgreSQL database on DATABASE_URL's server when that is
PostgreSQL, else a throwaway SQLite file; never DATABASE_URL's database itself; removed at the end), creates 200
departments × 50 세부사업 with a row in each of two past yearly plans (2024 and 2025: results are saved only for a
quarter that has ended, in a year with a plan; `bench/_plan.py`), writes a filled 10,000-row template, then
times the whole import (upload checks, parsing, the plan against the database, and saving every report with its
history in one transaction) for five different quarters (2024 Q1–Q4, 2025 Q1), and the openpyxl baseline five
times. Prints `excel_import ratio=X.XX goal=2`.
`--departments N` makes a smaller run (N × 50 rows), e.g. to try the bench quickly.
"""

import argparse
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._scratch import ScratchUnavailable, postgres_server, scratch_database, setup_django  # noqa: E402

try:
    SCRATCH = scratch_database("excel_import", server=postgres_server())
except ScratchUnavailable as exc:
    sys.exit(f"excel_import refused: {exc}")
setup_django(SCRATCH)

import openpyxl  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from bench._plan import make_plan, make_programmes  # noqa: E402
from performance import excel, imports  # noqa: E402
from performance.models import Department  # noqa: E402

DEPARTMENTS, PROGRAMMES, RUNS, GOAL = 200, 50, 5, 2
FIRST_YEAR = 2024  # past years: every quarter imported has ended


def make_data(count: int) -> list[Department]:
    plan = make_plan(departments=count, years=range(FIRST_YEAR, FIRST_YEAR + 2))
    make_programmes(plan, PROGRAMMES, jobs_target=lambda i, j, year: 10 + j)
    return plan.departments


def filled_template(departments, year, quarter) -> bytes:
    content = imports.results_template(departments, year, quarter)
    book = openpyxl.load_workbook(BytesIO(content))
    sheet = book[excel.DATA_SHEET]
    for row in range(excel.FIRST_DATA_ROW, sheet.max_row + 1):
        sheet[f"I{row}"] = row % 97
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_once(content: bytes, departments: int) -> float:
    start = time.perf_counter()
    plan = imports.plan_import(content, "bench.xlsx", None)
    assert plan.ok, plan.errors[:3]
    with transaction.atomic():
        saved = imports.apply_import(plan.to_session(), None)
    elapsed = time.perf_counter() - start
    assert len(saved) == departments
    return elapsed


def read_once(content: bytes) -> float:
    start = time.perf_counter()
    book = openpyxl.load_workbook(BytesIO(content), read_only=True)
    for sheet in book.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    book.close()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=DEPARTMENTS, help="departments of 50 programmes each")
    count = parser.parse_args().departments
    call_command("migrate", verbosity=0)
    departments = make_data(count)
    periods = [(FIRST_YEAR + run // 4, run % 4 + 1) for run in range(RUNS)]
    files = [filled_template(departments, year, quarter) for year, quarter in periods]
    imported = [import_once(content, count) for content in files]
    baseline = [read_once(files[0]) for _ in range(RUNS)]
    ratio = statistics.median(imported) / statistics.median(baseline)
    print(f"excel_import ratio={ratio:.2f} goal={GOAL}")


if __name__ == "__main__":
    main()
