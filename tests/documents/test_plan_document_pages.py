"""The yearly plan's documents on screen: a page per plan with each document in each format (lead department and
managers), linked from the plan's page; the public page lists the published 공시 documents by year — the plan
notice of a published plan, the results notice after its year — and nothing else can be downloaded there."""

import datetime

import pytest
from django.urls import reverse

from documents.plan_parts import is_public
from performance.models import YearPlan
from tests.hwpx import body_texts, open_hwpx

pytestmark = pytest.mark.django_db
CODE = "지역경제-11"


def _user(name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


def test_plan_page_links_its_documents_and_the_page_offers_every_format(client, card_data):
    client.force_login(_user("lead"))
    plan_page = client.get(reverse("plans:year", args=[2025])).content.decode()
    assert reverse("plan-documents", args=[2025]) in plan_page
    page = client.get(reverse("plan-documents", args=[2025])).content.decode()
    for slug in ("plan", "results-notice", "evaluation"):
        for suffix in ("pdf", "xlsx", "hwpx"):
            assert reverse("plan-document", args=[2025, slug, suffix]) in page
    assert reverse("plans:evaluation", args=[2025]) in page


@pytest.mark.parametrize(
    ("suffix", "mimetype"),
    [("pdf", "application/pdf"), ("xlsx", "spreadsheetml"), ("hwpx", "application/hwp+zip")],
)
def test_download_in_each_format(client, card_data, suffix, mimetype):
    client.force_login(_user("manager"))
    response = client.get(reverse("plan-document", args=[2025, "results-notice", suffix]))
    assert response.status_code == 200
    assert mimetype in response["Content-Type"]
    assert "attachment" in response["Content-Disposition"]
    if suffix == "hwpx":
        assert body_texts(open_hwpx(response.content))[0] == "2025년 추진실적 공시"


def test_unknown_document_or_format_is_not_found(client, card_data):
    client.force_login(_user("lead"))
    assert client.get(reverse("plan-document", args=[2025, "card", "pdf"])).status_code == 404  # a pledge's kind
    assert client.get(reverse("plan-document", args=[2025, "plan", "docx"])).status_code == 404
    assert client.get(reverse("plan-document", args=[2031, "plan", "pdf"])).status_code == 404


def test_what_the_public_may_download(card_data):
    plans = {p.year: p for p in YearPlan.objects.filter(local_government=card_data.local_government)}
    today = datetime.date(2026, 11, 27)
    assert plans[2025].status != YearPlan.Status.DRAFT
    assert is_public(plans[2025], "plan", today) and is_public(plans[2025], "results-notice", today)
    assert is_public(plans[2026], "plan", today) and not is_public(plans[2026], "results-notice", today)
    assert not is_public(plans[2025], "evaluation", today)  # for the evaluators only
    plans[2025].status = YearPlan.Status.DRAFT
    assert not is_public(plans[2025], "plan", today)


def test_public_page_lists_published_documents_by_year(client, card_data):
    government = card_data.local_government.code
    page = client.get(reverse("public-pledge", args=[government, CODE])).content.decode()
    assert reverse("public-plan-document", args=[government, 2025, "results-notice", "pdf"]) in page
    assert reverse("public-plan-document", args=[government, 2025, "plan", "hwpx"]) in page
    assert reverse("public-plan-document", args=[government, 2025, "evaluation", "pdf"]) not in page
    response = client.get(reverse("public-plan-document", args=[government, 2025, "plan", "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(reverse("public-plan-document", args=[government, 2025, "evaluation", "pdf"])).status_code == 404
