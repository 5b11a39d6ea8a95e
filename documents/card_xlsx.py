"""The pledge card (공약 이행 카드) as an .xlsx that an official can file or forward (고용노동부, 서울시).

Sheet "공약이행카드" holds the card's sections one under the other in the order of _pledge_card.html. Columns A–C
carry the outline markers (○, -, ▪: one column further in per level), the tables start at column D, the budget
table's years at column H. Sheet "출처" names the source and the date of the data.

Every figure is read from the one `PledgeCard`; nothing is computed here. The only exception is deliberate: the
budget table's 합계 columns and 계 row are =SUM formulas over the figures beside them, so that a recipient who
corrects a figure in Excel sees the totals follow. openpyxl cannot store a formula's result, so the workbook asks
Excel to calculate on opening, and the tests check that every formula adds up to the card's own total.
"""

from __future__ import annotations

import math
import unicodedata

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from budget.selectors import BudgetMatrix, LineBlock
from performance.models import FuturePlanItem

from . import xlsx
from .base import XLSX, ExportedFile
from .card import PledgeCard, card_filename
from .xlsx import BOLD, CENTRE, HEAD_FILL, LEFT, NUMBER, PERCENT, RIGHT, TOTAL_FILL

MARKERS = dict(FuturePlanItem.Level.choices)  # level → ○, -, ▪ as on the card

LABEL, SOURCE, SUM_SECURED, SUM_EXECUTED, FIRST_YEAR = 4, 5, 6, 7, 8  # D, E, F, G, H
MIN_LAST_COLUMN = 17  # Q: the header box needs this width even when the budget table is narrower
WIDTHS = {1: 3.5, 2: 3.5, 3: 3.5, LABEL: 24, SOURCE: 8, SUM_SECURED: 11, SUM_EXECUTED: 11}
YEAR_WIDTH = 10
LINE_HEIGHT = 15


def pledge_card_xlsx(card: PledgeCard) -> ExportedFile:
    """The card as an .xlsx (`ExportedFile`), in the card's layout, from the same `PledgeCard` as the page and PDF."""

    book = openpyxl.Workbook()
    _write_card_sheet(book.active, card)
    _write_source_sheet(book.create_sheet(_("출처")), card)
    xlsx.mark_document(book, demo=card.includes_demo)
    return ExportedFile(card_filename(card, "xlsx"), XLSX, xlsx.workbook_bytes(book))


class CardSheet:
    """The card sheet, written top to bottom: `row` is the next free row."""

    def __init__(self, sheet, last_column: int):
        self.sheet, self.last, self.row = sheet, last_column, 1
        for column in range(1, last_column + 1):
            width = WIDTHS.get(column, YEAR_WIDTH)
            sheet.column_dimensions[get_column_letter(column)].width = width

    def data(self, column: int, value, *, row: int | None = None, bold: bool = False):
        """Text from the database, stored as text that stays text (`xlsx.text`)."""
        return xlsx.text(self.sheet, row or self.row, column, value, bold=bold)

    def label(self, column: int, value, *, row: int | None = None, bold: bool = False):
        """The product's own words (headings, markers): stored as text as they are."""
        return xlsx.text(self.sheet, row or self.row, column, value, bold=bold)

    def number(self, column: int, value, *, row: int | None = None, fmt: str = NUMBER):
        """A figure as a number; None (nothing yet) as "—"."""
        return xlsx.number(self.sheet, row or self.row, column, value, fmt=fmt)

    def formula(self, column: int, formula: str, *, row: int):
        return xlsx.formula(self.sheet, row, column, formula)

    def box(self, first: int, last: int, *, row: int | None = None, rows: int = 1, fill=None, align=CENTRE):
        """Frame a table cell spanning columns `first`–`last` and `rows` rows, merging when it spans more than one."""
        return xlsx.frame(self.sheet, row or self.row, first, last, rows=rows, fill=fill, align=align)

    def head(self, first: int, last: int, text: str, *, row: int | None = None, rows: int = 1, fill=HEAD_FILL):
        """A framed, bold table heading spanning columns `first`–`last` and `rows` rows."""
        return xlsx.head(self.sheet, row or self.row, first, last, text, rows=rows, fill=fill)

    def fit(self, text: str, first: int, *, row: int | None = None) -> None:
        """Give a wrapped row the height its text needs: Excel does not fit the height of merged cells."""
        width = sum(self.sheet.column_dimensions[get_column_letter(c)].width for c in range(first, self.last + 1))
        shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)
        lines = max(1, math.ceil(shown / width))
        dimension = self.sheet.row_dimensions[row or self.row]
        dimension.height = max(dimension.height or 0, LINE_HEIGHT * lines + 3)

    def outline(self, level: int, text: str, *, marker: str | None = None, data: bool = True) -> None:
        """One line of an outline: the marker in its level's column, the text from the next one to the right edge."""
        column = 1 + level
        self.label(column, marker or MARKERS.get(level, "○")).alignment = Alignment(horizontal="center", vertical="top")
        cell = (self.data if data else self.label)(column + 1, text)
        self.sheet.merge_cells(start_row=self.row, start_column=column + 1, end_row=self.row, end_column=self.last)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.fit(str(cell.value), column + 1)
        self.row += 1

    def section(self, title: str, unit: str = "") -> None:
        """A section heading (□ …), with its unit at the right edge."""
        self.row += 1  # a blank row before each section, as on the printed card
        self.label(1, f"□ {title}", bold=True)
        if unit:
            self.label(self.last, unit).alignment = RIGHT
        self.row += 1


