"""추진전략 and 실천과제 on screen: the lead department adds and renames them with a reason (history, plan version);
a stale form, a name twice, a blank name or reason, another plan's ids: refused, nothing saved."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from performance import plan_services
from performance.models import Strategy, Task, YearPlan

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
        plan_services.structure_save(
            user=lead, year_plan=plan, version=plan.version, reason="x", name="바꿈", strategy_id=other.pk
        )
    other.refresh_from_db()
    assert other.name != "바꿈"


def test_staff_and_managers_cannot_open_it(login, plan):
    for username in ("dept03", "manager"):
        assert login(username).get(url()).status_code == 403
