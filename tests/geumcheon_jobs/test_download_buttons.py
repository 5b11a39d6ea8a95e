"""Every document button is marked for download.js and stays a plain link; the script comes only with them."""

import re

import pytest
from django.urls import reverse

CODE = "지역경제-11"


@pytest.mark.parametrize(
    ("url", "documents"),
    [
        (reverse("pledge-card", args=[CODE]) + "?year=2021", ["card.pdf?year=2021", "card.xlsx?year=2021"]),
        (reverse("dashboard", args=[CODE]) + "?year=2019", ["dashboard.xlsx?year=2019", "report/2019/4.pdf"]),
        (
            reverse("budget-dashboard", args=[CODE]),
            ["budget-report.pdf", "budget-report.xlsx", "dashboard/budget.xlsx"],
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
