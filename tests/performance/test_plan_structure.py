"""추진전략 and 실천과제 on screen: the lead department adds, renames, orders, moves and deletes them (history with
who and why, one plan version each); a stale form, a name twice, a blank name or reason, a strategy with tasks or a
task with 세부사업 deleted, another plan's ids: refused, nothing saved. The plan page and its file follow the order."""

from io import BytesIO

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from performance import outline_services
from performance.models import Programme, Strategy, Task, YearPlan
from performance.plans import plan_diff, snapshot_rows

YEAR = 2026


@pytest.fixture
def plan(card_data):
    return YearPlan.objects.get(local_government=card_data.local_government, year=YEAR)


def url():
    return reverse("plans:structure", args=[YEAR])


def test_add_a_strategy_and_a_task_then_rename_the_task(login, plan):
    client = login("lead")
    data = {"version": plan.version, "new": "strategy", "name": "지역 산업 맞춤 일자리", "reason": "추경 신규 전략"}
    assert client.post(url(), data).status_code == 302
    strategy = Strategy.objects.get(year_plan=plan, name="지역 산업 맞춤 일자리")
    plan.refresh_from_db()
    data = {
        "version": plan.version,
        "new": "task",
        "strategy": strategy.pk,
        "name": "G밸리 채용 연계",
        "reason": "신설",
    }
    assert client.post(url(), data).status_code == 302
    task = Task.objects.get(strategy=strategy, name="G밸리 채용 연계")
    plan.refresh_from_db()
    data = {"version": plan.version, "task": task.pk, "name": "G밸리 기업 채용 연계", "reason": "명칭 정리"}
    assert client.post(url(), data).status_code == 302
    task.refresh_from_db()
    assert task.name == "G밸리 기업 채용 연계"
    assert task.history.latest("history_id").history_change_reason == "명칭 정리"
    assert "G밸리 기업 채용 연계" in client.get(url()).content.decode()


def test_a_stale_form_is_refused_with_409_and_nothing_saved(login, plan):
    client = login("lead")
    data = {"version": plan.version - 1 or 999, "new": "strategy", "name": "늦은 전략", "reason": "x"}
    response = client.post(url(), data)
    assert response.status_code == 409
    assert not Strategy.objects.filter(name="늦은 전략").exists()


@pytest.mark.parametrize("field", ["name", "reason"])
def test_a_blank_name_or_reason_is_refused(login, plan, field):
    client = login("lead")
    data = {"version": plan.version, "new": "strategy", "name": "새 전략", "reason": "사유"} | {field: "  "}
    assert client.post(url(), data).status_code == 400
    assert not Strategy.objects.filter(name="새 전략").exists()


def test_a_name_twice_under_one_strategy_is_refused(login, plan):
    client = login("lead")
    task = Task.objects.filter(strategy__year_plan=plan).first()
    data = {"version": plan.version, "new": "task", "strategy": task.strategy_id, "name": task.name, "reason": "x"}
    response = client.post(url(), data)
    assert response.status_code == 400 and "이미 있는 이름입니다" in response.content.decode()


def test_another_plans_strategy_cannot_be_reached(plan, django_user_model):
    other = Strategy.objects.exclude(year_plan=plan).first()
    lead = django_user_model.objects.get(username="lead")
    with pytest.raises(PermissionDenied):
        outline_services.structure_save(
            user=lead, year_plan=plan, version=plan.version, reason="x", name="바꿈", strategy_id=other.pk
        )
    other.refresh_from_db()
    assert other.name != "바꿈"


def test_staff_and_managers_cannot_open_it(login, plan):
    for username in ("dept03", "manager"):
        assert login(username).get(url()).status_code == 403


def act(client, plan, action, item, **data):
    key = "task" if isinstance(item, Task) else "strategy"
    return client.post(url(), {"version": plan.version, "action": action, key: item.pk} | data)


def strategy_names(plan) -> list[str]:
    return list(Strategy.objects.filter(year_plan=plan).values_list("name", flat=True))


def task_names(strategy) -> list[str]:
    return list(Task.objects.filter(strategy=strategy).values_list("name", flat=True))


