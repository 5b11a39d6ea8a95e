"""Issuing (발송 처리): the lead department marks a document as sent; the file and the figures behind it are frozen,
every version is listed, and a later change of the figures shows against the issued one."""

import datetime
import hashlib
from dataclasses import replace

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from budget.models import BudgetLine
from budget.selectors import budget_version
from budget.services import CellInput, allocations_save
from documents import issuing
from documents.kinds import card as card_kind
from documents.models import IssuedDocument
from performance import services
from performance.calculations import achievement_rate
from performance.models import QuarterlyReport, QuarterlyReportLine
from performance.plans import plan_programmes
from tests.factories import QuarterlyReportLineFactory
from tests.hwpx import all_text, open_hwpx
from tests.pdf import pdf_text

LIST_URL = reverse("issued-documents")
ISSUE_URL = reverse("document-issue")
RECIPIENT = "고용노동부 지역산업고용정책과"


@pytest.fixture
def users(card_data, django_user_model):
    return {u.username: u for u in django_user_model.objects.filter(username__in=["lead", "manager", "dept03"])}


def issue(pledge, user, kind="card", year=2021, quarter=None, fmt="pdf", recipient=RECIPIENT, **kwargs):
    return issuing.document_issue(
        user=user,
        pledge=pledge,
        kind=kind,
        year=year,
        quarter=quarter,
        fmt=fmt,
        recipient=recipient,
        sent_on=kwargs.pop("sent_on", timezone.localdate()),
        **kwargs,
    )


def reopen_a_2021_q2_report(lead) -> int:
    """Reopen one approved 2021 Q2 report: its jobs stop counting. Returns them."""
    report = QuarterlyReport.objects.filter(year=2021, quarter=2, status="approved", lines__jobs__gt=0).first()
    jobs = QuarterlyReportLine.objects.filter(report=report).aggregate(total=Sum("jobs"))["total"]
    services.report_reopen(report_id=report.pk, user=lead, expected_version=report.version, reason="수치 재확인")
    return jobs


def change_2019_national_secured(pledge, lead, secured: int) -> None:
    line = BudgetLine.objects.get(pledge=pledge)
    allocations_save(
        pledge=pledge,
        cells=[CellInput(line.pk, line.name, 2019, "national", secured, 12802)],
        user=lead,
        expected_version=budget_version(pledge),
    )


def post_issue(client, pledge, **overrides):
    data = {
        "pledge": pledge.code,
        "kind": "card",
        "file_format": "pdf",
        "year": "2021",
        "quarter": "",
        "recipient": RECIPIENT,
        "sent_on": timezone.localdate().isoformat(),
        "digest": "",
    }
    data.update(overrides)
    return client.post(ISSUE_URL, data)


# --- the service -------------------------------------------------------------------------------------------------


def test_issuing_freezes_the_file_and_the_figures_it_shows(card_data, users, tmp_path):
    issued = issue(card_data, users["lead"])
    assert issued.recipient == RECIPIENT and issued.issued_by == users["lead"]
    assert issued.sent_on == timezone.localdate()
    assert issued.filename == "공약이행카드_지역경제-11_2021.pdf" and issued.mimetype == "application/pdf"
    assert issued.sha256 == hashlib.sha256(bytes(issued.content)).hexdigest()
    figures = issuing.issued_figures(issued)
    assert figures["2021년 일자리 창출목표(명)"] == 10800
    assert figures["총사업비(백만원)"] == 191259
    assert figures["소요예산 계(백만원)"] == 42711
    assert figures["추진실적 2021년 상반기 누적 실적(명)"] == 7342
    assert figures["추진실적 2021년 상반기 달성률"] == "68.0%"
    assert figures["추진실적 2019년 달성률"] == "116.3%"
    assert figures["예산 계 2019년 집행액"] == 29819
    # what the snapshot says is what the file says
    path = tmp_path / "card.pdf"
    path.write_bytes(bytes(issued.content))
    text = pdf_text(path)
    assert "2021년 상반기 실적 7,342명(달성률 68.0%)" in text and "191,259" in text


