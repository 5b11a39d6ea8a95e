"""The only database a bench writes into is one it has just created itself, and removes at the end.

DATABASE_URL usually names the development database or, on a server, the production one; a bench that writes
200 departments into it would ruin it. So every bench calls `scratch_database` before `django.setup()`:

- with a PostgreSQL `server` (from `postgres_server`: DATABASE_URL's server when it is PostgreSQL), a new database
  `geumcheon_bench_<name>_<random>` is created there. `CREATE DATABASE` fails when the name exists, so the
  database is certainly new and the bench's own; it is dropped at exit;
- otherwise an SQLite file in a new temporary folder, removed at exit.

Either way DATABASE_URL is then replaced by the new database, and `setup_django` refuses to run (exit status 2)
unless Django's default database is that very database. `BENCH_KEEP=1` keeps it for a closer look (its name is
printed); `BENCH_REUSE=<that name>` runs the bench again on it (a bench that supports it skips making its data) and
keeps it. A bench that needs no database still calls `scratch_database` (no server), so that nothing it does by
accident can reach DATABASE_URL's database.
"""

import atexit
import os
import secrets
import shutil
import sys
import tempfile
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432"


class ScratchUnavailable(Exception):
    """No new database could be created (no server answers, or the account may not create databases)."""


@dataclass(frozen=True)
class Scratch:
    url: str
    name: str  # the database's name as Django's settings hold it: the PostgreSQL name or the SQLite file's path
    vendor: str

    def drop(self) -> None:
        """Remove the database this bench created (never any other)."""
        if os.environ.get("BENCH_KEEP"):
            print(f"# BENCH_KEEP: the scratch database {self.url} is kept", file=sys.stderr)
            return
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        if self.vendor == "sqlite":
            shutil.rmtree(os.path.dirname(self.name), ignore_errors=True)
        else:
            _execute(_maintenance_url(self.url), f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def postgres_server(default: str | None = None) -> str | None:
    """DATABASE_URL's server (without its database) when DATABASE_URL is PostgreSQL, else `default`."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return urlunsplit(urlsplit(url)._replace(path="", query="", fragment=""))
    return default


def scratch_database(name: str, server: str | None = None) -> Scratch:
    """Create a new database for the bench `name` (on the PostgreSQL `server`, else SQLite), point DATABASE_URL
    at it and drop it at exit. Raises ScratchUnavailable when the PostgreSQL database cannot be created."""
    if server is None:
        folder = tempfile.mkdtemp(prefix=f"bench-{name}-")
        path = os.path.join(folder, "bench.sqlite3")
        scratch = Scratch(url=f"sqlite:///{path}", name=path, vendor="sqlite")
    elif os.environ.get("BENCH_REUSE", "").startswith(f"geumcheon_bench_{name}_"):
        database = os.environ["BENCH_REUSE"]  # a database this bench kept before (BENCH_KEEP): used again, kept
        os.environ["BENCH_KEEP"] = "1"
        scratch = Scratch(
            url=urlunsplit(urlsplit(server)._replace(path=f"/{database}")), name=database, vendor="postgresql"
        )
    else:
        database = f"geumcheon_bench_{name}_{secrets.token_hex(4)}"
        url = urlunsplit(urlsplit(server)._replace(path=f"/{database}"))
        try:
            _execute(_maintenance_url(url), f'CREATE DATABASE "{database}"')
        except Exception as exc:  # psycopg's errors, or psycopg missing
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ScratchUnavailable(f"cannot create a database on {_where(url)}: {reason}") from None
        scratch = Scratch(url=url, name=database, vendor="postgresql")
    os.environ["DATABASE_URL"] = scratch.url
    atexit.register(scratch.drop)
    return scratch


def setup_django(scratch: Scratch) -> None:
    """django.setup() with the test settings, then refuse to go on unless the default database is `scratch`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geumcheon_jobs.settings_test")
    import django

    django.setup()
    from django.db import connection

    refuse_unless_scratch(connection, scratch)


def refuse_unless_scratch(connection, scratch: Scratch) -> None:
    """Exit (status 2) unless `connection` is the scratch database."""
    configured = str(connection.settings_dict["NAME"])
    if connection.vendor != scratch.vendor or configured != scratch.name:
        sys.stderr.write(
            f"bench refused: Django's database is {connection.vendor} {configured!r}, not the scratch database "
            f"{scratch.name!r} this bench created; it writes only into a database of its own.\n"
        )
        raise SystemExit(2)


def _maintenance_url(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def _where(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or 5432}"


def _execute(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(statement)
