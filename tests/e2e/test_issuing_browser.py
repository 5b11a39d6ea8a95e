"""The lead department marks the card as sent from the card page, the record keeps the file, and after a reopened
report the record shows what changed; the pages keep the CSP and pass axe."""

import hashlib

import pytest
from django.utils import timezone

from documents import issuing
from documents.models import IssuedDocument
from performance import services
from performance.models import QuarterlyReport
from tests.e2e.conftest import screenshot
from tests.e2e.test_accessibility import check_all

pytestmark = pytest.mark.e2e


def test_the_lead_issues_the_card_and_later_sees_what_changed(sign_in, live_server, tmp_path, django_user_model):
    page = sign_in("lead")
    page.goto(f"{live_server.url}/pledges/지역경제-11/card/?year=2021")
    page.get_by_role("link", name="발송 처리").click()
    page.wait_for_load_state()
    assert "2021년 일자리 창출목표(명)" in page.locator("main").inner_text()
    page.get_by_label("수신처", exact=True).fill("고용노동부 지역산업고용정책과")
    screenshot(page, "issue-form")
    page.keyboard.press("Tab")  # on to the date: the recipient's suggestions close
    page.get_by_role("button", name="발송 처리").click()
    page.wait_for_url("**/documents/issued/*/")
    assert "발행 이후 바뀐 수치가 없습니다." in page.locator("main").inner_text()

    issued = IssuedDocument.objects.get()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="보관된 파일(PDF)").click()
    path = tmp_path / "issued.pdf"
    download_info.value.save_as(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == issued.sha256

    report = QuarterlyReport.objects.filter(year=2021, quarter=2, status="approved", lines__jobs__gt=0).first()
    lead = django_user_model.objects.get(username="lead")
    services.report_reopen(report_id=report.pk, user=lead, expected_version=report.version, reason="수치 재확인")
    page.reload()
    body = page.locator("main").inner_text()
    assert "발행 당시와 지금이 다른 수치 2개" in body and "7,342" in body
    screenshot(page, "issued-detail-changed")

    page.get_by_role("link", name="발송 문서").first.click()
    page.wait_for_load_state()
    assert "변경 있음" in page.locator("main").inner_text()
    screenshot(page, "issued-list")


@pytest.mark.axe
def test_the_issuing_pages_pass_axe(sign_in, live_server, card_data, django_user_model):
    lead = django_user_model.objects.get(username="lead")
    issued = issuing.document_issue(
        user=lead,
        pledge=card_data,
        kind="budget",
        year=None,
        quarter=None,
        fmt="xlsx",
        recipient="서울시 일자리정책과",
        sent_on=timezone.localdate(),
    )
    page = sign_in("lead")
    paths = [
        "/documents/issued/",
        f"/documents/issued/{issued.pk}/",
        "/documents/issue/?kind=quarterly_report&year=2019&quarter=3",
    ]
    assert check_all(page, live_server, paths) == {}
