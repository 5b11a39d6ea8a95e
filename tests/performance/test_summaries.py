"""The summaries the pages read stay exact through every change they depend on — approval, reopening, a plan change
that moves a 세부사업's department, 부문 or 대상, a pledge's links, a dropped 세부사업, a plan import — and
`verify_summaries` finds any difference. Expected figures are written out by hand from the lines the test makes."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from performance import plan_services, services, summaries
from performance.achievement import achievement, department_achievement
from performance.models import ALL_DEPARTMENTS, Dimension, QuarterlyReport, ResultsRevision, ResultSummary
from performance.selectors import report_periods
from performance.services import LineInput
from tests.factories import (
    LocalGovernmentFactory,
    PledgeFactory,
    ProgrammeFactory,
    ProgrammeTypeFactory,
    TargetGroupFactory,
    staff_of,
)
from tests.performance.plan_world import plan_world

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def world():
    """plan_world's 2019 plan (청년창업사관 30, 청년인턴 20 in the first department; 어르신일자리 100 in the second) and a
    pledge drawing on 청년창업사관 and 어르신일자리."""
    world = plan_world()
    world.pledge = PledgeFactory(local_government=world.government)
    world.plan.refresh_from_db()
    plan_services.pledge_link_programmes(
        user=world.lead,
        pledge=world.pledge,
        year=2019,
        programme_ids=[world.programmes[0].pk, world.programmes[2].pk],
        reason="연결",
    )
    return world


def approved(world, department, quarter: int, figures: dict) -> QuarterlyReport:
    """A department's quarter entered, submitted and approved through the services."""
    staff = staff_of(department)
    report = services.report_save_lines(
        department=department,
        year=2019,
        quarter=quarter,
        lines=[LineInput(programme.pk, jobs) for programme, jobs in figures.items()],
        user=staff,
        expected_version=0,
    )
    report = services.report_submit(report_id=report.pk, user=staff, expected_version=report.version, acknowledged=True)
    return services.report_approve(report_id=report.pk, user=world.lead, expected_version=report.version)


def totals(world) -> dict:
    return {(p["year"], p["quarter"]): (p["jobs"], p["approved"]) for p in report_periods(world.pledge)}


def test_an_approval_adds_a_reopening_subtracts_and_nothing_else_counts(world):
    startup, intern, elderly = world.programmes
    approved(world, world.first, 1, {startup: 12, intern: 500})  # 청년인턴 is not the pledge's
    report = approved(world, world.second, 1, {elderly: 40})
    assert totals(world) == {(2019, 1): (52, 2)}
    services.report_reopen(report_id=report.pk, user=world.lead, expected_version=report.version, reason="오류")
    assert totals(world) == {(2019, 1): (12, 1)}
    assert summaries.differences() == []


def test_breakdowns_and_department_rows_read_the_summaries(world):
    startup, intern, elderly = world.programmes
    approved(world, world.first, 1, {startup: 12, intern: 500})
    approved(world, world.first, 2, {startup: 3, intern: 1})
    approved(world, world.second, 2, {elderly: 40})
    overview = achievement(world.pledge, 2019, None, today=TODAY)
    groups = {share.label: (share.cumulative, share.target) for share in overview.groups}
    assert groups == {"청년층": (15, None), "노년층": (40, None)}  # the pledge set no 계층별 목표
    types = {share.label: (share.cumulative, share.target) for share in overview.types}
    assert types == {"직접일자리": (40, 100), "창업지원": (15, 30)}
    rows = {row.name: (row.cumulative, row.target) for row in department_achievement(world.pledge, 2019, None)}
    assert rows == {world.first.name: (15, 30), world.second.name: (40, 100)}
    through_q1 = {row.name: row.cumulative for row in department_achievement(world.pledge, 2019, None, 1)}
    assert through_q1 == {world.first.name: 12, world.second.name: 0}
    # Staff read their own department's breakdown only.
    own = achievement(world.pledge, 2019, staff_of(world.second), today=TODAY)
    assert {share.label: share.cumulative for share in own.types} == {"직접일자리": 40}


