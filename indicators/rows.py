"""The indicator panel's table rows, written in Python: the dashboard computes the panel on the first view after
every approval, and the template language spent more on its forty cells' conditions than the board's queries took.
Every text is escaped (the standard library's `html.escape`; format_html's lazy wrappers cost more than the rows);
the markup is the panel's (templates/indicators/_panel.html)."""

from html import escape

from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .selectors import HalfRow, IndicatorBoard, PlanRow, TargetCell
from .values import NOTHING


def plan_rows(board: IndicatorBoard, public: bool) -> SafeString:
    """A row for the term and each yearly plan: each indicator's target and the result it is measured by."""
    if not board.plans:
        empty = _("공시된 목표가 없습니다.") if public else _("정한 목표가 없습니다.")
        return mark_safe(f'<tr><td colspan="5">{escape(empty)}</td></tr>')  # noqa: S308 — escaped
    return mark_safe("\n".join(_plan_row(row) for row in board.plans))  # noqa: S308 — each row escaped


def _plan_row(row: PlanRow) -> str:
    cells = "".join(_target_cell(cell) + _result_cell(cell) for cell in row.cells)
    return f'<tr><th scope="row">{escape(row.label)}</th>{cells}</tr>'


def _target_cell(cell: TargetCell) -> str:
    target = cell.target
    if target is None:
        return f"<td>{NOTHING}</td>"
    baseline = ""
    if target.baseline_value is not None:
        baseline = f'<br><span class="plan-note">{escape(_("기준값"))} {escape(target.baseline_text)}</span>'
    return f"<td>{escape(str(target.kind_label))} {escape(target.text)}{baseline}</td>"


def _result_cell(cell: TargetCell) -> str:
    if cell.result is None:
        shown = escape(_("미발표"))
    else:
        shown = f'{escape(cell.result_text)} <span class="plan-note">({escape(cell.result_period)})</span>'
    badge = ""
    if cell.outcome:
        badge = f' <span class="badge outcome-{escape(cell.outcome)}">{escape(str(cell.outcome_label))}</span>'
    return f'<td class="num">{shown}{badge}</td>'


def half_rows(board: IndicatorBoard, detail: bool = False, editable: bool = False) -> SafeString:
    """A row for each half-year of the term: each indicator's figure or why there is none; with `detail`, the
    source and the publication date (of the first indicator's figure) and, when `editable`, the link to enter it."""
    link = reverse("indicators:result") if editable else ""
    return mark_safe("\n".join(_half_row(row, board, detail, link) for row in board.halves))  # noqa: S308 — escaped


def _half_row(row: HalfRow, board: IndicatorBoard, detail: bool, link: str) -> str:
    cells = "".join(
        f'<td class="num"><span class="plan-note">{escape(c.text)}</span></td>'
        if c.value is None
        else f'<td class="num">{escape(c.text)}</td>'
        for c in row.cells
    )
    extra = ""
    if detail:
        first = row.cells[0]
        published = date_format(first.published_on, "Y. n. j.") if first.published_on else NOTHING
        extra = f"<td>{escape(first.source or NOTHING)}</td><td>{escape(published)}</td>"
        if link:
            label = _("%(period)s 입력·수정") % {"period": row.label}
            query = escape(f"term={board.term.pk}&year={row.year}&half={row.half}")
            extra += f'<td><a href="{escape(link)}?{query}">{escape(label)}</a></td>'
    return f'<tr><th scope="row">{escape(str(row.label))}</th>{cells}{extra}</tr>'
