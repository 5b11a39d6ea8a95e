import datetime

import pytest
from django.core.exceptions import PermissionDenied

from performance import plan_services as services
from performance.models import (
    Pledge,
    PledgeProgramme,
    Programme,
    ProgrammeLineage,
    QuarterlyReport,
    Strategy,
    Task,
    TermPlan,
    YearPlan,
    YearPlanEdition,
)
from performance.plans import plan_diff
from tests.factories import (
    PledgeFactory,
    QuarterlyReportFactory,
    QuarterlyReportLineFactory,
    TermPlanFactory,
    manager,
)
from tests.performance.plan_world import plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


def test_a_term_plan_is_created_with_its_history(world):
    term = services.term_plan_create(
        user=world.lead, government=world.government, name="민선9기", first_year=2026, last_year=2030, jobs_target=5000
    )
    assert (term.first_year, term.last_year, term.jobs_target) == (2026, 2030, 5000)
    assert term.history.get().history_user == world.lead


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [("민선9기", 2030, 2026), ("", 2026, 2030), ("민선9기", 1990, 2000)],
)
def test_a_wrong_term_plan_is_refused_and_nothing_saved(world, name, first, last):
    before = TermPlan.objects.count()
    with pytest.raises(services.PlanRefused):
        services.term_plan_create(
            user=world.lead, government=world.government, name=name, first_year=first, last_year=last, jobs_target=None
        )
    assert TermPlan.objects.count() == before


def test_only_the_lead_department_creates_a_term_plan(world):
    for user in (world.staff, manager()):
        with pytest.raises(PermissionDenied):
            services.term_plan_create(
                user=user,
                government=world.government,
                name="민선9기",
                first_year=2026,
                last_year=2030,
                jobs_target=None,
            )


def test_next_years_plan_copies_the_latest_with_the_same_lineages(world):
    plan = services.year_plan_create_next(user=world.lead, government=world.government)
    assert (plan.year, plan.status) == (2020, YearPlan.Status.DRAFT)
    copied = {p.lineage_id: p for p in Programme.objects.filter(year_plan=plan)}
    for original in world.programmes:
        row = copied[original.lineage_id]
        assert (row.name, row.department, row.jobs_target) == (original.name, original.department, original.jobs_target)
        assert row.pk != original.pk
        assert (row.task.name if row.task else None) == (original.task.name if original.task else None)
        assert row.task is None or row.task.strategy.year_plan == plan
    assert len(copied) == 3
    assert list(Strategy.objects.filter(year_plan=plan).values_list("name", flat=True)) == ["청년 일자리 확대"]
    assert Task.objects.filter(strategy__year_plan=plan).count() == 2
    assert all(p.history.get().history_user == world.lead for p in copied.values())


def test_next_year_outside_every_term_is_refused(world):
    TermPlan.objects.filter(pk=world.plan.term_id)  # the factory's term runs 2018–2030
    world.plan.term.last_year = 2019
    world.plan.term.save()
    with pytest.raises(services.PlanRefused, match="2020년을 포함하는 종합계획이 없습니다"):
        services.year_plan_create_next(user=world.lead, government=world.government)
    assert not YearPlan.objects.filter(local_government=world.government, year=2020).exists()


def add(world, version=1, **overrides):
    values = {
        "user": world.lead,
        "year_plan": world.plan,
        "version": version,
        "name": "신중년 재취업",
        "department": world.second,
        "programme_type": world.programmes[0].programme_type,
        "target_group": world.programmes[2].target_group,
        "jobs_target": 15,
        "task": world.tasks[1],
        "reason": "추경 반영",
    }
    return services.programme_add(**values | overrides)


def test_a_programme_is_added_with_a_new_lineage_and_the_version_raised(world):
    lineages = ProgrammeLineage.objects.count()
    programme = add(world)
    assert ProgrammeLineage.objects.count() == lineages + 1
    assert programme.lineage.name == "신중년 재취업"
    record = programme.history.get()
    assert (record.history_user, record.history_change_reason) == (world.lead, "추경 반영")
    world.plan.refresh_from_db()
    assert world.plan.version == 2


