from decimal import Decimal

import pytest

from budget.selectors import budget_matrix
from tests.factories import AllocationFactory, BudgetLineFactory

# The card's table 연차별 투자수요 및 집행액 (백만원): (secured, executed) per year, None = "-".
CARD = {
    "국비": [(10591, 9973), (12199, 12802), (16094, 7188), (9770, 5915), (13500, None)],
    "시비": [(5536, 5026), (7488, 7065), (15685, 11430), (15517, 10103), (8800, None)],
    "구비": [(11908, 10737), (14420, 9952), (16327, 13203), (17424, 11481), (16000, None)],
}
YEAR_TOTALS = [(28035, 25736), (34107, 29819), (48106, 31821), (42711, 27499), (38300, 0)]
SOURCE_TOTALS = {"국비": (62154, 35878), "시비": (53026, 33624), "구비": (76079, 45373)}


def test_every_cell_of_the_card_table(card_data):
    matrix = budget_matrix(card_data)
    assert matrix.years == (2018, 2019, 2020, 2021, 2022)
    [block] = matrix.lines
    assert block.name == "수요자 맞춤 일자리창출(지원)"
    for row in block.rows:
        assert [(c.secured, c.executed) for c in row.by_year] == CARD[row.label]
        assert (row.total.secured, row.total.executed) == SOURCE_TOTALS[row.label]


def test_every_total_of_the_card_table(card_data):
    matrix = budget_matrix(card_data)
    assert [(c.secured, c.executed) for c in matrix.year_totals] == YEAR_TOTALS
    assert (matrix.grand_total.secured, matrix.grand_total.executed) == (191259, 114875)


def test_the_year_column_is_the_cards_required_budget(card_data):
    column = budget_matrix(card_data).year(2021)
    assert column["total"].secured == 42711
    assert (column["national"].secured, column["city"].secured, column["district"].secured) == (9770, 15517, 17424)


def test_2022_is_a_planned_year(card_data):
    assert budget_matrix(card_data).planned_years == {2022}


def test_executed_above_secured_is_a_warning_not_a_refusal(card_data):
    matrix = budget_matrix(card_data)
    [warning] = matrix.warnings
    assert (warning.year, warning.source_label) == (2019, "국비")
    assert "12,802" in warning.message and "12,199" in warning.message


def test_execution_rates(card_data):
    national = budget_matrix(card_data).lines[0].rows[0]
    assert national.by_year[0].execution_rate == Decimal("94.2")  # 9,973 / 10,591
    assert national.by_year[1].execution_rate == Decimal("104.9")  # carry-over: above 100
    assert national.by_year[4].execution_rate is None  # planned
    assert national.total.execution_rate == Decimal("57.7")  # 35,878 / 62,154


@pytest.mark.django_db
def test_several_budget_lines_roll_up():
    first = BudgetLineFactory(sort_order=1)
    second = BudgetLineFactory(pledge=first.pledge, sort_order=2)
    AllocationFactory(budget_line=first, year=2020, source="city", secured=100, executed=40)
    AllocationFactory(budget_line=second, year=2020, source="city", secured=50, executed=None)
    AllocationFactory(budget_line=second, year=2021, source="national", secured=7, executed=7)
    matrix = budget_matrix(first.pledge)
    assert [block.name for block in matrix.lines] == [first.name, second.name]
    city = next(row for row in matrix.source_rows if row.source == "city")
    assert (city.by_year[0].secured, city.by_year[0].executed) == (150, 40)
    assert (matrix.grand_total.secured, matrix.grand_total.executed) == (157, 47)
    assert matrix.planned_years == frozenset()


@pytest.mark.django_db
def test_a_pledge_without_budget_has_an_empty_matrix():
    matrix = budget_matrix(BudgetLineFactory().pledge)
    assert matrix.years == () and matrix.grand_total.secured == 0 and matrix.warnings == []


def test_execution_over_the_years_that_have_begun(card_data):
    """재원별 집행률 counts only the executed years (2018–2021): 2022's plan has nothing executed yet and would pull
    every rate down (국비 57.7%, 계 60.1% over all years). Expected values added up by hand from CARD."""
    matrix = budget_matrix(card_data)
    assert matrix.executed_years == (2018, 2019, 2020, 2021)
    by_source = {row.label: (a.secured, a.executed, a.execution_rate) for row, a in matrix.executed_years_by_source}
    assert by_source == {
        "국비": (10591 + 12199 + 16094 + 9770, 35878, Decimal("73.7")),  # 35,878 / 48,654
        "시비": (5536 + 7488 + 15685 + 15517, 33624, Decimal("76.0")),  # 33,624 / 44,226
        "구비": (11908 + 14420 + 16327 + 17424, 45373, Decimal("75.5")),  # 45,373 / 60,079
    }
    total = matrix.executed_years_total
    assert (total.secured, total.executed, total.execution_rate) == (152959, 114875, Decimal("75.1"))
    assert matrix.executed_years_label == "집행 연도 2018~2021년"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("years", "label"),
    [((2020,), "집행 연도 2020년"), ((2018, 2020), "집행 연도 2018, 2020년"), ((), "집행 연도 없음")],
)
def test_the_executed_years_are_named(years, label):
    line = BudgetLineFactory()
    for year in (2018, 2019, 2020, 2021):
        AllocationFactory(budget_line=line, year=year, source="city", secured=10, executed=5 if year in years else None)
    matrix = budget_matrix(line.pledge)
    assert matrix.executed_years == years and matrix.executed_years_label == label
    assert matrix.executed_years_total.secured == 10 * len(years)