def file_strategies(client) -> list[str]:
    """The 추진전략 column of the plan file's rows, each name once, in the order the rows list them."""
    book = openpyxl.load_workbook(BytesIO(client.get(reverse("plan_workbook:export", args=[YEAR])).content))
    column = [row[2] for row in book["세부계획"].iter_rows(min_row=5, values_only=True) if row[2]]
    return list(dict.fromkeys(column))


def test_moving_a_strategy_up_orders_the_plan_page_and_its_file_and_raises_the_version(login, plan):
    client = login("lead")
    before, version = strategy_names(plan), plan.version
    third = Strategy.objects.get(year_plan=plan, name=before[2])
    assert act(client, plan, "move", third, position=1).status_code == 302
    expected = [before[2], before[0], before[1], *before[3:]]
    assert strategy_names(plan) == expected
    plan.refresh_from_db()
    assert plan.version == version + 1
    page = client.get(reverse("plans:year", args=[YEAR])).content.decode()
    assert f"추진전략 1. {before[2]}" in page and f"추진전략 2. {before[0]}" in page
    assert file_strategies(client) == expected
    record = third.history.latest("history_id")
    assert record.history_user.username == "lead" and before[2] in record.history_change_reason


def test_moving_a_task_down_within_its_strategy(login, plan):
    strategy = Strategy.objects.get(year_plan=plan, name=strategy_names(plan)[1])
    before = task_names(strategy)
    first = Task.objects.get(strategy=strategy, name=before[0])
    assert act(login("lead"), plan, "move", first, position=2).status_code == 302
    assert task_names(strategy) == [before[1], before[0], *before[2:]]


def test_a_task_moves_under_another_strategy_last_with_its_programmes(login, plan):
    strategies = list(Strategy.objects.filter(year_plan=plan))
    task = strategies[-1].tasks.last()
    programmes = set(task.programmes.values_list("lineage", flat=True))
    published = snapshot_rows(plan)
    assert programmes and plan.status == YearPlan.Status.PUBLISHED
    response = act(login("lead"), plan, "regroup", task, to_strategy=strategies[0].pk, reason="전략 재편")
    assert response.status_code == 302
    assert task_names(strategies[0])[-1] == task.name
    rows = [row for row in snapshot_rows(plan) if row["lineage"] in programmes]
    assert {row["strategy"] for row in rows} == {strategies[0].name}
    assert task.history.latest("history_id").history_change_reason == "전략 재편"
    # The plan stays published; against the rows as published (what an edition keeps) the move shows, by 세부사업.
    plan.refresh_from_db()
    assert plan.status == YearPlan.Status.PUBLISHED
    moved = {change.name: change for change in plan_diff(published, snapshot_rows(plan)).changed}
    assert len(moved) == len(programmes)
    assert {(f.label, f.old, f.new) for change in moved.values() for f in change.changes} == {
        ("추진전략", strategies[-1].name, strategies[0].name)
    }


def test_a_task_does_not_move_under_a_strategy_that_has_its_name(login, plan):
    strategies = list(Strategy.objects.filter(year_plan=plan))
    task = strategies[1].tasks.first()
    Task.objects.create(strategy=strategies[0], name=task.name, sort_order=9)
    response = act(login("lead"), plan, "regroup", task, to_strategy=strategies[0].pk, reason="x")
    assert response.status_code == 400 and "이미 있는 이름입니다" in response.content.decode()
    task.refresh_from_db()
    assert task.strategy_id == strategies[1].pk


def test_a_strategy_with_tasks_and_a_task_with_programmes_are_not_deleted(login, plan):
    client = login("lead")
    strategy = Strategy.objects.filter(year_plan=plan).first()
    tasks = strategy.tasks.count()
    response = act(client, plan, "delete", strategy, reason="정리")
    assert response.status_code == 400
    assert f"실천과제 {tasks:,}개가 있어 지울 수 없습니다" in response.content.decode()
    task = strategy.tasks.first()
    used = Programme.objects.filter(task=task).order_by("name").values_list("name", flat=True)
    response = act(client, plan, "delete", task, reason="정리")
    text = response.content.decode()
    assert response.status_code == 400
    assert f"{YEAR}년 세부사업 {len(used):,}개가 있어 지울 수 없습니다" in text and used[0] in text
    assert Task.objects.filter(pk=task.pk).exists() and Strategy.objects.filter(pk=strategy.pk).exists()


