"""The public disclosure page and its open data: no login, approved figures only, no personal data."""

import csv
import io
import json

from django.urls import reverse

from performance import services
from performance.plans import plan_programmes
from performance.services import LineInput
from tests.factories import LocalGovernmentFactory, PledgeFactory
from tests.geumcheon_jobs.test_dashboard import summary_items

PAGE = reverse("public-pledge", args=["3170000", "지역경제-11"])  # the card's page; /public/ opens on the first pledge


def test_the_public_page_needs_no_login_and_shows_the_card_figures(client, card_data):
    response = client.get(PAGE, {"year": 2019})
    assert response.status_code == 200
    html = response.content.decode()
    for figure in ["8,900", "10,349", "116.3%", "4,469", "34,107", "87.4%"]:
        assert figure in html
    assert "일자리창출과" in html


def test_the_public_page_without_a_pledge_opens_on_the_first_one(client, card_data):
    response = client.get(reverse("public-government", args=["3170000"]))
    assert response.status_code == 200
    assert "청년이 머무는 일자리 도시" in response.content.decode()  # 일자리-1, first by code


def test_public_is_the_index_of_governments(client, card_data):
    response = client.get(reverse("public"))
    assert response.status_code == 200
    assert 'href="/public/3170000/"' in response.content.decode()


def test_addresses_from_before_several_governments_redirect_while_unambiguous(client, card_data):
    response = client.get("/public/지역경제-11/?year=2019")
    assert response.status_code == 301
    assert response["Location"] == "/public/3170000/%EC%A7%80%EC%97%AD%EA%B2%BD%EC%A0%9C-11/?year=2019"
    response = client.get("/public/지역경제-11/results.csv")
    assert response.status_code == 301 and response["Location"].startswith("/public/3170000/")
    PledgeFactory(code="지역경제-11", local_government=LocalGovernmentFactory(name="다른구", code="1111111"))
    assert client.get("/public/지역경제-11/").status_code == 404  # two governments: never a guess
    assert client.get("/public/지역경제-11/results.csv").status_code == 404


def test_no_personal_data_on_the_public_page(client, card_data):
    html = client.get(PAGE, {"year": 2021}).content.decode()
    for personal in ["박오임", "전영심", "박인영", "2010", "2031", "2042"]:
        assert personal not in html
    assert "로그아웃" not in html and "검토 현황" not in html


def test_drafts_and_submissions_are_not_published(client, card_data, django_user_model):
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
    data = json.loads(client.get(reverse("open-data", args=["3170000", "지역경제-11", "results", "json"])).content)
    assert [(r["year"], r["quarter"]) for r in data["rows"]][-1] == (2021, 2)
    assert "8,341" not in client.get(PAGE, {"year": 2021}).content.decode()


def test_open_data_results_csv_and_json(client, card_data):
    response = client.get(reverse("open-data", args=["3170000", "지역경제-11", "results", "csv"]))
    assert response.status_code == 200 and "max-age=3600" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffyear,quarter,cumulative_jobs,annual_target,achievement_rate_percent")
    assert "2019,4,10349,8900,116.3" in text and "2021,2,7342,10800,68.0" in text
    data = json.loads(client.get(reverse("open-data", args=["3170000", "지역경제-11", "results", "json"])).content)
    assert data["columns"][0] == "year" and len(data["rows"]) == 9
    assert all(set(row) == set(data["columns"]) for row in data["rows"])  # no internal ids


def test_open_data_budget(client, card_data):
    data = json.loads(client.get(reverse("open-data", args=["3170000", "지역경제-11", "budget", "json"])).content)
    rows = {(r["year"], r["source"]): r for r in data["rows"]}
    assert (
        rows[(2019, "국비")]["secured_million_krw"] == 12199 and rows[(2019, "국비")]["executed_million_krw"] == 12802
    )
    assert rows[(2022, "구비")]["planned"] is True and rows[(2022, "구비")]["executed_million_krw"] is None
    assert sum(r["secured_million_krw"] for r in data["rows"]) == 191259


def test_unknown_dataset_or_pledge(client, card_data):
    assert client.get(reverse("open-data", args=["3170000", "지역경제-11", "staff", "csv"])).status_code == 404
    assert client.get(reverse("open-data", args=["3170000", "없음-1", "results", "csv"])).status_code == 404
    assert client.get(PAGE, {"year": "x"}).status_code == 404


def test_open_data_stays_cacheable_for_anonymous_visitors_only(client, card_data, django_user_model):
    url = reverse("open-data", args=["3170000", "지역경제-11", "results", "csv"])
    directives = {part.strip() for part in client.get(url)["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=3600"}
    client.force_login(django_user_model.objects.get(username="manager"))
    directives = {part.strip() for part in client.get(url)["Cache-Control"].split(",")}
    assert "no-store" in directives and "public" not in directives and "max-age=0" in directives


def test_the_public_page_shows_no_rate_for_a_year_with_nothing_approved(client, card_data):
    html = client.get(PAGE, {"year": 2022}).content.decode()
    assert summary_items(html)["달성률"] == "— 공개된 실적 없음"


def test_open_data_rates_are_numbers_and_yes_no_is_one_or_zero(client, card_data):
    data = json.loads(client.get(reverse("open-data", args=["3170000", "지역경제-11", "results", "json"])).content)
    rates = {(r["year"], r["quarter"]): r["achievement_rate_percent"] for r in data["rows"]}
    assert rates[(2019, 4)] == 116.3 and isinstance(rates[(2019, 4)], float)  # 10,349 ÷ 8,900, not "116.3"
    assert rates[(2021, 2)] == 68.0
    text = client.get(reverse("open-data", args=["3170000", "지역경제-11", "budget", "csv"])).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["planned"] for row in rows} == {"0", "1"} and "False" not in text and "True" not in text
    assert {row["year"] for row in rows if row["planned"] == "1"} == {"2022"}
    assert all(row["executed_million_krw"] == "" for row in rows if row["planned"] == "1")
