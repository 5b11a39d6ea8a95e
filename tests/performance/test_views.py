"""The reporting screens as people use them, and the access matrix of every URL × role."""

import re

import pytest
from django.urls import reverse

from performance import reporting, services
from performance.models import QuarterlyReport
from performance.plans import plan_programmes
from performance.services import LineInput

YEAR, QUARTER = 2021, 3


@pytest.fixture
def accounts(card_data, django_user_model):
    return {u.username: u for u in django_user_model.objects.all()}


@pytest.fixture
def dept03(accounts):
    return accounts["dept03"].membership.department


def entry_url(department, year=YEAR, quarter=QUARTER):
    return reverse("performance:entry", args=[department.pk, year, quarter])


def entry_data(dept, jobs="120", version=0, **extra):
    data = {"version": version}
    for programme in plan_programmes(dept, 2021):
        data[f"jobs_{programme.pk}"] = jobs
        data[f"comment_{programme.pk}"] = ""
    return {**data, **extra}


def submitted_report(department, user, jobs=120):
    lines = [LineInput(p.pk, jobs) for p in plan_programmes(department, 2021)]
    report = services.report_save_lines(
        department=department, year=YEAR, quarter=QUARTER, lines=lines, user=user, expected_version=0
    )
    return services.report_submit(report_id=report.pk, user=user, expected_version=report.version, acknowledged=True)


def test_my_department_page(client, accounts, dept03):
    client.force_login(accounts["dept03"])
    html = client.get(reverse("performance:mine")).content.decode()
    assert "어르신복지과" in html and "제출 기한" in html and "미제출" in html


def test_a_manager_without_department_goes_to_the_board(client, accounts):
    client.force_login(accounts["manager"])
    assert client.get(reverse("performance:mine"))["Location"] == reverse("performance:board")


def test_entry_form_shows_cumulative_and_target(client, accounts):
    client.force_login(accounts["dept04"])
    department = accounts["dept04"].membership.department  # 자활근로, target 370 in 2021
    html = client.get(entry_url(department)).content.decode()
    assert "자활근로" in html and "370" in html


def test_saving_a_draft(client, accounts, dept03):
    client.force_login(accounts["dept03"])
    response = client.post(entry_url(dept03), entry_data(dept03, "1,234", save="1"))
    assert response.status_code == 302
    report = QuarterlyReport.objects.get(department=dept03, year=YEAR, quarter=QUARTER)
    assert report.status == "draft" and report.lines.get().jobs == 1234


