from collections import defaultdict

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Count, Sum

from geumcheon_jobs import demo_term
from geumcheon_jobs.seed import DEMO_PASSWORD, largest_remainder, report_date, seed_demo
from performance.models import (
    Department,
    Pledge,
    Programme,
    QuarterlyReport,
    QuarterlyReportLine,
    TargetGroup,
    TermPlan,
    YearPlan,
)
from performance.plans import MINISTRY_PROGRAMME_TYPES
from performance.selectors import annual_targets
from tests.results import approved_cumulative


def row_counts() -> dict[str, int]:
    """Rows in every table the product owns, history tables included."""
    models = [m for m in apps.get_models() if m._meta.app_label in {"performance", "budget", "auth"}]
    return {m._meta.label: m.objects.count() for m in models}


def test_seed_demo_twice_changes_nothing(card_data):
    before = row_counts()
    result = seed_demo()
    assert result.created == 0
    assert row_counts() == before


def test_seed_never_overwrites_a_figure_edited_since(card_data):
    line = QuarterlyReportLine.objects.filter(report__year=2019, report__quarter=1).first()
    edited = line.jobs + 5
    line.jobs = edited
    line.save()
    seed_demo()
    line.refresh_from_db()
    assert line.jobs == edited  # the card's figure is not written back over it
    assert line.history.count() == 2  # the seed's creation and the edit, nothing from the second seed


def test_demo_accounts_one_per_department(card_data):
    users = get_user_model().objects
    departments = Department.objects.filter(local_government=card_data.local_government)
    assert users.filter(username__startswith="dept").count() == departments.count() == 22
    for username in ["lead", "manager", "dept01", "dept22"]:
        assert users.get(username=username).check_password(DEMO_PASSWORD)
    assert users.get(username="lead").membership.department.name == "일자리창출과"
    assert users.get(username="dept01").membership.department.is_lead


def test_the_demo_split_says_it_is_demo(card_data):
    assert Department.objects.filter(local_government=card_data.local_government, is_demo=True).count() == 21
    assert not Department.objects.get(name="일자리창출과").is_demo


@pytest.mark.parametrize(
    ("total", "weights"), [(4469, [3, 1, 1]), (7, [1, 1, 1]), (0, [5, 5]), (10349, [2544, 724, 600, 120, 1])]
)
def test_largest_remainder_adds_up_exactly(total, weights):
    shares = largest_remainder(total, weights)
    assert sum(shares) == total and all(share >= 0 for share in shares)
    # Largest remainder: every share is its exact quota rounded down or up, never further from it.
    exact = [total * w / sum(weights) for w in weights]
    assert all(abs(share - e) < 1 for share, e in zip(shares, exact, strict=True))


def test_largest_remainder_gives_the_leftovers_to_the_largest_remainders():
    # 4,469 × 3/5 = 2,681.4 and 893.8 twice: floors 2,681 + 893 + 893 = 4,467; the two .8s get the two left over.
    assert largest_remainder(4469, [3, 1, 1]) == [2681, 894, 894]
    assert largest_remainder(0, [5, 5]) == [0, 0]


# The demo 민선8기 term (fixtures/demo_term8.json). Expected figures are read from the fixture itself, not from
# the product's selectors, so that a selector counting the wrong lines cannot agree with them.

TERM8_YEARS = (2023, 2024, 2025, 2026)
NEW_PLEDGES = ("일자리-1", "일자리-2", "일자리-3")


def fixture_rows(year: int) -> list[dict]:
    plan = demo_term.load()["plans"][str(year)]
    return [row for strategy in plan["strategies"] for task in strategy["tasks"] for row in task["programmes"]]


