"""A 세부사업's budget by funding source belongs to its row of the year: set on the plan screen, totalled by 부문, 대상
and source on the year's sheet, kept in each published version, copied into next year's draft, and every change in
the history with who and why."""

import datetime

import pytest
from django.urls import reverse

from performance import plan_services as services
from performance.models import ProgrammeBudget
from performance.plans import plan_changes_since, plan_diff, plan_sheet, snapshot_rows
from tests.factories import QuarterlyReportFactory, QuarterlyReportLineFactory
from tests.performance.plan_world import plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


def budget_of(programme) -> dict:
    return {row.source: (row.secured, row.executed) for row in ProgrammeBudget.objects.filter(programme=programme)}


def change(world, programme, budget, reason="추경 반영"):
    world.plan.refresh_from_db()
    return services.programme_change(
        user=world.lead, programme=programme, version=world.plan.version, reason=reason, budget=budget
    )


def test_a_budget_by_source_is_saved_with_its_history_and_a_source_left_blank_has_no_row(world):
    youth = world.programmes[0]
    change(world, youth, {"national": (120, 80), "city": (None, None), "district": (30, None)})
    assert budget_of(youth) == {"national": (120, 80), "district": (30, None)}
    record = ProgrammeBudget.history.filter(programme_id=youth.pk, source="national").get()
    assert (record.history_user, record.history_change_reason) == (world.lead, "추경 반영")
    # Emptying a source removes its row, in the history too.
    change(world, youth, {"national": (120, 80), "district": (None, None)}, reason="구비 취소")
    assert budget_of(youth) == {"national": (120, 80)}
    removal = ProgrammeBudget.history.filter(programme_id=youth.pk, source="district", history_type="-").get()
    assert removal.history_change_reason == "구비 취소"


def test_executed_without_secured_is_refused_and_nothing_is_saved(world):
    youth = world.programmes[0]
    change(world, youth, {"national": (100, None)})
    version = world.plan.version + 1
    with pytest.raises(services.PlanRefused, match="시비: 확보액 없이 집행액만"):
        change(world, youth, {"national": (100, 90), "city": (None, 5)})
    assert budget_of(youth) == {"national": (100, None)}
    world.plan.refresh_from_db()
    assert world.plan.version == version


def test_the_same_budget_again_is_no_change(world):
    youth = world.programmes[0]
    change(world, youth, {"national": (100, None)})
    with pytest.raises(services.PlanRefused, match="바뀐 내용이 없습니다"):
        change(world, youth, {"national": (100, None)})


def test_the_sheet_totals_the_budget_by_type_group_and_source(world):
    youth_startup, youth_intern, elderly = world.programmes
    change(world, youth_startup, {"national": (100, 40), "district": (50, 50)})
    change(world, youth_intern, {"national": (10, None)})
    change(world, elderly, {"city": (200, 150)})
    sheet = plan_sheet(world.plan, world.lead)
    by_source = {row.label: (row.amounts.secured, row.amounts.executed) for row in sheet.by_source}
    # 국비 executed: 40 (the intern's is not executed yet and adds nothing, but is no zero either)
    assert by_source == {"국비": (110, 40), "시비": (200, 150), "구비": (50, 50)}
    assert (sheet.budget_total.secured, sheet.budget_total.executed) == (360, 240)
    assert str(sheet.budget_total.execution_rate) == "66.7"  # 240 / 360
    by_group = {row.name: row.budget.secured for row in sheet.by_group}
    assert by_group == {"청년층": 160, "노년층": 200}
    by_type = {row.name: (row.budget.secured, row.budget.executed) for row in sheet.by_type}
    assert by_type == {"창업지원": (150, 90), "직접일자리": (210, 150)}


def test_a_year_with_nothing_executed_shows_no_executed_total(world):
    change(world, world.programmes[0], {"national": (100, None)})
    sheet = plan_sheet(world.plan, world.lead)
    assert sheet.budget_total.executed is None and sheet.budget_total.execution_rate is None


def test_staff_read_only_their_departments_budget(world):
    change(world, world.programmes[0], {"national": (100, None)})
    change(world, world.programmes[2], {"city": (7, None)})
    sheet = plan_sheet(world.plan, world.staff)
    assert sheet.budget_total.secured == 7


def test_a_published_version_keeps_the_budget_and_the_difference_names_it(world):
    youth = world.programmes[0]
    change(world, youth, {"national": (100, None)})
    world.plan.refresh_from_db()
    first = services.year_plan_publish(
        user=world.lead, year_plan=world.plan, version=world.plan.version, published_on=datetime.date(2019, 3, 29)
    )
    change(world, youth, {"national": (1250, None)}, reason="국비 증액")
    diff = plan_diff(first.rows, snapshot_rows(world.plan))
    [row] = diff.changed
    assert [(c.label, c.old, c.new) for c in row.changes] == [("국비 예산(백만원)", "100", "1,250")]