@pytest.mark.parametrize(
    ("value", "message"),
    [("abc", "숫자만"), ("-5", "0 이상"), ("12.5", "정수"), ("2000000", "넘는 값"), ("１２", "숫자만")],
)
def test_bad_figures_are_refused_and_nothing_is_saved(client, accounts, dept03, value, message):
    client.force_login(accounts["dept03"])
    response = client.post(entry_url(dept03), entry_data(dept03, value, save="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "아무것도 저장하지 않았습니다" in html
    assert f'value="{value}"' in html  # the person's input is kept
    assert not QuarterlyReport.objects.filter(department=dept03, year=YEAR, quarter=QUARTER).exists()


def test_submitting_with_warnings_needs_the_tick(client, accounts, dept03):
    client.force_login(accounts["dept03"])
    response = client.post(entry_url(dept03), entry_data(dept03, "", submit="1"))
    assert response.status_code == 200
    assert "입력하지 않았습니다" in response.content.decode()
    report = QuarterlyReport.objects.get(department=dept03, year=YEAR, quarter=QUARTER)
    assert report.status == "draft"
    response = client.post(
        entry_url(dept03), entry_data(dept03, "", version=report.version, submit="1", acknowledge="on")
    )
    report.refresh_from_db()
    assert report.status == "submitted"


def test_a_stale_form_overwrites_nothing_and_shows_the_other_change(client, accounts, dept03):
    client.force_login(accounts["dept03"])
    client.post(entry_url(dept03), entry_data(dept03, "100", save="1"))
    client.force_login(accounts["lead"])
    client.post(entry_url(dept03), entry_data(dept03, "110", version=1, save="1"))
    client.force_login(accounts["dept03"])
    response = client.post(entry_url(dept03), entry_data(dept03, "999", version=1, save="1"))
    html = response.content.decode()
    assert "다른 사용자가 먼저 저장했습니다" in html and "100 → 110" in html
    assert QuarterlyReport.objects.get(department=dept03, year=YEAR, quarter=QUARTER).lines.get().jobs == 110


def test_a_hand_edited_form_cannot_set_status_or_department(client, accounts, dept03):
    client.force_login(accounts["dept03"])
    other = accounts["dept04"].membership.department
    forged = {"status": "approved", "department": other.pk, "reviewed_by": accounts["lead"].pk}
    client.post(entry_url(dept03), entry_data(dept03, save="1", **forged))
    report = QuarterlyReport.objects.get(department=dept03, year=YEAR, quarter=QUARTER)
    assert (report.status, report.reviewed_by) == ("draft", None)
    assert not QuarterlyReport.objects.filter(department=other, year=YEAR, quarter=QUARTER).exists()


def test_a_programme_of_another_department_in_the_form_is_ignored(client, accounts, dept03):
    client.force_login(accounts["dept03"])
    other = plan_programmes(accounts["dept04"].membership.department, 2021).first()
    client.post(entry_url(dept03), entry_data(dept03, save="1", **{f"jobs_{other.pk}": "50"}))
    report = QuarterlyReport.objects.get(department=dept03, year=YEAR, quarter=QUARTER)
    assert list(report.lines.values_list("programme__department", flat=True)) == [dept03.pk]


def test_lead_returns_with_reason_and_approves(client, accounts, dept03):
    report = submitted_report(dept03, accounts["dept03"])
    client.force_login(accounts["lead"])
    action = reverse("performance:action", args=[report.pk, "return"])
    client.post(action, {"version": report.version, "reason": ""})
    report.refresh_from_db()
    assert report.status == "submitted"
    client.post(action, {"version": report.version, "reason": "인원 재확인 바랍니다"})
    report.refresh_from_db()
    assert (report.status, report.review_reason) == ("returned", "인원 재확인 바랍니다")
    client.force_login(accounts["dept03"])
    assert "인원 재확인 바랍니다" in client.get(reverse("performance:mine")).content.decode()


def review_facts(html: str) -> tuple[str, str | None, str | None]:
    """The report page's 검토 fact, its current reason (an error box) and its earlier review (an info box)."""
    fact = re.search(r"<dt>검토</dt><dd>(.*?)</dd>", html, re.S).group(1)
    current = re.search(r'<div class="alert alert-error" role="note">(.*?)</div>', html, re.S)
    earlier = re.search(r'<div class="alert alert-info" role="note">(.*?)</div>', html, re.S)
    return (
        " ".join(re.sub(r"<[^>]+>", " ", fact).split()),
        current and " ".join(re.sub(r"<[^>]+>", " ", current.group(1)).split()),
        earlier and " ".join(re.sub(r"<[^>]+>", " ", earlier.group(1)).split()),
    )


def test_a_resubmitted_report_shows_the_earlier_review_as_history_not_as_its_decision(client, accounts, dept03):
    staff, lead = accounts["dept03"], accounts["lead"]
    report = submitted_report(dept03, staff)
    report = services.report_return(
        report_id=report.pk, user=lead, expected_version=report.version, reason="인원 재확인 바랍니다"
    )
    client.force_login(lead)
    page = reverse("performance:report", args=[report.pk])
    fact, current, earlier = review_facts(client.get(page).content.decode())
    assert "일자리창출과 검토자" in fact and current == "사유: 인원 재확인 바랍니다" and earlier is None

    lines = [LineInput(p.pk, 100) for p in plan_programmes(dept03, YEAR)]
    report = services.report_save_lines(
        department=dept03, year=YEAR, quarter=QUARTER, lines=lines, user=staff, expected_version=report.version
    )
    services.report_submit(report_id=report.pk, user=staff, expected_version=report.version, acknowledged=True)
    fact, current, earlier = review_facts(client.get(page).content.decode())
    assert fact == "검토 대기" and current is None
    assert (
        earlier.startswith("이전 검토(이력):") and "일자리창출과 검토자 · 반려 — 사유: 인원 재확인 바랍니다" in earlier
    )


def test_bulk_approve(client, accounts, dept03):
    report = submitted_report(dept03, accounts["dept03"])
    client.force_login(accounts["lead"])
    client.post(reverse("performance:bulk-approve"), {"report": [report.pk], "year": YEAR, "quarter": QUARTER})
    report.refresh_from_db()
    assert report.status == "approved"


def test_history_page_shows_who_and_why(client, accounts, dept03):
    report = submitted_report(dept03, accounts["dept03"])
    client.force_login(accounts["lead"])
    html = client.get(reverse("performance:history", args=[report.pk])).content.decode()
    assert "dept03" in html or "어르신복지과" in html
    assert "작성중 → 제출" in html and "120명" in html


def test_history_has_no_row_without_a_change_and_names_commands_as_the_budget_does(client, accounts, dept03):
    """A second save writes the report's new version as well as the figure: that record changes nothing shown
    and was an empty "보고 … 실적 수정" row. A save by `import_results` without --user is "시스템"."""
    staff = accounts["dept03"]
    programme = plan_programmes(dept03, YEAR).order_by("pk").first()
    report = services.report_save_lines(
        department=dept03,
        year=YEAR,
        quarter=QUARTER,
        lines=[LineInput(programme.pk, 5)],
        user=staff,
        expected_version=0,
    )
    services.report_save_lines(
        department=dept03,
        year=YEAR,
        quarter=QUARTER,
        lines=[LineInput(programme.pk, 7)],
        user=None,
        expected_version=report.version,
    )
    entries = reporting.report_history(report)
    assert [(e.who, e.what, e.changes) for e in entries] == [
        ("시스템", programme.name, ("실적 5 → 7명",)),
        (staff.get_full_name() or staff.username, programme.name, ("실적 — → 5명",)),
        (staff.get_full_name() or staff.username, "보고", ("상태: 작성중",)),
    ]
    client.force_login(accounts["lead"])
    html = client.get(reverse("performance:history", args=[report.pk])).content.decode()
    assert "실적 수정" not in html and "<td></td><td>" not in html


def test_the_board_marks_overdue_in_text(client, accounts):
    client.force_login(accounts["lead"])
    html = client.get(reverse("performance:board"), {"year": YEAR, "quarter": QUARTER}).content.decode()
    assert "기한 지남" in html and "미제출" in html and "제출 완료율" in html


@pytest.mark.parametrize("period", [(2019, 1), (YEAR, QUARTER)])  # 22 reports, none
def test_board_query_count_is_constant(client, accounts, django_assert_max_num_queries, period):
    client.force_login(accounts["lead"])
    with django_assert_max_num_queries(11):
        client.get(reverse("performance:board"), {"year": period[0], "quarter": period[1]})


# The access matrix: every URL × every role × own / other department.
ROLES = ["anonymous", "dept03", "dept04", "lead", "manager"]


def matrix_urls(dept03, report):
    return {
        "mine": ("get", reverse("performance:mine")),
        "board": ("get", reverse("performance:board")),
        "entry": ("get", entry_url(dept03)),
        "entry-post": ("post", entry_url(dept03)),
        "report": ("get", reverse("performance:report", args=[report.pk])),
        "history": ("get", reverse("performance:history", args=[report.pk])),
        "approve": ("post", reverse("performance:action", args=[report.pk, "approve"])),
        "return": ("post", reverse("performance:action", args=[report.pk, "return"])),
        "reopen": ("post", reverse("performance:action", args=[report.pk, "reopen"])),
        "template": ("get", reverse("performance:template")),
        "import": ("get", reverse("performance:import")),
        "notices": ("get", reverse("performance:notices")),
        "deadline": ("post", reverse("performance:deadline")),
        "bulk-approve": ("post", reverse("performance:bulk-approve")),
    }


EXPECTED = {  # dept03 owns the report; dept04 is another department
    "mine": {"dept03": 200, "dept04": 200, "lead": 200, "manager": 302},
    "board": {"dept03": 200, "dept04": 200, "lead": 200, "manager": 200},
    "entry": {"dept03": 302, "dept04": 404, "lead": 302, "manager": 302},
    "entry-post": {"dept03": 302, "dept04": 404, "lead": 302, "manager": 302},
    "report": {"dept03": 200, "dept04": 404, "lead": 200, "manager": 200},
    "history": {"dept03": 200, "dept04": 404, "lead": 200, "manager": 200},
    "approve": {"dept03": 403, "dept04": 404, "lead": 302, "manager": 403},
    "return": {"dept03": 403, "dept04": 404, "lead": 400, "manager": 403},
    "reopen": {"dept03": 403, "dept04": 404, "lead": 400, "manager": 403},
    "template": {"dept03": 200, "dept04": 404, "lead": 200, "manager": 200},
    "import": {"dept03": 200, "dept04": 200, "lead": 200, "manager": 200},
    "notices": {"dept03": 200, "dept04": 200, "lead": 200, "manager": 200},
    "deadline": {"dept03": 403, "dept04": 403, "lead": 400, "manager": 403},  # no date: refused beside the field
    "bulk-approve": {"dept03": 403, "dept04": 403, "lead": 302, "manager": 403},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(EXPECTED))
def test_access_matrix(client, accounts, dept03, role, name):
    report = submitted_report(dept03, accounts["dept03"])  # submitted: the entry form redirects to the report
    method, url = matrix_urls(dept03, report)[name]
    if role != "anonymous":
        client.force_login(accounts[role])
    data = {"version": report.version, "year": YEAR, "quarter": QUARTER, "department": dept03.pk}
    response = getattr(client, method)(url, data)
    expected = 302 if role == "anonymous" else EXPECTED[name][role]
    assert response.status_code == expected, (name, role)
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"]
    report.refresh_from_db()
    assert report.status == ("approved" if (name, role) == ("approve", "lead") else "submitted")


def test_staff_board_shows_only_their_department(client, accounts):
    client.force_login(accounts["dept03"])
    html = client.get(reverse("performance:board"), {"year": 2019, "quarter": 1}).content.decode()
    assert "어르신복지과" in html and "생활보장과" not in html


def test_the_lead_department_sets_a_deadline(client, accounts):
    client.force_login(accounts["lead"])
    client.post(reverse("performance:deadline"), {"year": YEAR, "quarter": QUARTER, "due_date": "2021-10-20"})
    from performance.access import government_of
    from performance.periods import deadline

    assert deadline(government_of(accounts["lead"]), YEAR, QUARTER).isoformat() == "2021-10-20"
    html = client.get(reverse("performance:board"), {"year": YEAR, "quarter": QUARTER}).content.decode()
    assert "2021. 10. 20." in html


@pytest.mark.parametrize("username", ["dept03", "manager"])
def test_only_the_lead_department_sets_deadlines(client, accounts, username):
    client.force_login(accounts[username])
    response = client.post(
        reverse("performance:deadline"), {"year": YEAR, "quarter": QUARTER, "due_date": "2021-10-20"}
    )
    assert response.status_code == 403
    from performance.access import government_of
    from performance.periods import deadline

    assert deadline(government_of(accounts["lead"]), YEAR, QUARTER).isoformat() == "2021-10-10"


def test_a_bad_deadline_date_is_explained(client, accounts):
    client.force_login(accounts["lead"])
    response = client.post(
        reverse("performance:deadline"), {"year": YEAR, "quarter": QUARTER, "due_date": "10/20"}, follow=True
    )
    assert "YYYY-MM-DD" in response.content.decode()


def test_the_notices_page(client, accounts):
    client.force_login(accounts["dept03"])
    assert client.get(reverse("performance:notices")).status_code == 200


def test_a_wrong_deadline_is_refused_beside_its_field_and_kept(login):
    from performance.models import ReportingDeadline

    client = login("lead")
    before = ReportingDeadline.objects.count()
    response = client.post(reverse("performance:deadline"), {"year": 2021, "quarter": 3, "due_date": "2021-13-45"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html and 'class="field-error"' in html and 'value="2021-13-45"' in html
    assert "2021년 3분기 제출 기한" in html
    assert ReportingDeadline.objects.count() == before
    page = client.get(reverse("performance:board"), {"year": 2021, "quarter": 3}).content.decode()
    assert 'type="date"' in page and "aria-invalid" not in page