def _write_card_sheet(sheet, card: PledgeCard) -> None:
    sheet.title = _("공약이행카드")
    years = len(card.budget.years)
    ws = CardSheet(sheet, max(MIN_LAST_COLUMN, FIRST_YEAR + 2 * years - 1))
    _write_title(ws, card)
    _write_header_box(ws, card)
    _write_overview(ws, card)
    _write_plan_years(ws, card)
    _write_budget(ws, card.budget)
    _write_progress(ws, card)
    _write_future_plan(ws, card)
    _write_footer(ws, card)
    _page_setup(ws)


def _write_title(ws: CardSheet, card: PledgeCard) -> None:
    title = _("공약 이행 카드 %(code)s (%(year)s년)") % {"code": card.pledge.code, "year": card.year}
    ws.row = xlsx.title_block(ws.sheet, title, ws.last)


def _header_spans(last: int) -> list[tuple[int, int]]:
    """The header box's six cells (label, value × 3) as column spans across the sheet."""
    return [(1, LABEL), (SOURCE, SUM_EXECUTED), (8, 9), (10, 11), (12, 13), (14, last)]


def _write_header_box(ws: CardSheet, card: PledgeCard) -> None:
    """The box at the top: 공약 번호 and 공약명, then two rows of label | value pairs."""
    pledge, spans = card.pledge, _header_spans(ws.last)
    ws.head(*spans[0], pledge.code)
    ws.box(spans[1][0], ws.last, align=LEFT)
    ws.data(SOURCE, pledge.title, bold=True)
    ws.row += 1
    completion = pledge.completion_due + (f"\n({pledge.completion_year})" if pledge.completion_year else "")
    rate = float(pledge.implementation_rate) / 100  # a fraction, shown as the card shows it: 100%, 87.5%
    rate_format = "0%" if pledge.implementation_rate == int(pledge.implementation_rate) else PERCENT
    rows = (
        (
            (_("추진현황"), pledge.get_status_display()),
            (_("이행률(%)"), (rate, rate_format)),
            (_("완료시기\n(완료연도)"), completion),
        ),
        (
            (_("총사업비(백만원)"), (card.total_cost, NUMBER)),
            (_("사업유형"), pledge.project_type),
            (_("추진부서"), str(pledge.lead_department)),
        ),
    )
    for pairs in rows:
        _write_header_row(ws, spans, pairs)


def _write_header_row(ws: CardSheet, spans: list[tuple[int, int]], pairs) -> None:
    """(label, value) pairs side by side; a value given as (number, format) is written as a number."""
    for index, (label, value) in enumerate(pairs):
        label_span, value_span = spans[2 * index], spans[2 * index + 1]
        ws.head(*label_span, label)
        ws.box(*value_span)
        if isinstance(value, tuple):
            ws.number(value_span[0], value[0], fmt=value[1]).alignment = CENTRE
        else:
            ws.data(value_span[0], value).alignment = CENTRE
    ws.sheet.row_dimensions[ws.row].height = 2 * LINE_HEIGHT + 3
    ws.row += 1


def _write_overview(ws: CardSheet, card: PledgeCard) -> None:
    ws.section(_("정책목표"))
    ws.outline(0, card.pledge.policy_goal)
    ws.section(_("사업개요"))
    ws.label(1, MARKERS[0]).alignment = CENTRE
    ws.label(2, _("%(year)s년 일자리 창출목표 :") % {"year": card.year})
    ws.number(SUM_SECURED, card.target)
    ws.label(SUM_EXECUTED, _("명"))
    ws.row += 1
    _write_year_budget(ws, card)
    strategies = card.pledge.strategy_list
    ws.outline(0, _("%(count)s대 추진전략") % {"count": len(strategies)}, data=False)
    ws.outline(1, ", ".join(strategies))
    if card.shared:
        ws.outline(0, _("다른 공약과 함께 집계하는 세부사업 (실적이 각 공약에 모두 들어갑니다)"), data=False)
        ws.outline(1, ", ".join(f"{name}({', '.join(codes)})" for name, codes in card.shared))