def test_the_plan_history_names_a_budget_change(world):
    change(world, world.programmes[0], {"national": (100, None)}, reason="국비 확정")
    [latest, *_] = plan_changes_since(world.plan)
    assert (latest.what, latest.reason) == ("청년창업사관 예산(국비)", "국비 확정")


def test_next_years_draft_starts_from_the_secured_budget_with_nothing_executed(world):
    change(world, world.programmes[0], {"national": (100, 90), "district": (20, 20)})
    plan = services.year_plan_create_next(user=world.lead, government=world.government)
    copied = ProgrammeBudget.objects.filter(programme__year_plan=plan, programme__lineage=world.programmes[0].lineage)
    assert {(row.source, row.secured, row.executed) for row in copied} == {
        ("national", 100, None),
        ("district", 20, None),
    }


def test_dropping_a_programme_removes_its_budget_with_the_reason(world):
    elderly = world.programmes[2]
    change(world, elderly, {"city": (200, None)})
    world.plan.refresh_from_db()
    services.programme_drop(user=world.lead, programme=elderly, version=world.plan.version, reason="사업 종료")
    assert not ProgrammeBudget.objects.filter(programme_id=elderly.pk).exists()
    record = ProgrammeBudget.history.filter(programme_id=elderly.pk, history_type="-").get()
    assert record.history_change_reason == "사업 종료"


def test_a_programme_with_results_keeps_its_budget_when_dropping_is_refused(world):
    elderly = world.programmes[2]
    change(world, elderly, {"city": (200, None)})
    report = QuarterlyReportFactory(department=world.second, year=2019, quarter=1)
    QuarterlyReportLineFactory(report=report, programme=elderly, jobs=3)
    world.plan.refresh_from_db()
    with pytest.raises(services.PlanRefused):
        services.programme_drop(user=world.lead, programme=elderly, version=world.plan.version, reason="종료")
    assert budget_of(elderly) == {"city": (200, None)}


# --- the screen --------------------------------------------------------------------------------------------------


def form_data(world, programme, **budget):
    data = {
        "version": world.plan.version,
        "name": programme.name,
        "department": programme.department_id,
        "programme_type": programme.programme_type_id,
        "target_group": programme.target_group_id,
        "jobs_target": programme.jobs_target,
        "task": programme.task_id or "",
        "reason": "예산 확정",
    }
    return data | budget


def test_the_lead_department_sets_a_budget_on_the_programme_form(client, world):
    youth = world.programmes[0]
    client.force_login(world.lead)
    url = reverse("plans:programme-edit", args=[2019, youth.pk])
    page = client.get(url).content.decode()
    assert "국비 확보액(백만원)" in page and "구비 집행액(백만원)" in page
    response = client.post(url, form_data(world, youth, secured_national="1200", executed_national="800"))
    assert response.status_code == 302
    assert budget_of(youth) == {"national": (1200, 800)}
    sheet = client.get(reverse("plans:year", args=[2019])).content.decode()
    assert "1,200" in sheet and "66.7%" in sheet  # the source table: 800 of 1,200 executed
    again = client.get(url).content.decode()
    assert 'value="1200"' in again  # the form opens with the saved budget


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("secured_national", "-5", "0 이상으로 입력하세요"),
        ("secured_national", "1.5", "0 이상의 정수(백만원)로 입력하세요"),
        ("secured_city", "100000001", "백만원 단위인지 확인하세요"),
        ("executed_district", "10", "구비: 확보액 없이 집행액만"),
    ],
)
def test_a_wrong_amount_on_the_form_is_refused_in_korean_and_nothing_saved(client, world, field, value, message):
    youth = world.programmes[0]
    client.force_login(world.lead)
    url = reverse("plans:programme-edit", args=[2019, youth.pk])
    response = client.post(url, form_data(world, youth, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert budget_of(youth) == {}


def test_the_budget_page_sums_each_years_plan_by_source(client, world, django_assert_max_num_queries):
    from budget.selectors import plan_budget_years

    change(world, world.programmes[0], {"national": (100, 40), "district": (50, None)})
    change(world, world.programmes[2], {"national": (7, 7), "city": (200, None)})
    with django_assert_max_num_queries(4):
        [year] = plan_budget_years(world.lead)
    assert year.year == 2019 and year.programmes == 2 and year.complete
    by_source = {label: (a.secured, a.executed) if a else None for label, a in year.by_source}
    assert by_source == {"국비": (107, 47), "시비": (200, None), "구비": (50, None)}
    assert (year.total.secured, year.total.executed, str(year.total.execution_rate)) == (357, 47, "13.2")
    [own] = plan_budget_years(world.staff)  # staff: their department's 세부사업 only
    assert (own.total.secured, own.programmes, own.complete) == (207, 1, False)
    client.force_login(world.lead)
    page = client.get(reverse("budget:index")).content.decode()
    assert "연차별 세부계획 예산" in page and "13.2%" in page and 'href="/plans/2019/"' in page
