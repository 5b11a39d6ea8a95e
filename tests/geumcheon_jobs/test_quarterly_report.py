"""The quarterly job-creation report (분기 일자리창출 실적 보고): figures through the quarter, approved only."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from geumcheon_jobs.quarterly_report import quarterly_report
from performance.plans import plan_programmes
from tests.factories import QuarterlyReportLineFactory
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
    [(["--year", "2017", "--quarter", "1"], "목표도"), (["--year", "2019", "--quarter", "5"], "올바른")],
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
    for figure in ["191,259", "114,875", "12,802", "60.1%", "57.7%", "87.4%"]:
        assert figure in text


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
