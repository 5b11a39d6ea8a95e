"""The achievement dashboard: the card's figures, the pace, approved figures only, access, queries."""

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db.models import Sum
from django.urls import reverse

from performance import plan_services, services
from performance.achievement import achievement
from performance.calculations import expected_rate, pace_status, projected_year_end
from performance.models import Department, QuarterlyReport, QuarterlyReportLine
from performance.plans import plan_programmes
from performance.services import LineInput

URL = reverse("dashboard", args=["지역경제-11"])


def test_expected_rate_from_earlier_years_or_linear():
    earlier = {2019: {1: Decimal("50.2"), 2: Decimal("74.8")}, 2020: {1: Decimal("59.0"), 2: Decimal("75.0")}}
    assert expected_rate(earlier, 2) == (Decimal("74.9"), True)
    assert expected_rate({}, 3) == (Decimal("75"), False)


@pytest.mark.parametrize(
    ("rate", "status"), [("74.9", "on_track"), ("80", "on_track"), ("68.0", "caution"), ("67.4", "behind")]
)
def test_pace_status(rate, status):
    assert pace_status(Decimal(rate), Decimal("74.9")) == status


def test_projected_year_end():
    assert projected_year_end(7342, 2, [Decimal(6655) / 10349, Decimal(7875) / 10814]) == 10708
    assert projected_year_end(3000, 1, []) == 12000
    assert projected_year_end(10349, 4, []) == 10349


def test_2021_against_the_pace_of_2019_and_2020(card_data, django_user_model):
    overview = achievement(card_data, 2021, django_user_model.objects.get(username="manager"))
    assert (overview.target, overview.quarter, overview.cumulative, overview.rate) == (10800, 2, 7342, Decimal("68.0"))
    assert (overview.expected, overview.expected_from_history, overview.history_years) == (
        Decimal("74.9"),
        True,
        (2019, 2020),
    )
    assert overview.status == "caution" and overview.projected == 10708
    assert overview.by_year[2019] == (4469, 6655, 8076, 10349)
    assert (overview.groups[0].label, overview.groups[0].target) == ("청년층", 434)
    assert sum(g.cumulative for g in overview.groups) == 7342


def test_a_year_without_earlier_years_falls_back_to_a_linear_pace(card_data, django_user_model):
    overview = achievement(card_data, 2019, django_user_model.objects.get(username="manager"))
    assert (overview.rate, overview.expected_from_history, overview.status) == (Decimal("116.3"), False, "on_track")


@pytest.mark.parametrize("username", ["manager", "lead", "dept03"])
def test_the_page_shows_the_card_figures(client, card_data, django_user_model, username):
    client.force_login(django_user_model.objects.get(username=username))
    html = client.get(URL, {"year": 2019}).content.decode()
    for figure in ["8,900", "10,349", "116.3%", "4,469", "6,655", "8,076"]:
        assert figure in html
    html = client.get(URL, {"year": 2020}).content.decode()
    for figure in ["10,500", "10,814", "103.0%", "6,197", "7,875", "9,612"]:
        assert figure in html


def test_the_default_year_is_the_latest_plan_year_that_has_begun(client, card_data, django_user_model):
    """The card's pledge draws on the 2018–2022 plans: today (2026) the dashboard opens on 2022, a year with a plan
    and a target (10,800) even though nothing is approved in it yet; 2021 shows its figures when chosen."""
    client.force_login(django_user_model.objects.get(username="manager"))
    html = client.get(URL).content.decode()
    assert re.search(r'<option value="2022"\s+selected', html) and "10,800" in html
    html = client.get(URL, {"year": 2021}).content.decode()
    assert "7,342" in html and "주의" in html and "74.9%" in html


def test_drafts_and_submissions_do_not_count_but_are_listed(client, card_data, django_user_model):
    user = django_user_model.objects.get(username="dept03")
    department = user.membership.department
    report = services.report_save_lines(
        department=department,
        year=2021,
        quarter=3,
        user=user,
        expected_version=0,
        lines=[LineInput(p.pk, 999) for p in plan_programmes(department, 2021)],
    )
    services.report_submit(report_id=report.pk, user=user, expected_version=report.version, acknowledged=True)
    client.force_login(django_user_model.objects.get(username="manager"))
    html = client.get(URL, {"year": 2021}).content.decode()
    assert "7,342" in html and "8,341" not in html
    assert "제출(검토 대기) 1" in html


