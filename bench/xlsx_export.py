"""A 100,000-row table exported through the product's xlsx path (`geumcheon_jobs.tabular.to_xlsx`, XlsxWriter in
constant-memory mode: text that stays text, #,##0 and 0.0% formats, a bold header, a frozen header row, the 출처
sheet) against openpyxl in write-only mode writing the same grid of values, and the memory the export takes.

Prints two lines:
    xlsx_export ratio=X.XX goal=1.2             median CPU time of ours ÷ that of the baseline (5 runs each,
                                                alternating; garbage collected before, collector off during each)
    xlsx_export_memory ratio=X.XX goal=1        the memory one export takes at its peak, in MB, ÷ 150 MB: Python's
                                                allocations traced (tracemalloc) from after the rows are built to the
                                                end of the export, in a fresh subprocess, so it is the export's own

Run from the repository root: `.venv/bin/python bench/xlsx_export.py`.
"""

import gc
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from decimal import Decimal
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._scratch import scratch_database, setup_django  # noqa: E402

# Settings are needed (gettext), a database is not: an SQLite file of its own, so nothing reaches DATABASE_URL's.
setup_django(scratch_database("xlsx_export"))

from openpyxl import Workbook  # noqa: E402

from geumcheon_jobs.tabular import PERCENT, Tabular, to_xlsx  # noqa: E402

ROWS, RUNS, GOAL, MEMORY_LIMIT_MB = 100_000, 5, 1.2, 150


def table() -> Tabular:
    """Rows as a department table has them: a name, a result, a target, a rate (Decimal %), a note."""
    rows = tuple(
        (
            f"협업부서 {n % 22 + 1} 세부사업 {n}",
            n % 997,
            1000 + n % 50,
            Decimal(n % 1000) / 10,
            "=1+1" if n % 97 == 0 else "",
        )
        for n in range(ROWS)
    )
    return Tabular(
        "bench", "부서별", ("부서", "실적(명)", "목표(명)", "달성률", "비고"), rows, ("", "", "", PERCENT, "")
    )


def timed(function) -> float:
    """CPU seconds of one call, garbage collected before and the collector off during (as timeit does)."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        function()
        return time.process_time() - start
    finally:
        gc.enable()


def ours(data: Tabular) -> float:
    return timed(lambda: to_xlsx([data], "벤치구 · 벤치"))


def baseline(data: Tabular) -> float:
    return timed(lambda: write_only(data))


def write_only(data: Tabular) -> None:
    """openpyxl write-only, the same values (a rate as the fraction the file holds), no styles."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(data.title)
    sheet.append(data.headers)
    for name, jobs, target, rate, note in data.rows:
        sheet.append((name, jobs, target, float(rate) / 100, note))
    book.create_sheet("출처").append(("벤치구 · 벤치",))
    book.save(BytesIO())


def memory() -> None:
    """In a fresh process: the peak of what one export allocates beyond the rows it is given, in MB; and, as a
    cross-check on stderr, how far the process's peak RSS rose during it."""
    data = table()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    to_xlsx([data], "벤치구 · 벤치")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024  # kB on Linux
    print(f"peak RSS rose {rss_growth:.1f} MB", file=sys.stderr)
    print(f"{peak / 2**20:.1f}")


def main() -> None:
    data = table()
    times = {"ours": [], "baseline": []}
    for _ in range(RUNS):
        times["ours"].append(ours(data))
        times["baseline"].append(baseline(data))
    ratio = statistics.median(times["ours"]) / statistics.median(times["baseline"])
    print(f"xlsx_export ratio={ratio:.2f} goal={GOAL}")
    grown = float(
        subprocess.run([sys.executable, __file__, "--memory"], capture_output=True, text=True, check=True).stdout
    )
    print(f"xlsx_export_memory ratio={grown / MEMORY_LIMIT_MB:.2f} goal=1  # {grown:.1f} MB of {MEMORY_LIMIT_MB} MB")


if __name__ == "__main__":
    memory() if "--memory" in sys.argv else main()
