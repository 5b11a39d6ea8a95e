"""Issuing official documents (발송 처리): when the lead department marks a document as sent, the file and the
figures behind it are frozen in an `IssuedDocument`; any later change of the figures shows against it.

The figures are read off the very object the file is rendered from (the `PledgeCard`, the
`QuarterlyReportDocument`, the `BudgetMatrix`), so the snapshot and the file cannot disagree; nothing here
computes a total or a rate of its own.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import floatformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget.exports import budget_xlsx
from budget.selectors import BudgetMatrix, budget_matrix
from performance.access import can_review, sees_all_departments
from performance.calculations import year_period_label
from performance.models import Pledge
from performance.selectors import period_results

from .dashboards import budget_execution
from .exports import CARD_EXPORTERS, budget_report_pdf
from .models import IssuedDocument
from .quarterly_report import REPORT_EXPORTERS, NoSuchPeriod, QuarterlyReportDocument, _status_label, quarterly_report
from .selectors import PledgeCard, UnknownCardYear, pledge_card, result_line

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

Figures = dict[str, str | int]


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


def can_issue(user) -> bool:
    """Marking a document as sent is the lead department's (the reviewer role), as is everything official."""
    return can_review(user)


def can_view_issued(user) -> bool:
    """The lead department and managers read what was sent; staff of other departments do not."""
    return sees_all_departments(user)


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
        return budget_matrix(pledge)
    raise DocumentUnavailable("kind", str(UNKNOWN_KIND))


def document_figures(kind: str, pledge: Pledge, year: int | None, quarter: int | None) -> Figures:
    """The labelled figures the document shows, in the document's order: {"2021년 일자리 창출목표(명)": 10800, …}.

    Labels are always in the site's language (Korean): they are part of the record of an official document,
    and an issued snapshot must compare with today's whatever language the reader's browser asks for.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return figures_of(kind, build_document(kind, pledge, year, quarter))


def figures_of(kind: str, document) -> Figures:
    with translation.override(settings.LANGUAGE_CODE):
        if kind == Kind.CARD:
            return _card_figures(document)
        if kind == Kind.QUARTERLY_REPORT:
            return _report_figures(document)
        return _budget_report_figures(document)


def _count(value) -> int | str:
    """A count or an amount as the documents show it: "-" for nothing."""
    return "-" if value is None else int(value)


def _rate(value: Decimal | None) -> str:
    """A rate as the documents show it: "50.2%", "—" without a target."""
    return "—" if value is None else f"{value}%"


def _card_figures(card: PledgeCard) -> Figures:
    figures: Figures = {
        _("이행률(%)"): f"{floatformat(card.pledge.implementation_rate, -1)}%",
        _("총사업비(백만원)"): card.total_cost,
        _("%(year)s년 일자리 창출목표(명)") % {"year": card.year}: _count(card.target),
    }
    budget = card.year_budget
    figures[_("소요예산 계(백만원)")] = _count(budget["total"].secured if budget else None)
    for row in card.budget.source_rows:
        cell = budget.get(row.source) if budget else None
        figures[_("소요예산 %(source)s(백만원)") % {"source": row.label}] = _count(cell.secured if cell else None)
    for year, jobs in card.plan_years:
        figures[_("연차별 추진계획 %(year)s년(명)") % {"year": year}] = _count(jobs)
    figures.update(_budget_table_figures(card.budget))
    # The result lines of 추진실적 are generated from these periods (the card's own selector, same targets). They are
    # read again here, so they are checked against the card's lines: an approval in between must not slip in.
    periods = [p for p in period_results(card.pledge, dict(card.plan_years)) if p.year <= card.year]
    card_lines = {line for group in card.progress for item in group.items for line in item.result_lines}
    if card_lines != {result_line(period) for period in periods}:
        raise DocumentUnavailable(NON_FIELD_ERRORS, str(STALE))
    for period in periods:
        label = year_period_label(period.year, period.quarter)
        figures[_("추진실적 %(period)s 누적 실적(명)") % {"period": label}] = period.cumulative
        figures[_("추진실적 %(period)s 달성률") % {"period": label}] = _rate(period.rate)
    for share in card.group_split:
        figures[_("계층별 목표 %(group)s(명)") % {"group": share.name}] = share.jobs
    # 향후계획's lines carry the programmes' targets filled into the text; a changed target changes a line.
    for number, item in enumerate(card.future_plan, start=1):
        if not item.is_group_heading:
            figures[_("향후계획 %(number)s번째 줄") % {"number": number}] = item.text
    figures[_("협업부서 수")] = card.collaborating_departments
    return figures


def _budget_table_figures(matrix: BudgetMatrix) -> Figures:
    """Every figure of the 연차별 투자수요 및 집행액 table (`_budget_table.html`): the 계 row, then each line's rows."""
    figures: Figures = {}

    def row(prefix: str, total, cells) -> None:
        figures[_("%(row)s 합계 투자수요") % {"row": prefix}] = _count(total.secured)
        figures[_("%(row)s 합계 집행액") % {"row": prefix}] = _count(total.executed)
        for year, cell in zip(matrix.years, cells, strict=True):
            figures[_("%(row)s %(year)s년 확보액") % {"row": prefix, "year": year}] = _count(cell and cell.secured)
            figures[_("%(row)s %(year)s년 집행액") % {"row": prefix, "year": year}] = _count(cell and cell.executed)

    row(_("예산 계"), matrix.grand_total, matrix.year_totals)
    for block in matrix.lines:
        for source_row in block.rows:
            prefix = _("예산 %(line)s %(source)s") % {"line": block.name, "source": source_row.label}
            row(prefix, source_row.total, source_row.by_year)
    return figures


