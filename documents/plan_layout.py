"""One layout, three formats, for the yearly plan's documents: a kind describes its pages once — title block, 기준일,
marks, headings, paragraphs and tables of `hwpx.Cell`s with their merged headings — and the PDF (WeasyPrint, A4,
tagged, the Korean font embedded), the xlsx (openpyxl, one sheet with merged headings, A4 print set-up, the 출처
sheet) and the HWPX (documents/hwpx.py) are drawn from it. So every format shows the same figures in the same
places, and none computes one.

A rate is given to a cell as the documents write it ("50.2%"); the xlsx turns it back into the fraction shown by the
0.0% format, so that the spreadsheet holds a number that prints exactly as the PDF's.
"""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext as _

from performance.calculations import NOTHING

from . import xlsx
from .base import HWPX, PDF, XLSX, ExportedFile
from .hwpx import Cell, HwpxWriter, as_of_text, cell_text, table_grid
from .pdf import render_pdf
from .plan_parts import filename

SMALL_TABLE_ROWS = 14
_RATE = re.compile(r"^(\d{1,3}(?:,\d{3})*|\d+)(\.\d)?%$")


@dataclass(frozen=True)
class Heading:
    text: str
    unit: str = ""  # e.g. "단위: 명, 백만원", printed at the heading's right


@dataclass(frozen=True)
class Text:
    """Running text: each line a paragraph. An empty text prints `empty` instead."""

    text: str
    empty: str = ""


@dataclass(frozen=True)
class Table:
    caption: str
    rows: Sequence[Sequence[Cell | object]]  # a plain value is a plain cell
    header_rows: int = 1
    widths: Sequence[int] | None = None

    def __post_init__(self):
        cells = tuple(tuple(c if isinstance(c, Cell) else Cell(c) for c in row) for row in self.rows)
        object.__setattr__(self, "rows", cells)


@dataclass(frozen=True)
class Layout:
    title: str
    subtitle: str
    as_of: datetime.datetime | None
    footer: tuple[str, ...]  # beside 기준일 at the foot of every page: "승인된 실적 기준", "시연용 자료"
    marks: tuple[str, ...]  # notes atop the first page (demo data, provisional figures)
    blocks: tuple[Heading | Text | Table, ...]
    landscape: bool = False
    generated_at: datetime.datetime = field(default_factory=timezone.now)


# ---- PDF --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _HtmlCell:
    tag: str
    scope: str
    text: str
    css: str
    rows: int
    cols: int


def _html_rows(table: Table) -> tuple[list, list]:
    """The table's rows as the print template writes them: (head rows, body rows), each a (css, cells) pair."""
    head, body = [], []
    for index, row in enumerate(table.rows):
        in_head = index < table.header_rows
        cells = []
        for cell in row:
            if cell.heading:
                scope = ("colgroup" if cell.cols > 1 else "col") if in_head else "rowgroup" if cell.rows > 1 else "row"
                tag = "th"
            else:
                tag, scope = "td", ""
            align = cell.align or ("CENTER" if cell.heading else "RIGHT" if _figure(cell.value) else "LEFT")
            css = {"RIGHT": "num", "CENTER": "centre", "LEFT": "left"}[align]
            cells.append(_HtmlCell(tag, scope, cell_text(cell.value), css, cell.rows, cell.cols))
        css = "total" if row and all(c.total or c.heading for c in row) and any(c.total for c in row) else ""
        (head if in_head else body).append((css, cells))
    return head, _groups(body)


def _groups(rows: list) -> list[list]:
    """Body rows in groups that a page must not split: a row whose first cell spans rows holds those rows together
    (a 부문 with its 사업 수, 목표 and 예산); other rows stand alone."""
    groups, left = [], 0
    for row in rows:
        if left > 0:
            groups[-1].append(row)
            left -= 1
            continue
        groups.append([row])
        cells = row[1]
        left = cells[0].rows - 1 if cells else 0
    return groups


def _figure(value) -> bool:
    if value is None:
        return True
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and bool(_RATE.match(value) or value == NOTHING)


def layout_pdf(layout: Layout) -> bytes:
    blocks = []
    for block in layout.blocks:
        if isinstance(block, Table):
            head, body = _html_rows(block)
            # A short table stays on one page with its caption (and so with the heading before it).
            small = len(block.rows) <= SMALL_TABLE_ROWS
            blocks.append({"kind": "table", "caption": block.caption, "head": head, "body": body, "small": small})
        elif isinstance(block, Heading):
            blocks.append({"kind": "heading", "text": block.text, "unit": block.unit})
        else:
            lines = [line for line in block.text.splitlines() if line.strip()]
            blocks.append({"kind": "text", "lines": lines or [block.empty]})
    return render_pdf("print/plan_document.html", {"doc": layout, "groups": _keep_with_heading(blocks)})


def _keep_with_heading(blocks: list[dict]) -> list[list[dict]]:
    """Blocks in groups a page must not split: a heading with the short table or the text after it, so that no
    heading ends a page alone."""
    groups: list[list[dict]] = []
    for block in blocks:
        previous = groups[-1] if groups else None
        joins = block["kind"] == "text" or block.get("small")
        if previous and len(previous) == 1 and previous[0]["kind"] == "heading" and joins:
            previous.append(block)
        else:
            groups.append([block])
    return groups