def test_a_stale_form_is_refused_and_nothing_overwritten(world):
    add(world, version=1)
    with pytest.raises(services.StalePlan) as refused:
        add(world, version=1, name="다른 사업")
    assert [change.what for change in refused.value.changes] == ["신중년 재취업"]
    assert not Programme.objects.filter(name="다른 사업").exists()


@pytest.mark.parametrize(
    "overrides",
    [{"reason": "  "}, {"name": ""}, {"name": "청년인턴", "department": None}, {"jobs_target": -1}],
)
def test_bad_additions_are_refused_and_nothing_saved(world, overrides):
    if overrides.get("department", 1) is None:
        overrides["department"] = world.first  # the same name in the same department and year
    count = Programme.objects.count()
    with pytest.raises(services.PlanRefused):
        add(world, **overrides)
    assert Programme.objects.count() == count
    world.plan.refresh_from_db()
    assert world.plan.version == 1


def test_a_duplicate_name_in_the_department_is_refused_in_our_words(world):
    with pytest.raises(services.PlanRefused, match="같은 이름의 세부사업이 이미 있습니다: 청년인턴"):
        add(world, name="청년인턴", department=world.first)
    with pytest.raises(services.PlanRefused, match="같은 이름의 세부사업이 이미 있습니다: 청년인턴"):
        services.programme_change(
            user=world.lead, programme=world.programmes[0], version=1, reason="개명", name="청년인턴"
        )
    assert Programme.objects.filter(name="청년인턴").count() == 1


def test_another_governments_department_is_refused(world):
    other = plan_world(name="남의구")
    with pytest.raises(services.PlanRefused):
        add(world, department=other.second)
    assert not Programme.objects.filter(name="신중년 재취업").exists()


def test_a_programme_is_changed_and_keeps_its_lineage(world):
    programme = world.programmes[1]
    services.programme_change(
        user=world.lead,
        programme=programme,
        version=1,
        reason="부서 이관",
        name="청년인턴(확대)",
        department=world.second,
        jobs_target=40,
        task=world.tasks[0],
    )
    programme.refresh_from_db()
    assert (programme.name, programme.department, programme.jobs_target, programme.task) == (
        "청년인턴(확대)",
        world.second,
        40,
        world.tasks[0],
    )
    assert programme.lineage_id == world.programmes[1].lineage_id
    assert programme.history.first().history_change_reason == "부서 이관"


def test_a_programme_without_results_is_dropped_with_its_reason(world):
    programme = world.programmes[2]
    services.programme_drop(user=world.lead, programme=programme, version=1, reason="사업 종료")
    assert not Programme.objects.filter(pk=programme.pk).exists()
    record = Programme.history.filter(id=programme.pk).first()
    assert (record.history_type, record.history_change_reason) == ("-", "사업 종료")


def test_a_programme_with_approved_results_cannot_be_dropped(world):
    programme = world.programmes[2]
    report = QuarterlyReportFactory(department=world.second, year=2019, status=QuarterlyReport.Status.APPROVED)
    QuarterlyReportLineFactory(report=report, programme=programme, jobs=7)
    with pytest.raises(services.PlanRefused, match="‘어르신일자리’ 사업은 2019년에 승인된 실적이 있어 뺄 수 없습니다"):
        services.programme_drop(user=world.lead, programme=programme, version=1, reason="사업 종료")
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_publication_keeps_each_version_and_the_differences(world):
    first = services.year_plan_publish(
        user=world.lead, year_plan=world.plan, version=1, published_on=datetime.date(2019, 3, 29)
    )
    assert (first.number, first.status, len(first.rows)) == (1, YearPlan.Status.PUBLISHED, 3)
    world.plan.refresh_from_db()
    assert (world.plan.status, world.plan.published_on) == (YearPlan.Status.PUBLISHED, datetime.date(2019, 3, 29))
    services.programme_change(
        user=world.lead, programme=world.programmes[0], version=world.plan.version, reason="목표 조정", jobs_target=45
    )
    world.plan.refresh_from_db()
    with pytest.raises(services.PlanRefused, match="사유"):
        services.year_plan_revise(
            user=world.lead,
            year_plan=world.plan,
            version=world.plan.version,
            published_on=datetime.date(2019, 7, 1),
            reason="",
        )
    second = services.year_plan_revise(
        user=world.lead,
        year_plan=world.plan,
        version=world.plan.version,
        published_on=datetime.date(2019, 7, 1),
        reason="하반기 추경",
    )
    assert (second.number, second.status, second.reason) == (2, YearPlan.Status.REVISED, "하반기 추경")
    diff = plan_diff(first.rows, second.rows)
    assert (diff.added, diff.removed) == ((), ())
    [change] = diff.changed
    assert change.name == "청년창업사관"
    assert [(c.label, c.old, c.new) for c in change.changes] == [("목표(명)", "30", "45")]
    first.refresh_from_db()
    assert [row["jobs_target"] for row in first.rows if row["name"] == "청년창업사관"] == [30]


