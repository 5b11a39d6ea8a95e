"""The benches' plan data (bench/_plan.py) is the plan model's: yearly plans, one row per 세부사업 and year in one
lineage, each with its target and pledge link; and results can be saved on it."""

from collections import Counter

from bench._plan import make_plan, make_pledge, make_programmes
from performance import services
from performance.models import PledgeProgramme, Programme, QuarterlyReportLine, YearPlan
from performance.plans import MINISTRY_PROGRAMME_TYPES, plan_programmes, plan_years
from performance.selectors import pledge_lines


def small_plan():
    return make_plan(
        departments=3, years=range(2016, 2019), groups=("청년층", "노년층"), name="벤치시험구", code="0000009"
    )


def test_a_government_with_its_lists_a_term_and_a_published_plan_for_each_year(db):
    plan = small_plan()
    assert plan_years(plan.government) == [2016, 2017, 2018]
    assert (plan.term.first_year, plan.term.last_year) == (2016, 2018)
    assert set(YearPlan.objects.filter(local_government=plan.government).values_list("status", flat=True)) == {
        YearPlan.Status.PUBLISHED
    }
    assert [t.name for t in plan.types] == list(MINISTRY_PROGRAMME_TYPES)
    assert [g.name for g in plan.groups] == ["청년층", "노년층"]
    assert all(t.local_government == plan.government for t in [*plan.types, *plan.groups])
    assert [d.code for d in plan.departments] == ["b000", "b001", "b002"]
    assert [d.is_lead for d in plan.departments] == [True, False, False]


def test_every_programme_has_a_row_a_year_in_one_lineage_with_its_target_and_pledge_link(db):
    plan = small_plan()
    pledge = make_pledge(plan)
    made = make_programmes(plan, 4, pledge=pledge, jobs_target=lambda i, j, year: None if j == 3 else year - 2000 + j)
    rows = list(Programme.objects.filter(department__in=plan.departments).select_related("year_plan"))
    assert made == len(rows) == 3 * 4 * 3  # departments × 세부사업 × years
    by_lineage = Counter(row.lineage_id for row in rows)
    assert len(by_lineage) == 12 and set(by_lineage.values()) == {3}  # one lineage, three yearly rows
    for row in rows:
        assert row.year_plan.local_government == plan.government
        assert row.lineage.local_government == plan.government
        assert row.target_group in plan.groups and row.programme_type in plan.types
        expected = None if row.name == "사업003" else row.year_plan.year - 2000 + int(row.name[-3:])
        assert row.jobs_target == expected
    assert set(PledgeProgramme.objects.filter(pledge=pledge).values_list("programme_id", flat=True)) == {
        row.pk for row in rows
    }
    assert plan_programmes(plan.departments[1], 2017).count() == 4


def test_results_of_a_past_plan_year_can_be_saved_on_the_pledge_s_programmes(db):
    plan = small_plan()
    pledge = make_pledge(plan)
    make_programmes(plan, 2, pledge=pledge)
    department = plan.departments[2]
    rows = list(plan_programmes(department, 2018).order_by("pk"))
    report = services.report_save_lines(
        department=department,
        year=2018,
        quarter=4,
        lines=[services.LineInput(rows[0].pk, 5), services.LineInput(rows[1].pk, 7)],
        user=None,
        expected_version=0,
    )
    assert sorted(QuarterlyReportLine.objects.filter(report=report).values_list("jobs", flat=True)) == [5, 7]
    assert sorted(pledge_lines(pledge).values_list("jobs", flat=True)) == [5, 7]  # the rows are the pledge's
