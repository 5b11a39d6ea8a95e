"""What a document is about: a pledge, or a government's yearly plan of a year (DocumentKind.subject). Issuing and
`manage.py export_document` find the subject here, so that a missing pledge or a year without a plan is refused in
the same words everywhere."""

from django.utils.translation import gettext_lazy as _

from performance.models import LocalGovernment, Pledge, YearPlan

from .base import DocumentKind, DocumentUnavailable

PLEDGE_REQUIRED = _("공약을 고르세요.")
YEAR_REQUIRED = _("연도를 고르세요.")
NO_GOVERNMENT = _("문서를 만들 지자체가 없습니다.")
NO_PLAN = _("%(year)s년에는 연차별 세부계획이 없습니다.")


def document_subject(
    kind: DocumentKind, *, pledge: Pledge | None, government: LocalGovernment | None, year: int | None
) -> Pledge | YearPlan:
    """The pledge (for a "pledge" kind) or the government's YearPlan of `year` (for a "plan" kind); raises
    DocumentUnavailable naming the field that is missing or wrong."""
    if kind.subject == "pledge":
        if pledge is None:
            raise DocumentUnavailable("pledge", str(PLEDGE_REQUIRED))
        return pledge
    if government is None:
        raise DocumentUnavailable("pledge", str(NO_GOVERNMENT))
    if year is None:
        raise DocumentUnavailable("year", str(YEAR_REQUIRED))
    plan = YearPlan.objects.filter(local_government=government, year=year).select_related("local_government").first()
    if plan is None:
        raise DocumentUnavailable("year", NO_PLAN % {"year": year})
    return plan
