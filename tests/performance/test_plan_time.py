"""Time follows the plans: pages open on the latest plan year that has begun, the to-do lists every quarter still
owed, and a quarter that has not ended or a year without a plan cannot be reported. Today is the real clock's
date (2026-11-27 when written); the card's plans cover 2018–2022."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from performance import services
from performance.models import Department, QuarterlyReport, YearPlan
from performance.plans import default_year, ended_plan_periods, period_refusal, plan_programmes, plan_years
from performance.services import LineInput, ReportError
from tests.factories import DepartmentFactory, ProgrammeFactory, QuarterlyReportFactory
from tests.performance.plan_world import plan_world


def test_the_default_year_is_the_latest_that_has_begun():
    assert default_year([2018, 2019, 2022], datetime.date(2026, 11, 27)) == 2022
    assert default_year([2018, 2019, 2022], datetime.date(2019, 1, 1)) == 2019
    assert default_year([2027, 2028], datetime.date(2026, 11, 27)) == 2027  # only future plans: the first
    assert default_year([], datetime.date(2026, 11, 27)) is None


def test_only_ended_quarters_of_plan_years_can_be_reported(card_data):
    government = card_data.local_government_id
    assert plan_years(government)[:5] == [2018, 2019, 2020, 2021, 2022]
    assert period_refusal(government, 2021, 3, datetime.date(2026, 11, 27)) is None
    assert "끝나지 않아" in period_refusal(government, 2021, 4, datetime.date(2021, 12, 31))
    assert period_refusal(government, 2021, 4, datetime.date(2022, 1, 1)) is None
    assert "2099년에는 연차별 세부계획이 없어" in period_refusal(government, 2099, 3, datetime.date(2026, 11, 27))
    periods = ended_plan_periods(government, datetime.date(2019, 7, 1))
    assert periods == [(2018, 1), (2018, 2), (2018, 3), (2018, 4), (2019, 1), (2019, 2)]


@pytest.mark.parametrize(("year", "quarter", "message"), [(2099, 3, "계획이 없어"), (2026, 4, "")])
def test_the_service_refuses_a_period_outside_the_plans_or_not_ended(
    card_data, django_user_model, year, quarter, message
):
    staff = django_user_model.objects.get(username="dept03")
    department = staff.membership.department
    if year == 2026 and 2026 not in plan_years(department.local_government_id):
        message = "계획이 없어"
    elif year == 2026:
        message = "끝나지 않아"
    programme = plan_programmes(department, 2021).first()
    before = QuarterlyReport.objects.count()
    with pytest.raises(ReportError) as refused:
        services.report_save_lines(
            department=department,
            year=year,
            quarter=quarter,
            lines=[LineInput(programme.pk, 5)],
            user=staff,
            expected_version=0,
        )
    assert message in refused.value.message
    assert QuarterlyReport.objects.count() == before


def test_the_entry_form_of_a_future_quarter_says_why_and_goes_back(client, card_data, django_user_model):
    staff = django_user_model.objects.get(username="dept03")
    client.force_login(staff)
    department = staff.membership.department
    today = timezone.localdate()
    response = client.get(reverse("performance:entry", args=[department.pk, today.year + 1, 1]))
    assert response.status_code == 302 and response.url == reverse("performance:mine")
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "입력할 수 없습니다" in message
    page = client.get(reverse("performance:entry", args=[department.pk, 2099, 3]), follow=True)
    assert "2099년에는 연차별 세부계획이 없어" in page.content.decode()


def test_the_to_do_lists_every_unreported_quarter_oldest_first(client, card_data, django_user_model):
    staff = django_user_model.objects.get(username="dept03")
    client.force_login(staff)
    department = staff.membership.department
    page = client.get(reverse("performance:mine"))
    todo = page.context["todo"]
    reported = set(
        QuarterlyReport.objects.filter(department=department, status__in=["submitted", "approved"]).values_list(
            "year", "quarter"
        )
    )
    years = sorted(set(department.programmes.filter(is_active=True).values_list("year_plan__year", flat=True)))
    expected = [
        (year, quarter)
        for year in years
        for quarter in (1, 2, 3, 4)
        if (year, quarter) not in reported and datetime.date(year, quarter * 3, 28) < timezone.localdate()
    ]
    assert [item.period for item in todo] == expected
    assert (2018, 1) in expected and (2021, 3) in expected and (2019, 1) not in expected  # 2019 Q1 was approved
    html = page.content.decode()
    assert html.index("2018년 1분기") < html.index("2021년 3분기")
    assert reverse("performance:entry", args=[department.pk, 2021, 3]) in html


def test_the_board_opens_on_a_quarter_of_a_plan_and_offers_only_plan_years(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="lead"))
    page = client.get(reverse("performance:board"))
    years = list(page.context["years"])
    government = Department.objects.get(code="dept03").local_government_id
    assert sorted(years) == plan_years(government)
    board = page.context["board"]
    assert board.year in years
    assert (board.year, board.quarter) == ended_plan_periods(government, timezone.localdate())[-1]


def test_the_targets_page_offers_the_plan_years_and_opens_on_the_latest_begun(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="lead"))
    url = reverse("performance:targets", args=[card_data.code])
    page = client.get(url)
    government = card_data.local_government_id
    assert list(page.context["years"]) == plan_years(government)
    assert page.context["sheet"].year == default_year(plan_years(government), timezone.localdate())
    assert client.get(url, {"year": 2099}).status_code == 404


def test_a_year_the_pledge_has_no_plan_for_is_not_shown_as_an_empty_year(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="manager"))
    dashboard = reverse("dashboard", args=[card_data.code])
    assert client.get(dashboard, {"year": 2099}).status_code == 404
    assert client.get(reverse("public-pledge", args=["3170000", card_data.code]), {"year": 2099}).status_code == 404
    page = client.get(dashboard)
    assert page.status_code == 200
    assert YearPlan.objects.filter(local_government=card_data.local_government, year=2022).exists()


@pytest.mark.django_db
def test_the_board_lists_every_quarter_still_owed_oldest_first_with_how_many_departments(client):
    world = plan_world()  # a 2019 plan: 세부사업 in two departments, every quarter of it ended
    other = plan_world(name="다른구")  # another government owing every quarter: none of the lead's business
    report = {"year": 2019, "department": world.first}
    QuarterlyReportFactory(**report, quarter=1, status=QuarterlyReport.Status.APPROVED)
    QuarterlyReportFactory(**report, quarter=2, status=QuarterlyReport.Status.SUBMITTED)
    QuarterlyReportFactory(**report, quarter=3, status=QuarterlyReport.Status.RETURNED)
    report["department"] = world.second
    QuarterlyReportFactory(**report, quarter=1, status=QuarterlyReport.Status.APPROVED)
    QuarterlyReportFactory(**report, quarter=3, status=QuarterlyReport.Status.DRAFT)
    client.force_login(world.lead)
    client.get(reverse("home"))  # as in a running server: the header's demo-data flag is read once per process
    with CaptureQueriesContext(connection) as first:
        page = client.get(reverse("performance:board"))
    # Q1: both approved. Q2: the second has none. Q3: one returned, one a draft. Q4: no report at all.
    assert [(item.year, item.quarter, item.owing) for item in page.context["owed"]] == [
        (2019, 2, 1),
        (2019, 3, 2),
        (2019, 4, 2),
    ]
    html = page.content.decode()
    assert html.index("2019년 2분기</a>: 미제출 1개 부서") < html.index("2019년 4분기</a>: 미제출 2개 부서")
    assert f"{reverse('performance:board')}?year=2019&amp;quarter=3" in html

    for department in (DepartmentFactory(local_government=world.government) for _ in range(5)):
        ProgrammeFactory(year_plan=world.plan, year=2019, department=department, task=world.tasks[0])
        QuarterlyReportFactory(department=department, year=2019, quarter=2, status=QuarterlyReport.Status.APPROVED)
    with CaptureQueriesContext(connection) as more:
        page = client.get(reverse("performance:board"))
    # The five new departments reported 2019 Q2 only: Q1 now owes their five, Q3 and Q4 all seven.
    assert [(item.quarter, item.owing) for item in page.context["owed"]] == [(1, 5), (2, 1), (3, 7), (4, 7)]
    assert len(more) == len(first)  # the same queries for seven departments as for two
    assert other.government != world.government


@pytest.mark.django_db
def test_a_board_with_every_report_in_says_so(client):
    world = plan_world()
    for department in (world.first, world.second):
        for quarter in (1, 2, 3, 4):
            QuarterlyReportFactory(department=department, year=2019, quarter=quarter)
    client.force_login(world.lead)
    page = client.get(reverse("performance:board"))
    assert page.context["owed"] == [] and "끝난 분기의 보고가 모두 들어왔습니다." in page.content.decode()
