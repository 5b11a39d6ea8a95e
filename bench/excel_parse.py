"""How much the results-upload reader costs over openpyxl merely reading the same file.

Builds a filled-in 10,000-row results template in a temporary directory, then times, alternately and at least
five times each, `parse_results_workbook` (upload checks, year/quarter/header checks, every row validated) and a
baseline that opens the same bytes with openpyxl in read-only mode and iterates all values of every sheet.
Prints one line: `excel_parse ratio=X.XX goal=2`, the ratio of the two medians.

Run from the repository root: `.venv/bin/python bench/excel_parse.py`.
"""

import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._scratch import scratch_database, setup_django  # noqa: E402

# Settings are needed (gettext), a database is not: an SQLite file of its own, so nothing reaches DATABASE_URL's.
setup_django(scratch_database("excel_parse"))

import openpyxl  # noqa: E402

from performance.excel import TemplateRow, build_results_template, parse_results_workbook  # noqa: E402

ROWS = 10_000
RUNS = 7
GOAL = 2


def template_rows() -> list[TemplateRow]:
    """10,000 rows as the lead department's file would have them: 22 departments, figures and some comments."""
    return [
        TemplateRow(
            department_code=f"dept{number % 22 + 1:02d}",
            department_name=f"협업부서 {number % 22 + 1}",
            programme_id=number,
            programme_name=f"세부사업 {number} 어르신 일자리 지원",
            target_group="노년층",
            programme_type="직접일자리",
            annual_target=number % 500 or None,
            cumulative_before=number % 300,
            jobs=number % 97 if number % 10 else None,
            comment="상반기 모집 완료" if number % 4 == 0 else "",
        )
        for number in range(1, ROWS + 1)
    ]


def parse(data: bytes) -> None:
    results = parse_results_workbook(data, filename="bench.xlsx")
    if not results.ok or len(results.rows) != ROWS:
        raise SystemExit(f"excel_import: unexpected result: {len(results.rows)} rows, {results.errors[:3]}")


def baseline(data: bytes) -> None:
    book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=False)
    for sheet in book.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            pass
    book.close()


def timed(function, data: bytes) -> float:
    start = time.perf_counter()
    function(data)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "results.xlsx"
        path.write_bytes(build_results_template(title="2025년 1분기 실적", year=2025, quarter=1, rows=template_rows()))
        data = path.read_bytes()
    parse(data)  # warm up imports and caches once, untimed
    baseline(data)
    parse_times, baseline_times = [], []
    for _ in range(RUNS):  # alternate, so that drift in machine load affects both alike
        parse_times.append(timed(parse, data))
        baseline_times.append(timed(baseline, data))
    ratio = statistics.median(parse_times) / statistics.median(baseline_times)
    print(f"excel_parse ratio={ratio:.2f} goal={GOAL}")


if __name__ == "__main__":
    main()
