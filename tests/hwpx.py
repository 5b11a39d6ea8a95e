"""Reading an HWPX file back with python-hwpx, for the tests (as tests/pdf.py and tests/xlsx.py do for theirs)."""

import io
from dataclasses import dataclass

from hwpx import HwpxDocument

A4_HWPUNIT = (round(210 / 25.4 * 7200), round(297 / 25.4 * 7200))  # 7,200 HWPUNIT to the inch


@dataclass(frozen=True)
class ReadCell:
    text: str
    span: tuple[int, int]  # (rows, columns)
    align: str
    font: str | None
    bold: bool


def open_hwpx(content: bytes) -> HwpxDocument:
    return HwpxDocument.open(io.BytesIO(content))


def body_texts(doc: HwpxDocument) -> list[str]:
    """The text of every paragraph outside the tables, in order (blank ones left out)."""
    return [p.text for p in doc.paragraphs if p.text.strip()]


def fonts_used(doc: HwpxDocument) -> set[str]:
    """The Hangul font of every run in the body and in every table cell."""
    runs = [run for p in doc.paragraphs for run in p.runs]
    runs += [run for cell in _cells(doc) for p in cell.paragraphs for run in p.runs]
    return {doc.styles.font_face(run.char_pr_id_ref) for run in runs}


def _cells(doc: HwpxDocument):
    return [cell for table in doc.tables.all for row in table.rows for cell in row.cells]


def tables(doc: HwpxDocument) -> list[dict[tuple[int, int], ReadCell]]:
    """Each table as {(row, column): cell} of its cells as stored (a merged cell once, at its top left)."""
    read = []
    for table in doc.tables.all:
        cells = {}
        for row in table.rows:
            for cell in row.cells:
                paragraph = cell.paragraphs[0]
                run = paragraph.runs[0] if paragraph.runs else None
                style = doc.styles.char_property(run.char_pr_id_ref) if run else None
                cells[cell.address] = ReadCell(
                    text=cell.text,
                    span=cell.span,
                    align=doc.styles.paragraph_property(paragraph.para_pr_id_ref).align.horizontal,
                    font=doc.styles.font_face(run.char_pr_id_ref) if run else None,
                    bold=bool(style and "bold" in style.child_attributes),
                )
        read.append(cells)
    return read


def table_shape(doc: HwpxDocument) -> list[tuple[int, int]]:
    """(rows, columns) of each table."""
    return [(table.row_count, table.column_count) for table in doc.tables.all]


def all_text(doc: HwpxDocument) -> str:
    """Every paragraph's and every cell's text, one a line."""
    return "\n".join([p.text for p in doc.paragraphs] + [cell.text for cell in _cells(doc)])
