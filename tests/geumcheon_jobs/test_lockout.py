"""The login lockout's two limits (README, production): five failures for one account from one address lock that
account there for 15 minutes; twenty failures from one address, whatever the accounts, lock that address for
every account. Both answer with the same Korean page and 429 (Too Many Requests)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

PASSWORD = "geumcheon-demo-2026"
SPRAYER, NEIGHBOUR = "203.0.113.5", "203.0.113.6"


def attempt(client, username, password, address=SPRAYER):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def spray(client, accounts, guesses=4):
    """`guesses` wrong passwords on each account: one fewer than locks an account."""
    return [attempt(client, username, f"guess-{n}") for username in accounts for n in range(guesses)]


@pytest.fixture
def accounts(card_data):
    return [f"dept{n:02d}" for n in range(1, 6)]  # five accounts × four guesses = twenty failures


def test_five_failures_lock_one_account_from_one_address(client, card_data):
    answers = [attempt(client, "dept07", "wrong") for _n in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert "이 계정의 로그인을 15분 동안 막았습니다" in answers[-1].content.decode()
    assert attempt(client, "dept07", PASSWORD).status_code == 429
    assert attempt(client, "dept08", PASSWORD).status_code == 302  # another account from there: not locked
    client.logout()
    assert attempt(client, "dept07", PASSWORD, address=NEIGHBOUR).status_code == 302  # another address: not locked


def test_twenty_failures_from_one_address_lock_it_for_every_account(client, accounts):
    answers = spray(client, accounts)
    assert all(a.status_code == 200 for a in answers[:-1])  # no account reached five, the address not twenty
    assert answers[-1].status_code == 429  # the twentieth failure
    page = answers[-1].content.decode()
    assert "이 주소의 로그인을 15분 동안 막았습니다" in page and "이 계정의" not in page
    refused = attempt(client, "manager", PASSWORD)  # an account never tried, with its right password
    assert refused.status_code == 429 and "이 주소의 로그인" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert attempt(client, "manager", PASSWORD, address=NEIGHBOUR).status_code == 302  # another address: free


def test_nineteen_failures_from_one_address_do_not_lock_it(client, accounts):
    answers = spray(client, accounts[:-1]) + spray(client, accounts[-1:], guesses=3)
    assert len(answers) == 19 and all(a.status_code == 200 for a in answers)
    assert attempt(client, "manager", PASSWORD).status_code == 302


def test_the_address_is_free_again_after_the_cool_off(client, accounts):
    spray(client, accounts)
    assert attempt(client, "manager", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, "manager", PASSWORD).status_code == 302
