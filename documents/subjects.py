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
NO_QUARTER = _("이 문서에는 분기가 없습니다. 분기를 비워 두세요.")
NO_YEAR = _("이 문서는 전체 연도를 담습니다. 연도와 분기를 비워 두세요.")


def parameter_refusal(kind: DocumentKind, year: int | None, quarter: int | None) -> tuple[str, str] | None:
    """(field, message) when a year or a quarter is given to a document that has none; None when they fit."""
    if not kind.needs_year and (year is not None or quarter is not None):
        return "year", str(NO_YEAR)
    if not kind.needs_quarter and quarter is not None:
        return "quarter", str(NO_QUARTER)
    return None


def default_pledge(year: int | None, government: LocalGovernment | None = None) -> Pledge | None:
    """The pledge a command means when it names none (of `government`, when given): the first with a district target
    for `year` — with several pledges, `--year 2019` still means the one that had a target that year — else the
    first pledge, by government and code."""
    pledges = Pledge.objects.order_by("local_government__code", "code")
    pledges = pledges.filter(local_government=government) if government is not None else pledges
    return pledges.filter(targets__year=year, targets__target_group=None).first() or pledges.first()


def lead_government(pledge: Pledge | None = None, government: LocalGovernment | None = None) -> LocalGovernment | None:
    """The government whose yearly plan a command documents: the named pledge's, else `--government`'s, else the
    install's only government (with several, a command must name one: None)."""
    if pledge is not None:
        return pledge.local_government
    if government is not None:
        return government
    governments = list(LocalGovernment.objects.order_by("pk")[:2])
    return governments[0] if len(governments) == 1 else None


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
