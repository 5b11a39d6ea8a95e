"""The indicator panel's table rows, written in Python: the dashboard computes the panel on the first view after
every approval, and the template language spent more on its forty cells' conditions than the board's queries took.
Every value is escaped by format_html; the markup is the panel's (templates/indicators/_panel.html)."""

from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .selectors import HalfRow, IndicatorBoard, PlanRow, TargetCell


def plan_rows(board: IndicatorBoard, public: bool) -> SafeString:
    """A row for the term and each yearly plan: each indicator's target and the result it is measured by."""
    if not board.plans:
        empty = _("공시된 목표가 없습니다.") if public else _("정한 목표가 없습니다.")
        return format_html('<tr><td colspan="5">{}</td></tr>', empty)
    return format_html_join("\n", "{}", ((_plan_row(row),) for row in board.plans))


def _plan_row(row: PlanRow) -> SafeString:
    cells = format_html_join("", "{}{}", ((_target_cell(cell), _result_cell(cell)) for cell in row.cells))
    return format_html('<tr><th scope="row">{}</th>{}</tr>', row.label, cells)


def _target_cell(cell: TargetCell) -> SafeString:
    target = cell.target
    if target is None:
        return mark_safe("<td>—</td>")
    baseline = ""
    if target.baseline_value is not None:
        baseline = format_html('<br><span class="plan-note">{} {}</span>', _("기준값"), target.baseline_text)
    return format_html("<td>{} {}{}</td>", target.kind_label, target.text, baseline)


def _result_cell(cell: TargetCell) -> SafeString:
    if cell.result is None:
        shown = _("미발표")
    else:
        shown = format_html('{} <span class="plan-note">({})</span>', cell.result_text, cell.result_period)
    badge = ""
    if cell.outcome:
        badge = format_html(' <span class="badge outcome-{}">{}</span>', cell.outcome, cell.outcome_label)
    return format_html('<td class="num">{}{}</td>', shown, badge)


def half_rows(board: IndicatorBoard, detail: bool = False, editable: bool = False) -> SafeString:
    """A row for each half-year of the term: each indicator's figure or why there is none; with `detail`, the
    source and the publication date (of the first indicator's figure) and, when `editable`, the link to enter it."""
    link = reverse("indicators:result") if editable else ""
    return format_html_join("\n", "{}", ((_half_row(row, board, detail, link),) for row in board.halves))


def _half_row(row: HalfRow, board: IndicatorBoard, detail: bool, link: str) -> SafeString:
    cells = format_html_join(
        "",
        '<td class="num">{}</td>',
        ((format_html('<span class="plan-note">{}</span>', c.text) if c.value is None else c.text,) for c in row.cells),
    )
    extra = ""
    if detail:
        first = row.cells[0]
        published = date_format(first.published_on, "Y. n. j.") if first.published_on else "—"
        extra = format_html("<td>{}</td><td>{}</td>", first.source or "—", published)
        if link:
            extra += format_html(
                '<td><a href="{}?term={}&amp;year={}&amp;half={}">{}</a></td>',
                link,
                board.term.pk,
                row.year,
                row.half,
                _("%(period)s 입력·수정") % {"period": row.label},
            )
    return format_html('<tr><th scope="row">{}</th>{}{}</tr>', row.label, cells, extra)