def _write_year_budget(ws: CardSheet, card: PledgeCard) -> None:
    """소요예산 : 42,711백만원(국 9,770 시 15,517 구 17,424), each figure in a cell of its own."""
    budget = card.year_budget
    ws.label(1, MARKERS[0]).alignment = CENTRE
    ws.label(2, _("소요예산(백만원) :"))
    ws.number(SUM_SECURED, _secured(budget.get("total")))
    for index, (short, amounts) in enumerate(card.year_budget_by_source):  # the government's own sources
        ws.label(SUM_EXECUTED + 2 * index, short).alignment = RIGHT
        ws.number(SUM_EXECUTED + 2 * index + 1, _secured(amounts))
    ws.row += 1


def _secured(amounts) -> int | None:
    return None if amounts is None else amounts.secured


def _write_plan_years(ws: CardSheet, card: PledgeCard) -> None:
    """연차별 추진계획: one row of targets (명) under a row of years."""
    ws.section(_("연차별 추진계획"), _("(단위 : 명)"))
    ws.head(LABEL, SOURCE, _("구 분"))
    for column, (year, _jobs) in enumerate(card.plan_years, start=SUM_SECURED):
        ws.head(column, column, _("%(year)s년") % {"year": year})
    ws.row += 1
    ws.box(LABEL, SOURCE)
    ws.data(LABEL, card.pledge.plan_label)
    for column, (_year, jobs) in enumerate(card.plan_years, start=SUM_SECURED):
        ws.box(column, column)
        ws.number(column, jobs)
    ws.row += 1


def _write_budget(ws: CardSheet, matrix: BudgetMatrix) -> None:
    """연차별 투자수요 및 집행액: the card's header, the 계 row, one block per budget line. Figures only: the warnings
    about them are for the people editing the budget (the budget page), not for an official document."""
    ws.section(_("연차별 투자수요 및 집행액"), _("(단위 : 백만원)"))
    _write_budget_header(ws, matrix)
    total_row, first = ws.row, ws.row + 1
    last = first + sum(len(block.rows) for block in matrix.lines) - 1
    _write_budget_total(ws, matrix, total_row, first, last)
    ws.row = first
    for block in matrix.lines:
        _write_budget_block(ws, matrix, block)


def _write_budget_header(ws: CardSheet, matrix: BudgetMatrix) -> None:
    """The card's header: 구분 | 재원별 | 합계 (투자수요, 집행액) | per year (확보액, 집행액), merged as printed."""
    top = ws.row
    ws.head(LABEL, LABEL, _("구 분"), rows=3)
    ws.head(SOURCE, SOURCE, _("재원별"), rows=3)
    ws.head(SUM_SECURED, SUM_EXECUTED, _("합 계"), rows=2)
    if matrix.years:
        ws.head(FIRST_YEAR, FIRST_YEAR + 2 * len(matrix.years) - 1, _("연차별 투자수요 및 집행액"))
    for index, year in enumerate(matrix.years):
        planned = _("(계획)") if year in matrix.planned_years else ""
        ws.head(
            FIRST_YEAR + 2 * index, FIRST_YEAR + 2 * index + 1, _("%(year)s년") % {"year": year} + planned, row=top + 1
        )
    names = [_("투자수요"), _("집행액")] + [_("확보액"), _("집행액")] * len(matrix.years)
    for column, name in enumerate(names, start=SUM_SECURED):
        ws.head(column, column, name, row=top + 2)
    ws.row = top + 3


def _write_budget_total(ws: CardSheet, matrix: BudgetMatrix, row: int, first: int, last: int) -> None:
    """The 계 row: each column summed over every budget line's rows beneath it."""
    ws.head(LABEL, SOURCE, _("계"), row=row, fill=TOTAL_FILL)
    for column in range(SUM_SECURED, FIRST_YEAR + 2 * len(matrix.years)):
        letter = get_column_letter(column)
        ws.box(column, column, row=row, fill=TOTAL_FILL)
        if last >= first:
            ws.formula(column, f"=SUM({letter}{first}:{letter}{last})", row=row).font = BOLD
        else:
            ws.number(column, 0, row=row)


