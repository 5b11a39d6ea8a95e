"""The Excel round trip against the database, on the web and on the command line: all or nothing."""

from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from performance import excel, imports, services
from performance.models import Department, QuarterlyReport, QuarterlyReportLine
from performance.plans import plan_programmes, plan_years
from performance.services import ReportError, StaleReport
from performance.views.workbooks import ImportView

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
        plan_programmes(department, 2021).order_by("sort_order").values_list("pk", flat=True)
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


def test_every_imported_line_and_report_has_its_history_row(accounts):
    """The bulk insert writes each new line's '+' history row (who, why, the figure) as django-simple-history would,
    and each new report's: on PostgreSQL through COPY, on SQLite through executemany."""
    content = filled(template_for("dept01", "dept03"), {5: 120, 6: 0, 9: 77}, comment="엑셀 입력")
    plan = imports.plan_import(content, "실적.xlsx", accounts["lead"])
    imports.apply_import(plan.to_session(), accounts["lead"])
    lines = list(period_lines())
    assert len(lines) == 3
    for line in lines:
        [record] = line.history.all()
        assert (record.history_type, record.history_user, record.history_change_reason) == (
            "+",
            accounts["lead"],
            "실적 입력",
        )
        assert (record.jobs, record.comment, record.report_id, record.programme_id) == (
            line.jobs,
            "엑셀 입력",
            line.report_id,
            line.programme_id,
        )
    for report in QuarterlyReport.objects.filter(year=YEAR, quarter=QUARTER):
        assert report.history.get().history_type == "+"


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
    other = plan_programmes(Department.objects.get(code="dept04"), 2021).first()
    book[excel.DATA_SHEET]["C5"] = other.pk
    buffer = BytesIO()
    book.save(buffer)
    plan = imports.plan_import(buffer.getvalue(), "x.xlsx", accounts["lead"])
    assert [error.cell for error in plan.errors] == ["C5", ""]
    own = plan_programmes(Department.objects.get(code="dept03"), YEAR).get()
    assert f"'{own.name}'(세부사업ID {own.pk})" in plan.errors[1].message  # and the row it replaced is missing


def test_a_change_between_preview_and_confirmation_saves_nothing(accounts):
    plan = imports.plan_import(filled(template_for("dept01", "dept03"), {5: 10, 9: 20}), "x.xlsx", accounts["lead"])
    dept03 = Department.objects.get(code="dept03")
    services.report_save_lines(
        department=dept03,
        year=YEAR,
        quarter=QUARTER,
        user=accounts["dept03"],
        lines=[services.LineInput(plan_programmes(dept03, 2021).first().pk, 5)],
        expected_version=0,
    )
    with pytest.raises(StaleReport):
        imports.apply_import(plan.to_session(), accounts["lead"])
    assert list(period_lines().values_list("jobs", flat=True)) == [5]  # dept01's part was rolled back too


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
                        [[plan_programmes(Department.objects.get(code="dept04"), 2021).first().pk, 1, ""]],
                    ]
                ],
            },
            accounts["lead"],
        )


# --- Files that would lose or hide figures: merged cells, deleted rows, sheets that would not be read -------------


def downloaded(client, user, department_code: str | None = None) -> bytes:
    """The template exactly as `user` downloads it from the results page."""
    client.force_login(user)
    params = {"year": YEAR, "quarter": QUARTER}
    if department_code:
        params["department"] = Department.objects.get(code=department_code).pk
    response = client.get(reverse("performance:template"), params)
    assert response.status_code == 200
    return response.content


def reworked(content: bytes, change) -> bytes:
    """The workbook after `change(book)`, saved as Excel would (openpyxl stands in for it)."""
    book = openpyxl.load_workbook(BytesIO(content))
    change(book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def dept02_with_11(accounts):
    """dept02's first programme holds 11 for the quarter, as in the report of the merged-cell bug."""
    department = Department.objects.get(code="dept02")
    services.report_save_lines(
        department=department,
        year=YEAR,
        quarter=QUARTER,
        user=accounts["dept02"],
        lines=[services.LineInput(plan_programmes(department, YEAR).first().pk, 11)],
        expected_version=0,
    )
    return department


def dept02_figures() -> list:
    return list(period_lines().filter(report__department__code="dept02").values_list("jobs", flat=True))


def upload_page(client, content: bytes) -> str:
    upload = BytesIO(content)
    upload.name = "실적.xlsx"
    response = client.post(reverse("performance:import"), {"file": upload})
    assert response.status_code == 200
    assert ImportView.session_key not in client.session  # nothing to confirm
    return " ".join(response.content.decode().split())


def command_refuses(tmp_path, capsys, content: bytes, *args) -> str:
    path = tmp_path / "results.xlsx"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="아무것도 저장하지 않았습니다"):
        call_command("import_results", str(path), *args)
    return capsys.readouterr().err


@pytest.mark.parametrize("cell_range", ["H5:I5", "I5:I6"])
def test_a_merged_figure_is_refused_on_the_web_and_by_the_command(
    client, accounts, dept02_with_11, tmp_path, capsys, cell_range
):
    template = downloaded(client, accounts["dept02"])
    assert openpyxl.load_workbook(BytesIO(template))[excel.DATA_SHEET]["I5"].value == 11
    content = reworked(template, lambda book: book[excel.DATA_SHEET].merge_cells(cell_range))
    html = upload_page(client, content)
    assert f"{cell_range} 셀이 병합되어 있습니다" in html and "미리보기:" not in html
    error = command_refuses(tmp_path, capsys, content, "--user", "dept02")
    assert f"실적!{cell_range}: {cell_range} 셀이 병합되어 있습니다" in error
    assert dept02_figures() == [11]


