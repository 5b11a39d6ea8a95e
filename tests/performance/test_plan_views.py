import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from performance import outline_services
from performance import plan_services as services
from performance.models import (
    Department,
    Pledge,
    PledgeProgramme,
    Programme,
    ProgrammeBudget,
    QuarterlyReport,
    TermPlan,
    YearPlan,
    YearPlanEdition,
)
from performance.plans import plan_changes_since, plan_sheet
from tests.factories import PledgeFactory, ProgrammeFactory, QuarterlyReportFactory, QuarterlyReportLineFactory
from tests.performance.plan_world import plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


@pytest.fixture
def lead(client, world):
    client.force_login(world.lead)
    return client


def year_url(world):
    return reverse("plans:year", args=[world.plan.year])


def test_the_overview_lists_terms_and_yearly_plans_with_computed_totals(lead, world):
    response = lead.get(reverse("plans:index"))
    assert response.status_code == 200
    text = response.content.decode()
    assert world.plan.term.name in text
    # 30 + 20 + 100 = 150, the three 세부사업 targets of plan_world
    assert ">150<" in text and ">3<" in text and "작성 중" in text


def test_the_lead_creates_a_term_plan(lead, world):
    data = {"name": "민선9기", "first_year": 2026, "last_year": 2030, "jobs_target": "12000"}
    response = lead.post(reverse("plans:index"), data)
    assert response.status_code == 302
    assert TermPlan.objects.get(local_government=world.government, name="민선9기").jobs_target == 12000


def test_a_term_plan_with_its_years_reversed_is_refused_in_korean(lead, world):
    data = {"name": "민선9기", "first_year": 2030, "last_year": 2026}
    response = lead.post(reverse("plans:index"), data)
    assert response.status_code == 400
    assert "마지막 연도는 첫 연도와 같거나 그 뒤여야 합니다." in response.content.decode()
    assert not TermPlan.objects.filter(name="민선9기").exists()


def test_staff_cannot_create_a_term_plan(client, world):
    client.force_login(world.staff)
    response = client.post(reverse("plans:index"), {"name": "민선9기", "first_year": 2026, "last_year": 2030})
    assert response.status_code == 403
    assert not TermPlan.objects.filter(name="민선9기").exists()


