"""Every kind of official document, in one registry: what it needs (a pledge or a government's yearly plan, a year,
a quarter), how its document object is built, the figures issuing freezes, and a renderer per format.

Adding a kind is one module in documents/kinds/ defining `KIND = DocumentKind(...)` and one line below. Downloads,
issuing, `document_figures` and `manage.py export_document` find a kind here and nowhere else.
`DocumentKind` is defined in documents/base.py, which the kinds import, so that no kind imports this module.
"""

from django.utils.translation import gettext_lazy as _

from .base import DocumentKind, DocumentUnavailable
from .kinds import budget, card, evaluation, plan_notice, quarterly, results_notice

UNKNOWN_KIND = _("목록에 있는 문서를 고르세요.")

__all__ = ["KINDS", "DocumentKind", "kind"]

KINDS: dict[str, DocumentKind] = {
    k.slug: k
    for k in (
        card.KIND,
        quarterly.KIND,
        budget.KIND,
        plan_notice.KIND,
        results_notice.KIND,
        evaluation.KIND,
    )
}


def kind(slug: str) -> DocumentKind:
    """The kind named `slug`; DocumentUnavailable("kind", …) for any other name."""
    try:
        return KINDS[slug]
    except KeyError:
        raise DocumentUnavailable("kind", str(UNKNOWN_KIND)) from None
