"""Object ids in forms and URLs cannot be swapped to reach another department's rows: each try is refused
and nothing changes. dept03 is the person's own department, dept04 another one."""

from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from performance import excel, imports, services
from performance.models import Department, Notice, QuarterlyReport, QuarterlyReportLine
from performance.plans import plan_programmes
from performance.services import LineInput

YEAR, QUARTER = 2021, 3


@pytest.fixture
def accounts(card_data, django_user_model):
    return {u.username: u for u in django_user_model.objects.all()}


@pytest.fixture
def dept03(card_data):
    return Department.objects.get(code="dept03")


@pytest.fixture
def dept04(card_data):
    return Department.objects.get(code="dept04")


def submitted(department, user, jobs=30) -> QuarterlyReport:
    lines = [LineInput(p.pk, jobs) for p in plan_programmes(department, 2021)]
    report = services.report_save_lines(
        department=department, year=YEAR, quarter=QUARTER, lines=lines, user=user, expected_version=0
    )
    return services.report_submit(report_id=report.pk, user=user, expected_version=report.version, acknowledged=True)


def snapshot():
    """Every report's state and every line's figure: what a refused try must leave as it was."""
    reports = set(QuarterlyReport.objects.values_list("pk", "department_id", "status", "version"))
    lines = set(QuarterlyReportLine.objects.values_list("pk", "report_id", "programme_id", "jobs"))
    return reports, lines


def entry_form(dept, jobs="7", version=0, **extra) -> dict:
    data = {"version": version, "save": "1"}
    for programme in plan_programmes(dept, 2021):
        data[f"jobs_{programme.pk}"] = jobs
        data[f"comment_{programme.pk}"] = ""
    return data | extra


def test_another_departments_programme_ids_in_my_entry_form_are_ignored(client, accounts, dept03, dept04):
    client.force_login(accounts["dept03"])
    foreign = {f"jobs_{p.pk}": "999" for p in plan_programmes(dept04, 2021)}
    forged = {"department": dept04.pk, "report": 1, "programme": plan_programmes(dept04, 2021).first().pk, **foreign}
    response = client.post(reverse("performance:entry", args=[dept03.pk, YEAR, QUARTER]), entry_form(dept03, **forged))
    assert response.status_code == 302
    report = QuarterlyReport.objects.get(department=dept03, year=YEAR, quarter=QUARTER)
    assert set(report.lines.values_list("programme__department", flat=True)) == {dept03.pk}
    assert not QuarterlyReportLine.objects.filter(jobs=999).exists()
    assert not QuarterlyReport.objects.filter(department=dept04, year=YEAR, quarter=QUARTER).exists()


def test_my_entry_form_posted_to_another_departments_address_is_not_found(client, accounts, dept03, dept04):
    client.force_login(accounts["dept03"])
    before = snapshot()
    url = reverse("performance:entry", args=[dept04.pk, YEAR, QUARTER])
    assert client.get(url).status_code == 404
    assert client.post(url, entry_form(dept04)).status_code == 404
    assert client.post(url, entry_form(dept03)).status_code == 404
    assert snapshot() == before


