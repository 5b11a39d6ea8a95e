"""The dashboard is cached under the results revision: every change to what it is made of shows at once."""

import re
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from performance import services
from performance.models import AnnualTarget, Programme, ProgrammeType, QuarterlyReport
from performance.plans import plan_programmes
from performance.services import LineInput
from tests.results import results_revision

URL = reverse("dashboard", args=["지역경제-11"])
MAIN = re.compile(r"<main.*</main>", re.S)


def page(client, **query) -> str:
    response = client.get(URL, {"year": 2021, **query})
    assert response.status_code == 200
    return MAIN.search(response.content.decode())[0]


@pytest.fixture
def reviewer(django_user_model):
    return django_user_model.objects.get(username="lead")


@pytest.fixture
def submitted(card_data, django_user_model):
    """dept03's 2021 Q3 report, submitted with 999 jobs."""
    user = django_user_model.objects.get(username="dept03")
    department = user.membership.department
    programmes = list(plan_programmes(department, 2021))
    report = services.report_save_lines(
        department=department,
        year=2021,
        quarter=3,
        user=user,
        expected_version=0,
        lines=[LineInput(programmes[0].pk, 999)] + [LineInput(p.pk, 0) for p in programmes[1:]],
    )
    return services.report_submit(report_id=report.pk, user=user, expected_version=report.version, acknowledged=True)


def test_an_approval_shows_at_once_and_a_reopening_takes_it_away(client, submitted, reviewer):
    client.force_login(reviewer)
    before = page(client)
    assert before == page(client)  # served from the cache
    assert "8,341" not in before and "제출(검토 대기) 1" in before
    approved = services.report_approve(report_id=submitted.pk, user=reviewer, expected_version=submitted.version)
    after = page(client)
    assert "8,341" in after and "3분기까지 승인된 실적 기준" in after and "제출(검토 대기) 0" in after
    services.report_reopen(report_id=approved.pk, user=reviewer, expected_version=approved.version, reason="오기")
    reopened = page(client)
    assert "8,341" not in reopened and "2분기까지 승인된 실적 기준" in reopened and "반려 1" in reopened


def test_a_draft_saved_shows_in_the_pending_counts(client, card_data, django_user_model, reviewer):
    client.force_login(reviewer)
    assert "작성중 0" in page(client)
    user = django_user_model.objects.get(username="dept05")
    department = user.membership.department
    services.report_save_lines(
        department=department,
        year=2021,
        quarter=3,
        user=user,
        expected_version=0,
        lines=[LineInput(plan_programmes(department, 2021).first().pk, 1)],
    )
    assert "작성중 1" in page(client)


def test_a_target_changed_in_the_admin_shows_at_once(client, card_data, django_user_model, reviewer):
    client.force_login(reviewer)
    assert "10,800" in page(client)
    target = AnnualTarget.objects.get(pledge=card_data, year=2021, target_group=None)
    target.jobs = 12000
    target.save()
    html = page(client)
    assert "12,000" in html and "10,800" not in html


def test_a_programme_moved_to_another_type_in_the_admin_shows_at_once(client, card_data, reviewer):
    client.force_login(reviewer)
    infrastructure = ProgrammeType.objects.get(local_government=card_data.local_government, name="일자리 인프라 구축")
    programme = Programme.objects.filter(report_lines__report__year=2021).exclude(programme_type=infrastructure)[0]
    types_before = re.search(r"부문별.*?</table>", page(client), re.S)[0]
    admin = site._registry[Programme]
    request = RequestFactory().post("/admin/")
    request.user = reviewer
    programme.programme_type = infrastructure
    admin.save_model(request, programme, form=None, change=True)
    assert re.search(r"부문별.*?</table>", page(client), re.S)[0] != types_before


def test_people_who_see_different_things_never_share_a_cached_page(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="manager"))
    assert "생활보장과" in page(client)
    client.force_login(django_user_model.objects.get(username="dept03"))
    html = page(client)
    assert "어르신복지과" in html and "생활보장과" not in html


def test_sorting_and_paging_are_part_of_the_cached_page(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="manager"))
    rows = {}
    for sort in ("name", "-rate"):
        body = page(client, sort=sort)
        table = re.search(
            r"<caption>부서별 승인 실적, 목표와 달성률</caption>.*?<tbody[^>]*>(.*?)</tbody>", body, re.S
        )[1]
        cells = [
            re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
        ]
        rows[sort] = [(re.sub(r"<[^>]+>", "", c[0]).strip(), re.sub(r"<[^>]+>", "", c[-1]).strip()) for c in cells]
    # Each order is its own cached page: by name the rows are alphabetical, by rate the departments with a rate come
    # first, highest first, and the dashes last (one page served for both would fail one of the two).
    names = [name for name, _rate in rows["name"]]
    assert names == sorted(names) and len(names) > 1
    rated = [row for row in rows["-rate"] if row[1] != "—"]
    assert rated and rows["-rate"][: len(rated)] == rated and rows["name"][: len(rated)] != rated
    rates = [Decimal(rate.rstrip("%")) for _name, rate in rated]
    assert rates == sorted(rates, reverse=True)


def test_a_whole_import_costs_one_revision(card_data, django_user_model):
    user = django_user_model.objects.get(username="lead")
    reports = QuarterlyReport.objects.filter(year=2021, quarter=2).select_related("department")[:5]
    before = results_revision(card_data.local_government)
    services.reports_save_lines(
        year=2022,
        quarter=1,
        user=user,
        inputs=[
            services.ReportInput(r.department, 0, [LineInput(p.pk, 1) for p in plan_programmes(r.department, 2022)])
            for r in reports
        ],
    )
    assert results_revision(card_data.local_government) == before + 1


def test_reports_are_read_only_in_the_admin(client, card_data, django_user_model):
    admin_user = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin_user)
    report = QuarterlyReport.objects.filter(status=QuarterlyReport.Status.APPROVED).first()
    url = reverse("admin:performance_quarterlyreport_change", args=[report.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "draft"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.APPROVED