def test_staff_see_only_their_own_department_in_the_table(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="dept03"))
    html = client.get(URL, {"year": 2021}).content.decode()
    assert "어르신복지과" in html and "생활보장과" not in html


def test_departments_link_to_their_reports(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="manager"))
    dept04 = django_user_model.objects.get(username="dept04").membership.department
    html = client.get(URL, {"year": 2021}).content.decode()
    link = reverse("performance:department", args=[dept04.pk])
    assert link in html
    assert "2021년 2분기" in client.get(link).content.decode()


def test_filter_the_department_table(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="lead"))
    html = client.get(URL, {"year": 2021, "name": "복지"}).content.decode()
    assert "어르신복지과" in html and "생활보장과" not in html


def department_rows(html: str) -> list[tuple[str, str]]:
    """(department, rate as shown) for each row of the dashboard's department table, top to bottom."""
    table = re.search(r"<caption>부서별 승인 실적, 목표와 달성률</caption>.*?<tbody[^>]*>(.*?)</tbody>", html, re.S)[1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]
    return [(re.sub(r"<[^>]+>", "", c[0]).strip(), re.sub(r"<[^>]+>", "", c[-1]).strip()) for c in cells]


def retarget(programme, jobs: int) -> None:
    """A 세부사업's target changed as the lead department changes it on the plan screen."""
    from django.contrib.auth import get_user_model

    programme.year_plan.refresh_from_db()
    plan_services.programme_change(
        user=get_user_model().objects.get(username="lead"),
        programme=programme,
        version=programme.year_plan.version,
        reason="목표 조정",
        jobs_target=jobs,
    )


def test_sort_the_department_table_by_rate(client, card_data, django_user_model):
    """Targets for three more departments give four distinct rates; sorted by rate, the rows follow them (highest
    first, or lowest first) and the departments without a rate ("—") come last either way."""
    targets = {"복지정책과": 100, "어르신복지과": 2000, "지역경제과": 1000}  # each department's whole target
    for name, jobs in targets.items():
        programmes = plan_programmes(Department.objects.get(name=name), 2021).order_by("pk")
        for i, programme in enumerate(programmes):
            retarget(programme, jobs if i == 0 else 0)
    targets["생활보장과"] = plan_programmes(Department.objects.get(name="생활보장과"), 2021).aggregate(
        total=Sum("jobs_target")
    )["total"]
    approved = QuarterlyReportLine.objects.filter(report__year=2021, report__status=QuarterlyReport.Status.APPROVED)
    rates = {
        name: Fraction(approved.filter(report__department__name=name).aggregate(total=Sum("jobs"))["total"], jobs)
        for name, jobs in targets.items()
    }
    highest_first = sorted(rates, key=rates.get, reverse=True)
    client.force_login(django_user_model.objects.get(username="lead"))

    for sort, expected in (("-rate", highest_first), ("rate", highest_first[::-1])):
        rows = department_rows(client.get(URL, {"year": 2021, "sort": sort}).content.decode())
        assert [name for name, _rate in rows[: len(expected)]] == expected, sort
        assert all(rate.endswith("%") for _name, rate in rows[: len(expected)]), sort
        assert rows[len(expected) :] and all(rate == "—" for _name, rate in rows[len(expected) :]), sort


