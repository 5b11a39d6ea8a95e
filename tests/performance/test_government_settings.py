"""Each government's own settings: the funding sources it uses, in its order (a Seoul 자치구 국비·시비·구비, a 군
국비·도비·군비·민자), in every form, table, file and budget matrix, money from any other source refused in Korean;
and its own reporting deadlines."""

import datetime
from io import BytesIO

import openpyxl
import pytest

from budget import excel as budget_excel
from budget.exports import budget_xlsx
from budget.models import Allocation
from budget.selectors import budget_matrix, budget_version
from budget.services import BudgetError, CellInput, allocations_save
from performance import plan_services, services
from performance.funding import sources_of
from performance.models import GovernmentFundingSource, ProgrammeBudget
from performance.periods import deadline
from performance.plan_forms import ProgrammeForm
from performance.plan_import import plan_import_preview
from performance.plan_workbook import PLAN_SHEET, plan_workbook
from performance.plans import plan_sheet
from performance.reporting import review_board
from tests.factories import AllocationFactory, BudgetLineFactory, LocalGovernmentFactory, PledgeFactory, reviewer
from tests.performance.plan_world import plan_world

pytestmark = pytest.mark.django_db

COUNTY = ("national", "province", "county", "private")  # 국비, 도비, 군비, 민자


def use_sources(government, sources) -> None:
    GovernmentFundingSource.objects.filter(local_government=government).delete()
    for order, source in enumerate(sources, start=1):
        GovernmentFundingSource.objects.create(local_government=government, source=source, sort_order=order)


@pytest.fixture
def county():
    """A 군's plan: its sources 국비·도비·군비·민자."""
    world = plan_world(name="예시군")
    use_sources(world.government, COUNTY)
    return world


def test_a_government_that_chose_none_uses_the_seoul_sources():
    government = LocalGovernmentFactory(name="새구")
    assert sources_of(government) == (("national", "국비"), ("city", "시비"), ("district", "구비"))


def test_the_sources_follow_the_governments_choice_and_order(county):
    assert [label for _source, label in sources_of(county.government)] == ["국비", "도비", "군비", "민자"]
    use_sources(county.government, ("private", "national"))
    assert [label for _source, label in sources_of(county.government.pk)] == ["민자", "국비"]


def test_the_programme_form_offers_the_governments_sources_only(county):
    form = ProgrammeForm(plan=county.plan)
    assert [label for label, _secured, _executed in form.budget_fields()] == ["국비", "도비", "군비", "민자"]
    assert "secured_district" not in form.fields and "secured_county" in form.fields


def _change(world, programme, budget):
    world.plan.refresh_from_db()
    return plan_services.programme_change(
        user=world.lead, programme=programme, version=world.plan.version, reason="예산 반영", budget=budget
    )


def test_money_from_a_source_the_government_does_not_use_is_refused_and_nothing_saved(county):
    programme = county.programmes[0]
    with pytest.raises(plan_services.PlanRefused) as refused:
        _change(county, programme, {"national": (100, None), "district": (30, None)})
    assert "이 기관이 쓰지 않는 재원입니다: 구비" in refused.value.message
    assert not ProgrammeBudget.objects.filter(programme=programme).exists()


def test_the_plan_sheet_totals_by_source_in_the_governments_order(county):
    youth, _intern, elderly = county.programmes
    _change(county, youth, {"private": (40, 10), "national": (100, 50)})
    _change(county, elderly, {"province": (7, None)})
    sheet = plan_sheet(county.plan, county.lead)
    # By hand: 국비 100 (집행 50), 도비 7, 민자 40 (집행 10); 군비 has no money and is left out.
    assert [(total.label, total.amounts.secured, total.amounts.executed) for total in sheet.by_source] == [
        ("국비", 100, 50),
        ("도비", 7, None),
        ("민자", 40, 10),
    ]


def test_the_plan_workbook_has_a_budget_column_pair_per_source_of_the_government(county):
    sheet = openpyxl.load_workbook(BytesIO(plan_workbook(county.plan)))[PLAN_SHEET]
    headers = [cell.value for cell in sheet[4]][9:]
    assert headers == [
        "국비 확보액(백만원)", "국비 집행액(백만원)", "도비 확보액(백만원)", "도비 집행액(백만원)",
        "군비 확보액(백만원)", "군비 집행액(백만원)", "민자 확보액(백만원)", "민자 집행액(백만원)",
    ]  # fmt: skip


def test_a_plan_file_with_a_source_the_government_does_not_use_is_refused_naming_it(county):
    data = plan_workbook(county.plan)  # 국비, 도비, 군비, 민자
    use_sources(county.government, ("national", "city", "district"))
    result = plan_import_preview(year_plan=county.plan, data=data, filename="plan.xlsx")
    messages = {error.cell: error.message for error in result.errors}
    assert "이 기관이 쓰지 않는 재원입니다: 도비" in messages["L4"]
    assert not result.changes


