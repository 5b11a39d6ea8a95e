"""A bench writes only into a database it created itself (bench/_scratch.py), never into DATABASE_URL's."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench._scratch import Scratch, refuse_unless_scratch, scratch_database

ROOT = Path(__file__).resolve().parents[2]
BENCHES = sorted(p for p in (ROOT / "bench").glob("*.py") if p.name != "run.py" and not p.name.startswith("_"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_import_bench_leaves_database_url_untouched(tmp_path):
    """DATABASE_URL names a database with a table of its own; a small run of the import bench leaves it byte for
    byte as it was, and still prints its ratio."""
    precious = tmp_path / "precious.sqlite3"
    with sqlite3.connect(precious) as db:
        db.execute("CREATE TABLE kept (note TEXT)")
        db.execute("INSERT INTO kept VALUES ('production data')")
    before = digest(precious)
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{precious}"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    run = subprocess.run(
        [sys.executable, "bench/excel_import.py", "--departments", "2"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "excel_import ratio=" in run.stdout
    assert digest(precious) == before


def test_a_scratch_sqlite_database_is_new_and_removed(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/db.sqlite3")
    scratch = scratch_database("probe")
    folder = Path(scratch.name).parent
    assert os.environ["DATABASE_URL"] == scratch.url == f"sqlite:///{scratch.name}"
    assert folder.is_dir() and folder != tmp_path and not list(folder.iterdir())  # a new, empty folder
    scratch.drop()
    assert not folder.exists()


def test_a_bench_refuses_a_database_it_did_not_create(db):
    """Django's database here is the test database, not the scratch one named: refused with exit status 2."""
    from django.db import connection

    other = Scratch(url="sqlite:////tmp/other/bench.sqlite3", name="/tmp/other/bench.sqlite3", vendor="sqlite")
    with pytest.raises(SystemExit) as refused:
        refuse_unless_scratch(connection, other)
    assert refused.value.code == 2
    same = Scratch(url="", name=str(connection.settings_dict["NAME"]), vendor=connection.vendor)
    refuse_unless_scratch(connection, same)  # its own database: goes on


@pytest.mark.parametrize("script", BENCHES, ids=lambda p: p.name)
def test_every_bench_sets_django_up_on_its_own_database(script):
    source = script.read_text(encoding="utf-8")
    assert "setup_django(" in source and "scratch_database(" in source
    assert "django.setup()" not in source and 'DATABASE_URL", ' not in source
