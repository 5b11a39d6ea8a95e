"""Errors beside their fields with what was typed kept (KWCAG 2.2 입력 오류 정정): the entry form and the reason of
a return or reopening."""

import pytest
from django.urls import reverse

from performance.plans import plan_programmes
from tests.performance.test_views import accounts, dept03, entry_data, entry_url, submitted_report  # noqa: F401

LONG_REASON = "인원 재확인 " * 200  # past the 1,000 characters a reason may have


def test_a_refused_reason_comes_back_beside_its_field_with_the_text_kept(client, accounts, dept03):  # noqa: F811
    report = submitted_report(dept03, accounts["dept03"])
    client.force_login(accounts["lead"])
    response = client.post(
        reverse("performance:action", args=[report.pk, "return"]), {"version": report.version, "reason": LONG_REASON}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_reason-error"' in html
    assert '<p class="field-error" id="id_reason-error">' in html
    assert LONG_REASON.strip() in html
    report.refresh_from_db()
    assert report.status == "submitted"


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_empty_reason_is_asked_for_beside_the_field(client, accounts, dept03, reason):  # noqa: F811
    report = submitted_report(dept03, accounts["dept03"])
    client.force_login(accounts["lead"])
    response = client.post(
        reverse("performance:action", args=[report.pk, "return"]), {"version": report.version, "reason": reason}
    )
    assert response.status_code == 400
    assert "사유를 입력하세요" in response.content.decode()


def test_a_wrong_figure_is_tied_to_its_field_and_kept(client, accounts, dept03):  # noqa: F811
    client.force_login(accounts["dept03"])
    programme = plan_programmes(dept03, 2021).first()
    response = client.post(entry_url(dept03), entry_data(dept03, save="1", **{f"jobs_{programme.pk}": "열두명"}))
    html = response.content.decode()
    field_id = f"id_jobs_{programme.pk}"
    assert f'aria-describedby="{field_id}-error"' in html and f'id="{field_id}-error"' in html
    assert 'value="열두명"' in html and 'aria-invalid="true"' in html