def test_the_snapshot_is_the_selector_of_the_document(card_data):
    figures = issuing.document_figures("quarterly", card_data, 2019, 3)
    assert figures["3분기까지 누적 실적(명)"] == 8076
    assert figures["달성률"] == "90.7%"
    assert figures["2019년 4분기 누적 실적(명)"] == "—"  # the report of Q3 stops at Q3
    assert figures["2019년 목표(명)"] == 8900
    budget = issuing.document_figures("budget", card_data, None, None)
    assert budget["재원별(집행 연도 2018~2021년) 국비 확보액"] == 48654  # 2022's plan is not counted
    assert budget["재원별(집행 연도 2018~2021년) 계 집행액"] == 114875
    assert budget["연도별 2022년 집행액"] == "—" and budget["연도별 2022년 집행률"] == "—"


@pytest.mark.parametrize(
    ("kind", "year", "quarter", "fmt", "filename"),
    [
        ("card", 2021, None, "xlsx", "공약이행카드_지역경제-11_2021.xlsx"),
        ("quarterly", 2019, 3, "pdf", "분기일자리실적보고_지역경제-11_2019년3분기.pdf"),
        ("budget", None, None, "pdf", "예산집행보고_지역경제-11.pdf"),
    ],
)
def test_every_document_can_be_issued(card_data, users, kind, year, quarter, fmt, filename):
    issued = issue(card_data, users["lead"], kind=kind, year=year, quarter=quarter, fmt=fmt)
    assert issued.filename == filename
    assert issued.figures == [
        [label, value] for label, value in issuing.document_figures(kind, card_data, year, quarter).items()
    ]


@pytest.mark.parametrize("username", ["manager", "dept03"])
def test_only_the_lead_department_may_issue(card_data, users, username):
    with pytest.raises(PermissionDenied, match="일자리창출과만"):
        issue(card_data, users[username])
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"recipient": "   "}, "recipient", "수신처를 입력하세요"),
        ({"sent_on": timezone.localdate() + datetime.timedelta(days=1)}, "sent_on", "이후일 수 없습니다"),
        ({"sent_on": None}, "sent_on", "발송일을 입력하세요"),
        ({"kind": "minutes"}, "kind", "목록에 있는 문서"),
        ({"year": 2017}, "year", "목표가 없어"),
        ({"quarter": 2}, "quarter", "분기가 없습니다"),
        ({"kind": "quarterly", "quarter": 5}, "year", "올바른 기간이 아닙니다"),
        ({"kind": "quarterly", "quarter": None}, "quarter", "분기를 고르세요"),
        ({"kind": "budget"}, "year", "비워 두세요"),
        ({"fmt": "docx"}, "file_format", "형식으로만"),
    ],
)
def test_wrong_input_is_refused_in_korean_and_nothing_is_saved(card_data, users, overrides, field, message):
    with pytest.raises(ValidationError) as refused:
        issue(card_data, users["lead"], **overrides)
    assert message in " ".join(refused.value.message_dict[field])
    assert not IssuedDocument.objects.exists()


def test_figures_changed_since_the_preview_are_not_frozen(card_data, users):
    seen = issuing.figures_digest(
        card_data, "card", 2021, None, issuing.document_figures("card", card_data, 2021, None)
    )
    reopen_a_2021_q2_report(users["lead"])
    with pytest.raises(ValidationError, match="미리 본 뒤에"):
        issue(card_data, users["lead"], expected_digest=seen)
    assert not IssuedDocument.objects.exists()


def test_an_approval_while_the_card_is_read_is_not_frozen_half_way(card_data, users, monkeypatch):
    """The card's result lines and the snapshot's periods come from two reads; if they disagree, nothing is frozen."""
    read = card_kind.period_results
    monkeypatch.setattr(
        card_kind,
        "period_results",
        lambda pledge, targets: [replace(p, cumulative=p.cumulative + 1) for p in read(pledge, targets)],
    )
    with pytest.raises(ValidationError, match="미리 본 뒤에"):
        issue(card_data, users["lead"])
    assert not IssuedDocument.objects.exists()


def test_an_issued_document_is_never_changed_or_deleted(card_data, users):
    issued = issue(card_data, users["lead"], fmt="xlsx")
    issued.recipient = "다른 곳"
    with pytest.raises(TypeError):
        issued.save()
    with pytest.raises(TypeError):
        issued.delete()
    with pytest.raises(TypeError):
        IssuedDocument.objects.filter(pk=issued.pk).update(recipient="다른 곳")
    with pytest.raises(TypeError):
        IssuedDocument.objects.all().delete()
    admin = site._registry[IssuedDocument]
    assert not admin.has_add_permission(None)
    assert not admin.has_change_permission(None, issued) and not admin.has_delete_permission(None, issued)
    assert IssuedDocument.objects.get().recipient == RECIPIENT


