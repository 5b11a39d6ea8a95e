"""The quarterly job-creation report (분기 일자리창출 실적 보고): figures through the quarter, approved only."""

import io
import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from documents.kinds.quarterly import quarterly_report_pdf
from documents.quarterly import quarterly_report
from documents.quarterly_xlsx import quarterly_report_xlsx
from performance.models import Department
from performance.plans import plan_programmes
from tests.factories import QuarterlyReportFactory, QuarterlyReportLineFactory
from tests.pdf import assert_korean_font_embedded, pdf_text


def test_export_report_pdf_2019_q3(card_data, tmp_path):
    output = tmp_path / "report.pdf"
    call_command("export_report", "--year", "2019", "--quarter", "3", "--output", str(output))
    assert_korean_font_embedded(output)
    text = pdf_text(output)
    assert "2019년 3분기 일자리창출 실적 보고" in text
    assert "8,076" in text and "90.7%" in text and "8,900" in text
    assert "10,349" not in text  # the fourth quarter is after the report's quarter


def test_export_report_xlsx(card_data, tmp_path):
    output = tmp_path / "report.xlsx"
    call_command("export_report", "--year", "2020", "--quarter", "2", "--output", str(output))
    book = openpyxl.load_workbook(output)
    summary = [cell.value for cell in book["요약"][6]]
    assert summary[:3] == [10500, 7875, 0.75]
    assert "미제출·미승인 부서" in book.sheetnames and book.sheetnames[-1] == "출처"


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--year", "2017", "--quarter", "1"], "세부계획이 없습니다"), (["--year", "2019", "--quarter", "5"], "올바른")],
)
def test_export_report_refuses_a_bad_period_and_writes_nothing(card_data, tmp_path, args, message):
    output = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("export_report", *args, "--output", str(output))
    assert not output.exists()


def test_web_download_for_the_lead_department_and_managers_only(client, card_data, django_user_model):
    url = reverse("quarterly-report", args=["지역경제-11", 2019, 3, "xlsx"])
    client.force_login(django_user_model.objects.get(username="dept03"))
    assert client.get(url).status_code == 403
    client.force_login(django_user_model.objects.get(username="manager"))
    response = client.get(url)
    assert response.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(response.content))["요약"]["B6"].value == 8076


def test_budget_report_pdf(client, card_data, django_user_model, tmp_path):
    client.force_login(django_user_model.objects.get(username="manager"))
    response = client.get(reverse("budget-report", args=["지역경제-11"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "budget.pdf"
    path.write_bytes(response.content)
    assert_korean_font_embedded(path)
    text = pdf_text(path)
    for figure in ["191,259", "114,875", "12,802", "152,959", "75.1%", "73.7%", "87.4%"]:
        assert figure in text
    # the rates by source count the years that have begun only, and say so (not 57.7% and 60.1% with 2022's plan)
    assert "재원별 집행률 (집행 연도 2018~2021년)" in text and "57.7%" not in text and "60.1%" not in text


def test_groups_and_types_of_an_earlier_quarter_leave_out_later_quarters(card_data):
    """The report of Q2 must not count a Q3 approved later in its breakdowns by group and type (as it does not in its
    total or by department)."""
    before = quarterly_report(card_data, 2021, 2).overview
    QuarterlyReportLineFactory(
        report__department=card_data.lead_department,
        report__year=2021,
        report__quarter=3,
        programme=plan_programmes(card_data.lead_department, 2021).first(),
        jobs=1000,
    )
    after = quarterly_report(card_data, 2021, 2).overview
    assert (after.groups, after.types, after.cumulative) == (before.groups, before.types, before.cumulative)
    assert sum(share.cumulative for share in after.groups) == after.cumulative == 7342


def test_a_quarter_with_nothing_approved_is_marked_provisional_at_the_top(card_data, tmp_path):
    """2022 Q4: no department's report is approved, so 0 and 0.0% are not a result yet; the report says so above the
    figures, naming the departments, in the PDF and in every sheet of the xlsx."""
    document = quarterly_report(card_data, 2022, 4)
    assert document.provisional and len(document.missing) == 22
    note = document.provisional_note
    assert note.startswith("잠정 보고: 2022년 4분기 보고가 승인되지 않은 부서가 22곳 있어 수치가 바뀔 수 있습니다.")
    assert "미제출 22곳: 일자리창출과, 지역경제과" in note
    path = tmp_path / "report.pdf"
    path.write_bytes(quarterly_report_pdf(document).content)
    text = " ".join(pdf_text(path).split())
    assert text.startswith("2022년 4분기 일자리창출 실적 보고 (잠정)")
    assert text.index("잠정 보고: 2022년 4분기") < text.index("연간 목표(명)")  # above the summary's figures
    book = openpyxl.load_workbook(io.BytesIO(quarterly_report_xlsx(document).content))
    for sheet in book.worksheets[:-1]:
        assert "[잠정]" in sheet["A1"].value and "잠정" in sheet.oddFooter.left.text, sheet.title
    assert any(cell.value == note for row in book["요약"].iter_rows() for cell in row)
    assert note in [cell.value for cell in book["출처"]["B"]]


def test_the_provisional_note_names_each_state(card_data):
    department = card_data.lead_department
    QuarterlyReportFactory(department=department, year=2021, quarter=3, status="submitted")
    other = Department.objects.get(local_government=card_data.local_government, name="지역경제과")
    QuarterlyReportFactory(department=other, year=2021, quarter=3, status="returned")
    note = quarterly_report(card_data, 2021, 3).provisional_note
    assert "부서가 22곳" in note
    assert "제출(검토 대기) 1곳: 일자리창출과 · 반려 1곳: 지역경제과 · 미제출 20곳: " in note


def test_a_quarter_with_every_report_approved_is_not_provisional(card_data, tmp_path):
    document = quarterly_report(card_data, 2020, 2)
    assert not document.provisional and document.provisional_note == ""
    path = tmp_path / "report.pdf"
    path.write_bytes(quarterly_report_pdf(document).content)
    assert "잠정" not in pdf_text(path)
    book = openpyxl.load_workbook(io.BytesIO(quarterly_report_xlsx(document).content))
    assert not any("잠정" in str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)


def test_a_year_with_nothing_approved_has_its_row_in_the_yearly_table(card_data, tmp_path):
    """2022 Q4 (nothing approved): the yearly table shows 2022 with its target and dashes, not only earlier years."""
    document = quarterly_report(card_data, 2022, 4)
    assert document.overview.by_year[2022] == (None, None, None, None)
    assert list(document.overview.by_year)[-1] == 2022
    path = tmp_path / "report.pdf"
    path.write_bytes(quarterly_report_pdf(document).content)
    text = pdf_text(path)
    assert re.search(r"2022\s+—\s+—\s+—\s+—\s+10,800", text)
