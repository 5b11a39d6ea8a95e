"""Opening an uploaded workbook, with what openpyxl's read-only mode does not show: sheets that would not be read,
and merged ranges.

Read-only mode (fast, little memory: see MAX_XML_PART_BYTES) reads a sheet's cells as the file stores them and
offers no `merged_cells`. A merged range keeps only its top-left cell's value: Excel shows every other cell of it
empty, while the file may still hold anything there. Either way what the clerk saw is not what would be read, so a
merge that covers a cell the reader reads refuses the file. The merges are read from the sheet's own XML part with
defusedxml, as openpyxl reads every part (check_upload has already refused to go on without it).

A workbook may also hold sheets nobody looks at: hidden ones, or sheets the template never had. The readers read
one sheet; anything else would be ignored without a word, so such sheets refuse the file, each named with why.
"""

from __future__ import annotations

import codecs
import re
from io import BytesIO

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import range_boundaries

from .format import ERR_EXTRA_SHEET, ERR_HIDDEN_SHEET, ERR_MERGED, CellError

try:
    from defusedxml.ElementTree import XMLParser
except ImportError:  # check_upload refuses every file before one is opened; the name only has to exist
    XMLParser = None

_MERGE_TAG = "mergeCell"
_MERGE_BYTES = _MERGE_TAG.encode("ascii")
_CHUNK = 1 << 16
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ASCII_ENCODINGS = (b"utf-8", b"utf8", b"us-ascii", b"ascii")
_LAST_ROW, _LAST_COLUMN = 1_048_576, 16_384  # Excel's sheet size; a range with no bound on one side runs to it
_VISIBLE = "visible"

Bounds = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row, as openpyxl.utils.range_boundaries


class UploadedWorkbook:
    """An upload opened read-only (openpyxl with defusedxml), as a context manager. `book` is openpyxl's workbook;
    the two methods check what read-only mode hides. Raises what openpyxl raises on a damaged file."""

    def __init__(self, data: bytes):
        # ExcelReader is what openpyxl.load_workbook runs; kept, it also tells which XML part holds which sheet.
        reader = ExcelReader(BytesIO(data), read_only=True, data_only=False, keep_links=False)
        reader.read()
        self.book = reader.wb
        self._archive = reader.archive
        self._sheets = [
            (sheet.name, sheet.state or _VISIBLE, relation.target) for sheet, relation in reader.parser.find_sheets()
        ]

    def __enter__(self) -> UploadedWorkbook:
        return self

    def __exit__(self, *exc_info) -> None:
        self.book.close()

    def unread_sheet_errors(self, data_sheet: str, template_sheets: tuple[str, ...]) -> list[CellError]:
        """One error per sheet that would not be read: hidden, or not one of `template_sheets` (a second sheet of the
        same name included). A template sheet that is never read (the guide) may stay, hidden or not."""
        errors, seen = [], set()
        for name, state, _part in self._sheets:
            if name in template_sheets and name not in seen:
                seen.add(name)
                continue
            message = ERR_HIDDEN_SHEET if state != _VISIBLE else ERR_EXTRA_SHEET
            errors.append(CellError(name, "", "", message % {"name": name, "data_sheet": data_sheet}))
        return errors

    def merge_errors(self, sheet_name: str, read: list[Bounds]) -> list[CellError]:
        """One error per merged range of sheet `sheet_name` that covers a cell in one of the `read` areas, other than
        its own top-left cell (the only one whose value a merge keeps), top to bottom. Call only when the sheet's name
        is unique."""
        part = next(part for name, _state, part in self._sheets if name == sheet_name)
        covering = []
        for ref in self._merged_refs(part):
            bounds = _bounds(ref)
            if any(_covers(bounds, area) for area in read):
                covering.append((bounds[1], bounds[0], ref))
        return [CellError(sheet_name, ref, "", ERR_MERGED % {"range": ref}) for *_at, ref in sorted(covering)]

    def _merged_refs(self, part: str) -> list[str]:
        """The `ref` of every <mergeCell> in a sheet's XML part, streamed: a parser target that only looks at start
        tags costs far less than building the elements (about a quarter of openpyxl's own read of the sheet). A part
        that cannot hold one (`_may_hold_merges`) is not parsed at all: the common case, a template nobody merged."""
        if not self._may_hold_merges(part):
            return []
        target = _MergeTarget()
        parser = XMLParser(target=target)
        with self._archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                parser.feed(chunk)
        parser.close()
        return target.refs

    def _may_hold_merges(self, part: str) -> bool:
        """Whether the part's bytes contain "mergeCell" anywhere. In UTF-8 or ASCII a tag name is its own bytes (no
        character reference can spell a name, and defusedxml allows no entity that could expand to markup), so a
        part without those bytes has no <mergeCell> in any namespace prefix. A part in another encoding (UTF-16, or
        one its declaration names) is assumed to hold merges and is parsed. Costs a tenth of the parse."""
        with self._archive.open(part) as stream:
            chunk = stream.read(_CHUNK)
            if not _ascii_compatible(chunk):
                return True
            overlap = len(_MERGE_BYTES) - 1
            tail = b""
            while chunk:
                if _MERGE_BYTES in chunk or _MERGE_BYTES in tail + chunk[:overlap]:
                    return True
                tail = chunk[-overlap:]
                chunk = stream.read(_CHUNK)
        return False


def _ascii_compatible(head: bytes) -> bool:
    """Whether an XML document starting with `head` is in UTF-8 or ASCII (XML 1.0, appendix F): no UTF-16 or UTF-32
    byte order or zero bytes, and an XML declaration that names no other encoding."""
    head = head.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in head[:4] or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if not head.startswith(b"<?xml"):
        return head.lstrip()[:1] == b"<"
    end = head.find(b"?>")
    if end < 0:
        return False
    declared = _ENCODING.search(head[:end])
    return declared is None or declared[1].lower() in _ASCII_ENCODINGS


class _MergeTarget:
    """An XML parser target collecting the `ref` of each mergeCell element (in whichever namespace prefix)."""

    def __init__(self):
        self.refs: list[str] = []

    def start(self, tag: str, attributes: dict) -> None:
        if tag.rpartition("}")[2] == _MERGE_TAG:
            self.refs.append(attributes.get("ref", ""))

    def close(self) -> None:
        return None


def _bounds(ref: str) -> Bounds:
    """A range's bounds in order; a side left open (a whole row or column, or no ref at all) runs to the sheet's
    edge, so a malformed merge errs on the side of refusing."""
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    min_col, min_row = min_col or 1, min_row or 1
    max_col, max_row = max_col or _LAST_COLUMN, max_row or _LAST_ROW
    return min(min_col, max_col), min(min_row, max_row), max(min_col, max_col), max(min_row, max_row)


def _covers(merge: Bounds, area: Bounds) -> bool:
    """Whether the merge blanks a cell of the area: they overlap in more than the merge's top-left cell."""
    min_col, min_row = max(merge[0], area[0]), max(merge[1], area[1])
    max_col, max_row = min(merge[2], area[2]), min(merge[3], area[3])
    if min_col > max_col or min_row > max_row:
        return False
    return (min_col, min_row, max_col, max_row) != (merge[0], merge[1], merge[0], merge[1])