def test_the_department_table_pages_in_korean_and_keeps_the_query(client, card_data, django_user_model, monkeypatch):
    """Two rows a page: the first page links to every page and 다음 (no English "next"), the header that sorts says
    so with aria-sort and its link turns the order round, and the other links keep the year and the sort; a page
    past the end shows the last page."""
    from geumcheon_jobs import views

    client.force_login(django_user_model.objects.get(username="lead"))
    names = [row[0] for row in department_rows(client.get(URL, {"year": 2021}).content.decode())]
    assert len(names) == len(set(names)) > 2  # the departments with figures in 2021, on one page of 25
    monkeypatch.setattr(views.DashboardView, "per_page", 2)

    html = client.get(URL, {"year": 2021, "sort": "name"}).content.decode()
    table = re.search(r'<div class="table-container">.*?</nav>', html, re.S)[0]
    assert re.search(
        r'<th scope="col" class="orderable" aria-sort="ascending"><a href="\?year=2021&amp;sort=-name">부서', table
    )
    pages = re.findall(r'<li[^>]*><a href="([^"]+)"[^>]*>([^<]+)</a></li>', table)
    last = -(-len(names) // 2)
    assert [label for _href, label in pages] == [str(n) for n in range(1, last + 1)] + ["다음"]
    assert all("year=2021" in href and "sort=name" in href for href, _label in pages)
    assert "next" not in table and 'aria-current="page">1<' in table
    assert [name for name, _rate in department_rows(html)] == sorted(names)[:2]

    beyond = department_rows(client.get(URL, {"year": 2021, "sort": "name", "page": 99}).content.decode())
    assert [name for name, _rate in beyond] == sorted(names)[(last - 1) * 2 :]


@pytest.mark.parametrize("year", ["2019", "2021", "2022", ""])
@pytest.mark.parametrize("username", ["manager", "dept03"])
def test_query_count_is_constant(client, card_data, django_user_model, django_assert_max_num_queries, year, username):
    """At most 12 when the page is computed: session, user, permissions and the pledge with the revision (4, as
    from the cache); the pledge's summaries in one statement (two without a year: its plan years first, to find the
    default one; `performance.summary_sql`); the reports in progress in one, and one more for their departments'
    links when there are any; the departments' summaries in one and their names in one; the indicators panel in two
    (the term with its plans; the targets with the results). 4 when it comes from the cache. Another page first, as
    in a running server: the header's demo-data flag is read once per process, not per page."""
    client.force_login(django_user_model.objects.get(username=username))
    client.get(reverse("home"))
    query = {"year": year} if year else {}
    with django_assert_max_num_queries(12):
        first = client.get(URL, query)
    with django_assert_max_num_queries(4):
        again = client.get(URL, query)
    assert first.status_code == again.status_code == 200
    main = re.compile(rb"<main.*</main>", re.S)  # the header has a fresh CSRF token each time
    assert main.search(first.content)[0] == main.search(again.content)[0]


def test_a_bad_year_is_not_found(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="manager"))
    assert client.get(URL, {"year": "abc"}).status_code == 404


def test_the_menu_link_goes_to_the_dashboard(client, card_data, django_user_model):
    # The menu opens the pledge with the most recent plan: the demo 민선8기 pledges (2026), the first by code.
    client.force_login(django_user_model.objects.get(username="manager"))
    location = client.get(reverse("dashboard-index"))["Location"]
    assert location == reverse("dashboard", args=["일자리-1"])
    assert client.get(location).status_code == 200


BUDGET_URL = reverse("budget-dashboard", args=["지역경제-11"])


def test_budget_execution_over_all_years_and_one_year(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="manager"))
    html = client.get(BUDGET_URL).content.decode()
    # Over the years that have begun (2018–2021), by hand from DOMAIN.md: 국비 35,878 of 48,654, 계 114,875 of 152,959;
    # 2022's plan (38,300) is in the table by year only.
    for figure in [
        "152,959",
        "114,875",
        "75.1%",
        "73.7%",
        "48,654",
        "35,878",
        "12,802",
        "38,300",
        "집행 연도 2018~2021년",
    ]:
        assert figure in html
    assert "60.1%" not in html and "57.7%" not in html
    html = client.get(BUDGET_URL, {"year": 2019}).content.decode()
    for figure in ["34,107", "29,819", "87.4%", "104.9%"]:
        assert figure in html


def test_a_planned_year_has_no_execution_rate(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="manager"))
    html = client.get(BUDGET_URL, {"year": 2022}).content.decode()
    assert "38,300" in html and "계획 연도: 아직 집행 전" in html and "0.0%" not in html


@pytest.mark.parametrize("year", ["2017", "x"])
def test_budget_dashboard_unknown_year(client, card_data, django_user_model, year):
    client.force_login(django_user_model.objects.get(username="dept05"))
    assert client.get(BUDGET_URL, {"year": year}).status_code == 404


def test_budget_dashboard_query_count(client, card_data, django_user_model, django_assert_max_num_queries):
    client.force_login(django_user_model.objects.get(username="manager"))
    with django_assert_max_num_queries(8):
        assert client.get(BUDGET_URL).status_code == 200


def test_dashboard_tables_download_as_xlsx_with_numbers(client, card_data, django_user_model):
    import io

    import openpyxl

    client.force_login(django_user_model.objects.get(username="manager"))
    response = client.get(reverse("dashboard-export", args=["지역경제-11", "xlsx"]), {"year": 2019})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:4] == ["분기별 누적 실적", "계층별", "부문별", "부서별"]
    quarters = book["분기별 누적 실적"]
    row = next(r for r in quarters.iter_rows(min_row=2, values_only=True) if r[0] == 2019)
    assert row == (2019, 4469, 6655, 8076, 10349, 8900)
    assert quarters["C2"].value == 6655 and quarters["C2"].number_format == "#,##0"  # no year after 2019
    departments = book["부서별"]
    assert sum(r[1] for r in departments.iter_rows(min_row=2, values_only=True)) == 10349
    assert "출처" in book.sheetnames