def test_term8_has_four_published_demo_plans_with_about_a_hundred_programmes(card_data):
    government = card_data.local_government
    term = TermPlan.objects.get(local_government=government, name="민선8기")
    assert (term.first_year, term.last_year, term.is_demo) == (2023, 2026, True)
    assert term.jobs_target
    assert YearPlan.objects.get(local_government=government, year=2022).term.name == "민선7기"
    types = set(MINISTRY_PROGRAMME_TYPES)
    for year in TERM8_YEARS:
        plan = YearPlan.objects.get(local_government=government, year=year)
        assert (plan.term, plan.status, plan.is_demo) == (term, YearPlan.Status.PUBLISHED, True)
        assert plan.published_on.year == year
        strategies = list(plan.strategies.annotate(tasks_count=Count("tasks")))
        assert 3 <= len(strategies) <= 4
        assert all(2 <= strategy.tasks_count <= 4 for strategy in strategies)
        rows = list(plan.programmes.select_related("task__strategy", "programme_type", "target_group"))
        assert len(rows) >= 90
        assert len({row.department_id for row in rows}) == 22
        for row in rows:
            assert row.task.strategy.year_plan_id == plan.pk
            assert row.programme_type.name in types
            assert row.target_group.local_government_id == government.pk
            assert row.jobs_target > 0
    groups = set(TargetGroup.objects.filter(local_government=government).values_list("name", flat=True))
    assert {"청년층", "중·장년층", "노년층", "취약계층", "민간", "여성", "장애인"} <= groups


def test_term8_each_programme_keeps_one_lineage_across_the_years(card_data):
    rows = Programme.objects.filter(year_plan__term__name="민선8기").select_related("year_plan", "department")
    lineages = defaultdict(set)  # name -> lineage ids
    years = defaultdict(set)  # lineage id -> years
    for row in rows:
        lineages[row.name].add(row.lineage_id)
        years[row.lineage_id].add(row.year_plan.year)
    assert all(len(ids) == 1 for ids in lineages.values())
    assert len(lineages) == len(years)  # one name per lineage too
    spans = [tuple(sorted(y)) for y in years.values()]
    assert spans.count(TERM8_YEARS) >= 90
    assert any(span[0] > 2023 for span in spans) and any(span[-1] < 2026 for span in spans)  # added, dropped
    # The card's 민선7기 rows keep lineages of their own.
    old = set(Programme.objects.filter(year_plan__term__name="민선7기").values_list("lineage_id", flat=True))
    assert not old & set(years)
    moved = {row.year_plan.year: row.department.name for row in rows if row.name == "사회적경제기업 육성"}
    assert moved == {2023: "지역경제과", 2024: "지역경제과", 2025: "일자리창출과", 2026: "일자리창출과"}


def expected_pledge_results(code: str, year: int) -> int:
    """The jobs of the pledge's rows in the fixture's approved reports: every quarter but the pending ones."""
    data = demo_term.load()
    pledge = next(pledge for pledge in data["pledges"] if pledge["code"] == code)
    pending = data["pending_2026_q3"]
    not_approved = {*pending["submitted"], *pending["returned"], *pending["missing"]}
    linked = set(pledge["programmes"][str(year)])
    total = 0
    for row in fixture_rows(year):
        if row["lineage"] in linked:
            quarters = row["results"][:2] if year == 2026 and row["department"] in not_approved else row["results"]
            total += sum(quarters)
    return total


@pytest.mark.parametrize("code", NEW_PLEDGES)
def test_term8_pledge_results_are_its_own_rows_approved_lines(card_data, code):
    pledge = Pledge.objects.get(code=code)
    card = Pledge.objects.get(code="지역경제-11")
    assert "시연용" in pledge.title and "시연용" in pledge.policy_goal
    assert set(annual_targets(pledge)) == set(TERM8_YEARS)
    for year in TERM8_YEARS:
        result = approved_cumulative(pledge, year, 4)
        assert result == expected_pledge_results(code, year) > 0
        assert result != approved_cumulative(card, year, 4)
        linked = Programme.objects.filter(pledge_links__pledge=pledge, year_plan__year=year)
        assert 0 < linked.count() < Programme.objects.filter(year_plan__year=year).count()
    # 지역경제-11 keeps only its 민선7기 rows; the three pledges differ from one another too.
    assert set(card.programme_links.values_list("programme__year_plan__term__name", flat=True)) == {"민선7기"}
    assert len({approved_cumulative(Pledge.objects.get(code=other), 2024, 4) for other in NEW_PLEDGES}) == 3