def _write_budget_block(ws: CardSheet, matrix: BudgetMatrix, block: LineBlock) -> None:
    """One budget line: its name down column D, a row per funding source with its 합계 as formulas."""
    ws.box(LABEL, LABEL, rows=len(block.rows))
    ws.data(LABEL, block.name)
    for source_row in block.rows:
        ws.box(SOURCE, SOURCE)
        ws.label(SOURCE, source_row.label)
        columns = [FIRST_YEAR + 2 * index for index in range(len(matrix.years))]
        for total_column, offset in ((SUM_SECURED, 0), (SUM_EXECUTED, 1)):
            cells = ",".join(f"{get_column_letter(c + offset)}{ws.row}" for c in columns)
            ws.box(total_column, total_column, fill=TOTAL_FILL)
            ws.formula(total_column, f"=SUM({cells})" if cells else "=0", row=ws.row)
        for column, amounts in zip(columns, source_row.by_year, strict=True):
            for offset, value in enumerate(_secured_executed(amounts)):
                ws.box(column + offset, column + offset)
                ws.number(column + offset, value)
        ws.row += 1


def _secured_executed(amounts) -> tuple[int | None, int | None]:
    return (None, None) if amounts is None else (amounts.secured, amounts.executed)


def _write_progress(ws: CardSheet, card: PledgeCard) -> None:
    """추진실적 by quarter heading, each entry with the result lines generated from approved figures beneath it."""
    ws.section(_("추진실적"))
    if not card.progress:
        ws.outline(0, _("기록된 추진실적이 없습니다."), data=False)
    for group in card.progress:
        ws.data(1, f"【{group.heading}】", bold=True)
        ws.row += 1
        for item in group.items:
            ws.outline(0, f"{item.year}. {item.month}. : {item.text}")
            for line in item.result_lines:
                ws.outline(1, line)


def _write_future_plan(ws: CardSheet, card: PledgeCard) -> None:
    """향후계획 as an outline; a target group's heading shows the group's target for the year at the right edge
    (nothing when the year has none)."""
    ws.section(_("향후계획"))
    for item in card.future_plan:
        if not item.is_group_heading:
            ws.outline(item.level, item.text)
            continue
        ws.data(2 + item.level, f"《{item.text}》", bold=True)
        if item.group_target is not None:
            ws.number(ws.last - 1, item.group_target)
            ws.label(ws.last, _("개"))
        ws.row += 1


def _write_footer(ws: CardSheet, card: PledgeCard) -> None:
    """작성자 (with extensions), 협업부서 and 협업내용, 중앙정부 and 서울시 counterparts, framed as on the card."""
    ws.row += 1
    spans = [(1, LABEL), (SOURCE, 9), (10, 12), (13, ws.last)]
    authors = "   ".join(
        f"{a.position} : {a.name}" + (f" ({a.extension})" if a.extension else "") for a in card.authors
    )
    ws.head(*spans[0], _("작 성 자"))
    ws.box(SOURCE, ws.last, align=LEFT)
    ws.data(SOURCE, authors)
    ws.row += 1
    pairs = [
        ((_("협업부서"), card.collaborating_departments), (_("협업내용"), card.pledge.collaboration_note)),
        ((_("중앙정부"), card.pledge.central_counterpart), (_("서 울 시"), card.pledge.city_counterpart)),
    ]
    for pair in pairs:
        for (name, value), (label_span, value_span) in zip(pair, (spans[:2], spans[2:]), strict=True):
            ws.head(*label_span, name)
            ws.box(*value_span, align=LEFT)
            if isinstance(value, int):  # a count stays a number; the format shows the card's words around it
                ws.number(value_span[0], value, fmt=_('"일자리사업 추진 "#,##0"개부서"')).alignment = LEFT
            else:
                ws.data(value_span[0], value)
        ws.row += 1


def _page_setup(ws: CardSheet) -> None:
    """A4 portrait like the card's PDF, one page wide, the title row repeated on every page and kept in view."""
    xlsx.print_setup(ws.sheet, last_column=ws.last, last_row=ws.row - 1, title_rows="1:1", freeze="A2", landscape=False)


def _write_source_sheet(sheet, card: PledgeCard) -> None:
    """Where the figures come from and of when: a document forwarded on must say so."""
    source = _("%(government)s %(code)s 공약 이행 카드, %(year)s년") % {
        "government": card.pledge.local_government.name,
        "code": card.pledge.code,
        "year": card.year,
    }
    notes = (
        _("추진실적의 실적과 달성률은 승인된 실적만으로 만들었습니다."),
        _("총사업비·합계·계는 계산한 값이며, 공약이행카드 시트의 합계 열과 계 행은 엑셀 수식(SUM)입니다."),
    )
    xlsx.write_source_sheet(
        sheet, source=source, as_of=card.as_of, generated_at=card.generated_at, notes=notes, demo=card.includes_demo
    )
