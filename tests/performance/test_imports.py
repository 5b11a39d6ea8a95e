"""The Excel round trip against the database, on the web and on the command line: all or nothing."""

from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from performance import excel, imports, services
from performance.models import Department, QuarterlyReport, QuarterlyReportLine
from performance.services import ReportError, StaleReport

YEAR, QUARTER = 2021, 3
BAD_FILES = Path(__file__).parent / "bad_files"


@pytest.fixture
def accounts(card_data, django_user_model):
    return {u.username: u for u in django_user_model.objects.all()}


def template_for(*codes, year=YEAR, quarter=QUARTER) -> bytes:
    departments = list(Department.objects.filter(code__in=codes).order_by("sort_order"))
    return imports.results_template(departments, year, quarter)


def filled(content: bytes, values: dict[int, object], comment: str | None = None) -> bytes:
    """Fill 이번 분기 실적 (column I) of the given data rows, as a clerk would in Excel."""
    book = openpyxl.load_workbook(BytesIO(content))
    sheet = book[excel.DATA_SHEET]
    for row, value in values.items():
        sheet[f"I{row}"] = value
        if comment is not None:
            sheet[f"J{row}"] = comment
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def period_lines():
    return QuarterlyReportLine.objects.filter(report__year=YEAR, report__quarter=QUARTER)


def test_the_template_is_prefilled_with_the_departments_programmes(card_data):
    parsed = excel.parse_results_workbook(template_for("dept01"))
    department = Department.objects.get(code="dept01")
    assert parsed.ok and (parsed.year, parsed.quarter) == (YEAR, QUARTER)
    assert [row.programme_id for row in parsed.rows] == list(
        department.programmes.order_by("sort_order").values_list("pk", flat=True)
    )


def test_preview_then_apply(accounts):
    content = filled(template_for("dept01", "dept03"), {5: 120, 6: "1,300", 9: 77}, comment="엑셀 입력")
    plan = imports.plan_import(content, "실적.xlsx", accounts["lead"])
    assert plan.ok and plan.change_count == 3
    assert not period_lines().exists()  # a preview saves nothing
    saved = imports.apply_import(plan.to_session(), accounts["lead"])
    assert len(saved) == 2
    assert sorted(period_lines().values_list("jobs", flat=True)) == [77, 120, 1300]
    assert period_lines().first().history.first().history_user == accounts["lead"]


def test_staff_cannot_import_another_departments_rows(accounts):
    plan = imports.plan_import(filled(template_for("dept01", "dept03"), {5: 1, 9: 2}), "x.xlsx", accounts["dept03"])
    assert not plan.ok
    assert {error.cell for error in plan.errors} >= {"A5"}
    assert "권한" in plan.errors[0].message


def test_an_approved_report_is_not_changed_by_an_upload(accounts):
    content = filled(template_for("dept03", year=2019, quarter=1), {5: 999})
    plan = imports.plan_import(content, "x.xlsx", accounts["lead"])
    assert not plan.ok and "승인" in plan.errors[0].message


def test_a_programme_of_another_department_is_refused(accounts):
    content = template_for("dept03")
    book = openpyxl.load_workbook(BytesIO(content))
    other = Department.objects.get(code="dept04").programmes.first()
    book[excel.DATA_SHEET]["C5"] = other.pk
    buffer = BytesIO()
    book.save(buffer)
    plan = imports.plan_import(buffer.getvalue(), "x.xlsx", accounts["lead"])
    assert [error.cell for error in plan.errors] == ["C5"]


def test_a_change_between_preview_and_confirmation_saves_nothing(accounts):
    plan = imports.plan_import(filled(template_for("dept01", "dept03"), {5: 10, 9: 20}), "x.xlsx", accounts["lead"])
    dept03 = Department.objects.get(code="dept03")
    services.report_save_lines(
        department=dept03,
        year=YEAR,
        quarter=QUARTER,
        user=accounts["dept03"],
        lines=[services.LineInput(dept03.programmes.first().pk, 5)],
        expected_version=0,
    )
    with pytest.raises(StaleReport):
        imports.apply_import(plan.to_session(), accounts["lead"])
    assert list(period_lines().values_list("jobs", flat=True)) == [5]  # dept01's part was rolled back too


