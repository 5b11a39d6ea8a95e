"""연간 목표: the lead department sets the year's targets in one form; everyone else reads what they may see."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from performance import targets
from performance.achievement import achievement
from performance.models import AnnualTarget, Programme, TargetGroup
from tests.factories import ProgrammeFactory

URL = reverse("performance:targets", args=["지역경제-11"])


def form_data(client, year=2021, **changes):
    """The form as the page renders it, with `changes` typed over it."""
    form = client.get(URL, {"year": year}).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    return data


def test_the_lead_sets_the_total_a_group_and_a_programme_with_a_reason(login, card_data, django_user_model):
    client = login("lead")
    group = TargetGroup.objects.get(local_government=card_data.local_government, name="청년층")
    programme = Programme.objects.filter(pledge_links__pledge=card_data, year_plan__year=2021, jobs_target=None).first()
    data = form_data(client, total="11,000", **{f"group_{group.pk}": "500", f"programme_{programme.pk}": "40"})
    data["reason"] = "추경 반영"
    response = client.post(f"{URL}?year=2021", data)
    assert response.status_code == 302
    assert AnnualTarget.objects.get(pledge=card_data, year=2021, target_group=None).jobs == 11000
    assert AnnualTarget.objects.get(pledge=card_data, year=2021, target_group=group).jobs == 500
    programme.refresh_from_db()
    assert programme.jobs_target == 40  # a 세부사업's target belongs to the plan's row of the year
    record = programme.history.latest("history_id")
    assert record.history_user.username == "lead" and record.history_change_reason == "추경 반영"
    record = AnnualTarget.history.filter(year=2021, target_group=None).latest("history_id")
    assert record.history_user.username == "lead" and record.history_change_reason == "추경 반영"
    html = client.get(URL, {"year": 2021}).content.decode()
    assert "10,800 → 11,000명" in html and "추경 반영" in html
    lead = django_user_model.objects.get(username="lead")
    assert achievement(card_data, 2021, lead).target == 11000  # the dashboard reads it at once


def test_a_blank_removes_a_target(login, card_data):
    client = login("lead")
    programme = Programme.objects.filter(pledge_links__pledge=card_data, year_plan__year=2021).exclude(
        jobs_target=None
    )[0]
    group = AnnualTarget.objects.filter(pledge=card_data, year=2021, target_group__isnull=False).first()
    data = form_data(
        client, **{f"programme_{programme.pk}": "", f"group_{group.target_group_id}": "", "reason": "폐지"}
    )
    assert client.post(f"{URL}?year=2021", data).status_code == 302
    programme.refresh_from_db()
    assert programme.jobs_target is None
    assert not AnnualTarget.objects.filter(pk=group.pk).exists()
    assert AnnualTarget.history.filter(id=group.pk, history_type="-").exists()


@pytest.mark.parametrize(("typed", "message"), [("abc", "숫자만"), ("-5", "음수"), ("1.5", "소수"), ("=A1", "수식")])
def test_a_wrong_figure_is_refused_beside_the_field_and_nothing_is_saved(login, card_data, typed, message):
    client = login("lead")
    before = list(AnnualTarget.objects.order_by("pk").values_list("pk", "jobs"))
    response = client.post(f"{URL}?year=2021", form_data(client, total=typed, **{"reason": "x"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'aria-invalid="true"' in html and f'value="{typed}"' in html
    assert list(AnnualTarget.objects.order_by("pk").values_list("pk", "jobs")) == before


def test_a_stale_form_is_refused_and_lists_the_other_change(login, card_data, django_user_model):
    client = login("lead")
    data = form_data(client, total="12,000")
    other = AnnualTarget.objects.get(pledge=card_data, year=2021, target_group=None)
    other.jobs, other._history_user = 10900, django_user_model.objects.get(username="dept01")
    other.save()
    response = client.post(f"{URL}?year=2021", data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "10,800 → 10,900명" in html and 'value="12,000"' in html
    assert AnnualTarget.objects.get(pk=other.pk).jobs == 10900


def test_managers_and_staff_read_but_cannot_change(login, card_data, django_user_model):
    manager = login("manager")
    page = manager.get(URL, {"year": 2021})
    assert page.status_code == 200 and page.context["form"] is None and "10,800" in page.content.decode()
    assert manager.post(f"{URL}?year=2021", {"total": "1"}).status_code == 403
    staff = login("dept03")
    html = staff.get(URL, {"year": 2021}).content.decode()
    own = django_user_model.objects.get(username="dept03").membership.department
    assert own.name in html and "생활보장과" not in html
    assert staff.post(f"{URL}?year=2021", {"total": "1"}).status_code == 403
    assert AnnualTarget.objects.get(pledge=card_data, year=2021, target_group=None).jobs == 10800


def test_another_local_governments_programme_cannot_be_reached(card_data, django_user_model):
    foreign = ProgrammeFactory()  # a programme of another local government
    lead = django_user_model.objects.get(username="lead")
    with pytest.raises(PermissionDenied):
        targets.targets_save(
            pledge=card_data,
            year=2021,
            values={targets.programme_key(foreign.pk): 5},
            user=lead,
            seen=targets.target_sheet(card_data, 2021, lead).seen,
        )
    foreign.refresh_from_db()
    assert foreign.jobs_target is None


def test_groups_that_do_not_add_up_are_a_warning_not_a_refusal(login, card_data):
    client = login("lead")
    group = TargetGroup.objects.get(local_government=card_data.local_government, name="청년층")
    data = form_data(client, reason="계층 조정", **{f"group_{group.pk}": "500"})
    assert client.post(f"{URL}?year=2021", data).status_code == 302
    html = client.get(URL, {"year": 2021}).content.decode()
    assert "계층별 목표의 합(10,866명)이 연간 목표(10,800명)와 다릅니다." in html


def test_query_count_is_constant(login, card_data, django_assert_max_num_queries):
    """However many targets changed how often: the page reads the sheet and the history in a fixed number."""
    client = login("lead")
    target = AnnualTarget.objects.get(pledge=card_data, year=2021, target_group=None)
    for jobs in range(10801, 10830):  # many edits of one target: old → new for each without a query each
        target.jobs = jobs
        target.save()
    client.get(reverse("home"))
    # The pledge's targets and its 세부사업's (the plan's) each take a latest-change, records and old values.
    with django_assert_max_num_queries(15):  # + the government's plan years (the year choices)
        html = client.get(URL, {"year": 2021}).content.decode()
    assert "10,828 → 10,829명" in html


def history_ids():
    return list(AnnualTarget.history.order_by("history_id").values_list("history_id", flat=True))


def test_saving_the_values_unchanged_saves_nothing_and_says_so(login, card_data):
    """Not "연간 목표 0건을 바꾸었습니다" with the reason dropped: nothing changed, nothing is written."""
    client = login("lead")
    before, stored = history_ids(), list(AnnualTarget.objects.order_by("pk").values_list("pk", "jobs"))
    response = client.post(f"{URL}?year=2021", form_data(client, reason="추경 반영"), follow=True)
    html = response.content.decode()
    assert "바뀐 목표가 없습니다." in html and "0건을 바꾸었습니다" not in html
    assert history_ids() == before
    assert list(AnnualTarget.objects.order_by("pk").values_list("pk", "jobs")) == stored


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_change_without_a_reason_is_refused_beside_the_field(login, card_data, reason):
    client = login("lead")
    before = history_ids()
    response = client.post(f"{URL}?year=2021", form_data(client, total="11,000", reason=reason))
    assert response.status_code == 400
    html = response.content.decode()
    field = re.search(r'<input [^>]*name="reason"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="id_reason-error' in field
    assert re.search(r'<p class="field-error" id="id_reason-error">[^<]*사유를 입력하세요', html)
    assert 'value="11,000"' in html  # what was typed stays
    assert history_ids() == before
    assert AnnualTarget.objects.get(pledge=card_data, year=2021, target_group=None).jobs == 10800


def test_the_service_refuses_a_change_without_a_reason(card_data, django_user_model):
    lead = django_user_model.objects.get(username="lead")
    seen = targets.target_sheet(card_data, 2021, lead).seen
    with pytest.raises(targets.ReasonRequired):
        targets.targets_save(pledge=card_data, year=2021, values={targets.TOTAL: 9000}, user=lead, seen=seen)
    assert AnnualTarget.objects.get(pledge=card_data, year=2021, target_group=None).jobs == 10800
    unchanged = targets.targets_save(pledge=card_data, year=2021, values={targets.TOTAL: 10800}, user=lead, seen=seen)
    assert unchanged == 0