# --- what changed since -------------------------------------------------------------------------------------------


def test_a_reopened_report_shows_exactly_the_changed_figures(card_data, users, login):
    issued = issue(card_data, users["lead"])
    jobs = reopen_a_2021_q2_report(users["lead"])
    changes = issuing.figure_changes(issuing.issued_figures(issued), issuing.current_figures(issued))
    now = 7342 - jobs
    assert [(c.label, c.issued, c.current) for c in changes] == [
        ("추진실적 2021년 상반기 누적 실적(명)", "7,342", f"{now:,}"),
        ("추진실적 2021년 상반기 달성률", "68.0%", f"{achievement_rate(now, 10800)}%"),
    ]
    html = login("manager").get(reverse("issued-document", args=[issued.pk])).content.decode()
    assert "발행 당시와 지금이 다른 수치 2개" in html
    assert f"{now:,}" in html and "바뀐 수치가 없습니다" not in html
    assert "지금 수치로 다시 발송 처리" not in html  # managers do not issue
    html = login("lead").get(reverse("issued-document", args=[issued.pk])).content.decode()
    assert (
        f"{ISSUE_URL}?pledge=%EC%A7%80%EC%97%AD%EA%B2%BD%EC%A0%9C-11&amp;kind=card&amp;file_format=pdf&amp;year=2021"
        in html
    )


def test_a_new_approval_shows_on_the_card_but_not_on_the_report_of_an_earlier_quarter(card_data, users):
    card = issue(card_data, users["lead"])
    report = issue(card_data, users["lead"], kind="quarterly", quarter=2, fmt="xlsx")
    line = QuarterlyReportLineFactory(
        report__department=card_data.lead_department,
        report__year=2021,
        report__quarter=3,
        report__status="submitted",
        programme=plan_programmes(card_data.lead_department, 2021).first(),
        jobs=1000,
    )
    services.report_approve(report_id=line.report.pk, user=users["lead"], expected_version=line.report.version)
    changes = issuing.figure_changes(issuing.issued_figures(card), issuing.current_figures(card))
    assert [(c.label, c.issued, c.current) for c in changes] == [
        ("추진실적 2021년 3분기 누적 실적(명)", "(없음)", "8,342"),
        ("추진실적 2021년 3분기 달성률", "(없음)", "77.2%"),
    ]
    assert issuing.figure_changes(issuing.issued_figures(report), issuing.current_figures(report)) == []


def test_a_budget_change_shows_against_the_issued_budget_report(card_data, users):
    issued = issue(card_data, users["lead"], kind="budget", year=None)
    change_2019_national_secured(card_data, users["lead"], 12300)
    changes = {c.label: (c.issued, c.current) for c in issuing.figure_changes(
        issuing.issued_figures(issued), issuing.current_figures(issued)
    )}  # fmt: skip
    line = BudgetLine.objects.get(pledge=card_data).name
    assert changes == {
        "예산 계 합계 투자수요": ("191,259", "191,360"),
        "예산 계 2019년 확보액": ("34,107", "34,208"),
        f"예산 {line} 국비 합계 투자수요": ("62,154", "62,255"),
        f"예산 {line} 국비 2019년 확보액": ("12,199", "12,300"),
        # 2018–2021: 국비 35,878 of 48,654 → of 48,755; 계 114,875 of 153,060 stays 75.1%
        "재원별(집행 연도 2018~2021년) 국비 확보액": ("48,654", "48,755"),
        "재원별(집행 연도 2018~2021년) 국비 집행률": ("73.7%", "73.6%"),
        "재원별(집행 연도 2018~2021년) 계 확보액": ("152,959", "153,060"),
        "연도별 2019년 확보액": ("34,107", "34,208"),
        "연도별 2019년 집행률": ("87.4%", "87.2%"),
    }


def test_the_frozen_file_is_served_byte_for_byte_after_the_data_changed(card_data, users, login):
    issued = issue(card_data, users["lead"], kind="budget", year=None)
    frozen = bytes(issued.content)
    change_2019_national_secured(card_data, users["lead"], 12300)
    response = login("manager").get(reverse("issued-document-file", args=[issued.pk]))
    assert response.status_code == 200
    assert response.content == frozen
    assert hashlib.sha256(response.content).hexdigest() == issued.sha256
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["ETag"] == f'"{issued.sha256}"'


