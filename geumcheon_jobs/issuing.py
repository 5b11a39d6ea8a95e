"""Issuing official documents (발송 처리): when the lead department marks a document as sent, the file and the
figures behind it are frozen in an `IssuedDocument`; any later change of the figures shows against it.

The figures are read off the very object the file is rendered from (see document_figures.py), so the snapshot and
the file cannot disagree; nothing here computes a total or a rate of its own.
"""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from performance.access import can_issue_documents, can_read_official_documents
from performance.calculations import NOTHING
from performance.models import Pledge

from .budget_report import BUDGET_REPORT_EXPORTERS, budget_report
from .document_figures import Figures, FiguresMoved, figures_of
from .exports import CARD_EXPORTERS
from .models import IssuedDocument
from .quarterly_report import REPORT_EXPORTERS, NoSuchPeriod, quarterly_report
from .selectors import UnknownCardYear, pledge_card

Kind = IssuedDocument.Kind

NOT_LEAD = gettext_lazy("발송 처리는 일자리창출과만 할 수 있습니다.")
NOT_ALLOWED_TO_VIEW = gettext_lazy("발송 문서는 일자리창출과와 관리자만 볼 수 있습니다.")
RECIPIENT_REQUIRED = gettext_lazy("수신처를 입력하세요. 예: 고용노동부 지역산업고용정책과")
RECIPIENT_TOO_LONG = gettext_lazy("수신처는 200자 이내로 입력하세요.")
SENT_ON_REQUIRED = gettext_lazy("발송일을 입력하세요.")
SENT_ON_IN_FUTURE = gettext_lazy("발송일은 오늘(%(today)s) 이후일 수 없습니다. 실제로 보낸 날을 입력하세요.")
UNKNOWN_KIND = gettext_lazy("목록에 있는 문서를 고르세요.")
UNKNOWN_FORMAT = gettext_lazy("이 문서는 %(formats)s 형식으로만 발송 처리할 수 있습니다.")
YEAR_REQUIRED = gettext_lazy("연도를 고르세요.")
QUARTER_REQUIRED = gettext_lazy("분기를 고르세요.")
NO_QUARTER = gettext_lazy("이 문서에는 분기가 없습니다. 분기를 비워 두세요.")
NO_YEAR = gettext_lazy("이 문서는 전체 연도를 담습니다. 연도와 분기를 비워 두세요.")
STALE = gettext_lazy(
    "미리 본 뒤에 문서의 선택이나 수치가 바뀌었습니다. 아무것도 저장하지 않았습니다. "
    "아래의 지금 수치를 확인한 뒤 다시 발송 처리하세요."
)
MISSING_VALUE = gettext_lazy("(없음)")

FORMATS = {
    Kind.CARD: ("pdf", "xlsx"),
    Kind.QUARTERLY_REPORT: ("pdf", "xlsx"),
    Kind.BUDGET_REPORT: ("pdf", "xlsx"),
}


class DocumentUnavailable(ValueError):
    """The document cannot be made for these parameters (no target that year, no such quarter); `field` is the
    form field the message belongs beside."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


# ---------------------------------------------------------------------------------------------------------------
# Reading: the document, its figures, and the difference from an issued one
# ---------------------------------------------------------------------------------------------------------------


def build_document(kind: str, pledge: Pledge, year: int | None, quarter: int | None):
    """The object the document's file is rendered from: a `PledgeCard`, a `QuarterlyReportDocument` or the
    pledge's `BudgetMatrix`. Raises DocumentUnavailable when the parameters name no document."""
    if kind == Kind.CARD:
        if year is None:
            raise DocumentUnavailable("year", str(YEAR_REQUIRED))
        try:
            return pledge_card(pledge, year)
        except UnknownCardYear as exc:
            raise DocumentUnavailable("year", str(exc)) from None
    if kind == Kind.QUARTERLY_REPORT:
        if year is None:
            raise DocumentUnavailable("year", str(YEAR_REQUIRED))
        if quarter is None:
            raise DocumentUnavailable("quarter", str(QUARTER_REQUIRED))
        try:
            return quarterly_report(pledge, year, quarter)
        except NoSuchPeriod as exc:
            raise DocumentUnavailable("year", str(exc)) from None
    if kind == Kind.BUDGET_REPORT:
        return budget_report(pledge)
    raise DocumentUnavailable("kind", str(UNKNOWN_KIND))


def document_figures(kind: str, pledge: Pledge, year: int | None, quarter: int | None) -> Figures:
    """The labelled figures the document shows, in the document's order: {"2021년 일자리 창출목표(명)": 10800, …}.

    Raises DocumentUnavailable when the parameters name no document or the figures moved while being read. Read
    in the site's language, as the documents are issued (their generated lines are part of the comparison).
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _figures(kind, build_document(kind, pledge, year, quarter))


def _figures(kind: str, document) -> Figures:
    try:
        return figures_of(kind, document)
    except FiguresMoved:
        raise DocumentUnavailable(NON_FIELD_ERRORS, str(STALE)) from None


def figures_digest(pledge: Pledge, kind: str, year: int | None, quarter: int | None, figures: Figures) -> str:
    """A short fingerprint of a document's choice and figures: the issue form carries the one the person saw,
    and the service refuses to freeze anything else."""
    choice = [pledge.pk, kind, year, quarter, list(figures.items())]
    payload = json.dumps(choice, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class FigureChange:
    label: str
    issued: str
    current: str


def figure_text(value) -> str:
    """A snapshot value as the documents write it: 12,802; text as it is."""
    return f"{value:,}" if isinstance(value, int) else str(value)


def file_is_intact(issued: IssuedDocument) -> bool:
    """Whether the stored bytes still have the SHA-256 recorded when the document was issued."""
    return hashlib.sha256(bytes(issued.content)).hexdigest() == issued.sha256


def issued_figures(issued: IssuedDocument) -> Figures:
    # Documents issued before "—" became the one mark of a missing figure (issue #13) kept "-" for it: the same value.
    return {label: NOTHING if value == "-" else value for label, value in issued.figures}


def current_figures(issued: IssuedDocument) -> Figures | None:
    """Today's figures of the document an issued one is a version of; None when it can no longer be made (its
    year lost its target, say)."""
    try:
        return document_figures(issued.kind, issued.pledge, issued.year, issued.quarter)
    except DocumentUnavailable:
        return None


def figure_changes(issued: Figures, current: Figures | None) -> list[FigureChange]:
    """Only the figures that differ, in the issued document's order, then the ones the document did not have."""
    current = current or {}
    missing = str(MISSING_VALUE)
    changes = [
        FigureChange(label, figure_text(value), figure_text(current[label]) if label in current else missing)
        for label, value in issued.items()
        if current.get(label, missing) != value
    ]
    changes += [FigureChange(label, missing, figure_text(v)) for label, v in current.items() if label not in issued]
    return changes