def _report_figures(document: QuarterlyReportDocument) -> Figures:
    overview = document.overview
    figures: Figures = {
        _("연간 목표(명)"): _count(overview.target),
        _("%(quarter)s분기까지 누적 실적(명)") % {"quarter": document.quarter}: overview.cumulative,
        _("달성률"): _rate(overview.rate),
    }
    for year, values in overview.by_year.items():
        for quarter, value in enumerate(values, start=1):
            figures[_("%(year)s년 %(quarter)s분기 누적 실적(명)") % {"year": year, "quarter": quarter}] = _count(value)
        figures[_("%(year)s년 목표(명)") % {"year": year}] = _count(overview.targets.get(year))
    for title, shares in ((_("계층별"), overview.groups), (_("부문별"), overview.types)):
        for share in shares:
            names = {"part": title, "label": share.label}
            figures[_("%(part)s %(label)s 실적(명)") % names] = share.cumulative
            figures[_("%(part)s %(label)s 목표(명)") % names] = _count(share.target)
            figures[_("%(part)s %(label)s 달성률") % names] = _rate(share.rate)
    for department in document.departments:
        figures[_("부서별 %(name)s 승인 실적(명)") % {"name": department.name}] = department.cumulative
        figures[_("부서별 %(name)s 목표(명)") % {"name": department.name}] = _count(department.target)
    figures[_("미제출·미승인 부서 수")] = len(document.missing)
    for row in document.missing:
        figures[_("보고 상태 %(name)s") % {"name": row.department.name}] = str(_status_label(row.status))
    return figures


def _budget_report_figures(matrix: BudgetMatrix) -> Figures:
    figures = _budget_table_figures(matrix)
    execution = budget_execution(matrix, None)
    for label, amounts in [*((s.label, s.amounts) for s in execution.sources), (_("계"), execution.total)]:
        figures[_("재원별 %(source)s 확보액") % {"source": label}] = _count(amounts.secured)
        figures[_("재원별 %(source)s 집행액") % {"source": label}] = _count(amounts.executed)
        figures[_("재원별 %(source)s 집행률") % {"source": label}] = _rate(amounts.execution_rate)
    for year, amounts, planned in execution.by_year:
        figures[_("연도별 %(year)s년 확보액") % {"year": year}] = _count(amounts.secured)
        figures[_("연도별 %(year)s년 집행액") % {"year": year}] = "-" if planned else _count(amounts.executed)
        figures[_("연도별 %(year)s년 집행률") % {"year": year}] = "—" if planned else _rate(amounts.execution_rate)
    return figures


def figures_digest(kind: str, year: int | None, quarter: int | None, figures: Figures) -> str:
    """A short fingerprint of a document's choice and figures: the issue form carries the one the person saw,
    and the service refuses to freeze anything else."""
    payload = json.dumps([kind, year, quarter, list(figures.items())], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class FigureChange:
    label: str
    issued: str
    current: str


def figure_text(value) -> str:
    """A snapshot value as the documents write it: 12,802; text as it is."""
    return f"{value:,}" if isinstance(value, int) else str(value)


def issued_figures(issued: IssuedDocument) -> Figures:
    return {label: value for label, value in issued.figures}


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
    if not can_view_issued(user):
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
    return budget_report_pdf(pledge, document) if fmt == "pdf" else budget_xlsx(document, pledge=pledge)


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
    if not can_issue(user):
        raise PermissionDenied(NOT_LEAD)
    recipient = " ".join((recipient or "").split())
    errors = _check_input(kind, year, quarter, fmt, recipient, sent_on)
    if errors:
        raise ValidationError(errors)
    # The official documents are Korean whatever language the person's browser asks for.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            document = build_document(kind, pledge, year, quarter)
        except DocumentUnavailable as exc:
            raise ValidationError({exc.field: exc.message}) from None
        try:
            figures = figures_of(kind, document)
        except DocumentUnavailable as exc:
            raise ValidationError({exc.field: exc.message}) from None
        if expected_digest is not None and expected_digest != figures_digest(kind, year, quarter, figures):
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