def test_nothing_changed_says_so(card_data, users, login):
    issued = issue(card_data, users["lead"], kind="quarterly", year=2019, quarter=3, fmt="xlsx")
    html = login("lead").get(reverse("issued-document", args=[issued.pk])).content.decode()
    assert "발행 이후 바뀐 수치가 없습니다." in html
    assert issued.sha256 in html and RECIPIENT in html and "방금 다시 계산한 값과 같습니다" in html


def test_a_file_that_no_longer_matches_its_fingerprint_is_flagged(card_data, users, login):
    issued = issue(card_data, users["lead"], kind="budget", year=None, fmt="xlsx")
    with connection.cursor() as cursor:  # the application cannot change it; a write behind its back can
        cursor.execute("UPDATE documents_issueddocument SET sha256 = %s WHERE id = %s", ["0" * 64, issued.pk])
    html = login("manager").get(reverse("issued-document", args=[issued.pk])).content.decode()
    assert "파일이 손상되었거나 바뀌었습니다" in html


# --- the pages ----------------------------------------------------------------------------------------------------


def test_the_list_shows_every_version_and_whether_figures_changed(card_data, users, login):
    first = issue(card_data, users["lead"])
    second = issue(card_data, users["lead"], recipient="서울시 일자리정책과", fmt="xlsx")
    budget = issue(card_data, users["lead"], kind="budget", year=None)
    reopen_a_2021_q2_report(users["lead"])
    html = login("manager").get(LIST_URL).content.decode()
    for issued in (first, second, budget):
        assert reverse("issued-document", args=[issued.pk]) in html
        assert issued.sha256[:12] in html
    assert html.count("변경 있음") == 2 and html.count("변경 없음") == 1
    assert "서울시 일자리정책과" in html and "<caption>" in html and 'scope="col"' in html


def snapshot_row(pledge, user, kind, year, quarter, recipient):
    """A row as `document_issue` leaves it, without rendering a file (the query count does not depend on it)."""
    figures = issuing.document_figures(kind, pledge, year, quarter)
    return IssuedDocument.objects.create(
        local_government=pledge.local_government,
        pledge=pledge,
        kind=kind,
        year=year,
        quarter=quarter,
        file_format="pdf",
        recipient=recipient,
        sent_on=timezone.localdate(),
        issued_by=user,
        filename="x.pdf",
        mimetype="application/pdf",
        content=b"%PDF-",
        sha256="0" * 64,
        figures=[[label, value] for label, value in figures.items()],
    )


def test_the_list_reads_a_constant_number_of_queries(card_data, users, login, django_assert_max_num_queries):
    documents = [("card", 2021, None), ("quarterly", 2019, 3), ("budget", None, None)]
    for kind, year, quarter in documents:
        snapshot_row(card_data, users["lead"], kind, year, quarter, "처음")
    client = login("manager")
    with django_assert_max_num_queries(35) as few:  # + the card's plan years, its shared 세부사업, funding sources
        assert client.get(LIST_URL).status_code == 200
    for n in range(6):  # the same documents sent again and again
        for kind, year, quarter in documents:
            snapshot_row(card_data, users["lead"], kind, year, quarter, f"수신처 {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST_URL)
    assert response.content.decode().count("변경 없음") == 21


def test_the_issue_form_previews_and_issues(card_data, users, login):
    client = login("lead")
    page = client.get(ISSUE_URL, {"pledge": card_data.code, "kind": "quarterly", "year": 2019, "quarter": 3})
    html = page.content.decode()
    assert page.status_code == 200 and "3분기까지 누적 실적(명)" in html and "8,076" in html
    digest = page.context["form"]["digest"].value()
    response = post_issue(client, card_data, kind="quarterly", year="2019", quarter="3", digest=digest)
    issued = IssuedDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("issued-document", args=[issued.pk])
    assert (issued.kind, issued.year, issued.quarter, issued.recipient) == ("quarterly", 2019, 3, RECIPIENT)


def test_the_issue_form_starts_with_the_choice_of_document(card_data, login):
    html = login("lead").get(ISSUE_URL).content.decode()
    assert "1. 문서 고르기" in html and "2. 보관될 수치 확인" not in html and 'name="recipient"' not in html
    html = login("lead").get(ISSUE_URL, {"pledge": card_data.code, "kind": "card", "year": "2017"}).content.decode()
    assert "목표가 없어" in html and 'name="recipient"' not in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"recipient": ""}, "수신처를 입력하세요"),
        ({"sent_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()}, "이후일 수 없습니다"),
        ({"sent_on": "어제"}, "YYYY-MM-DD"),
        ({"kind": "minutes"}, "목록에 있는 문서를 고르세요"),
        ({"year": "2017"}, "목표가 없어"),
    ],
)
def test_wrong_input_on_the_page_is_explained_beside_the_field(card_data, login, overrides, message):
    response = post_issue(login("lead"), card_data, **overrides)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'class="field-error" id="id_{next(iter(overrides))}_error">' in html
    assert message in html and "아무것도 저장하지 않았습니다" in html
    assert not IssuedDocument.objects.exists()