def test_a_crash_in_the_middle_leaves_everything_as_before(accounts, monkeypatch):
    """The reports are created, then writing their lines fails: nothing of it remains."""
    plan = imports.plan_import(filled(template_for("dept01", "dept03"), {5: 10, 9: 20}), "x.xlsx", accounts["lead"])

    def failing(model, rows, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "insert_with_history", failing)
    with pytest.raises(RuntimeError):
        imports.apply_import(plan.to_session(), accounts["lead"])
    assert not period_lines().exists() and not QuarterlyReport.objects.filter(year=YEAR, quarter=QUARTER).exists()
    assert not QuarterlyReport.history.filter(year=YEAR, quarter=QUARTER).exists()


def test_import_results_command_dry_run_and_save(card_data, tmp_path, capsys):
    path = tmp_path / "results.xlsx"
    path.write_bytes(filled(template_for("dept03"), {5: 321}))
    call_command("import_results", str(path), "--dry-run")
    assert "— → 321" in capsys.readouterr().out
    assert not period_lines().exists()
    call_command("import_results", str(path), "--user", "lead")
    assert list(period_lines().values_list("jobs", flat=True)) == [321]


@pytest.mark.parametrize("value", ["=1+2", -3, 12.5, "열두"])
def test_import_results_command_refuses_a_bad_cell(card_data, tmp_path, capsys, value):
    path = tmp_path / "results.xlsx"
    path.write_bytes(filled(template_for("dept03"), {5: value}))
    with pytest.raises(CommandError, match="아무것도 저장하지 않았습니다"):
        call_command("import_results", str(path))
    assert "실적!I5" in capsys.readouterr().err
    assert not period_lines().exists()


def test_import_results_command_refuses_a_csv(card_data, capsys):
    with pytest.raises(CommandError):
        call_command("import_results", str(BAD_FILES / "results.csv"))
    assert "CSV" in capsys.readouterr().err


def test_web_upload_preview_and_confirm(client, accounts):
    client.force_login(accounts["dept03"])
    upload = BytesIO(filled(template_for("dept03"), {5: 456}))
    upload.name = "실적.xlsx"
    html = client.post(reverse("performance:import"), {"file": upload}).content.decode()
    assert "미리보기" in html and "456" in html
    assert not period_lines().exists()
    response = client.post(reverse("performance:import-confirm"))
    assert response.status_code == 302
    assert list(period_lines().values_list("jobs", flat=True)) == [456]
    assert client.post(reverse("performance:import-confirm")).status_code == 302  # a second click: nothing twice
    assert period_lines().count() == 1


@pytest.mark.parametrize("name", ["results.csv", "legacy.xls", "report_pdf.xlsx", "zip_bomb_ratio.xlsx", "empty.xlsx"])
def test_web_upload_of_a_bad_file_is_explained(client, accounts, name):
    client.force_login(accounts["dept03"])
    with open(BAD_FILES / name, "rb") as handle:
        response = client.post(reverse("performance:import"), {"file": handle})
    assert response.status_code == 200
    assert "아무것도 저장하지 않았습니다" in response.content.decode() or "빈 파일" in response.content.decode()
    assert not period_lines().exists()


def test_template_download(client, accounts):
    client.force_login(accounts["dept03"])
    department = accounts["dept03"].membership.department
    response = client.get(reverse("performance:template"), {"year": YEAR, "quarter": QUARTER})
    assert response.status_code == 200
    parsed = excel.parse_results_workbook(response.content)
    assert {row.department_code for row in parsed.rows} == {department.code}  # staff get their own only


def test_the_service_refuses_a_report_error_cleanly(accounts):
    with pytest.raises(ReportError):
        imports.apply_import(
            {
                "year": YEAR,
                "quarter": QUARTER,
                "reports": [
                    [
                        Department.objects.get(code="dept03").pk,
                        0,
                        [[Department.objects.get(code="dept04").programmes.first().pk, 1, ""]],
                    ]
                ],
            },
            accounts["lead"],
        )