def test_the_lead_copies_the_latest_plan_into_next_year(lead, world):
    response = lead.post(reverse("plans:index"), {"next_year": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("plans:year", args=[2020])
    plan = YearPlan.objects.get(local_government=world.government, year=2020)
    assert plan.status == YearPlan.Status.DRAFT
    assert set(plan.programmes.values_list("lineage", flat=True)) == {p.lineage_id for p in world.programmes}


def test_the_year_page_groups_by_strategy_and_task_with_totals(lead, world):
    response = lead.get(year_url(world))
    sheet = response.context["sheet"]
    assert [block.strategy.name if block.strategy else None for block in sheet.strategies] == ["청년 일자리 확대", None]
    assert [[p.name for p in task.programmes] for task in sheet.strategies[0].tasks] == [["청년창업사관"], ["청년인턴"]]
    assert {(s.name, s.count, s.target) for s in sheet.by_type} == {("창업지원", 1, 30), ("직접일자리", 2, 120)}
    assert {(s.name, s.count, s.target) for s in sheet.by_group} == {("청년층", 2, 50), ("노년층", 1, 100)}
    text = response.content.decode()
    assert "추진전략 1. 청년 일자리 확대" in text and "실천과제: 청년 창업" in text


def test_staff_read_only_their_departments_programmes(client, world):
    client.force_login(world.staff)
    response = client.get(year_url(world))
    assert response.status_code == 200
    text = response.content.decode()
    assert "어르신일자리" in text and "청년창업사관" not in text
    assert response.context["sheet"].target_total == 100
    assert "세부사업 추가" not in text


def test_managers_read_every_programme(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="manager"))
    response = client.get(reverse("plans:year", args=[2021]))
    assert response.status_code == 200
    everyone = Programme.objects.filter(year_plan__local_government=card_data.local_government, year_plan__year=2021)
    assert response.context["sheet"].programme_count == everyone.count() > 20
    assert "세부사업 추가" not in response.content.decode()


def test_the_sheet_reads_in_a_constant_number_of_queries(world, django_assert_max_num_queries):
    # rows, strategies and tasks, 부문, 대상, budgets, the government's funding sources, …: constant
    with django_assert_max_num_queries(8):
        plan_sheet(world.plan, world.lead)
    for index in range(40):
        programme = ProgrammeFactory(
            year_plan=world.plan,
            year=2019,
            department=world.second if index % 2 else world.first,
            task=world.tasks[index % 2],
            jobs_target=index,
        )
        for source in ("national", "district"):
            ProgrammeBudget.objects.create(programme=programme, source=source, secured=index + 1, executed=index)
    with django_assert_max_num_queries(8):
        sheet = plan_sheet(world.plan, world.lead)
    assert sheet.programme_count == 43


def programme_data(world, **overrides):
    return {
        "version": world.plan.version,
        "name": "신중년 재취업",
        "department": world.second.pk,
        "programme_type": world.programmes[0].programme_type_id,
        "target_group": world.programmes[2].target_group_id,
        "jobs_target": "15",
        "task": world.tasks[1].pk,
        "reason": "추경 반영",
    } | overrides


def test_the_lead_adds_a_programme(lead, world):
    response = lead.post(reverse("plans:programme-add", args=[2019]), programme_data(world))
    assert response.status_code == 302
    assert Programme.objects.get(year_plan=world.plan, name="신중년 재취업").jobs_target == 15


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"jobs_target": "-3"}, "0 이상으로 입력하세요."),
        ({"jobs_target": "1.5"}, "0 이상의 정수(명)로 입력하세요."),
        ({"reason": ""}, "필수 항목입니다."),
        ({"department": "999999"}, "목록에 있는 항목을 고르세요."),
    ],
)
def test_bad_programme_input_is_refused_in_korean(lead, world, overrides, message):
    response = lead.post(reverse("plans:programme-add", args=[2019]), programme_data(world, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Programme.objects.filter(name="신중년 재취업").exists()


def test_a_stale_form_is_refused_with_409_and_nothing_overwritten(lead, world):
    stale_version = world.plan.version
    lead.post(reverse("plans:programme-add", args=[2019]), programme_data(world))
    programme = world.programmes[0]
    response = lead.post(
        reverse("plans:programme-edit", args=[2019, programme.pk]),
        programme_data(world, version=stale_version, name="청년창업사관", jobs_target="999", department=world.first.pk),
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "다른 사용자가 계획을 바꾸었습니다" in text and "신중년 재취업" in text
    programme.refresh_from_db()
    assert programme.jobs_target == 30


def test_the_lead_changes_a_programme(lead, world):
    programme = world.programmes[1]
    data = programme_data(world, name="청년인턴", department=world.first.pk, jobs_target="25", reason="목표 조정")
    response = lead.post(reverse("plans:programme-edit", args=[2019, programme.pk]), data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.jobs_target, programme.target_group, programme.task) == (
        25,
        world.programmes[2].target_group,
        world.tasks[1],
    )
    assert "목표 조정" in lead.get(year_url(world)).content.decode()


def test_dropping_a_programme_with_approved_results_is_refused_in_korean(lead, world):
    programme = world.programmes[2]
    report = QuarterlyReportFactory(department=world.second, year=2019, status=QuarterlyReport.Status.APPROVED)
    QuarterlyReportLineFactory(report=report, programme=programme)
    url = reverse("plans:programme-drop", args=[2019, programme.pk])
    response = lead.post(url, {"version": world.plan.version, "reason": "종료"})
    assert response.status_code == 400
    assert "승인된 실적이 있어 뺄 수 없습니다" in response.content.decode()
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_the_lead_drops_a_programme_with_a_reason(lead, world):
    programme = world.programmes[2]
    url = reverse("plans:programme-drop", args=[2019, programme.pk])
    assert lead.get(url).status_code == 200
    assert lead.post(url, {"version": world.plan.version, "reason": "사업 종료"}).status_code == 302
    assert not Programme.objects.filter(pk=programme.pk).exists()


def test_publish_revise_and_read_an_earlier_version_with_its_differences(lead, world):
    response = lead.post(year_url(world), {"version": world.plan.version, "published_on": "2019-03-29"})
    assert response.status_code == 302
    world.plan.refresh_from_db()
    lead.post(
        reverse("plans:programme-edit", args=[2019, world.programmes[0].pk]),
        programme_data(
            world,
            name="청년창업사관",
            department=world.first.pk,
            target_group=world.programmes[0].target_group_id,
            jobs_target="45",
            task=world.tasks[0].pk,
            reason="상향",
        ),
    )
    world.plan.refresh_from_db()
    response = lead.post(year_url(world), {"version": world.plan.version, "published_on": "2019-07-01", "reason": ""})
    assert response.status_code == 400 and "사유를 입력하세요" in response.content.decode()
    response = lead.post(
        year_url(world), {"version": world.plan.version, "published_on": "2019-07-01", "reason": "하반기 추경"}
    )
    assert response.status_code == 302
    assert YearPlanEdition.objects.filter(year_plan=world.plan).count() == 2
    first = lead.get(reverse("plans:version", args=[2019, 1]))
    assert first.status_code == 200
    [change] = first.context["against_current"].changed
    assert [(c.old, c.new) for c in change.changes] == [("30", "45")]
    assert "30 → 45" in first.content.decode()
    second = lead.get(reverse("plans:version", args=[2019, 2]))
    assert [(c.old, c.new) for c in second.context["against_previous"].changed[0].changes] == [("30", "45")]
    assert second.context["against_current"].empty


def test_a_version_shows_staff_only_their_departments_rows(client, lead, world):
    lead.post(year_url(world), {"version": world.plan.version, "published_on": "2019-03-29"})
    client.force_login(world.staff)
    response = client.get(reverse("plans:version", args=[2019, 1]))
    text = response.content.decode()
    assert "어르신일자리" in text and "청년창업사관" not in text and world.first.name not in text


def pledge_data(world, code="청년-1"):
    return {
        "code": code,
        "title": "청년 일자리 공약",
        "lead_department": world.first.pk,
        "status": "on_track",
        "implementation_rate": "0",
        "completion_due": "임기내",
        "project_type": "신규",
        "plan_label": "청년 일자리",
        "policy_goal": "청년 고용률 향상",
        "strategies": "창업\n취업",
    }


def test_the_lead_creates_a_pledge_and_links_its_programmes(lead, world):
    response = lead.post(reverse("plans:pledge-create"), pledge_data(world))
    assert response.status_code == 302
    pledge = Pledge.objects.get(local_government=world.government, code="청년-1")
    assert response["Location"] == reverse("plans:pledge-links", args=[pledge.code, 2019])
    other = PledgeFactory(local_government=world.government, code="기존-1")
    PledgeProgramme.objects.create(pledge=other, programme=world.programmes[0])
    page = lead.get(response["Location"])
    text = page.content.decode()
    assert "다른 공약에도 포함" in text and '<span class="plan-note">기존-1</span>' in text
    ids = [world.programmes[0].pk, world.programmes[2].pk]
    response = lead.post(response["Location"], {"programmes": ids, "reason": "최초 선정"})
    assert response.status_code == 302
    assert set(pledge.programme_links.values_list("programme_id", flat=True)) == set(ids)


def test_a_pledge_with_a_missing_title_is_refused_in_korean(lead, world):
    response = lead.post(reverse("plans:pledge-create"), pledge_data(world) | {"title": ""})
    assert response.status_code == 400 and "필수 항목입니다." in response.content.decode()
    assert not Pledge.objects.filter(code="청년-1").exists()


def test_another_governments_programme_cannot_be_linked(lead, world):
    other = plan_world(name="남의구")
    pledge = PledgeFactory(local_government=world.government)
    url = reverse("plans:pledge-links", args=[pledge.code, 2019])
    response = lead.post(url, {"programmes": [other.programmes[0].pk], "reason": "선정"})
    assert response.status_code == 400
    assert "이 연도 계획에 없는 세부사업이 있습니다" in response.content.decode()
    assert not PledgeProgramme.objects.filter(pledge=pledge).exists()


def test_staff_cannot_open_the_pledge_screens(client, world):
    pledge = PledgeFactory(local_government=world.government)
    client.force_login(world.staff)
    assert client.get(reverse("plans:pledge-create")).status_code == 403
    assert client.get(reverse("plans:pledge-links", args=[pledge.code, 2019])).status_code == 403
    assert client.get(reverse("plans:programme-add", args=[2019])).status_code == 403
    assert not Department.objects.filter(name="x").exists()


def test_a_total_of_no_targets_is_a_dash_never_zero(login, card_data):
    """2019's 세부사업 have no targets on the card: the plan's totals say so instead of "0명" (a sum of nothing)."""
    from django.contrib.auth import get_user_model

    from performance.models import YearPlan
    from performance.plans import plan_sheet

    client = login("lead")
    plan = YearPlan.objects.get(local_government=card_data.local_government, year=2019)
    sheet = plan_sheet(plan, get_user_model().objects.get(username="lead"))
    assert sheet.target_total is None and all(row.target is None for row in sheet.by_type)
    html = client.get(reverse("plans:year", args=[2019])).content.decode()
    assert "목표를 정한 세부사업 없음" in html
    index = client.get(reverse("plans:index")).content.decode()
    assert re.search(r"2019년</a></th>.*?<td class=\"num\">27</td><td class=\"num\">—</td>", index, re.S)


def add_programmes(world, names):
    """Each 세부사업 added on its own (one change of the plan each, with its own reason)."""
    for name in names:
        world.plan.refresh_from_db()
        services.programme_add(
            user=world.lead,
            year_plan=world.plan,
            version=world.plan.version,
            name=name,
            department=world.second,
            programme_type=world.programmes[2].programme_type,
            target_group=world.programmes[2].target_group,
            jobs_target=5,
            task=world.tasks[1],
            reason=f"{name} 신설",
        )


def test_the_year_page_reads_in_the_same_number_of_queries_however_many_changes_it_lists(lead, world):
    """A plan built 세부사업 by 세부사업 on screen (about 120 a year) has a change for each: the page's history must
    not cost queries per change."""
    add_programmes(world, ["사업 1", "사업 2"])
    lead.get(reverse("home"))  # as in a running server: the header's demo-data flag is read once per process
    with CaptureQueriesContext(connection) as few:
        assert lead.get(year_url(world)).status_code == 200
    add_programmes(world, [f"사업 {n}" for n in range(3, 33)])
    with CaptureQueriesContext(connection) as many:
        response = lead.get(year_url(world))
    assert len(many) == len(few)
    shown = [(change.what, change.kind, change.reason) for change in response.context["changes"]]
    assert shown == [(f"사업 {n}", "추가", f"사업 {n} 신설") for n in range(32, 12, -1)]  # the 20 latest, newest first


def test_the_history_names_each_kind_of_change_newest_first(world):
    add_programmes(world, ["신중년 재취업"])
    world.plan.refresh_from_db()
    services.programme_change(
        user=world.lead,
        programme=world.programmes[0],
        version=world.plan.version,
        reason="국비 확정",
        budget={"national": (100, None)},
    )
    world.plan.refresh_from_db()
    services.programme_change(
        user=world.lead,
        programme=world.programmes[0],
        version=world.plan.version,
        reason="하반기 추경",
        budget={"national": (1250, 300)},
        jobs_target=45,
        department=world.second,
    )
    world.plan.refresh_from_db()
    outline_services.structure_save(
        user=world.lead,
        year_plan=world.plan,
        version=world.plan.version,
        reason="명칭 정리",
        name="청년 취업 연계",
        task_id=world.tasks[1].pk,
    )
    world.plan.refresh_from_db()
    services.year_plan_publish(
        user=world.lead, year_plan=world.plan, version=world.plan.version, published_on=datetime.date(2019, 3, 29)
    )
    changes = [(change.what, change.kind, change.detail, change.reason) for change in plan_changes_since(world.plan)]
    assert changes == [
        ("2019년 세부계획", "공시", "", "공시"),
        ("실천과제 청년 취업 연계", "변경", "", "명칭 정리"),
        ("청년창업사관 예산(국비)", "변경", "확보액(백만원): 100 → 1,250, 집행액(백만원): — → 300", "하반기 추경"),
        ("청년창업사관", "변경", "담당부서: 계획구일자리과 → 계획구복지과, 목표(명): 30 → 45", "하반기 추경"),
        ("청년창업사관 예산(국비)", "추가", "", "국비 확정"),
        ("신중년 재취업", "추가", "", "신중년 재취업 신설"),
    ]
    world.plan.refresh_from_db()
    since_renaming = plan_changes_since(world.plan, world.plan.version - 2)
    assert [change.what for change in since_renaming] == ["2019년 세부계획", "실천과제 청년 취업 연계"]


def test_the_history_shows_old_and_new_values_in_the_same_queries_for_one_change_as_for_twenty(lead, world):
    add_programmes(world, [f"사업 {n}" for n in range(1, 21)])
    added = list(Programme.objects.filter(year_plan=world.plan, name__startswith="사업 ").order_by("pk"))

    def retarget(programme, target):
        world.plan.refresh_from_db()
        services.programme_change(
            user=world.lead,
            programme=programme,
            version=world.plan.version,
            reason=f"{programme.name} 조정",
            jobs_target=target,
            task=world.tasks[0],
        )

    retarget(added[0], 7)
    lead.get(reverse("home"))  # as in a running server: the header's demo-data flag is read once per process
    with CaptureQueriesContext(connection) as one:
        lead.get(year_url(world))
    for programme in added[1:]:
        retarget(programme, 9)
    with CaptureQueriesContext(connection) as twenty:
        response = lead.get(year_url(world))
    assert len(twenty) == len(one)
    latest = response.context["changes"][0]
    assert (latest.what, latest.detail) == ("사업 20", "목표(명): 5 → 9, 실천과제: 청년 취업 → 청년 창업")
    assert "목표(명): 5 → 9, 실천과제: 청년 취업 → 청년 창업" in response.content.decode()
