"""Running callables at the same moment from separate threads, each thread with its own database connection."""

import threading
from dataclasses import dataclass

from django.db import connections

START_TIMEOUT = 30  # seconds for every thread to reach the start line; a hang fails the test instead of blocking
FINISH_TIMEOUT = 120


@dataclass(frozen=True)
class Outcome:
    value: object = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def race(calls, *, setup=None) -> list[Outcome]:
    """Start every call together (a Barrier), each in its own thread, and return their outcomes in order.

    Django gives each thread its own connection; each is closed when its thread ends, so PostgreSQL sees as
    many sessions as there are threads and the test database can be dropped afterwards. `setup`, if given,
    runs first in each thread (e.g. to point the thread's connection elsewhere)."""
    barrier = threading.Barrier(len(calls), timeout=START_TIMEOUT)
    outcomes: list[Outcome | None] = [None] * len(calls)

    def run(index, call):
        try:
            if setup is not None:
                setup()
            barrier.wait()
            outcomes[index] = Outcome(value=call())
        except BaseException as exc:  # reported to the test, which decides
            outcomes[index] = Outcome(error=exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item, name=f"racer-{item[0]}") for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(FINISH_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a racer hung"
    return outcomes
