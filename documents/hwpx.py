"""HWPX (the format Hancom Office and the government's document systems file) for the official documents, over
python-hwpx: an A4 page, the Korean font the PDFs use (나눔고딕, NanumGothic in templates/print/base.css) named on every
run, a title block, section headings, paragraphs, the 기준일 line, and tables whose headings merge across rows and
columns as in the PDF, numbers right-aligned with thousands separators.

A kind's HWPX renderer describes its tables as rows of `Cell`s, as an HTML table does: a cell spanning rows or
columns is given once, and the cells it covers are left out of the rows below and beside it.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from hwpx import HwpxDocument

from performance.calculations import NOTHING, figure

from .xlsx import DEMO_MARK, DEMO_NOTE

FONT = "나눔고딕"  # the Hangul name Hancom lists NanumGothic under; the PDFs name "NanumGothic"
BODY_SIZE, TITLE_SIZE, SUBTITLE_SIZE, HEADING_SIZE, TABLE_SIZE = 10, 16, 10, 11, 9
MARGIN_MM = 15
HEAD_SHADE = "#EEF2F7"  # th's background in templates/print/base.css
TOTAL_SHADE = "#F5F6F7"


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its value (an int or a Decimal is a figure, written right-aligned with thousands
    separators; None is "—"), how many rows and columns it spans, and whether it is a heading (bold, centred,
    shaded) or on a total row (bold, shaded)."""

    value: object
    rows: int = 1
    cols: int = 1
    heading: bool = False
    total: bool = False
    align: str | None = None  # "LEFT", "CENTER", "RIGHT"; by default figures right, headings centred, text left


def head(value, *, rows: int = 1, cols: int = 1) -> Cell:
    return Cell(value, rows=rows, cols=cols, heading=True)


def cell_text(value) -> str:
    """A value as the documents write it: 12802 → "12,802"; None → "—"; anything else as its text."""
    if value is None or value == "" or (isinstance(value, int | Decimal) and not isinstance(value, bool)):
        return figure(value)  # the one "figure or dash" (performance.calculations)
    return str(value)


def _is_figure(value) -> bool:
    if value is None:
        return True
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and (
        value == NOTHING or value.rstrip("%").replace(",", "").replace(".", "").isdigit()
    )


def as_of_text(as_of: datetime.datetime | None) -> str:
    """기준일 as the PDFs print it: "2026. 11. 27." in the site's time zone; "—" when nothing has a date."""
    if as_of is None:
        return NOTHING
    return dateformat.format(timezone.localtime(as_of), "Y. n. j.")


