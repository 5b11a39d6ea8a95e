"""Every document button is marked for download.js and stays a plain link; the script comes only with them."""

import re

import pytest
from django.urls import reverse

CODE = "지역경제-11"


@pytest.mark.parametrize(
    ("url", "documents"),
    [
        (
            reverse("pledge-card", args=[CODE]) + "?year=2021",
            ["card.pdf?year=2021", "card.xlsx?year=2021", "card.hwpx?year=2021"],
        ),
        (
            reverse("dashboard", args=[CODE]) + "?year=2019",
            ["dashboard.xlsx?year=2019", "report/2019/4.pdf", "report/2019/4.hwpx"],
        ),
        (
            reverse("budget-dashboard", args=[CODE]),
            ["budget-report.pdf", "budget-report.xlsx", "budget-report.hwpx", "dashboard/budget.xlsx"],
        ),
        (reverse("budget:detail", args=[CODE]), ["budget.xlsx"]),
        (reverse("home"), ["card.pdf"]),
    ],
)
def test_document_buttons_are_plain_links_marked_for_progress(login, url, documents):
    page = login("manager").get(url).content.decode()
    marked = re.findall(r'<a [^>]*href="([^"]+)"[^>]*data-download', page)
    for document in documents:
        assert any(href.endswith(document) or document in href for href in marked), (document, marked)
    assert page.count("js/download.js") == 1 and 'role="status"' in page
    assert "<script>" not in page and "onclick" not in page  # strict CSP: no inline script


def test_pages_without_documents_do_not_load_the_script(client, card_data):
    assert "download.js" not in client.get(reverse("public")).content.decode()


DOWNLOAD_HREF = re.compile(r"\.(pdf|xlsx|csv|hwpx)(\?|$)")
LINK = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S)
# What the file is, then its format: "2분기 실적 보고(엑셀)", never a bare "(.xlsx)" or "PDF 내려받기".
NAMED = re.compile(r"^\S[^()]*\S\((PDF|엑셀|한글|CSV)\)$")


def test_every_download_button_says_what_it_is_and_its_format(login, card_data):
    from performance.models import Department

    department = Department.objects.get(code="dept03")
    pages = [
        ("manager", reverse("pledge-card", args=[CODE]) + "?year=2021"),
        ("lead", reverse("dashboard", args=[CODE]) + "?year=2019"),
        ("lead", reverse("budget-dashboard", args=[CODE])),
        ("lead", reverse("budget:detail", args=[CODE])),
        ("lead", reverse("budget:import", args=[CODE])),
        ("lead", reverse("home")),
        ("lead", reverse("performance:board") + "?year=2021&quarter=3"),
        ("lead", reverse("performance:entry", args=[department.pk, 2021, 3])),
    ]
    seen = {}
    for username, url in pages:
        html = login(username).get(url).content.decode()
        for href, label in LINK.findall(html):
            if DOWNLOAD_HREF.search(href.replace("&amp;", "&")):
                seen[href] = " ".join(re.sub(r"<[^>]+>", "", label).split())
    assert len(seen) >= 14, seen
    assert {href: label for href, label in seen.items() if not NAMED.match(label)} == {}
    assert (
        "2분기 실적 보고(엑셀)" in login("lead").get(reverse("dashboard", args=[CODE]) + "?year=2021").content.decode()
    )


ISSUE_BUTTON_PAGES = [
    reverse("pledge-card", args=[CODE]) + "?year=2021",
    reverse("dashboard", args=[CODE]) + "?year=2019",
    reverse("budget-dashboard", args=[CODE]),
]


@pytest.mark.parametrize("url", ISSUE_BUTTON_PAGES)
def test_the_issue_button_shows_exactly_to_whom_may_issue(login, django_user_model, url):
    """The "발송 처리" button beside the downloads follows `access.can_issue_documents`, the rule the issuing page
    itself applies: the lead department sees it; a department's staff given the review permission directly (who
    cannot issue, reading only their own department) and a manager do not."""
    from django.contrib.auth.models import Permission

    staff = django_user_model.objects.get(username="dept03")
    staff.user_permissions.add(Permission.objects.get(codename="review_quarterlyreport"))
    issue_link = reverse("document-issue") + "?pledge="
    assert issue_link in login("lead").get(url).content.decode()
    for username in ("dept03", "manager"):
        response = login(username).get(url)
        assert response.status_code == 200
        assert issue_link not in response.content.decode(), username