def test_term8_pledge_card_opens(login):
    response = login("lead").get("/pledges/일자리-1/card/?year=2025")
    assert response.status_code == 200
    assert "청년이 머무는 일자리 도시" in response.content.decode()


def test_term8_quarters_land_near_each_programme_target(card_data):
    totals = (
        QuarterlyReportLine.objects.filter(
            report__status=QuarterlyReport.Status.APPROVED, programme__year_plan__year__in=(2023, 2024, 2025)
        )
        .values("programme_id", "programme__jobs_target")
        .annotate(jobs=Sum("jobs"), quarters=Count("report"))
    )
    assert len(totals) >= 290
    for row in totals:
        assert row["quarters"] == 4
        assert 0.9 * row["programme__jobs_target"] <= row["jobs"] <= 1.1 * row["programme__jobs_target"] + 1


def test_term8_2026_q3_leaves_a_few_reports_pending(card_data):
    departments = Department.objects.filter(local_government=card_data.local_government)
    reports = {
        report.department.name: report
        for report in QuarterlyReport.objects.filter(year=2026, quarter=3, department__in=departments).select_related(
            "department"
        )
    }
    by_status = defaultdict(list)
    for report in reports.values():
        by_status[report.status].append(report)
    assert len(by_status[QuarterlyReport.Status.SUBMITTED]) == 2
    assert len(by_status[QuarterlyReport.Status.RETURNED]) == 1
    assert by_status[QuarterlyReport.Status.RETURNED][0].review_reason
    assert len(reports) == departments.count() - 2 == len(by_status[QuarterlyReport.Status.APPROVED]) + 3
    assert not QuarterlyReport.objects.filter(year=2026, quarter=4).exists()
    lead = get_user_model().objects.get(username="lead")
    earlier = QuarterlyReport.objects.filter(year__gte=2023, department__in=departments).exclude(year=2026, quarter=3)
    assert earlier.count() == departments.count() * 14  # 2023 Q1 … 2026 Q2, every department
    assert not earlier.exclude(status=QuarterlyReport.Status.APPROVED).exists()
    assert not earlier.exclude(reviewed_by=lead).exists()
    assert earlier.get(department__code="dept03", year=2024, quarter=4).reviewed_at == report_date(2024, 4)


def test_seed_never_overwrites_a_term8_figure_edited_since(card_data):
    line = QuarterlyReportLine.objects.filter(report__year=2024, report__quarter=2).first()
    line.jobs += 5
    line.save()
    result = seed_demo()
    line.refresh_from_db()
    assert result.created == 0
    assert line.history.count() == 2  # the seed's creation and the edit


def test_term8_2024_results_report_is_written_by_the_lead_and_2025s_is_left_to_write(card_data):
    """The demo's 2024 추진실적 보고서 holds its four sections and evidence, saved by `lead` with history; 2025's is
    empty for the demo's lead to write; seeding again changes neither."""
    from performance.models import EvaluationReport

    government = card_data.local_government
    report = EvaluationReport.objects.get(year_plan__local_government=government, year_plan__year=2024)
    assert report.achievements.startswith("민선8기 2년 차 일자리 목표")
    assert all((report.achievements, report.best_practices, report.shortfalls, report.next_steps))
    assert [(e.title, e.reference) for e in report.evidence.order_by("sort_order")] == [
        ("2024년 4분기 일자리창출 실적 보고", "분기보고_2024_4.pdf"),
        ("지역별고용조사 2024년 하반기", "https://kosis.kr"),
    ]
    assert [h.history_user.username for h in report.history.all()] == ["lead"]
    assert not EvaluationReport.objects.filter(year_plan__local_government=government, year_plan__year=2025).exists()
    seed_demo()
    assert EvaluationReport.objects.get(pk=report.pk).version == report.version
    assert report.history.count() == 1
