"""Small runs of the benches that make plan data (bench/_plan.py): each finishes, prints its ratio lines, and its
data is what its docstring says; DATABASE_URL's own database is left as it was."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_bench(tmp_path, *arguments: str) -> subprocess.CompletedProcess:
    """Run a bench with DATABASE_URL naming a database of someone else's, and check that it is left untouched."""
    precious = tmp_path / "precious.sqlite3"
    with sqlite3.connect(precious) as db:
        db.execute("CREATE TABLE kept (note TEXT)")
    before = hashlib.sha256(precious.read_bytes()).hexdigest()
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{precious}"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.pop("BENCH_KEEP", None)
    run = subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=900
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert hashlib.sha256(precious.read_bytes()).hexdigest() == before
    return run


def test_the_dashboard_bench_reports_on_two_departments(tmp_path):
    """Two departments × 100 세부사업 × 10 past years × 4 quarters: 8,000 lines, each on its own year's row (a line
    joined to the rows of every year would make ten times as many), plus one small government's 4,000; every ratio
    line, and no summary left different by the bench's approvals."""
    run = run_bench(tmp_path, "bench/dashboard.py", "--departments", "2", "--governments", "2")
    assert "# 12,000 result lines and " in run.stdout
    for name in ("dashboard", "dashboard_cold", "dashboard_cached", "public", "budget_dashboard", "plan_budget"):
        assert f"\n{name} ratio=" in f"\n{run.stdout}", name
    assert "\ndashboard_243 ratio=" in run.stdout
    assert "# verify_summaries after the bench's approvals: 0 differences" in run.stdout


def test_the_install_bench_reports_a_governments_page_and_the_costs(tmp_path):
    """Two governments of 120 세부사업 each: 9,600 lines, the page's ratio and each table's rows per government."""
    run = run_bench(tmp_path, "bench/install.py", "--governments", "2")
    assert run.returncode == 0, run.stderr
    assert "# 9,600 result lines in 2 governments" in run.stdout
    assert "# performance_quarterlyreportline: 9,600 rows" in run.stdout and "per government 4,800 rows" in run.stdout
    assert "\ninstall_243 ratio=" in run.stdout


def test_the_concurrency_bench_loses_no_race_of_a_short_run(tmp_path):
    """Eight races, two of each kind, all in past plan years: none lost, no duplicate (or a skip without
    PostgreSQL)."""
    run = run_bench(tmp_path, "bench/concurrency.py", "--races", "8")
    if "concurrency skipped" in run.stdout:
        return
    assert "concurrency ratio=0.0000 goal=0" in run.stdout, run.stdout
    assert "concurrency_duplicates ratio=0.0000 goal=0" in run.stdout
    assert "unexpected errors" not in run.stdout
