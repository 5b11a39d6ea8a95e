"""A whole yearly plan's results (the plan's documents read them): approved lines only, by 세부사업, 부문, 대상 and
department, each beside its target — computed by hand on a small plan, and equal to the dashboard's figures for a
pledge that draws on every 세부사업 of the demo plan; and the 부문 × 대상 table's totals are the sums of the 세부사업
listed."""

from collections import defaultdict
from decimal import Decimal

import pytest

from performance import summaries
from performance.achievement import achievement, department_achievement
from performance.models import PledgeProgramme, Programme, ProgrammeBudget, QuarterlyReport, YearPlan
from performance.plan_results import plan_results, term_trend
from performance.plans import cross_table, plan_sheet
from tests.factories import PledgeFactory, QuarterlyReportFactory, QuarterlyReportLineFactory
from tests.performance.plan_world import plan_world

pytestmark = pytest.mark.django_db
SUBMITTED = QuarterlyReport.Status.SUBMITTED


def _reported(world):
    """Q1: 청년창업사관 5, 청년인턴 9 (first department), 어르신일자리 41 (second); Q2: 청년창업사관 7 approved, and the
    second department's 50 only submitted — it must not count."""
    startup, intern, elderly = world.programmes
    first_q1 = QuarterlyReportFactory(department=world.first, year=2019, quarter=1)
    second_q1 = QuarterlyReportFactory(department=world.second, year=2019, quarter=1)
    first_q2 = QuarterlyReportFactory(department=world.first, year=2019, quarter=2)
    second_q2 = QuarterlyReportFactory(department=world.second, year=2019, quarter=2, status=SUBMITTED)
    for report, programme, jobs in (
        (first_q1, startup, 5),
        (first_q1, intern, 9),
        (second_q1, elderly, 41),
        (first_q2, startup, 7),
        (second_q2, elderly, 50),
    ):
        QuarterlyReportLineFactory(report=report, programme=programme, jobs=jobs)


def test_results_by_programme_type_group_and_department_computed_by_hand():
    world = plan_world()
    _reported(world)
    results = plan_results(world.plan)

    # 5 + 9 + 41 = 55 through Q1; + 7 = 62 through Q2; nothing approved after.
    assert results.by_quarter == (55, 62, None, None)
    assert results.quarter == 2
    # 62 of 30 + 20 + 100 = 150: 41.33… → 41.3%
    assert (results.total.cumulative, results.total.target, results.total.rate) == (62, 150, Decimal("41.3"))
    assert {(s.label, s.cumulative, s.target, s.rate) for s in results.by_type} == {
        ("직접일자리", 9 + 41, 20 + 100, Decimal("41.7")),  # 50 / 120 = 41.66…
        ("창업지원", 5 + 7, 30, Decimal("40.0")),
    }
    assert {(s.label, s.cumulative, s.target, s.rate) for s in results.by_group} == {
        ("청년층", 5 + 9 + 7, 30 + 20, Decimal("42.0")),
        ("노년층", 41, 100, Decimal("41.0")),
    }
    assert {(s.label, s.cumulative, s.target) for s in results.by_department} == {
        (world.first.name, 5 + 9 + 7, 30 + 20),
        (world.second.name, 41, 100),
    }
    assert {(r.programme.name, r.cumulative, r.rate) for r in results.programmes} == {
        ("청년창업사관", 12, Decimal("40.0")),
        ("청년인턴", 9, Decimal("45.0")),
        ("어르신일자리", 41, Decimal("41.0")),
    }


def test_through_a_quarter_stops_there_and_a_part_without_every_target_has_none():
    world = plan_world()
    _reported(world)
    intern = world.programmes[1]
    intern.jobs_target = None
    intern.save()

    results = plan_results(world.plan, through_quarter=1)

    assert results.by_quarter == (55, None, None, None)
    assert results.total.cumulative == 55
    assert results.total.target is None and results.total.rate is None  # one 세부사업 without a target: "—"
    direct = next(s for s in results.by_type if s.label == "직접일자리")
    assert (direct.cumulative, direct.target) == (9 + 41, None)
    startup = next(s for s in results.by_type if s.label == "창업지원")
    assert (startup.cumulative, startup.target, startup.rate) == (5, 30, Decimal("16.7"))


