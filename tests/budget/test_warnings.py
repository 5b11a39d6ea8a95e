"""The three warnings beside the figures: executed above secured, a year's secured total far from the year before,
executed recorded for a future year. Warnings never refuse anything."""

import datetime

import pytest

from budget.selectors import FUTURE_EXECUTION, OVER_SECURED, SECURED_SWING, budget_matrix
from tests.factories import AllocationFactory, BudgetLineFactory

TODAY = datetime.date(2021, 6, 30)


@pytest.fixture
def line(db):
    return BudgetLineFactory()


def secured_by_year(line, amounts: dict[int, int]):
    for year, secured in amounts.items():
        AllocationFactory(budget_line=line, year=year, source="national", secured=secured, executed=None)
    return budget_matrix(line.pledge, today=TODAY)


def test_the_cards_only_warning_is_2019_national_executed_above_secured(card_data):
    matrix = budget_matrix(card_data)
    [warning] = matrix.warnings
    assert (warning.kind, warning.year, warning.source, warning.source_label) == (
        OVER_SECURED,
        2019,
        "national",
        "국비",
    )
    assert warning.line == "수요자 맞춤 일자리창출(지원)"


@pytest.mark.parametrize(
    ("previous", "current", "warned"),
    [(100, 151, True), (100, 150, False), (100, 49, True), (100, 50, False), (100, 100, False)],
)
def test_a_secured_total_more_than_half_above_or_below_the_year_before(line, previous, current, warned):
    matrix = secured_by_year(line, {2020: previous, 2021: current})
    swings = [w for w in matrix.warnings if w.kind == SECURED_SWING]
    assert bool(swings) is warned
    if warned:
        [warning] = swings
        assert (warning.year, warning.source_label, warning.line) == (2021, "계", "")
        assert f"{current:,}" in warning.message and "2020년" in warning.message
        assert ("늘었습니다" if current > previous else "줄었습니다") in warning.message


def test_the_swing_is_measured_on_the_years_total_over_sources_and_lines(line):
    other = BudgetLineFactory(pledge=line.pledge)
    AllocationFactory(budget_line=line, year=2020, source="national", secured=100, executed=None)
    AllocationFactory(budget_line=line, year=2021, source="national", secured=100, executed=None)
    AllocationFactory(budget_line=other, year=2021, source="city", secured=60, executed=None)
    [warning] = budget_matrix(line.pledge, today=TODAY).warnings
    assert warning.kind == SECURED_SWING and "160" in warning.message and "60.0%" in warning.message


def test_no_swing_across_a_gap_or_from_nothing(line):
    assert not secured_by_year(line, {2018: 100, 2020: 900}).warnings
    assert not secured_by_year(BudgetLineFactory(), {2019: 0, 2020: 900}).warnings


def test_executed_recorded_for_a_future_year(line):
    AllocationFactory(budget_line=line, year=2022, source="city", secured=100, executed=5)
    AllocationFactory(budget_line=line, year=2021, source="city", secured=100, executed=5)  # this year: fine
    AllocationFactory(budget_line=line, year=2023, source="city", secured=100, executed=None)  # planned: fine
    matrix = budget_matrix(line.pledge, today=TODAY)
    future = [w for w in matrix.warnings if w.kind == FUTURE_EXECUTION]
    assert [(w.year, w.source_label, w.line) for w in future] == [(2022, "시비", line.name)]
    assert "5" in future[0].message


def test_a_future_year_with_executed_above_secured_gets_both_warnings(line):
    AllocationFactory(budget_line=line, year=2030, source="district", secured=1, executed=2)
    kinds = [w.kind for w in budget_matrix(line.pledge, today=TODAY).warnings]
    assert sorted(kinds) == [FUTURE_EXECUTION, OVER_SECURED]


def test_warnings_are_numbered_beside_their_figures(card_data):
    grid = budget_matrix(card_data).grid
    total, block = grid
    assert total.is_total and block.name == "수요자 맞춤 일자리창출(지원)"
    national = block.rows[0]
    assert national.cells[1].year == 2019 and national.cells[1].executed_notes == (1,)
    marked = [c for row in block.rows for c in row.cells if c.executed_notes or c.secured_notes]
    assert marked == [national.cells[1]]


def test_a_swing_is_marked_on_the_years_secured_total(line):
    matrix = secured_by_year(line, {2020: 100, 2021: 300})
    total_row = matrix.grid[0].rows[0]
    assert [cell.secured_notes for cell in total_row.cells] == [(), (1,)]


def test_rates_per_year_and_planned_years(card_data):
    matrix = budget_matrix(card_data)
    assert [str(r) if r is not None else None for r in matrix.year_rates] == ["91.8", "87.4", "66.1", "64.4", None]
    planned = matrix.grid[0].rows[0].cells[-1]
    assert planned.planned and planned.secured == 38300 and planned.executed is None and planned.execution_rate is None