def test_an_empty_task_then_its_empty_strategy_are_deleted_with_the_reason_in_the_history(
    login, plan, django_user_model
):
    lead = django_user_model.objects.get(username="lead")
    strategy = outline_services.structure_save(
        user=lead, year_plan=plan, version=plan.version, reason="신설", name="시범 전략", new="strategy"
    )
    plan.refresh_from_db()
    task = outline_services.structure_save(
        user=lead,
        year_plan=plan,
        version=plan.version,
        reason="신설",
        name="시범 과제",
        new="task",
        strategy_id=strategy.pk,
    )
    plan.refresh_from_db()
    client = login("lead")
    assert act(client, plan, "delete", strategy, reason="정리").status_code == 400  # its task first
    version = plan.version
    assert act(client, plan, "delete", task, reason="시범 종료").status_code == 302
    plan.refresh_from_db()
    assert act(client, plan, "delete", strategy, reason="시범 종료").status_code == 302
    plan.refresh_from_db()
    assert plan.version == version + 2
    assert not Strategy.objects.filter(pk=strategy.pk).exists() and not Task.objects.filter(pk=task.pk).exists()
    for model, pk in ((Task, task.pk), (Strategy, strategy.pk)):
        record = model.history.filter(id=pk).latest("history_id")
        assert (record.history_type, record.history_user.username, record.history_change_reason) == (
            "-",
            "lead",
            "시범 종료",
        )


def test_deleting_needs_a_reason(login, plan, django_user_model):
    lead = django_user_model.objects.get(username="lead")
    strategy = outline_services.structure_save(
        user=lead, year_plan=plan, version=plan.version, reason="신설", name="시범 전략", new="strategy"
    )
    plan.refresh_from_db()
    assert act(login("lead"), plan, "delete", strategy, reason="").status_code == 400
    assert Strategy.objects.filter(pk=strategy.pk).exists()


def test_a_stale_move_is_refused_with_409_naming_the_other_persons_change(login, plan):
    client = login("lead")
    names = strategy_names(plan)
    second = Strategy.objects.get(year_plan=plan, name=names[1])
    assert act(client, plan, "move", second, position=1).status_code == 302  # someone else, a moment ago
    stale = act(client, plan, "move", Strategy.objects.get(year_plan=plan, name=names[3]), position=1)  # old version
    assert stale.status_code == 409
    assert f"추진전략 {names[1]} 변경 (순서 변경: ‘{names[1]}’ 항목을 1번째로)" in stale.content.decode()
    assert strategy_names(plan) == [names[1], names[0], *names[2:]]


def test_another_plans_task_is_not_found(login, plan):
    other = Task.objects.exclude(strategy__year_plan=plan).first()
    client = login("lead")
    assert act(client, plan, "move", other, position=1).status_code == 404
    assert act(client, plan, "delete", other, reason="x").status_code == 404
    data = {"version": plan.version, "task": other.pk, "name": "바꿈", "reason": "x"}
    assert client.post(url(), data).status_code == 404
    assert Task.objects.filter(pk=other.pk).exclude(name="바꿈").exists()


def test_staff_and_managers_cannot_order_or_delete(login, plan):
    strategy = Strategy.objects.filter(year_plan=plan).last()
    before = strategy_names(plan)
    for username in ("dept03", "manager"):
        client = login(username)
        assert act(client, plan, "move", strategy, position=1).status_code == 403
        assert act(client, plan, "delete", strategy, reason="x").status_code == 403
    assert strategy_names(plan) == before


def test_the_page_reads_in_a_constant_number_of_queries(login, plan, django_assert_max_num_queries):
    client = login("lead")
    with django_assert_max_num_queries(12):
        response = client.get(url())
    assert response.status_code == 200
    assert response.content.decode().count("위로</span>") == Strategy.objects.filter(year_plan=plan).count() - 1 + sum(
        strategy.tasks.count() - 1 for strategy in Strategy.objects.filter(year_plan=plan)
    )
