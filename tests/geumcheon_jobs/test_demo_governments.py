"""The demo's two fictional governments (예시구 under 서울특별시, 예시군 under 예시도) beside 금천구, their accounts and
`seoul-supervisor`; the 시·도 roll-up page and the public index of governments.

Expected figures are worked out by hand from the demo's invented rule (DEMO_GOVERNMENTS: a 세부사업's 2026 target is
110% of its 2025 one; a quarter reports 20%, 25%, 25%, 30% of the target, rounded down)."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.urls import reverse

from performance.access import government_of, supervises
from performance.models import Department, LocalGovernment, Pledge, Programme, QuarterlyReportLine

# 예시구's 세부사업 targets of 2026 (2025: 400, 300, 120, 60, 80 → ×1.1) and their approved results through Q3:
# 440 → 88 + 110 + 110 = 308; 330 → 66 + 82 + 82 = 230; 132 → 26 + 33 + 33 = 92; 66 → 13 + 16 + 16 = 45;
# 88 → 17 + 22 + 22 = 61.
GU2_TARGET_2026 = 440 + 330 + 132 + 66 + 88  # 1,056
GU2_RESULTS_2026 = 308 + 230 + 92 + 45 + 61  # 736 → 69.7%


def user(username):
    return get_user_model().objects.get(username=username)


def test_the_demo_governments_are_marked_and_placed_under_their_region(card_data):
    rows = dict(LocalGovernment.objects.values_list("name", "parent__name"))
    assert rows["금천구"] == "서울특별시" and rows["예시구"] == "서울특별시" and rows["예시군"] == "예시도"
    assert LocalGovernment.objects.get(name="예시구").is_demo and LocalGovernment.objects.get(name="예시군").is_demo
    assert not LocalGovernment.objects.get(name="금천구").is_demo
    assert set(LocalGovernment.objects.filter(kind="regional").values_list("name", flat=True)) == {
        "서울특별시",
        "예시도",
    }


@pytest.mark.parametrize("prefix, government", [("gu2", "예시구"), ("gun", "예시군")])
def test_each_demo_government_has_its_accounts(card_data, prefix, government):
    lead = user(f"{prefix}-lead")
    assert lead.membership.local_government.name == government and lead.membership.department.is_lead
    assert user(f"{prefix}-manager").membership.department is None
    assert user(f"{prefix}-dept01").membership.department.local_government.name == government
    visible = set(Department.objects.visible_to(lead).values_list("local_government__name", flat=True))
    assert visible == {government}
    assert user(f"{prefix}-lead").check_password("geumcheon-demo-2026")


def test_the_demo_governments_results_follow_the_demo_rule(card_data):
    pledge = Pledge.objects.get(local_government__name="예시구")
    assert pledge.targets.get(year=2026, target_group=None).jobs == GU2_TARGET_2026
    lines = QuarterlyReportLine.objects.approved().filter(programme__pledge_links__pledge=pledge, report__year=2026)
    assert lines.aggregate(total=Sum("jobs"))["total"] == GU2_RESULTS_2026
    assert not lines.filter(report__quarter=4).exists()  # 2026 Q4 has not ended


def test_a_lead_reviewer_of_예시구_sees_and_changes_only_예시구(client, card_data):
    client.force_login(user("gu2-lead"))
    home = client.get(reverse("home")).content.decode()
    assert "예시구 주민 일자리" in home and "지역경제-11" not in home
    assert "모두 지어낸 예시입니다" in home  # the banner of a fictional government, not 금천구's demo split
    assert client.get(reverse("dashboard", args=["지역경제-11"])).status_code == 404
    geumcheon = Department.objects.get(local_government__name="금천구", code="dept03")
    assert client.get(reverse("performance:department", args=[geumcheon.pk])).status_code == 404
    entry = reverse("performance:entry", args=[geumcheon.pk, 2026, 3])
    assert client.post(entry, {"version": 0, "save": "1"}).status_code in (403, 404)
    assert client.get(reverse("dashboard", args=["민생-1"]), {"year": 2026}).status_code == 200


def test_seoul_supervisor_reads_금천구_and_예시구_not_예시군_and_changes_nothing(client, card_data):
    supervisor = user("seoul-supervisor")
    assert supervises(supervisor) and government_of(supervisor) == LocalGovernment.objects.get(name="서울특별시").pk
    client.force_login(supervisor)
    response = client.get(reverse("region"), {"year": 2026})
    assert response.status_code == 200
    rollup = response.context["rollup"]
    assert [row.government.name for row in rollup.rows] == ["금천구", "예시구"]
    gu2 = rollup.rows[1].figures
    assert (gu2.target, gu2.results, str(gu2.rate)) == (GU2_TARGET_2026, GU2_RESULTS_2026, "69.7")
    html = response.content.decode()
    assert "예시군" not in html and "1,056" in html and "69.7%" in html
    assert 'href="/public/9900001/?year=2026"' in html  # the drill-down to 예시구's public page
    # 금천구's row, from its own 2026 세부사업 and approved lines (read here without the roll-up's code)
    geumcheon = Programme.objects.filter(
        year_plan__local_government__name="금천구", year_plan__year=2026, is_active=True
    )
    target = geumcheon.aggregate(total=Sum("jobs_target"))["total"]
    results = QuarterlyReportLine.objects.approved().filter(programme__in=geumcheon).aggregate(total=Sum("jobs"))
    assert (rollup.rows[0].figures.target, rollup.rows[0].figures.results) == (target, results["total"])
    assert rollup.total.target == target + GU2_TARGET_2026
    assert sum(f.target for _, f in rollup.by_type) == sum(f.target for _, f in rollup.by_group) == rollup.total.target
    assert sum(f.results for _, f in rollup.by_type) == rollup.total.results


def test_the_supervisor_changes_nothing_and_reads_no_governments_own_pages(client, card_data):
    client.force_login(user("seoul-supervisor"))
    assert client.get(reverse("dashboard", args=["지역경제-11"])).status_code == 404
    assert client.post(reverse("performance:bulk-approve"), {}).status_code == 403
    assert client.post(reverse("budget:edit", args=["지역경제-11"]), {}).status_code in (403, 404)
    assert "지역경제-11" not in client.get(reverse("home")).content.decode()


def test_only_a_supervisor_opens_the_region_page(client, card_data):
    for username in ("lead", "manager", "dept03", "gu2-lead"):
        client.force_login(user(username))
        assert client.get(reverse("region")).status_code == 403, username
    client.force_login(user("seoul-supervisor"))
    assert client.get(reverse("region"), {"year": 1999}).status_code == 404  # no plan of that year


def test_the_public_index_lists_governments_under_their_region(client, card_data):
    groups = client.get(reverse("public")).context["groups"]
    names = [(g.region.name, [gov.name for gov in g.governments]) for g in groups]
    assert names == [("서울특별시", ["금천구", "예시구"]), ("예시도", ["예시군"])]
    page = client.get(reverse("public-government", args=["9900101"]), {"year": 2026})
    assert page.status_code == 200 and "예시군 농촌 일자리 활력" in page.content.decode()


def test_the_header_names_the_readers_government_and_a_public_page_the_one_it_shows(client, card_data):
    """A person reads their own government's name in the header, title and footer, never another's; the login page
    names none; a public page names the government it shows."""
    import re

    def header(html):
        brand = re.search(r'<span class="brand-org">([^<]*)</span>', html)[1]
        footer = re.search(r'<p class="footer-org">([^<]*)</p>', html)
        return brand, re.search(r"<title>([^<]*)</title>", html)[1], footer[1] if footer else None

    for username, office in (("lead", "금천구"), ("gu2-lead", "예시구"), ("gun-manager", "예시군")):
        client.force_login(user(username))
        brand, title, footer = header(client.get(reverse("home")).content.decode())
        assert (brand, footer) == (office, f"{office}청") and title.endswith(f"| {office} 일자리 목표공시 관리")
        assert all("금천구" not in text for text in (brand, title, footer)) or office == "금천구"
    client.logout()
    brand, title, footer = header(client.get(reverse("login")).content.decode())
    assert (brand, footer) == ("지역일자리", None) and title.endswith("| 지역일자리 목표공시 관리")
    pledge = Pledge.objects.get(local_government__name="예시구")
    page = client.get(reverse("public-pledge", args=[pledge.local_government.code, pledge.code])).content.decode()
    assert header(page)[0] == "예시구"


def test_each_demo_government_budgets_in_its_own_funding_sources(card_data):
    """예시구 as a Seoul 자치구 (국비·시비·구비), 예시군 as a 군 of a 도 (국비·도비·군비·민자), 금천구 unchanged; each
    예시군 세부사업 of 2025 has a budget from each of its four sources (jobs target × 5, 3, 2, 1 ÷ 10, by hand for the
    first: 150 × 5 // 10 = 75 secured, 60 executed)."""
    from performance.funding import sources_of
    from performance.models import ProgrammeBudget

    shown = {name: [str(label) for _value, label in sources_of(LocalGovernment.objects.get(name=name))] for name in
             ("금천구", "예시구", "예시군")}  # fmt: skip
    assert shown == {
        "금천구": ["국비", "시비", "구비"],
        "예시구": ["국비", "시비", "구비"],
        "예시군": ["국비", "도비", "군비", "민자"],
    }
    first = Programme.objects.get(
        year_plan__local_government__name="예시군", year_plan__year=2025, name="군 일자리지원센터 운영"
    )
    budget = {b.source: (b.secured, b.executed) for b in ProgrammeBudget.objects.filter(programme=first)}
    assert budget == {"national": (75, 60), "province": (45, 36), "county": (30, 24), "private": (15, 12)}