def test_a_plan_change_moves_the_results_with_the_programme(world):
    _startup, _intern, elderly = world.programmes
    approved(world, world.second, 1, {elderly: 40})
    other_group = TargetGroupFactory(local_government=world.government, name="중장년층")
    world.plan.refresh_from_db()
    plan_services.programme_change(
        user=world.lead,
        programme=elderly,
        version=world.plan.version,
        reason="부서 이관",
        department=world.first,
        target_group=other_group,
        jobs_target=120,
    )
    rows = {row.name: (row.cumulative, row.target) for row in department_achievement(world.pledge, 2019, None)}
    assert rows == {world.first.name: (40, 150)}  # 30 + 120: both targets now in the first department
    overview = achievement(world.pledge, 2019, None, today=TODAY)
    assert {share.label: share.cumulative for share in overview.groups} == {"중장년층": 40}
    assert summaries.differences() == []


def test_links_added_and_removed_bring_their_results_in_and_out(world):
    startup, intern, _elderly = world.programmes
    approved(world, world.first, 1, {startup: 12, intern: 500})
    assert totals(world) == {(2019, 1): (12, 1)}
    plan_services.pledge_link_programmes(
        user=world.lead, pledge=world.pledge, year=2019, programme_ids=[intern.pk], reason="재구성"
    )
    assert totals(world) == {(2019, 1): (500, 1)}
    assert summaries.differences() == []


def test_verify_summaries_names_a_tampered_row_and_rebuild_repairs_it(world, capsys):
    approved(world, world.second, 1, {world.programmes[2]: 40})
    call_command("verify_summaries")
    assert "모두 같습니다" in capsys.readouterr().out
    ResultSummary.objects.filter(
        pledge=world.pledge, department=ALL_DEPARTMENTS, dimension=Dimension.TOTAL, quarter=1
    ).update(jobs=41)
    with pytest.raises(CommandError, match="1개 행"):
        call_command("verify_summaries")
    assert "stored [41, 1], computed [40, 1]" in capsys.readouterr().out
    call_command("verify_summaries", "--rebuild")
    call_command("verify_summaries")
    assert totals(world) == {(2019, 1): (40, 1)}


def test_each_government_has_its_own_revision(world):
    other = LocalGovernmentFactory()
    before = ResultsRevision.objects.filter(local_government=world.government).get().number
    approved(world, world.second, 1, {world.programmes[2]: 40})
    after = ResultsRevision.objects.filter(local_government=world.government).get().number
    assert after > before
    assert not ResultsRevision.objects.filter(local_government=other).exists()  # untouched by the other's writes


def test_the_dashboard_reads_in_constant_queries_whatever_the_lines(world, django_assert_max_num_queries):
    _startup, _intern, elderly = world.programmes
    approved(world, world.second, 1, {elderly: 40})
    with django_assert_max_num_queries(12) as few:
        achievement(world.pledge, 2019, world.lead, today=TODAY)
        list(department_achievement(world.pledge, 2019, world.lead))
    kinds = [ProgrammeTypeFactory(local_government=world.government) for _ in range(3)]
    added = [
        ProgrammeFactory(
            year_plan=world.plan, department=world.first, programme_type=kinds[index % 3], pledges=[world.pledge]
        )
        for index in range(30)
    ]
    for quarter in range(1, 5):
        approved(world, world.first, quarter, {programme: quarter for programme in added})
    with django_assert_max_num_queries(len(few.captured_queries)):
        achievement(world.pledge, 2019, world.lead, today=TODAY)
        list(department_achievement(world.pledge, 2019, world.lead))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between sessions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_one_governments_writes_never_wait_on_anothers_lock():
    import threading

    from django.db import connections, transaction

    from performance.revision import revision_bump

    first, second = LocalGovernmentFactory(name="가구"), LocalGovernmentFactory(name="나구")
    revision_bump(first)
    revision_bump(second)
    holding, release, outcome = threading.Event(), threading.Event(), {}

    def hold_first():
        try:
            with transaction.atomic():
                revision_bump(first)
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    def write_second():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
                revision_bump(second)
            outcome["second"] = "written"
        except Exception as error:
            outcome["second"] = repr(error)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_first)
    holder.start()
    assert holding.wait(10)
    writer = threading.Thread(target=write_second)
    writer.start()
    writer.join(15)
    release.set()
    holder.join(15)
    assert outcome == {"second": "written"}
