"""The budget page, the edit form and who may use them."""

import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from budget.forms import BudgetGridForm
from budget.models import Allocation, BudgetLine
from budget.selectors import budget_matrix, budget_version
from tests.budget.test_selectors import CARD, SOURCE_TOTALS, YEAR_TOTALS
from tests.factories import AllocationFactory, BudgetLineFactory

CODE = "지역경제-11"
SOURCES = {"국비": "national", "시비": "city", "구비": "district"}


def url(name: str, code: str = CODE) -> str:
    return reverse(f"budget:{name}", args=[code])


def text_of(response) -> str:
    """The page's visible text, tags removed and whitespace squeezed."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def grid_data(pledge) -> dict:
    """What the edit form posts when nothing is changed."""
    form = BudgetGridForm(matrix=budget_matrix(pledge), initial={"version": budget_version(pledge)})
    data = {bound.html_name: bound.value() or "" for bound in form}
    return {**data, "extra_years": "", "new_lines": "0", "action": "save"}


def field(pledge, year: int, source: str, part: str) -> str:
    line = BudgetLine.objects.get(pledge=pledge)
    return f"{line.pk}-{year}-{source}-{part}"


def stored(pledge, year, source) -> tuple[int, int | None]:
    allocation = Allocation.objects.get(budget_line__pledge=pledge, year=year, source=source)
    return allocation.secured, allocation.executed


# --- The page ---------------------------------------------------------------------------------------------------


def test_the_page_shows_every_cell_and_total_of_the_card(login, card_data):
    text = text_of(login("manager").get(url("detail")))
    assert "191,259" in text and "114,875" in text and "42,711" in text
    for label, cells in CARD.items():
        secured, executed = SOURCE_TOTALS[label]
        figures = " ".join(f"{s:,} {'—' if e is None else f'{e:,}'}" for s, e in cells).replace("12,802", "12,802 ※1")
        assert f"{label} {secured:,} {executed:,} {figures}" in text
    totals = " ".join(
        f"{s:,} {'—' if year == 2022 else f'{e:,}'}" for (s, e), year in zip(YEAR_TOTALS, range(2018, 2023))
    )
    assert f"계 191,259 114,875 {totals}" in text


def test_the_page_shows_execution_rates_per_cell_year_and_source(login, card_data):
    text = text_of(login("manager").get(url("detail")))
    assert "계 집행률 60.1% 91.8% 87.4% 66.1% 64.4% —" in text  # per year; 2022 planned
    assert "국비 집행률 57.7% 94.2% 104.9% 44.7% 60.5% —" in text  # the source total, then each cell
    # the summary's rate counts the years that have begun: 114,875 of 152,959 (2018–2021), not of 191,259
    assert "집행률 75.1% 집행 연도 2018~2021년 기준(계획 연도 제외)" in text


def test_the_planned_year_is_marked(login, card_data):
    text = text_of(login("dept03").get(url("detail")))
    assert "2022년 (계획)" in text and "2021년 (계획)" not in text


def test_warnings_are_shown_beside_the_figure_and_listed(login, card_data):
    response = login("manager").get(url("detail"))
    html = response.content.decode()
    assert '12,802 <a class="warn-mark" href="#budget-warning-1"' in html
    text = text_of(response)
    warning = (
        "※1 2019년 국비 · 수요자 맞춤 일자리창출(지원): 집행액이 확보액보다 많습니다(집행액 12,802, 확보액 12,199)."
    )
    assert warning in text


def test_the_page_costs_a_constant_number_of_queries(login, card_data, django_assert_max_num_queries):
    client = login("manager")
    for n in range(3):  # several budget lines and years cost no extra query
        line = BudgetLineFactory(pledge=card_data, name=f"추가 사업 {n}")
        AllocationFactory(budget_line=line, year=2023 + n, source="city", secured=10, executed=None)
    with django_assert_max_num_queries(10):
        response = client.get(url("detail"))
    assert "재원별 합계" in text_of(response)


def test_several_budget_lines_show_their_sum_by_source(login, card_data):
    AllocationFactory(
        budget_line=BudgetLineFactory(pledge=card_data, name="청년 사업"), year=2021, source="city", secured=483
    )
    text = text_of(login("manager").get(url("detail")))
    assert "재원별 합계 국비" in text and "시비 53,509" in text  # 53,026 + 483
    assert "계 191,742" in text


def test_a_pledge_without_a_budget(login, card_data):
    from tests.factories import PledgeFactory

    pledge = PledgeFactory(local_government=card_data.local_government)  # a pledge of the lead's own government
    assert "아직 입력된 예산이 없습니다" in text_of(login("lead").get(url("detail", pledge.code)))
    assert login("lead").get(url("edit", pledge.code)).status_code == 200


def test_unknown_pledge_is_404(login, card_data):
    assert login("lead").get(url("detail", "없는-1")).status_code == 404


# --- The edit form ----------------------------------------------------------------------------------------------


def test_the_edit_form_has_one_input_per_figure_in_row_order(login, card_data):
    html = login("lead").get(url("edit")).content.decode()
    line = BudgetLine.objects.get(pledge=card_data)
    names = re.findall(rf'name="({line.pk}-\d+-\w+-\w+)"', html)
    assert len(names) == 5 * 3 * 2
    expected = [f"{line.pk}-{year}-national-{part}" for year in (2018, 2019) for part in ("secured", "executed")]
    assert names[:4] == expected  # tab order runs across the row: secured, executed, next year …
    assert 'value="12,199"' in html and 'name="version"' in html


def test_edit_round_trip_with_history(login, card_data):
    client = login("lead")
    data = grid_data(card_data)
    data[field(card_data, 2019, "national", "secured")] = "12,300"
    data[field(card_data, 2022, "city", "executed")] = "100"
    response = client.post(url("edit"), data)
    assert response.status_code == 302 and response["Location"] == url("detail")
    assert stored(card_data, 2019, "national") == (12300, 12802)
    assert stored(card_data, 2022, "city") == (8800, 100)
    text = text_of(client.get(url("history")))
    assert "일자리창출과 검토자 수요자 맞춤 일자리창출(지원) 2019년 국비 확보액 12,199 → 12,300 예산 수정" in text
    assert "2022년 시비 집행액 — → 100" in text


def test_saving_an_unchanged_form_writes_nothing(login, card_data):
    before = Allocation.history.count()
    response = login("lead").post(url("edit"), grid_data(card_data), follow=True)
    assert "저장할 것이 없었습니다" in text_of(response) and Allocation.history.count() == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "음수는 입력할 수 없습니다"),
        ("12.5", "소수는 입력할 수 없습니다"),
        ("12,19", "숫자만 입력하세요"),
        ("1만", "숫자만 입력하세요"),
        ("=A1+1", "수식은 사용할 수 없습니다"),
        ("100,000,001", "100,000,000백만원을 넘는 값은 입력할 수 없습니다"),
        ("", "집행액이 있으면 확보액도 입력해야 합니다"),
    ],
)
def test_a_bad_input_is_explained_beside_the_field_and_nothing_is_saved(login, card_data, value, message):
    data = grid_data(card_data)
    data[field(card_data, 2018, "city", "executed")] = "5,000"  # a good change in the same form
    data[field(card_data, 2019, "national", "secured")] = value
    before = Allocation.history.count()
    response = login("lead").post(url("edit"), data)
    assert response.status_code == 200
    html = response.content.decode()
    name = field(card_data, 2019, "national", "secured")
    assert f'id="id_{name}-error">{message}' in html and f'value="{value}"' in html  # the person's input is kept
    assert "아무것도 저장하지 않았습니다" in html
    assert Allocation.history.count() == before and stored(card_data, 2018, "city") == (5536, 5026)


def test_adding_a_year_and_a_budget_line_then_saving(login, card_data):
    client = login("lead")
    data = {**grid_data(card_data), "new_year": "2023", "action": "add_year"}
    response = client.post(url("edit"), data)
    line = BudgetLine.objects.get(pledge=card_data)
    assert f'name="{line.pk}-2023-city-secured"' in response.content.decode()
    assert not Allocation.objects.filter(budget_line__pledge=card_data, year=2023).exists()  # nothing saved yet
    data = {**data, "extra_years": "2023", "new_year": "", "action": "add_line"}
    assert 'name="new1-name"' in client.post(url("edit"), data).content.decode()
    data.update({"new_lines": "1", "action": "save", f"{line.pk}-2023-city-secured": "9,000", "new1-name": "청년 사업"})
    data.update({"new1-2021-district-secured": "300", "new1-2021-district-executed": "120"})
    assert client.post(url("edit"), data).status_code == 302
    matrix = budget_matrix(card_data)
    assert matrix.years[-1] == 2023 and [b.name for b in matrix.lines][-1] == "청년 사업"
    assert matrix.year(2021)["total"].secured == 42711 + 300


@pytest.mark.parametrize(
    ("year", "message"), [("1999", "2000~2100"), ("abcd", "2000~2100"), ("2021", "이미 표에 있습니다")]
)
def test_a_bad_year_to_add(login, card_data, year, message):
    response = login("lead").post(url("edit"), {**grid_data(card_data), "new_year": year, "action": "add_year"})
    assert message in response.content.decode()


def test_a_new_line_needs_a_name_and_figures(login, card_data):
    data = {**grid_data(card_data), "new_lines": "1", "new1-2021-city-secured": "5"}
    assert "새 세부사업의 이름을 입력하세요" in login("lead").post(url("edit"), data).content.decode()
    data = {
        **grid_data(card_data),
        "new_lines": "1",
        "new1-name": "수요자 맞춤 일자리창출(지원)",
        "new1-2021-city-secured": "5",
    }
    assert "같은 이름의 세부사업이 이미 있습니다" in login("lead").post(url("edit"), data).content.decode()
    assert BudgetLine.objects.filter(pledge=card_data).count() == 1


def test_two_forms_from_the_same_version_the_second_is_refused(login, card_data):
    client = login("lead")
    first, second = grid_data(card_data), grid_data(card_data)
    first[field(card_data, 2020, "district", "secured")] = "16,400"
    second[field(card_data, 2020, "district", "secured")] = "99"
    second[field(card_data, 2021, "city", "executed")] = "10,200"
    assert client.post(url("edit"), first).status_code == 302
    response = client.post(url("edit"), second)
    assert response.status_code == 200
    text = text_of(response)
    assert "다른 사용자가 먼저 예산을 저장했습니다. 아무것도 덮어쓰지 않았습니다." in text
    assert "2020년 구비 확보액 16,327 → 16,400" in text  # what the other person changed
    assert 'value="99"' in response.content.decode()  # this person's input is kept on the screen
    assert stored(card_data, 2020, "district") == (16400, 13203) and stored(card_data, 2021, "city") == (15517, 10103)


def test_a_change_made_elsewhere_also_makes_the_form_stale(login, card_data):
    data = grid_data(card_data)
    allocation = Allocation.objects.get(budget_line__pledge=card_data, year=2018, source="city")
    allocation.secured = 5600
    allocation.save()  # as the admin does: with its history, but without the budget's version
    response = login("lead").post(url("edit"), data)
    text = text_of(response)
    assert "아무것도 덮어쓰지 않았습니다" in text and "2018년 시비 확보액 5,536 → 5,600" in text
    assert stored(card_data, 2018, "city") == (5600, 5026)


def test_a_figure_that_was_not_on_the_form_is_left_alone(card_data):
    data = QueryDict(mutable=True)
    data.update(grid_data(card_data))
    line = BudgetLine.objects.get(pledge=card_data)
    AllocationFactory(budget_line=line, year=2023, source="city", secured=7, executed=None)
    form = BudgetGridForm.from_post(data, matrix=budget_matrix(card_data))
    assert form.is_valid() and 2023 in form.years
    assert not [cell for cell in form.cells() if cell.year == 2023]  # not "cleared": it was never shown


# --- Access -----------------------------------------------------------------------------------------------------

READ_URLS = ["detail", "export", "history"]
LEAD_URLS = ["edit", "import", "import-confirm"]


@pytest.mark.parametrize("username", ["lead", "manager", "dept03"])
@pytest.mark.parametrize("name", READ_URLS)
def test_everyone_signed_in_reads(login, card_data, username, name):
    assert login(username).get(url(name)).status_code == 200


def test_the_nav_links_to_the_budget_for_everyone(login, card_data):
    html = login("dept03").get(reverse("home")).content.decode()
    assert 'href="/budget/"' in html
    # Several pledges (the card's and the demo 민선8기 term's): the index lists them, each linking to its budget.
    index = login("dept03").get("/budget/")
    assert index.status_code == 200
    for code in ["지역경제-11", "일자리-1", "일자리-2", "일자리-3"]:
        assert f'href="{reverse("budget:detail", args=[code])}"' in index.content.decode()


@pytest.mark.parametrize("username", ["manager", "dept03"])
def test_others_get_403_on_every_post_and_nothing_changes(login, card_data, username):
    client = login(username)
    data = grid_data(card_data)
    data[field(card_data, 2019, "national", "secured")] = "1"
    before = Allocation.history.count()
    for name in LEAD_URLS:
        assert client.post(url(name), data).status_code == 403
    for name in ["edit", "import"]:
        assert client.get(url(name)).status_code == 403
    assert Allocation.history.count() == before and stored(card_data, 2019, "national") == (12199, 12802)


@pytest.mark.parametrize("username", ["manager", "dept03"])
def test_others_see_no_edit_buttons(login, card_data, username):
    html = login(username).get(url("detail")).content.decode()
    assert "예산표(엑셀)" in html and url("edit") not in html and url("import") not in html


def test_the_lead_sees_the_edit_buttons(login, card_data):
    text = text_of(login("lead").get(url("detail")))
    assert "예산표(엑셀) 수정 엑셀 올리기" in text


@pytest.mark.parametrize("name", READ_URLS + LEAD_URLS)
def test_anonymous_is_sent_to_login(client, card_data, name):
    for response in (client.get(url(name)), client.post(url(name))):
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get("/budget/").status_code == 302


def test_history_names_a_change_without_a_person_as_the_report_history_does(login, card_data):
    """The card's data was loaded by a command: "시스템", as on a report's history, not "(시스템)"."""
    text = text_of(login("lead").get(url("history")))
    assert "시스템 수요자 맞춤 일자리창출(지원)" in text and "(시스템)" not in text
