import os

import pytest

from geumcheon_jobs.seed import seed_demo
from performance.models import Pledge

# Playwright's sync API runs an event loop in the test thread; Django must not refuse ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CARD_CODE = "지역경제-11"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed once per run; each test then runs in a transaction that is rolled back."""
    with django_db_blocker.unblock():
        seed_demo()


@pytest.fixture
def card_data(db) -> Pledge:
    """The card's real data, the demo split and the demo accounts, as `make run` loads them
    (seeded again only after a browser test has flushed the database)."""
    return Pledge.objects.filter(code=CARD_CODE).first() or seed_demo().pledge


@pytest.fixture
def login(client, card_data):
    """Log the test client in as one of the demo accounts."""

    def _login(username: str):
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=username))
        return client

    return _login


@pytest.fixture(autouse=True)
def no_untracked_updates(monkeypatch):
    """No code path may change a tracked model behind its history: QuerySet.update and bulk_update
    write no history entry, so they fail every test that reaches them."""
    from django.db.models import QuerySet
    from simple_history.models import registered_models

    tracked = set(registered_models.values())
    original_update, original_bulk_update = QuerySet.update, QuerySet.bulk_update

    def update(self, **kwargs):
        if self.model in tracked:
            raise AssertionError(f"QuerySet.update on {self.model.__name__} bypasses its history")
        return original_update(self, **kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        if self.model in tracked:
            raise AssertionError(f"bulk_update on {self.model.__name__} bypasses its history")
        return original_bulk_update(self, objs, fields, batch_size)

    monkeypatch.setattr(QuerySet, "update", update)
    monkeypatch.setattr(QuerySet, "bulk_update", bulk_update)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a test's rolled-back transaction takes the results revision
    back with it, so a page cached under a revision number in one test must not be found by the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