def test_a_published_plan_is_not_published_again_and_a_draft_not_revised(world):
    with pytest.raises(services.PlanRefused):
        services.year_plan_revise(
            user=world.lead, year_plan=world.plan, version=1, published_on=datetime.date(2019, 3, 1), reason="x"
        )
    services.year_plan_publish(user=world.lead, year_plan=world.plan, version=1, published_on=datetime.date(2019, 3, 1))
    with pytest.raises(services.PlanRefused):
        services.year_plan_publish(
            user=world.lead, year_plan=world.plan, version=2, published_on=datetime.date(2019, 3, 2)
        )
    assert YearPlanEdition.objects.filter(year_plan=world.plan).count() == 1


def pledge_fields(world, code="일자리-1"):
    return {
        "code": code,
        "title": "청년 일자리 공약",
        "status": "on_track",
        "implementation_rate": 0,
        "completion_due": "임기내",
        "project_type": "신규",
        "lead_department": world.first,
        "plan_label": "청년 일자리",
        "policy_goal": "청년 고용률 향상",
        "strategies": "창업\n취업",
    }


def test_a_pledge_is_created_and_linked_to_its_programmes(world):
    pledge = services.pledge_create(user=world.lead, government=world.government, **pledge_fields(world))
    added, removed = services.pledge_link_programmes(
        user=world.lead,
        pledge=pledge,
        year=2019,
        programme_ids=[p.pk for p in world.programmes[:2]],
        reason="최초 선정",
    )
    assert (added, removed) == (2, 0)
    assert set(pledge.programme_links.values_list("programme__name", flat=True)) == {"청년창업사관", "청년인턴"}
    added, removed = services.pledge_link_programmes(
        user=world.lead, pledge=pledge, year=2019, programme_ids=[world.programmes[0].pk], reason="조정"
    )
    assert (added, removed) == (0, 1)
    deleted = PledgeProgramme.history.filter(history_type="-").get()
    assert (deleted.history_user, deleted.history_change_reason) == (world.lead, "조정")


def test_a_duplicate_pledge_code_is_refused(world):
    PledgeFactory(local_government=world.government, code="일자리-1")
    with pytest.raises(services.PlanRefused, match="같은 공약 번호가 이미 있습니다: 일자리-1"):
        services.pledge_create(user=world.lead, government=world.government, **pledge_fields(world))
    assert Pledge.objects.filter(local_government=world.government).count() == 1


def test_another_governments_programme_is_never_linked(world):
    other = plan_world(name="남의구")
    pledge = PledgeFactory(local_government=world.government)
    with pytest.raises(services.PlanRefused, match="다른 지자체의 세부사업"):
        services.pledge_link_programmes(
            user=world.lead,
            pledge=pledge,
            year=2019,
            programme_ids=[world.programmes[0].pk, other.programmes[0].pk],
            reason="선정",
        )
    assert not PledgeProgramme.objects.filter(pledge=pledge).exists()


def test_next_plan_for_a_government_without_plans_is_refused():
    world = plan_world()
    government = TermPlanFactory(local_government__name="빈구").local_government
    with pytest.raises(services.PlanRefused, match="복사할 연차별 계획이 없습니다"):
        services.year_plan_create_next(user=world.lead, government=government)
