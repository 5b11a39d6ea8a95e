"""Importing a 10,000-row results template into the database, all-or-nothing, against openpyxl merely
reading the same file in read-only mode.

Makes a database of its own (`bench/_scratch.py`: a new PostgreSQL database on DATABASE_URL's server when that is
PostgreSQL, else a throwaway SQLite file; never DATABASE_URL's database itself; removed at the end), creates 200
departments × 50 programmes, writes a filled 10,000-row template, then times the whole import (upload checks,
parsing, the plan against the database, and saving every report with its history in one transaction) for
five different quarters, and the openpyxl baseline five times. Prints `excel_import ratio=X.XX goal=2`.
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

from performance import excel, imports  # noqa: E402
from performance.models import Department, LocalGovernment, Programme, TargetGroup  # noqa: E402

DEPARTMENTS, PROGRAMMES, RUNS, GOAL = 200, 50, 5, 2


def make_data(count: int) -> list[Department]:
    government = LocalGovernment.objects.create(name="벤치구", code="0000000")
    group = TargetGroup.objects.create(name="청년층")
    departments = Department.objects.bulk_create(
        Department(local_government=government, name=f"부서{i:03d}", code=f"b{i:03d}", sort_order=i)
        for i in range(count)
    )
    Programme.objects.bulk_create(
        Programme(department=d, target_group=group, name=f"사업{j:02d}", programme_type="direct_jobs", sort_order=j)
        for d in departments
        for j in range(PROGRAMMES)
    )
    return departments


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
    periods = [(2030 + run // 4, run % 4 + 1) for run in range(RUNS)]
    files = [filled_template(departments, year, quarter) for year, quarter in periods]
    imported = [import_once(content, count) for content in files]
    baseline = [read_once(files[0]) for _ in range(RUNS)]
    ratio = statistics.median(imported) / statistics.median(baseline)
    print(f"excel_import ratio={ratio:.2f} goal={GOAL}")


if __name__ == "__main__":
    main()