def issued_documents(user):
    """Every issued version, newest first, without the files' bytes; the lead department and managers only."""
    if not can_read_official_documents(user):
        raise PermissionDenied(NOT_ALLOWED_TO_VIEW)
    return IssuedDocument.objects.without_file().select_related("pledge", "issued_by")


def with_change_status(documents) -> list[IssuedDocument]:
    """Sets `changed` (True, False; None when the document can no longer be made) on each issued document.

    Today's figures are read once per document (pledge, kind, year, quarter), however many versions of it were
    issued, so a page costs the same queries for two versions of a card as for two hundred."""
    documents = list(documents)
    today: dict[tuple, Figures | None] = {}
    for issued in documents:
        if issued.parameters not in today:
            today[issued.parameters] = current_figures(issued)
        current = today[issued.parameters]
        issued.changed = None if current is None else bool(figure_changes(issued_figures(issued), current))
    return documents


# ---------------------------------------------------------------------------------------------------------------
# The one change: issuing
# ---------------------------------------------------------------------------------------------------------------


def _export(kind: str, fmt: str, pledge: Pledge, document):
    if kind == Kind.CARD:
        return CARD_EXPORTERS[fmt](document)
    if kind == Kind.QUARTERLY_REPORT:
        return REPORT_EXPORTERS[fmt](document)
    return BUDGET_REPORT_EXPORTERS[fmt](document)


def sent_on_error(sent_on) -> str | None:
    """A document is marked as sent once it has gone: not on a day still to come."""
    today = timezone.localdate()
    return SENT_ON_IN_FUTURE % {"today": today.strftime("%Y-%m-%d")} if sent_on > today else None


def _check_input(kind, year, quarter, fmt, recipient, sent_on) -> dict[str, str]:
    errors = {}
    if not recipient:
        errors["recipient"] = str(RECIPIENT_REQUIRED)
    elif len(recipient) > 200:
        errors["recipient"] = str(RECIPIENT_TOO_LONG)
    if sent_on is None:
        errors["sent_on"] = str(SENT_ON_REQUIRED)
    elif message := sent_on_error(sent_on):
        errors["sent_on"] = message
    if kind not in FORMATS:
        errors["kind"] = str(UNKNOWN_KIND)
        return errors
    if fmt not in FORMATS[kind]:
        errors["file_format"] = UNKNOWN_FORMAT % {"formats": ", ".join(f.upper() for f in FORMATS[kind])}
    if kind == Kind.CARD and quarter is not None:
        errors["quarter"] = str(NO_QUARTER)
    if kind == Kind.BUDGET_REPORT and (year is not None or quarter is not None):
        errors["year"] = str(NO_YEAR)
    return errors


@transaction.atomic
def document_issue(
    *,
    user,
    pledge: Pledge,
    kind: str,
    year: int | None,
    quarter: int | None,
    fmt: str,
    recipient: str,
    sent_on,
    expected_digest: str | None = None,
) -> IssuedDocument:
    """Mark a document as sent to `recipient` on `sent_on`: make its file through the document's own exporter
    and freeze the file (bytes and SHA-256) and the figures it shows, in one transaction.

    Only the lead department may (PermissionDenied). Wrong input raises ValidationError keyed by the form's
    field names, and nothing is saved. `expected_digest` is `figures_digest` of what the person previewed;
    when today's figures differ, nothing is frozen (ValidationError on the whole form).
    """
    if not can_issue_documents(user):
        raise PermissionDenied(NOT_LEAD)
    recipient = " ".join((recipient or "").split())
    errors = _check_input(kind, year, quarter, fmt, recipient, sent_on)
    if errors:
        raise ValidationError(errors)
    # The official documents are Korean whatever language the person's browser asks for.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            document = build_document(kind, pledge, year, quarter)
            figures = _figures(kind, document)
        except DocumentUnavailable as exc:
            raise ValidationError({exc.field: exc.message}) from None
        if expected_digest is not None and expected_digest != figures_digest(pledge, kind, year, quarter, figures):
            raise ValidationError({NON_FIELD_ERRORS: str(STALE)})
        exported = _export(kind, fmt, pledge, document)
    issued = IssuedDocument(
        pledge=pledge,
        kind=kind,
        year=year,
        quarter=quarter,
        file_format=fmt,
        recipient=recipient,
        sent_on=sent_on,
        issued_by=user,
        filename=exported.filename,
        mimetype=exported.mimetype,
        content=exported.content,
        sha256=hashlib.sha256(exported.content).hexdigest(),
        figures=[[label, value] for label, value in figures.items()],
    )
    issued.full_clean()
    issued.save()
    return issued