def test_a_dashboard_table_downloads_as_csv_with_bom(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="manager"))
    response = client.get(reverse("dashboard-export", args=["지역경제-11", "csv"]), {"year": 2020, "table": "quarters"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff연도,1분기")
    assert "2020,6197,7875,9612,10814,10500" in text
    assert client.get(reverse("dashboard-export", args=["지역경제-11", "csv"]), {"table": "nope"}).status_code == 404


def test_budget_tables_download(client, card_data, django_user_model):
    import io

    import openpyxl

    client.force_login(django_user_model.objects.get(username="manager"))
    response = client.get(reverse("budget-dashboard-export", args=["지역경제-11", "xlsx"]))
    sources = openpyxl.load_workbook(io.BytesIO(response.content))["재원별"]
    assert [r[:3] for r in sources.iter_rows(min_row=2, values_only=True)] == [
        ("국비", 48654, 35878),  # 2018–2021: the years that have begun
        ("시비", 44226, 33624),
        ("구비", 60079, 45373),
    ]
    assert sources["D2"].number_format == "0.0%" and round(sources["D2"].value, 3) == 0.737
    csv = client.get(reverse("budget-dashboard-export", args=["지역경제-11", "csv"]), {"table": "years"})
    assert "2022,38300,," in csv.content.decode("utf-8")


def test_formula_like_text_is_escaped():
    from geumcheon_jobs.tabular import Tabular, to_csv

    table = Tabular("t", "t", ("부서",), (("=HYPERLINK(1)",), ("+1",), ("보통",)))
    assert to_csv(table).decode("utf-8").splitlines()[1:] == ["'=HYPERLINK(1)", "'+1", "보통"]


def test_an_earlier_quarter_stops_the_breakdowns_there_too(card_data):
    """The quarterly report of 2019 Q1: the groups and types add up to Q1's figure, not the year's."""
    overview = achievement(card_data, 2019, None, through_quarter=1)
    assert overview.cumulative == 4469
    assert sum(g.cumulative for g in overview.groups) == sum(t.cumulative for t in overview.types) == 4469


def test_a_type_target_for_staff_is_their_own_programmes(card_data, django_user_model):
    """Beside one department's figures, a type's target is the sum of that department's programmes' targets;
    another department's targeted programme neither adds to it nor shows its type."""
    staff = django_user_model.objects.get(username="dept03")
    own = list(plan_programmes(staff.membership.department, 2021))
    for number, programme in enumerate(own, start=1):
        if programme.jobs_target is None:
            retarget(programme, 100 * number)
    expected = sum(programme.jobs_target for programme in plan_programmes(staff.membership.department, 2021))
    overview = achievement(card_data, 2021, staff)
    assert [(s.key, s.target) for s in overview.types] == [("직접일자리", expected)]
    whole = {
        s.key: s.target for s in achievement(card_data, 2021, django_user_model.objects.get(username="manager")).types
    }
    assert whole["직접일자리"] is None  # other departments' direct-jobs programmes have no target


def summary_items(html: str) -> dict[str, str]:
    """The dashboard's summary boxes as label → the rest of the box's text."""
    summary = re.search(r'<ul class="summary">(.*?)</ul>', html, re.S).group(1)
    items = {}
    for item in re.findall(r"<li>(.*?)</li>", summary, re.S):
        label, _, rest = re.sub(r"<[^>]+>", "|", item).strip("|").partition("|")
        items[label.strip()] = " ".join(rest.replace("|", " ").split())
    return items


@pytest.mark.parametrize("username", ["manager", "lead"])
def test_a_year_with_nothing_approved_shows_no_rate_and_no_expectation(client, card_data, django_user_model, username):
    """2022 has a target and nothing approved: not "0.0%" beside "이 시점 기대치 54.6%" and no status."""
    client.force_login(django_user_model.objects.get(username=username))
    rate = summary_items(client.get(URL, {"year": 2022}).content.decode())["달성률"]
    assert rate == "— 승인된 실적 없음"
    rate = summary_items(client.get(URL, {"year": 2021}).content.decode())["달성률"]
    assert rate.startswith("68.0% 주의 이 시점 기대치 74.9%")