def test_another_departments_report_id_in_review_and_history_addresses(client, accounts, dept04):
    report = submitted(dept04, accounts["dept04"])
    client.force_login(accounts["dept03"])
    before = snapshot()
    for name in ("performance:report", "performance:history"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404
    for action in ("approve", "return", "reopen"):
        url = reverse("performance:action", args=[report.pk, action])
        assert client.post(url, {"version": report.version, "reason": "x"}).status_code == 404
    assert snapshot() == before


def test_bulk_approve_with_foreign_ids_as_staff_is_refused(client, accounts, dept03, dept04):
    own, foreign = submitted(dept03, accounts["dept03"]), submitted(dept04, accounts["dept04"])
    client.force_login(accounts["dept03"])
    before = snapshot()
    response = client.post(reverse("performance:bulk-approve"), {"report": [own.pk, foreign.pk]})
    assert response.status_code == 403
    assert snapshot() == before


def test_bulk_approve_with_ids_that_do_not_exist_changes_nothing(client, accounts):
    client.force_login(accounts["lead"])
    before = snapshot()
    response = client.post(reverse("performance:bulk-approve"), {"report": ["999999", "-1", "abc"]})
    assert response.status_code == 302
    assert snapshot() == before


def test_the_template_of_another_department_is_not_found(client, accounts, dept04):
    client.force_login(accounts["dept03"])
    url = reverse("performance:template")
    response = client.get(url, {"year": YEAR, "quarter": QUARTER, "department": dept04.pk})
    assert response.status_code == 404


def test_another_departments_page_and_notices_stay_hidden(client, accounts, dept03, dept04):
    submitted(dept04, accounts["dept04"])
    report = QuarterlyReport.objects.get(department=dept04, year=YEAR, quarter=QUARTER)
    services.report_return(report_id=report.pk, user=accounts["lead"], expected_version=report.version, reason="재확인")
    assert Notice.objects.filter(department=dept04).exists()
    client.force_login(accounts["dept03"])
    assert client.get(reverse("performance:department", args=[dept04.pk])).status_code == 404
    html = client.get(reverse("performance:notices")).content.decode()
    assert dept04.name not in html and "재확인" not in html


def upload(client, content: bytes):
    file = BytesIO(content)
    file.name = "실적.xlsx"
    return client.post(reverse("performance:import"), {"file": file})


def workbook_with(content: bytes, cells: dict[str, object]) -> bytes:
    book = openpyxl.load_workbook(BytesIO(content))
    for cell, value in cells.items():
        book[excel.DATA_SHEET][cell] = value
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_upload_with_another_departments_rows_saves_nothing(client, accounts, dept04):
    client.force_login(accounts["dept03"])
    before = snapshot()
    content = workbook_with(imports.results_template([dept04], YEAR, QUARTER), {"I5": 55})
    html = upload(client, content).content.decode()
    assert "권한" in html
    client.post(reverse("performance:import-confirm"))
    assert snapshot() == before


def test_an_upload_with_a_foreign_programme_id_under_my_department_saves_nothing(client, accounts, dept03, dept04):
    client.force_login(accounts["dept03"])
    before = snapshot()
    foreign = plan_programmes(dept04, 2021).first()
    content = workbook_with(imports.results_template([dept03], YEAR, QUARTER), {"C5": foreign.pk, "I5": 55})
    assert upload(client, content).status_code == 200
    client.post(reverse("performance:import-confirm"))
    assert snapshot() == before


def test_a_stored_preview_is_checked_again_against_the_person_at_confirmation(client, accounts, dept04):
    """The confirmation re-checks the rights: a plan for another department planted in the session saves nothing."""
    client.force_login(accounts["dept03"])
    before = snapshot()
    programme = plan_programmes(dept04, 2021).first()
    session = client.session
    session["results_import"] = {"year": YEAR, "quarter": QUARTER, "reports": [[dept04.pk, 0, [[programme.pk, 5, ""]]]]}
    session.save()
    response = client.post(reverse("performance:import-confirm"))
    assert response.status_code in (302, 403)
    assert snapshot() == before


def test_the_budget_cannot_be_changed_by_staff_with_a_forged_form(client, accounts, card_data):
    from budget.models import Allocation

    allocation = Allocation.objects.filter(budget_line__pledge=card_data).first()
    client.force_login(accounts["dept03"])
    before = list(Allocation.objects.values_list("pk", "secured", "executed"))
    data = {"version": 0, f"secured_{allocation.pk}": "1", f"executed_{allocation.pk}": "1", "action": "save"}
    assert client.post(reverse("budget:edit", args=[card_data.code]), data).status_code == 403
    assert client.post(reverse("budget:import-confirm", args=[card_data.code])).status_code == 403
    assert list(Allocation.objects.values_list("pk", "secured", "executed")) == before
