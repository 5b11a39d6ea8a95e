import re

import pytest
from django.urls import reverse

from tests.pdf import assert_korean_font_embedded, pdf_text

CARD_URL = reverse("pledge-card", args=["지역경제-11"])
PDF_URL = reverse("pledge-card-download", args=["지역경제-11", "pdf"])


@pytest.mark.parametrize("url", ["/", CARD_URL, PDF_URL, "/admin/"])
def test_login_is_required_everywhere(client, card_data, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_login_page_is_open_and_korean(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="ko"' in html and "로그인" in html and "본문 바로가기" in html


def test_logging_in_with_a_demo_account(client, card_data):
    response = client.post(reverse("login"), {"username": "manager", "password": "geumcheon-demo-2026"}, follow=True)
    assert response.status_code == 200
    assert "공약 이행 카드 보기" in response.content.decode()


@pytest.mark.parametrize("username", ["manager", "no-such-account"])
def test_a_wrong_password_gets_a_korean_message_naming_the_field_as_the_page_does(client, card_data, username):
    """The field is labelled 아이디: the message says 아이디 too, the same for an unknown account (it does not tell
    which accounts exist), and never Django's "사용자 이름와/과"."""
    response = client.post(reverse("login"), {"username": username, "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "아이디 또는 비밀번호가 올바르지 않습니다." in html
    assert "사용자 이름" not in html and "와/과" not in html


@pytest.mark.parametrize("username", ["manager", "lead", "dept07"])
def test_every_role_reads_the_card(login, username):
    response = login(username).get(CARD_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for figure in ["191,259", "114,875", "42,711", "10,349명(달성률 116.3%)", "7,342명(달성률 68.0%)", "12,802"]:
        assert figure in html
    assert "공약 이행 카드(PDF)" in html


def test_the_card_page_reads_a_constant_number_of_queries(login, django_assert_max_num_queries):
    client = login("manager")
    # + the card's plan years, the 세부사업 it shares with other pledges and the government's funding sources
    with django_assert_max_num_queries(19):
        assert client.get(CARD_URL).status_code == 200


def test_the_card_for_another_year(login):
    html = login("manager").get(CARD_URL, {"year": 2020}).content.decode()
    assert "2020년 일자리 창출목표 : 10,500명" in html
    assert "2021년 상반기 실적" not in html


@pytest.mark.parametrize("year", ["2017", "abc", "99999"])
def test_a_year_without_a_card_is_not_found(login, year):
    assert login("manager").get(CARD_URL, {"year": year}).status_code == 404


def test_an_unknown_pledge_is_not_found(login):
    assert login("manager").get(reverse("pledge-card", args=["없는-1"])).status_code == 404


def test_the_pdf_download(login, tmp_path):
    response = login("dept01").get(PDF_URL, {"year": 2021})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    path = tmp_path / "card.pdf"
    path.write_bytes(response.content)
    assert_korean_font_embedded(path)
    text = pdf_text(path)
    assert "2019년 실적 10,349명(달성률 116.3%)" in text
    assert "191,259" in text


def test_an_unknown_format_is_not_found(login):
    assert login("manager").get(reverse("pledge-card-download", args=["지역경제-11", "hwp"])).status_code == 404


def test_pages_carry_a_strict_content_security_policy(login):
    policy = login("manager").get(CARD_URL)["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_five_wrong_passwords_lock_the_account_for_a_while(client, card_data):
    for _attempt in range(5):
        response = client.post(reverse("login"), {"username": "dept05", "password": "wrong"})
    assert response.status_code == 429 and "잠겼습니다" in response.content.decode()  # Too Many Requests
    response = client.post(reverse("login"), {"username": "dept05", "password": "geumcheon-demo-2026"})
    assert response.status_code == 429  # even the right password waits for the cool-off
    assert "_auth_user_id" not in client.session


def test_a_success_clears_the_failure_count(client, card_data):
    for _attempt in range(4):
        client.post(reverse("login"), {"username": "dept06", "password": "wrong"})
    client.post(reverse("login"), {"username": "dept06", "password": "geumcheon-demo-2026"})
    client.logout()
    for _attempt in range(4):
        response = client.post(reverse("login"), {"username": "dept06", "password": "wrong"})
    assert response.status_code == 200  # four more failures: not locked


def header_text(html: str) -> str:
    box = re.search(r'<div class="user-box">(.*?)<a class="btn btn-text"', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", box).split())


@pytest.mark.parametrize(
    ("username", "shown"),
    [("lead", "일자리창출과 검토자"), ("manager", "관리자(열람)"), ("dept02", "지역경제과 부서 담당자")],
)
def test_the_header_names_the_person_their_role_and_department_once_each(login, username, shown):
    """The demo accounts are named after their role or department: the header said "일자리창출과 검토자
    일자리창출과 검토자 일자리창출과" for the lead department."""
    assert header_text(login(username).get(reverse("home")).content.decode()) == shown


def test_a_reviewers_role_is_named_after_their_governments_lead_department(login):
    """예시군's lead department is 경제정책과: its reviewer was labelled "일자리창출과 검토자", 금천구's department; a
    reviewer without a department reads "총괄부서 검토자"."""
    from django.contrib.auth import get_user_model

    from performance.access import role_label
    from performance.models import Membership

    assert "경제정책과 검토자" in header_text(login("gun-lead").get(reverse("home")).content.decode())
    lead = get_user_model().objects.get(username="gu2-lead")
    Membership.objects.filter(user=lead).update(department=None)
    assert role_label(get_user_model().objects.get(pk=lead.pk)) == "총괄부서 검토자"


def test_a_person_with_a_name_of_their_own_is_shown_with_role_and_department():
    from geumcheon_jobs.context_processors import header_identity

    assert header_identity("김금천", "부서 담당자", "지역경제과") == ("김금천", "부서 담당자", "지역경제과")
    assert header_identity("관리자", "관리자(열람)", "") == ("", "관리자(열람)", "")


def test_the_favicon_is_served_to_everyone(client, db):
    """Browsers ask for /favicon.ico on their own: it was a 404 on every first visit."""
    from pathlib import Path

    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/favicon.ico"
    assert Path(finders.find("favicon.ico")).read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert 'rel="icon" href="/static/favicon.ico"' in client.get(reverse("login")).content.decode()


def test_the_pledge_lists_read_as_many_queries_for_nine_pledges_as_for_four(login, card_data, django_user_model):
    """The home page (every pledge with its card, dashboard and PDF links), the public index and a government's
    public page: the number of pledges (and of their 세부사업) does not change the number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from performance import plan_services
    from performance.models import Pledge, Programme

    government = card_data.local_government
    urls = [reverse("home"), reverse("public"), reverse("public-government", args=[government.code])]
    client = login("manager")
    client.get(reverse("home"))  # as in a running server: the header's demo-data flag is read once per process

    def counts():
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    lead = django_user_model.objects.get(username="lead")
    programmes = list(Programme.objects.filter(year_plan__local_government=government, year_plan__year=2021))
    for number in range(5):
        pledge = plan_services.pledge_create(
            user=lead,
            government=government,
            code=f"시험-{number}",
            title=f"시험 공약 {number}",
            status="on_track",
            implementation_rate=0,
            completion_due="임기내",
            project_type="신규",
            lead_department=card_data.lead_department,
            plan_label="시험",
            policy_goal="시험",
            strategies="시험",
        )
        chosen = [programme.pk for programme in programmes[number : number + 10]]
        plan_services.pledge_link_programmes(user=lead, pledge=pledge, year=2021, programme_ids=chosen, reason="시험")
    assert Pledge.objects.filter(local_government=government).count() >= 9
    assert counts() == before
