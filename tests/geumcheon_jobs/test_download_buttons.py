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