def test_term_trend_reads_each_year_of_the_term():
    world = plan_world()
    _reported(world)
    trend = term_trend(world.plan.term, 2019)
    year = next(y for y in trend if y.year == 2019)
    assert (year.has_plan, year.target, year.cumulative, year.rate) == (True, 150, 62, Decimal("41.3"))


@pytest.fixture
def whole_plan_pledge(card_data):
    """A pledge of 금천구 drawing on every 세부사업 of the demo 2025 plan: its dashboard shows the plan's figures."""
    plan = YearPlan.objects.get(local_government=card_data.local_government, year=2025)
    pledge = PledgeFactory(
        local_government=card_data.local_government, code="전체-2025", lead_department=card_data.lead_department
    )
    PledgeProgramme.objects.bulk_create(
        PledgeProgramme(pledge=pledge, programme=p) for p in Programme.objects.filter(year_plan=plan)
    )
    summaries.refresh([pledge.pk])
    return plan, pledge


def test_every_figure_equals_the_dashboard_of_a_pledge_drawing_on_the_whole_plan(whole_plan_pledge):
    plan, pledge = whole_plan_pledge
    results = plan_results(plan)
    overview = achievement(pledge, 2025, None)
    departments = department_achievement(pledge, 2025, None)

    assert results.total.cumulative == overview.cumulative > 0
    assert results.by_quarter == overview.by_year[2025]
    assert [(s.label, s.cumulative, s.target, s.rate) for s in results.by_type] == [
        (s.label, s.cumulative, s.target, s.rate) for s in overview.types
    ]
    # The dashboard's group targets are the pledge's own (none here); its results by group are the plan's.
    assert {s.label: s.cumulative for s in results.by_group} == {s.label: s.cumulative for s in overview.groups}
    assert [(s.label, s.cumulative, s.target, s.rate) for s in results.by_department] == [
        (d.name, d.cumulative, d.target, d.rate) for d in departments
    ]


def test_cross_table_totals_are_the_sums_of_the_programmes_listed(card_data):
    plan = YearPlan.objects.get(local_government=card_data.local_government, year=2025)
    sheet = plan_sheet(plan, None)
    cross = cross_table(sheet)

    # Independently, from the rows: count, target and secured budget by (부문, 대상).
    count, target, budget = defaultdict(int), defaultdict(int), defaultdict(int)
    for programme in Programme.objects.filter(year_plan=plan).select_related("programme_type", "target_group"):
        key = (programme.programme_type.name, programme.target_group.name)
        count[key] += 1
        target[key] += programme.jobs_target or 0
    for row in ProgrammeBudget.objects.filter(programme__year_plan=plan).select_related(
        "programme__programme_type", "programme__target_group"
    ):
        budget[(row.programme.programme_type.name, row.programme.target_group.name)] += row.secured

    listed = [p for block in sheet.strategies for task in block.tasks for p in task.programmes]
    assert len(listed) == sum(count.values()) == cross.total.count
    assert cross.total.target == sum(target.values())
    assert cross.total.budget.secured == sum(budget.values())
    for type_row, cells in cross.rows:
        for group, cell in zip(cross.groups, cells, strict=True):
            key = (type_row.name, group.name)
            if cell is None:
                assert count[key] == 0
            else:
                assert (cell.count, cell.target or 0) == (count[key], target[key])
                assert (cell.budget.secured if cell.budget else 0) == budget[key]
        assert type_row.count == sum(v for (t, _g), v in count.items() if t == type_row.name)
        assert type_row.target == sum(v for (t, _g), v in target.items() if t == type_row.name)
    for group in cross.groups:
        assert group.count == sum(v for (_t, g), v in count.items() if g == group.name)
        assert group.budget.secured == sum(v for (_t, g), v in budget.items() if g == group.name)