def test_the_budget_matrix_has_a_row_per_source_of_the_pledges_government(county):
    pledge = PledgeFactory(local_government=county.government)
    line = BudgetLineFactory(pledge=pledge)
    AllocationFactory(budget_line=line, year=2019, source="county", secured=30, executed=None)
    AllocationFactory(budget_line=line, year=2019, source="national", secured=100, executed=40)
    matrix = budget_matrix(pledge)
    assert [row.label for row in matrix.source_rows] == ["국비", "도비", "군비", "민자"]
    assert [row.by_year[0] and row.by_year[0].secured for row in matrix.source_rows] == [100, None, 30, None]
    assert matrix.grand_total.secured == 130


def test_the_budget_grid_refuses_a_source_the_government_does_not_use(county):
    pledge = PledgeFactory(local_government=county.government)
    line = BudgetLineFactory(pledge=pledge)
    with pytest.raises(BudgetError) as refused:
        allocations_save(
            pledge=pledge,
            cells=[CellInput(line.pk, line.name, 2019, "district", 10, None)],
            user=reviewer(),
            expected_version=budget_version(pledge),
        )
    assert "이 기관이 쓰지 않는 재원입니다: 구비" in str(refused.value)
    assert not Allocation.objects.filter(budget_line=line).exists()


def test_a_budget_file_with_a_row_of_a_source_the_government_does_not_use_is_refused(card_data):
    data = budget_xlsx(budget_matrix(card_data), pledge=card_data).content  # 국비, 시비, 구비 rows
    parsed = budget_excel.parse_budget_workbook(data, code=card_data.code, sources=(("national", "국비"),))
    refused = {error.cell: error.message for error in parsed.errors}
    assert refused and all("이 기관이 쓰지 않는 재원입니다" in message for message in refused.values())
    assert {message.split(": ")[1].split(".")[0] for message in refused.values()} == {"시비", "구비"}


def test_a_deadline_belongs_to_its_government_alone():
    first, second = plan_world(name="가구"), plan_world(name="나구")
    services.deadline_set(
        government=first.government, year=2019, quarter=3, due_date=datetime.date(2019, 10, 25), user=first.lead
    )
    assert deadline(first.government, 2019, 3) == datetime.date(2019, 10, 25)
    assert deadline(second.government, 2019, 3) == datetime.date(2019, 10, 10)  # the 10th day after the quarter
    services.deadline_set(
        government=second.government, year=2019, quarter=3, due_date=datetime.date(2019, 10, 18), user=second.lead
    )
    assert deadline(first.government.pk, 2019, 3) == datetime.date(2019, 10, 25)
    assert deadline(second.government.pk, 2019, 3) == datetime.date(2019, 10, 18)
    # The review board: the person's government's deadline, and each department due by its own government's.
    board = review_board(second.lead, 2019, 3, datetime.date(2019, 10, 20))
    assert board.due == datetime.date(2019, 10, 18)
    dues = {row.department.pk: row.due for row in board.rows}
    # The lead reads their own government's departments only, each due by that government's deadline.
    assert first.second.pk not in dues and dues[second.second.pk] == datetime.date(2019, 10, 18)
    official = review_board(None, 2019, 3, datetime.date(2019, 10, 20), government=first.government.pk)
    assert {row.department.pk: row.due for row in official.rows}[first.second.pk] == datetime.date(2019, 10, 25)
    own = review_board(None, 2019, 3, datetime.date(2019, 10, 20), government=first.government.pk)
    assert own.due == datetime.date(2019, 10, 25)
    assert {row.department.local_government_id for row in own.rows} == {first.government.pk}


def test_the_card_abbreviates_the_year_budget_by_the_governments_sources(county):
    from documents.card import pledge_card
    from documents.card_xlsx import pledge_card_xlsx
    from performance import summaries
    from performance.models import PledgeProgramme
    from tests.factories import AnnualTargetFactory

    pledge = PledgeFactory(local_government=county.government)
    AnnualTargetFactory(pledge=pledge, year=2019, jobs=100)
    PledgeProgramme.objects.create(pledge=pledge, programme=county.programmes[0])
    summaries.refresh([pledge.pk], [2019])  # as linking on screen would have kept them
    line = BudgetLineFactory(pledge=pledge)
    AllocationFactory(budget_line=line, year=2019, source="national", secured=100, executed=None)
    AllocationFactory(budget_line=line, year=2019, source="county", secured=30, executed=None)
    card = pledge_card(pledge, 2019)
    assert [(short, amounts and amounts.secured) for short, amounts in card.year_budget_by_source] == [
        ("국", 100), ("도", None), ("군", 30), ("민자", None),
    ]  # fmt: skip
    # The card's xlsx writes the same sources in its 소요예산 row, each figure in a cell of its own.
    sheet = openpyxl.load_workbook(BytesIO(pledge_card_xlsx(card).content)).worksheets[0]
    [row] = [row for row in sheet.iter_rows(values_only=True) if "소요예산(백만원) :" in row]
    shown = [value for value in row if value not in (None, "")]
    assert shown[shown.index("국") :] == ["국", 100, "도", "—", "군", 30, "민자", "—"]