def table_grid(rows: Sequence[Sequence[Cell]]) -> tuple[int, list[tuple[int, int, Cell]]]:
    """Where each cell of HTML-like rows sits: (column count, [(row, column, cell)]). A cell takes the first column
    of its row that no cell above spans into."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            taken.update((r + dr, c + dc) for dr in range(cell.rows) for dc in range(cell.cols))
            c += cell.cols
    columns = max((c for _, c in taken), default=-1) + 1
    return columns, placed


class HwpxWriter:
    """Builds one document top to bottom: `title`, then `heading`, `paragraph`, `as_of_line` and `table` in the
    document's order; `content()` gives the file's bytes."""

    def __init__(self, *, landscape: bool = False):
        self.doc = HwpxDocument.new()
        self.doc.page.setup(
            paper_size="A4",
            orientation="landscape" if landscape else None,
            margin_left_mm=MARGIN_MM,
            margin_right_mm=MARGIN_MM,
            margin_top_mm=MARGIN_MM,
            margin_bottom_mm=MARGIN_MM,
        )
        run = self.doc.styles.ensure_run
        self.body = run(font=FONT, size=BODY_SIZE)
        self.bold = run(font=FONT, size=BODY_SIZE, bold=True)
        self.title_run = run(font=FONT, size=TITLE_SIZE, bold=True)
        self.subtitle_run = run(font=FONT, size=SUBTITLE_SIZE, color="#464C53")
        self.heading_run = run(font=FONT, size=HEADING_SIZE, bold=True)
        self.table_run = run(font=FONT, size=TABLE_SIZE)
        self.table_bold = run(font=FONT, size=TABLE_SIZE, bold=True)
        # The blank paragraph a new document starts with (it holds the section's settings) takes the font too.
        for paragraph in self.doc.paragraphs:
            for each in paragraph.runs:
                each.char_pr_id_ref = self.body

    def _add(self, text: str, run: str, *, align: str | None = None, before: float = 0, after: float = 0):
        paragraph = self.doc.add_paragraph(text, char_pr_id_ref=run, inherit_style=False)
        if align or before or after:
            self.doc.styles.apply_paragraph_format(
                paragraphs=[paragraph],
                alignment=align,
                spacing_before_pt=before or None,
                spacing_after_pt=after or None,
            )
        return paragraph

    def title(self, text: str, *, subtitle: str = "") -> None:
        """The title block: the document's title, centred, and under it the government, pledge and department."""
        self.doc.parts.set_document_metadata(title=text)
        self._add(text, self.title_run, align="CENTER", after=4)
        if subtitle:
            self._add(subtitle, self.subtitle_run, align="CENTER", after=6)

    def as_of_line(self, as_of: datetime.datetime | None, *extras: str) -> None:
        """ "기준일: 2026. 11. 27. · 단위: 백만원 · …", right-aligned under the title block."""
        parts = [f"{_('기준일')}: {as_of_text(as_of)}", *(str(extra) for extra in extras if extra)]
        self._add(" · ".join(parts), self.subtitle_run, align="RIGHT", after=4)

    def marks(self, *, demo: bool, provisional: str = "") -> None:
        """The notes at the top of an official document, as print/_marks.html: demo figures, a provisional report."""
        if demo:
            self._add(f"{DEMO_MARK} · {DEMO_NOTE}", self.bold, after=2)
        if provisional:
            self._add(provisional, self.bold, after=2)

    def heading(self, text: str) -> None:
        self._add(f"□ {text}", self.heading_run, before=8, after=3)

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        self._add(str(text), self.bold if bold else self.body, after=2)

    def paragraphs(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.paragraph(text)

    def table(self, rows: Sequence[Sequence[Cell | object]], *, widths: Sequence[int] | None = None) -> None:
        """A table from HTML-like rows (`Cell`s, or plain values for plain cells); `widths` are relative column
        widths."""
        rows = [[item if isinstance(item, Cell) else Cell(item) for item in row] for row in rows]
        columns, placed = table_grid(rows)
        table = self.doc.add_table(len(rows), columns, char_pr_id_ref=self.table_run)
        for each in table.paragraph.runs:  # the paragraph that holds the table
            each.char_pr_id_ref = self.body
        if widths:
            table.set_column_widths(list(widths))
        for r, c, cell in placed:
            if cell.rows > 1 or cell.cols > 1:
                table.merge_cells(r, c, r + cell.rows - 1, c + cell.cols - 1)
        by_alignment: dict[str, list] = {}
        # The grid read once: python-hwpx rebuilds it on every cell(r, c) and set_cell_text(…, logical=True), which
        # made a table of 100 rows take 40 s (each cell's text is set on the anchor the grid names, as those do).
        grid = table.get_cell_map()
        for r, c, cell in placed:
            anchor = grid[r][c].cell
            anchor.set_text(cell_text(cell.value))
            strong = cell.heading or cell.total
            for paragraph in anchor.paragraphs:
                for each in paragraph.runs:
                    each.char_pr_id_ref = self.table_bold if strong else self.table_run
            align = cell.align or ("CENTER" if cell.heading else "RIGHT" if _is_figure(cell.value) else "LEFT")
            by_alignment.setdefault(align, []).extend(anchor.paragraphs)
            if strong:
                table.set_cell_shading(r, c, HEAD_SHADE if cell.heading else TOTAL_SHADE)
        for align, paragraphs in by_alignment.items():
            self.doc.styles.apply_paragraph_format(paragraphs=paragraphs, alignment=align)
        self._add("", self.body)  # a table is followed by a paragraph, as Hancom writes it

    def content(self) -> bytes:
        return self.doc.to_bytes()
