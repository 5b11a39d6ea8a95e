"""Adding a kind of document is one module and one line in the registry: a kind the code has never seen, put into
the registry alone, is offered on the plan's documents page, downloaded, exported by `export_document` and issued
with its figures frozen — no URL, view, form, command or migration touched."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from documents import issuing
from documents.base import PDF, DocumentKind, ExportedFile
from documents.models import IssuedDocument
from documents.plan_parts import plan_of
from documents.registry import KINDS
from performance.models import YearPlan

pytestmark = pytest.mark.django_db
YEAR = 2025


def _memo_kind():
    def build(subject, year=None, quarter=None):
        plan = plan_of(subject, year)
        return {"plan": plan, "count": plan.programmes.count()}

    def figures(document):
        return {f"{document['plan'].year}년 세부사업 수": document["count"]}

    def pdf(document):
        return ExportedFile("memo.pdf", PDF, f"%PDF-memo {document['plan'].year} {document['count']}".encode())

    return DocumentKind(
        slug="memo",
        title="일자리 메모",
        subject="plan",
        needs_year=True,
        needs_quarter=False,
        build=build,
        figures=figures,
        renderers={"pdf": pdf},
    )


@pytest.fixture
def memo(monkeypatch, card_data):
    monkeypatch.setitem(KINDS, "memo", _memo_kind())
    plan = YearPlan.objects.get(local_government=card_data.local_government, year=YEAR)
    return plan, plan.programmes.count()


def test_a_new_kind_is_offered_and_downloaded_on_the_plans_documents_page(client, memo):
    _, count = memo
    client.force_login(get_user_model().objects.get(username="lead"))
    page = client.get(reverse("plan-documents", args=[YEAR])).content.decode()
    assert "일자리 메모" in page
    assert reverse("plan-document", args=[YEAR, "memo", "pdf"]) in page
    download = client.get(reverse("plan-document", args=[YEAR, "memo", "pdf"]))
    assert download.status_code == 200
    assert b"".join(download) == f"%PDF-memo {YEAR} {count}".encode()


def test_a_new_kind_is_exported_by_the_command(memo, tmp_path):
    plan, count = memo
    output = tmp_path / "memo.pdf"
    call_command(
        "export_document", "memo", "--year", str(YEAR), "--government", plan.local_government.code, "--output", output
    )
    assert output.read_bytes() == f"%PDF-memo {YEAR} {count}".encode()


def test_a_new_kind_is_issued_with_its_figures_frozen(memo):
    _, count = memo
    issued = issuing.document_issue(
        user=get_user_model().objects.get(username="lead"),
        pledge=None,
        kind="memo",
        year=YEAR,
        quarter=None,
        fmt="pdf",
        recipient="서울특별시",
        sent_on=datetime.date(2026, 11, 27),
    )
    stored = IssuedDocument.objects.get(pk=issued.pk)
    assert stored.figures == [[f"{YEAR}년 세부사업 수", count]]
    assert bytes(stored.content) == f"%PDF-memo {YEAR} {count}".encode()
    assert stored.get_kind_display() == "일자리 메모"


def test_the_issue_form_offers_a_new_kind_and_says_what_it_needs(client, memo):
    client.force_login(get_user_model().objects.get(username="lead"))
    page = client.get(reverse("document-issue")).content.decode()
    assert '<option value="memo">일자리 메모</option>' in page
    assert "일자리 메모: 연도 (그 연도의 연차별 계획의 문서: 공약은 쓰지 않습니다)" in page
    assert "분기 일자리창출 실적 보고: 공약·연도·분기" in page