# ---- xlsx -------------------------------------------------------------------------------------------------------


def _xlsx_value(sheet, row: int, column: int, cell: Cell):
    value = cell.value
    if isinstance(value, str) and _RATE.match(value):
        return xlsx.rate(sheet, row, column, Decimal(value.rstrip("%").replace(",", "")))
    if value is None or (isinstance(value, int | Decimal) and not isinstance(value, bool)):
        return xlsx.number(sheet, row, column, value)
    written = xlsx.text(sheet, row, column, cell_text(value), bold=cell.total)
    written.alignment = xlsx.CENTRE if cell.align == "CENTER" else xlsx.LEFT
    return written


def layout_xlsx(layout: Layout, sheet_name: str, source: str) -> bytes:
    """One sheet with the title block, each heading and paragraph in a row of its own and each table with its
    merged headings, then the 출처 sheet (source, 기준일, generated at)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name[:31]
    columns = max((table_grid(b.rows)[0] for b in layout.blocks if isinstance(b, Table)), default=4)
    row = xlsx.title_block(sheet, layout.title, columns, subtitle=layout.subtitle)
    xlsx.text(sheet, row, 1, f"{_('기준일')}: {as_of_text(layout.as_of)}")
    row += 2
    for mark in layout.marks:
        xlsx.text(sheet, row, 1, mark, bold=True)
        row += 1
    for block in layout.blocks:
        if isinstance(block, Heading):
            xlsx.text(sheet, row, 1, f"□ {block.text}", bold=True)
            if block.unit:
                xlsx.text(sheet, row, columns, f"({block.unit})").alignment = xlsx.RIGHT
            row += 1
        elif isinstance(block, Text):
            for line in [line for line in block.text.splitlines() if line.strip()] or [block.empty]:
                cell = xlsx.text(sheet, row, 1, line)
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
                cell.alignment = xlsx.LEFT
                row += 1
            row += 1
        else:
            placed = table_grid(block.rows)[1]
            for r, c, cell in placed:
                fill = xlsx.HEAD_FILL if cell.heading else xlsx.TOTAL_FILL if cell.total else None
                xlsx.frame(sheet, row + r, c + 1, c + cell.cols, rows=cell.rows, fill=fill)
                if cell.heading:
                    xlsx.text(sheet, row + r, c + 1, cell_text(cell.value), bold=True)
                else:
                    written = _xlsx_value(sheet, row + r, c + 1, cell)
                    if cell.total:
                        written.font = xlsx.BOLD
            row += len(block.rows) + 1
    xlsx.widths(sheet, {1: 22, **{c: 13 for c in range(2, columns + 1)}})
    xlsx.print_setup(
        sheet, last_column=columns, last_row=row, title_rows="1:2", freeze="A4", landscape=layout.landscape
    )
    # The marks (demo data, provisional) go among the notes: the source sheet's own demo line speaks of the card.
    xlsx.write_source_sheet(
        book.create_sheet(_("출처")),
        source=source,
        as_of=layout.as_of,
        generated_at=layout.generated_at,
        notes=(*layout.marks, *layout.footer),
    )
    return xlsx.workbook_bytes(book)


# ---- HWPX -------------------------------------------------------------------------------------------------------


def layout_hwpx(layout: Layout) -> bytes:
    writer = HwpxWriter()
    writer.title(layout.title, subtitle=layout.subtitle)
    writer.as_of_line(layout.as_of, *layout.footer)
    for mark in layout.marks:
        writer.paragraph(mark, bold=True)
    for block in layout.blocks:
        if isinstance(block, Heading):
            writer.heading(f"{block.text} ({block.unit})" if block.unit else block.text)
        elif isinstance(block, Text):
            writer.paragraphs([line for line in block.text.splitlines() if line.strip()] or [block.empty])
        else:
            writer.table(block.rows, widths=block.widths)
    return writer.content()


# ---- A kind's renderers -----------------------------------------------------------------------------------------


def renderers(file_label, sheet_name, make_layout, source) -> dict:
    """{"pdf", "xlsx", "hwpx"} for a plan document: each draws `make_layout(document)`; files are named after
    `file_label`, the plan's government and year; the xlsx's sheet is `sheet_name`, its 출처 `source(document)`."""

    def named(document, suffix: str) -> str:
        return filename(str(file_label), document.plan, suffix)

    def pdf(document) -> ExportedFile:
        return ExportedFile(named(document, "pdf"), PDF, layout_pdf(make_layout(document)))

    def xlsx_file(document) -> ExportedFile:
        content = layout_xlsx(make_layout(document), str(sheet_name), source(document))
        return ExportedFile(named(document, "xlsx"), XLSX, content)

    def hwpx(document) -> ExportedFile:
        return ExportedFile(named(document, "hwpx"), HWPX, layout_hwpx(make_layout(document)))

    return {"pdf": pdf, "xlsx": xlsx_file, "hwpx": hwpx}
