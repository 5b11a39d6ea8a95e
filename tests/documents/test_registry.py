"""One registry of every kind of document: each kind found by its slug, anything else refused in Korean."""

import pytest

from documents.base import DocumentUnavailable
from documents.registry import KINDS, kind


def test_every_kind_is_found_by_its_slug_and_declares_what_it_needs():
    for slug in ("card", "quarterly", "budget"):
        found = kind(slug)
        assert found.slug == slug
        assert found.subject == "pledge"
        assert set(found.formats) >= {"pdf", "xlsx"}
    assert kind("quarterly").needs_quarter and not kind("card").needs_quarter
    assert not kind("budget").needs_year


def test_an_unknown_kind_is_refused_in_korean():
    with pytest.raises(DocumentUnavailable) as refused:
        kind("minutes")
    assert refused.value.field == "kind"
    assert refused.value.message == "목록에 있는 문서를 고르세요."
    assert "minutes" not in KINDS
