"""Issuing official documents (발송 처리): when the lead department marks a document as sent, the file and the
figures behind it are frozen in an `IssuedDocument`; any later change of the figures shows against it.

Every kind of document is found in one registry (documents/registry.py): what it is about (a pledge, or the
government's yearly plan), whether it needs a year and a quarter, how it is built, its figures and its formats. The
figures are read off the very object the file is rendered from, so the snapshot and the file cannot disagree; nothing
here computes a total or a rate of its own.
"""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from documents import registry
from documents.base import DocumentKind, DocumentUnavailable, Figures, FiguresMoved
from documents.registry import UNKNOWN_KIND
from documents.subjects import document_subject, parameter_refusal
from performance.access import can_issue_documents, can_read_official_documents, government_of
from performance.calculations import NOTHING
from performance.models import LocalGovernment, Pledge
from performance.plans import user_government

from .models import IssuedDocument

NOT_LEAD = gettext_lazy("발송 처리는 일자리창출과만 할 수 있습니다.")
NOT_ALLOWED_TO_VIEW = gettext_lazy("발송 문서는 일자리창출과와 관리자만 볼 수 있습니다.")
RECIPIENT_REQUIRED = gettext_lazy("수신처를 입력하세요. 예: 고용노동부 지역산업고용정책과")
RECIPIENT_TOO_LONG = gettext_lazy("수신처는 200자 이내로 입력하세요.")
SENT_ON_REQUIRED = gettext_lazy("발송일을 입력하세요.")
SENT_ON_IN_FUTURE = gettext_lazy("발송일은 오늘(%(today)s) 이후일 수 없습니다. 실제로 보낸 날을 입력하세요.")
UNKNOWN_FORMAT = gettext_lazy("이 문서는 %(formats)s 형식으로만 발송 처리할 수 있습니다.")
STALE = gettext_lazy(
    "미리 본 뒤에 문서의 선택이나 수치가 바뀌었습니다. 아무것도 저장하지 않았습니다. "
    "아래의 지금 수치를 확인한 뒤 다시 발송 처리하세요."
)
MISSING_VALUE = gettext_lazy("(없음)")

# ---------------------------------------------------------------------------------------------------------------
# Reading: the document, its figures, and the difference from an issued one
# ---------------------------------------------------------------------------------------------------------------


def build_document(kind: str, pledge: Pledge | None, year: int | None, quarter: int | None, *, government=None):
    """The object the document's file is rendered from (a `PledgeCard`, a `QuarterlyReportDocument`, …), built by
    its kind in the registry. Raises DocumentUnavailable when the parameters name no document."""
    found = registry.kind(kind)
    pledge, government = subject_parameters(found, pledge, government)
    subject = document_subject(found, pledge=pledge, government=government, year=year)
    return found.build(subject, year, quarter)


def subject_parameters(found: DocumentKind, pledge: Pledge | None, government: LocalGovernment | None):
    """(pledge, government) of a document: a pledge's document is named by its pledge alone (its government is the
    pledge's); a plan's document by its government, with no pledge, whichever pledge a form had chosen."""
    if found.subject == "pledge":
        return pledge, None
    return None, government


def document_figures(
    kind: str, pledge: Pledge | None, year: int | None, quarter: int | None, *, government=None
) -> Figures:
    """The labelled figures the document shows, in the document's order: {"2021년 일자리 창출목표(명)": 10800, …}.

    Raises DocumentUnavailable when the parameters name no document or the figures moved while being read. Read
    in the site's language, as the documents are issued (their generated lines are part of the comparison).
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _figures(registry.kind(kind), build_document(kind, pledge, year, quarter, government=government))


def _figures(found: DocumentKind, document) -> Figures:
    try:
        return found.figures(document)
    except FiguresMoved:
        raise DocumentUnavailable(NON_FIELD_ERRORS, str(STALE)) from None


def figures_digest(
    pledge: Pledge | None, kind: str, year: int | None, quarter: int | None, figures: Figures, *, government=None
) -> str:
    """A short fingerprint of a document's choice and figures: the issue form carries the one the person saw,
    and the service refuses to freeze anything else."""
    pledge, government = subject_parameters(registry.kind(kind), pledge, government)
    subject = pledge.pk if pledge is not None else f"government-{government.pk if government else None}"
    choice = [subject, kind, year, quarter, list(figures.items())]
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
        return document_figures(
            issued.kind, issued.pledge, issued.year, issued.quarter, government=issued.local_government
        )
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
    """Every issued version of the person's government, newest first, without the files' bytes; the lead department
    and managers only."""
    if not can_read_official_documents(user):
        raise PermissionDenied(NOT_ALLOWED_TO_VIEW)
    documents = IssuedDocument.objects.visible_to(user).without_file()
    return documents.select_related("pledge", "local_government", "issued_by")


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
    try:
        found = registry.kind(kind)
    except DocumentUnavailable:
        errors["kind"] = str(UNKNOWN_KIND)
        return errors
    if fmt not in found.formats:
        errors["file_format"] = UNKNOWN_FORMAT % {"formats": ", ".join(f.upper() for f in found.formats)}
    if refusal := parameter_refusal(found, year, quarter):
        errors[refusal[0]] = refusal[1]
    return errors


@transaction.atomic
def document_issue(
    *,
    user,
    pledge: Pledge | None,
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

    A kind about a pledge needs `pledge`; a kind about a yearly plan reads the plan of `year` of the person's
    government. Only the lead department may (PermissionDenied). Wrong input raises ValidationError keyed by the form's
    field names, and nothing is saved. `expected_digest` is `figures_digest` of what the person previewed;
    when today's figures differ, nothing is frozen (ValidationError on the whole form).
    """
    if not can_issue_documents(user):
        raise PermissionDenied(NOT_LEAD)
    if pledge is not None and pledge.local_government_id != government_of(user):
        raise PermissionDenied(NOT_LEAD)  # another government's pledge: the lead department of its own only
    recipient = " ".join((recipient or "").split())
    errors = _check_input(kind, year, quarter, fmt, recipient, sent_on)
    if errors:
        raise ValidationError(errors)
    # The official documents are Korean whatever language the person's browser asks for.
    with translation.override(settings.LANGUAGE_CODE):
        found = registry.kind(kind)
        pledge, government = subject_parameters(found, pledge, user_government(user))
        try:
            document = build_document(kind, pledge, year, quarter, government=government)
            figures = _figures(found, document)
        except DocumentUnavailable as exc:
            raise ValidationError({exc.field: exc.message}) from None
        digest = figures_digest(pledge, kind, year, quarter, figures, government=government)
        if expected_digest is not None and expected_digest != digest:
            raise ValidationError({NON_FIELD_ERRORS: str(STALE)})
        exported = found.renderers[fmt](document)
    issued = IssuedDocument(
        local_government_id=pledge.local_government_id if pledge is not None else government.pk,
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
