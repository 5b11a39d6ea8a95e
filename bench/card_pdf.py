"""The pledge card's PDF export against WeasyPrint rendering the very same HTML saved to disk.

Loads the card's data into a database of its own (`bench/_scratch.py`: a new PostgreSQL database on DATABASE_URL's
server when that is PostgreSQL, else a throwaway SQLite file; never DATABASE_URL's database itself),
then times, alternately and seven times each in the same process, our export as the download view runs it
(`pledge_card` reading the live data, the template, WeasyPrint with our URL fetcher and PDF/UA-1 tagging) and a
baseline: `weasyprint.HTML(filename=…).write_pdf()` on the HTML our template produced for that card, saved to a file.
Prints `card_pdf ratio=X.XX goal=1.2`, the ratio of the two medians of CPU time (`time.process_time`, garbage collected
before and the collector off during each call, as timeit does: the development machine is shared, and WeasyPrint's
garbage otherwise lands on whichever call comes next).

Run from the repository root: `.venv/bin/python bench/card_pdf.py`.
"""

import atexit
import gc
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._scratch import ScratchUnavailable, postgres_server, scratch_database, setup_django  # noqa: E402

try:
    setup_django(scratch_database("card_pdf", server=postgres_server()))
except ScratchUnavailable as exc:
    sys.exit(f"card_pdf refused: {exc}")
scratch = tempfile.mkdtemp(prefix="bench-card-pdf-")  # the HTML the baseline renders
atexit.register(shutil.rmtree, scratch, ignore_errors=True)

import weasyprint  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402

from documents.card import pledge_card  # noqa: E402
from documents.kinds.card import pledge_card_pdf  # noqa: E402
from geumcheon_jobs.seed import seed_demo  # noqa: E402

RUNS, GOAL, YEAR = 7, 1.2, 2021


def timed(function) -> float:
    """CPU seconds of one call, as timeit measures: garbage collected before, collector off during, so that neither
    side pays for the other's garbage; CPU time, not wall time, as the machine is shared."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        function()
        return time.process_time() - start
    finally:
        gc.enable()


def ours(pledge) -> float:
    return timed(lambda: pledge_card_pdf(pledge_card(pledge, YEAR)))


def baseline(path: Path) -> float:
    return timed(lambda: weasyprint.HTML(filename=str(path)).write_pdf())


def main() -> None:
    call_command("migrate", verbosity=0)
    pledge = seed_demo().pledge
    html = Path(scratch) / "card.html"
    html.write_text(render_to_string("print/pledge_card.html", {"card": pledge_card(pledge, YEAR)}), encoding="utf-8")
    ours(pledge)  # warm up both: fonts, templates, WeasyPrint's caches
    baseline(html)
    times = {"ours": [], "baseline": []}
    for _ in range(RUNS):
        times["ours"].append(ours(pledge))
        times["baseline"].append(baseline(html))
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    print(f"card_pdf ratio={medians['ours'] / medians['baseline']:.2f} goal={GOAL}")
    print(
        f"card_pdf: ours {medians['ours']:.3f} s, WeasyPrint alone {medians['baseline']:.3f} s (CPU)", file=sys.stderr
    )


if __name__ == "__main__":
    main()
