"""The approved lines behind a dashboard figure: their sum is the figure, and only what the person may see."""

import re

import pytest
from django.urls import reverse

from performance.achievement import achievement
from performance.models import Department
from performance.plans import plan_programmes

URL = reverse("performance:lines")
DASHBOARD = reverse("dashboard", args=["지역경제-11"])


def total(html: str) -> int:
    return int(re.search(r'합계</span><span class="summary-value">([\d,]+)', html)[1].replace(",", ""))


def test_the_year_through_a_quarter_adds_up_to_the_dashboard_figure(login):
    client = login("manager")
    assert total(client.get(URL, {"year": 2021, "through": 2}).content.decode()) == 7342
    assert total(client.get(URL, {"year": 2019, "through": 1}).content.decode()) == 4469
    assert total(client.get(URL, {"year": 2019}).content.decode()) == 10349


def test_every_group_and_type_link_on_the_dashboard_adds_up_to_its_figure(login, card_data, django_user_model):
    client = login("manager")
    html = client.get(DASHBOARD, {"year": 2021}).content.decode()
    overview = achievement(card_data, 2021, django_user_model.objects.get(username="manager"))
    shares = [*overview.groups, *overview.types]
    links = re.findall(r'href="(/results/lines/\?[^"]+(?:group|type)=[^"]+)"', html)
    assert len(links) == len([s for s in shares])
    for link, share in zip(links, shares, strict=True):
        assert total(client.get(link.replace("&amp;", "&")).content.decode()) == share.cumulative


def test_staff_see_their_own_lines_only_and_cannot_ask_for_another_department(login, django_user_model):
    client = login("dept03")
    own = django_user_model.objects.get(username="dept03").membership.department
    other = Department.objects.get(name="생활보장과")
    html = client.get(URL, {"year": 2021}).content.decode()
    assert own.name in html and other.name not in html
    refused = client.get(URL, {"year": 2021, "department": other.pk}).content.decode()
    assert other.name not in refused and "field-error" in refused and total(refused) == 0


def test_drafts_do_not_appear(login, card_data, django_user_model):
    from performance import services
    from performance.services import LineInput

    user = django_user_model.objects.get(username="dept03")
    department = user.membership.department
    services.report_save_lines(
        department=department,
        year=2021,
        quarter=3,
        user=user,
        expected_version=0,
        lines=[LineInput(plan_programmes(department, 2021).first().pk, 777)],
    )
    html = login("manager").get(URL, {"year": 2021}).content.decode()
    assert "2021년 3분기" not in html and total(html) == 7342


@pytest.mark.parametrize("query", [{}, {"year": 2021}, {"year": 2021, "group": "청년층", "through": 2}])
def test_query_count_is_constant(login, django_assert_max_num_queries, query):
    client = login("manager")
    client.get(reverse("home"))
    with django_assert_max_num_queries(9):  # the filter's 계층 and 부문 lists are the government's: a query each
        assert client.get(URL, query).status_code == 200