def test_a_deleted_row_is_refused_naming_its_programme(client, accounts, dept02_with_11, tmp_path, capsys):
    template = downloaded(client, accounts["dept02"])
    sheet = openpyxl.load_workbook(BytesIO(template))[excel.DATA_SHEET]
    deleted_name, deleted_id = sheet["D6"].value, sheet["C6"].value
    content = reworked(filled(template, {5: 30}), lambda book: book[excel.DATA_SHEET].delete_rows(6))
    plan = imports.plan_import(content, "x.xlsx", accounts["dept02"])
    assert [(error.sheet, error.cell) for error in plan.errors] == [("실적", "")]
    assert deleted_name in plan.errors[0].message and f"세부사업ID {deleted_id}" in plan.errors[0].message
    html = upload_page(client, content)
    assert "세부사업 행이 없습니다" in html and deleted_name in html
    error = command_refuses(tmp_path, capsys, content, "--user", "dept02")
    assert f"실적: 세부사업 행이 없습니다: 지역경제과 '{deleted_name}'" in error
    assert dept02_figures() == [11]  # the figure typed on the row that stayed was not saved either


def test_a_blank_figure_on_its_row_still_clears_the_figure(client, accounts, dept02_with_11):
    content = filled(downloaded(client, accounts["dept02"]), {5: None})
    plan = imports.plan_import(content, "x.xlsx", accounts["dept02"])
    assert plan.ok and [(change.old_jobs, change.new_jobs) for report in plan.reports for change in report.changes] == [
        (11, None)
    ]


def test_every_department_of_the_file_must_keep_its_rows(client, accounts):
    template = downloaded(client, accounts["lead"])  # every department
    sheet = openpyxl.load_workbook(BytesIO(template))[excel.DATA_SHEET]
    dept01_rows = [row for row in range(5, sheet.max_row + 1) if sheet[f"A{row}"].value == "dept01"]
    names = [sheet[f"D{row}"].value for row in dept01_rows[1:3]]
    content = reworked(template, lambda book: book[excel.DATA_SHEET].delete_rows(dept01_rows[1], 2))
    plan = imports.plan_import(content, "x.xlsx", accounts["lead"])
    assert len(plan.errors) == 2
    assert all(name in error.message for name, error in zip(names, plan.errors, strict=True))


def test_a_hidden_sheet_with_another_departments_rows_is_refused(client, accounts, dept02_with_11, tmp_path, capsys):
    other = downloaded(client, accounts["lead"], "dept03")

    def hide_other_rows(book):
        hidden = book.create_sheet("숨김")
        for row in openpyxl.load_workbook(BytesIO(other))[excel.DATA_SHEET].iter_rows(values_only=True):
            hidden.append(row)
        hidden["I5"], hidden.sheet_state = 999, "hidden"

    content = reworked(downloaded(client, accounts["lead"], "dept02"), hide_other_rows)
    html = upload_page(client, content)
    assert "숨긴 시트가 있습니다: &#x27;숨김&#x27;" in html
    error = command_refuses(tmp_path, capsys, content, "--user", "lead")
    assert "숨김: 숨긴 시트가 있습니다: '숨김'." in error
    assert not period_lines().filter(report__department__code="dept03").exists()
    assert dept02_figures() == [11]


def test_an_extra_sheet_is_named_and_refused(client, accounts, dept02_with_11, tmp_path, capsys):
    content = reworked(downloaded(client, accounts["dept02"]), lambda book: book.create_sheet("메모"))
    error = command_refuses(tmp_path, capsys, content)
    assert "메모: 양식에 없는 시트가 있습니다: '메모'." in error


def with_period(content: bytes, year, quarter) -> bytes:
    """The template with its 연도 (B2) and 분기 (D2) cells changed, as a clerk might."""
    book = openpyxl.load_workbook(BytesIO(content))
    book[excel.DATA_SHEET]["B2"], book[excel.DATA_SHEET]["D2"] = year, quarter
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_year_outside_every_plan_is_refused_at_the_preview_at_its_cell_with_the_reason(accounts):
    content = with_period(filled(template_for("dept01"), {5: 120}), 2099, 3)
    plan = imports.plan_import(content, "실적.xlsx", accounts["lead"])
    assert [(error.cell, error.value) for error in plan.errors] == [("B2", "2099")]  # not a complaint per row
    assert "2099년에는 연차별 세부계획이 없어 실적을 입력할 수 없습니다" in plan.errors[0].message
    assert plan.reports == ()


def test_a_quarter_not_yet_ended_is_refused_at_the_preview_not_only_at_the_confirmation(accounts):
    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1  # the quarter running today
    content = with_period(filled(template_for("dept01"), {5: 120}), year, quarter)
    plan = imports.plan_import(content, "실적.xlsx", accounts["lead"])
    government = Department.objects.get(code="dept01").local_government_id
    if year in plan_years(government):
        expected = ("D2", str(quarter), f"{year}년 {quarter}분기는 아직 끝나지 않아")
    else:
        expected = ("B2", str(year), f"{year}년에는 연차별 세부계획이 없어")
    [error] = plan.errors
    assert (error.cell, error.value) == expected[:2] and expected[2] in error.message
    assert not QuarterlyReport.objects.filter(year=year, quarter=quarter).exists()
