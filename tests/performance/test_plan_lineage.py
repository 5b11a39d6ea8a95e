"""One 세부사업 across the years of its lineage (issue #14: "its trend reads across years"): each year's row as that
year's plan has it, and the year's approved result with the one rate rule; staff see their department's years only."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse

from performance.models import Programme, ProgrammeLineage, QuarterlyReport, QuarterlyReportLine

pytestmark = pytest.mark.django_db
NAME = "사회적경제기업 육성"  # the demo 세부사업 that moves from 지역경제과 to 일자리창출과 in 2025


def _lineage(card_data):
    return Programme.objects.get(
        year_plan__local_government=card_data.local_government, year_plan__year=2026, name=NAME
    ).lineage


def _rows(html: str) -> list[list[str]]:
    import re

    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_lead_reads_every_year_with_its_department_target_result_and_rate(
    client, card_data, django_assert_max_num_queries
):
    lineage = _lineage(card_data)
    client.force_login(get_user_model().objects.get(username="lead"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("plans:lineage", args=[lineage.pk])).content.decode()
    rows = _rows(page)
    assert [(r[0], r[2]) for r in rows] == [
        ("2023", "지역경제과"),
        ("2024", "지역경제과"),
        ("2025", "일자리창출과"),
        ("2026", "일자리창출과"),
    ]
    for row in rows:
        programme = Programme.objects.get(lineage=lineage, year_plan__year=int(row[0]))
        approved = sum(
            line.jobs
            for line in QuarterlyReportLine.objects.filter(programme=programme).select_related("report")
            if line.report.status == QuarterlyReport.Status.APPROVED
        )
        rate = (Decimal(approved) * 100 / programme.jobs_target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert row[5] == f"{programme.jobs_target:,}"
        assert row[6].split(" (")[0] == f"{approved:,}"
        assert row[7] == f"{rate}%"
    assert rows[-1][6].endswith("(3분기까지)")  # 2026 is reported through Q3 only


def test_the_year_plan_links_each_programme_to_its_years(client, card_data):
    client.force_login(get_user_model().objects.get(username="lead"))
    page = client.get(reverse("plans:year", args=[2026])).content.decode()
    assert reverse("plans:lineage", args=[_lineage(card_data).pk]) in page


def test_staff_see_only_the_years_it_was_their_departments(client, card_data):
    lineage = _lineage(card_data)
    client.force_login(get_user_model().objects.get(username="dept02"))  # 지역경제과
    rows = _rows(client.get(reverse("plans:lineage", args=[lineage.pk])).content.decode())
    assert [r[0] for r in rows] == ["2023", "2024"]
    client.force_login(get_user_model().objects.get(username="dept05"))  # a department it never belonged to
    assert client.get(reverse("plans:lineage", args=[lineage.pk])).status_code == 404


def test_another_governments_lead_gets_404(client, card_data):
    client.force_login(get_user_model().objects.get(username="gu2-lead"))
    assert client.get(reverse("plans:lineage", args=[_lineage(card_data).pk])).status_code == 404


def test_the_page_reads_as_many_queries_for_four_years_as_for_one(client, card_data):
    """Its reads do not grow with the years of the lineage."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(get_user_model().objects.get(username="lead"))
    long = _lineage(card_data)
    single = (
        ProgrammeLineage.objects.filter(local_government=card_data.local_government)
        .annotate(years=Count("programmes"))
        .filter(years=1)
        .first()
    )
    assert long.programmes.count() == 4 and single is not None
    client.get(reverse("plans:lineage", args=[single.pk]))  # the frame's own cached reads (the demo banner) warm
    counts = []
    for lineage in (long, single):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("plans:lineage", args=[lineage.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
