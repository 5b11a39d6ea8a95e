"""allocations_save: role, version, history (who, when, old → new), all or nothing."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from budget import services
from budget.models import Allocation, BudgetLine
from budget.selectors import budget_matrix, budget_version
from budget.services import BudgetError, CellInput, StaleBudget, allocations_save
from tests.factories import AllocationFactory, reviewer


@pytest.fixture
def accounts(card_data, django_user_model):
    return {u.username: u for u in django_user_model.objects.filter(username__in=["lead", "manager", "dept03"])}


@pytest.fixture
def line(card_data):
    return BudgetLine.objects.get(pledge=card_data)


def cell(line, year, source, secured, executed):
    return CellInput(line.pk, line.name, year, source, secured, executed)


def allocation(line, year, source) -> Allocation:
    return Allocation.objects.get(budget_line=line, year=year, source=source)


def test_a_change_is_saved_with_who_when_and_old_to_new(card_data, accounts, line):
    version = budget_version(card_data)
    result = allocations_save(
        pledge=card_data,
        cells=[cell(line, 2019, "national", 12300, 12802), cell(line, 2018, "city", 5536, 5026)],
        user=accounts["lead"],
        expected_version=version,
    )
    assert (result.created, result.updated, result.deleted) == (0, 1, 0)  # the unchanged cell is not written
    changed = allocation(line, 2019, "national")
    record = changed.history.first()
    assert record.history_user == accounts["lead"] and record.history_change_reason == "예산 수정"
    assert (record.prev_record.secured, record.secured) == (12199, 12300)
    assert allocation(line, 2018, "city").history.count() == 1  # only its creation by the seed
    assert budget_version(card_data) != version
    assert budget_matrix(card_data).grand_total.secured == 191259 + 101


def test_create_and_delete_are_in_the_history(card_data, accounts, line):
    allocations_save(
        pledge=card_data,
        cells=[cell(line, 2023, "district", 500, None), cell(line, 2022, "city", None, None)],
        user=accounts["lead"],
        expected_version=budget_version(card_data),
    )
    assert allocation(line, 2023, "district").executed is None
    assert not Allocation.objects.filter(budget_line=line, year=2022, source="city").exists()
    deleted = Allocation.history.filter(budget_line=line, year=2022, source="city").first()
    assert deleted.history_type == "-" and deleted.history_user == accounts["lead"] and deleted.secured == 8800


def test_a_new_budget_line_rolls_up(card_data, accounts):
    result = allocations_save(
        pledge=card_data,
        cells=[
            CellInput(None, "청년 일자리(신규)", 2021, "city", 1000, 400),
            CellInput(None, "빈 사업", 2021, "city", None, None),
        ],
        user=accounts["lead"],
        expected_version=budget_version(card_data),
    )
    assert result.lines_created == 1 and not BudgetLine.objects.filter(name="빈 사업").exists()
    matrix = budget_matrix(card_data)
    assert [block.name for block in matrix.lines] == ["수요자 맞춤 일자리창출(지원)", "청년 일자리(신규)"]
    assert matrix.year(2021)["total"].secured == 42711 + 1000
    assert (matrix.grand_total.secured, matrix.grand_total.executed) == (192259, 115275)


@pytest.mark.parametrize("username", ["manager", "dept03"])
def test_only_the_lead_department_may_change_the_budget(card_data, accounts, line, username):
    with pytest.raises(PermissionDenied):
        allocations_save(
            pledge=card_data,
            cells=[cell(line, 2019, "national", 1, 1)],
            user=accounts[username],
            expected_version=budget_version(card_data),
        )
    assert allocation(line, 2019, "national").secured == 12199


def test_a_save_from_an_older_version_is_refused_and_says_what_changed(card_data, accounts, line):
    seen = budget_version(card_data)
    allocations_save(
        pledge=card_data, cells=[cell(line, 2020, "city", 15700, 11430)], user=accounts["lead"], expected_version=seen
    )
    with pytest.raises(StaleBudget) as refused:
        allocations_save(
            pledge=card_data, cells=[cell(line, 2020, "city", 1, 1)], user=accounts["lead"], expected_version=seen
        )
    assert "덮어쓰지 않았습니다" in refused.value.message
    [change] = refused.value.changes
    assert "일자리창출과 검토자: 수요자 맞춤 일자리창출(지원) 2020년 시비 확보액 15,685 → 15,700" in change
    assert allocation(line, 2020, "city").secured == 15700


def test_a_line_added_by_someone_else_makes_the_version_stale(card_data, accounts):
    seen = budget_version(card_data)
    allocations_save(
        pledge=card_data,
        cells=[CellInput(None, "다른 사업", 2021, "city", 1, None)],
        user=accounts["lead"],
        expected_version=seen,
    )
    with pytest.raises(StaleBudget) as refused:
        allocations_save(pledge=card_data, cells=[], user=accounts["lead"], expected_version=seen)
    assert any("다른 사업" in change for change in refused.value.changes)


@pytest.mark.parametrize(
    "bad",
    [
        CellInput(None, "", 2021, "city", 1, 1),  # a new line without a name
        CellInput(None, "계", 2021, "city", 1, 1),  # the table's own row
        CellInput(None, "수요자 맞춤 일자리창출(지원)", 2021, "city", 1, 1),  # an existing name as a new line
        CellInput(None, " 수요자 맞춤 일자리창출(지원) ", 2021, "city", 1, 1),  # the same, with spaces
        CellInput(None, "가" * 101, 2021, "city", 1, 1),  # longer than a name may be
        CellInput(999_999, "남의 사업", 2021, "city", 1, 1),  # not this pledge's line
        "executed without secured",
        "negative",
        "too big",
        "unknown source",
        "duplicate",
    ],
)
def test_a_bad_cell_saves_nothing_at_all(card_data, accounts, line, bad):
    good = cell(line, 2018, "national", 1, 1)
    bad = {
        "executed without secured": cell(line, 2021, "city", None, 5),
        "negative": cell(line, 2021, "city", -1, None),
        "too big": cell(line, 2021, "city", 100_000_001, None),
        "unknown source": cell(line, 2021, "special", 1, None),
        "duplicate": good,
    }.get(bad, bad)
    before = Allocation.history.count()
    with pytest.raises(BudgetError):
        allocations_save(
            pledge=card_data, cells=[good, bad], user=accounts["lead"], expected_version=budget_version(card_data)
        )
    assert Allocation.history.count() == before and allocation(line, 2018, "national").secured == 10591


def test_messages_are_korean_constants():
    assert "일자리창출과" in str(services.NOT_LEAD)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite has one writer anyway)"
)
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_the_second_waits_for_the_lock_and_is_refused(monkeypatch):
    line = AllocationFactory(year=2019, source="national", secured=100, executed=None).budget_line
    lead, version = reviewer(), budget_version(line.pledge)
    inside, release, results = threading.Event(), threading.Event(), {}
    check = services._check_cells

    def slow_check(*arguments):  # the first save holds its locks here until released
        if threading.current_thread().name == "first":
            inside.set()
            release.wait(10)
        return check(*arguments)

    def save(secured):
        name = threading.current_thread().name
        try:
            allocations_save(
                pledge=line.pledge,
                cells=[cell(line, 2019, "national", secured, None)],
                user=lead,
                expected_version=version,
            )
            results[name] = "saved"
        except StaleBudget:
            results[name] = "stale"
        finally:
            connections.close_all()

    monkeypatch.setattr(services, "_check_cells", slow_check)
    first = threading.Thread(target=save, args=(111,), name="first")
    second = threading.Thread(target=save, args=(222,), name="second")
    first.start()
    assert inside.wait(10)
    second.start()
    second.join(0.5)
    assert second.is_alive()  # blocked on the lock, not reading the old version
    release.set()
    first.join(10)
    second.join(10)
    assert results == {"first": "saved", "second": "stale"}
    assert Allocation.objects.get(budget_line=line).secured == 111