def test_figures_changed_since_the_preview_are_said_even_beside_another_mistake(card_data, users, login):
    client = login("lead")
    digest = (
        client.get(ISSUE_URL, {"pledge": card_data.code, "kind": "card", "year": 2021})
        .context["form"]["digest"]
        .value()
    )
    reopen_a_2021_q2_report(users["lead"])
    html = post_issue(client, card_data, recipient="", digest=digest).content.decode()
    assert "수신처를 입력하세요" in html and "미리 본 뒤에" in html


def test_every_mistake_on_the_page_is_named_at_once(card_data, login):
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    html = post_issue(login("lead"), card_data, recipient="", sent_on=future).content.decode()
    assert 'id="id_recipient_error">수신처를 입력하세요' in html and 'id="id_sent_on_error">발송일은 오늘' in html
    assert not IssuedDocument.objects.exists()


def test_a_stale_preview_is_refused_on_the_page_and_the_new_figures_are_shown(card_data, users, login):
    client = login("lead")
    choice = {"pledge": card_data.code, "kind": "card", "year": 2021, "file_format": "pdf"}
    digest = client.get(ISSUE_URL, choice).context["form"]["digest"].value()
    jobs = reopen_a_2021_q2_report(users["lead"])
    response = post_issue(client, card_data, digest=digest)
    html = response.content.decode()
    assert html.count("미리 본 뒤에") == 1 and f"{7342 - jobs:,}" in html
    assert not IssuedDocument.objects.exists()
    response = post_issue(client, card_data, digest=response.context["form"]["digest"].value())
    assert response.status_code == 302 and IssuedDocument.objects.count() == 1


def test_who_may_see_and_who_may_issue(card_data, users, client, login):
    issued = issue(card_data, users["lead"], kind="budget", year=None)
    pages = [LIST_URL, reverse("issued-document", args=[issued.pk]), reverse("issued-document-file", args=[issued.pk])]
    for url in [*pages, ISSUE_URL]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    staff = login("dept03")
    for url in [*pages, ISSUE_URL]:
        assert staff.get(url).status_code == 403
    assert post_issue(staff, card_data).status_code == 403
    manager = login("manager")
    for url in pages:
        assert manager.get(url).status_code == 200
    assert manager.get(ISSUE_URL).status_code == 403
    assert post_issue(manager, card_data).status_code == 403
    assert IssuedDocument.objects.count() == 1
    assert "새 문서 발송 처리" not in manager.get(LIST_URL).content.decode()


def test_the_download_places_offer_issuing_to_the_lead_only(card_data, login):
    card = reverse("pledge-card", args=[card_data.code])
    budget = reverse("budget-dashboard", args=[card_data.code])
    dashboard = reverse("dashboard", args=[card_data.code])
    lead, manager = login("lead"), None
    for url in (card, budget, dashboard):
        assert ISSUE_URL in lead.get(url, {"year": 2021}).content.decode()
    manager = login("manager")
    for url in (card, budget, dashboard):
        assert ISSUE_URL not in manager.get(url, {"year": 2021}).content.decode()


@pytest.mark.parametrize(
    ("kind", "year", "quarter"), [("card", 2021, None), ("quarterly", 2019, 3), ("budget", None, None)]
)
def test_each_document_is_issued_as_hwpx_with_its_figures(card_data, users, kind, year, quarter):
    issued = issue(card_data, users["lead"], kind=kind, year=year, quarter=quarter, fmt="hwpx")
    assert issued.filename.endswith(".hwpx") and issued.mimetype == "application/hwp+zip"
    assert issuing.file_is_intact(issued)
    text = all_text(open_hwpx(bytes(issued.content)))
    assert [label for label, value in issued.figures if issuing.figure_text(value) not in text] == []
    assert issued.local_government_id == card_data.local_government_id
