"""The quarterly results Excel template (양식) and its safe reader.

Layout of the data sheet "실적" (fixed: the reader relies on it, and the 안내 sheet tells users not to change it):

    A1            title
    A2 "연도"     B2 year (e.g. 2025)      C2 "분기"   D2 quarter (1–4)      F2 a one-line hint
    row 3         empty
    row 4         header: 부서코드 | 부서명 | 세부사업ID | 세부사업명 | 계층 | 부문 | 연간목표(명) |
                          전분기까지 누계(명) | 이번 분기 실적(명) | 비고          (columns A–J)
    row 5 …       one row per programme; only I (이번 분기 실적) and J (비고) are meant to be edited

The reader never trusts an upload: `check_upload` looks at the bytes and the zip directory before anything is
decompressed (size, file type, zip bomb); openpyxl then reads with defusedxml in read-only mode; every problem,
down to a single cell, becomes a `CellError` in Korean instead of an exception. What read-only mode hides is checked
apart (workbook.py): a merge over cells the reader reads, and sheets that would not be read (hidden, or not the
template's), each refuse the file.

The package's modules: `format` (positions, limits, the Korean messages and the records passed around), `cells`
(what a cell holds: text that stays text, a number from a cell, a value echoed back; every workbook of the product
follows it), `upload` (the file checks), `workbook` (what read-only mode hides), `reader` and `template`. What other
modules use is imported here; a message or a position is read from `format` itself.

Pure package: no database access. The caller still checks that each department code and programme ID exists, that
the user may edit it, and that the year and quarter are the report's.
"""

from .cells import (
    cell_amount,
    cell_jobs,
    cell_number,
    cell_text,
    cell_whole_number,
    csv_text,
    looks_like_formula,
    reads_as_nothing,
    row_is_blank,
    sheet_text,
    shown_value,
    sum_formula,
    write_text,
)
from .format import (
    DATA_SHEET,
    ERR_UNREADABLE,
    ERR_UNSAFE_CONTENT,
    FIRST_DATA_ROW,
    MAX_UPLOAD_BYTES,
    XLSX_MIMETYPE,
    YEAR_RANGE,
    CellError,
    ParsedResults,
    ParsedRow,
    TemplateRow,
)
from .reader import parse_results_workbook
from .template import build_results_template, styled_cell, workbook_styles
from .upload import check_upload, refused_as_unsafe
from .workbook import UploadedWorkbook

__all__ = [
    "DATA_SHEET",
    "ERR_UNREADABLE",
    "ERR_UNSAFE_CONTENT",
    "FIRST_DATA_ROW",
    "MAX_UPLOAD_BYTES",
    "XLSX_MIMETYPE",
    "YEAR_RANGE",
    "CellError",
    "ParsedResults",
    "ParsedRow",
    "TemplateRow",
    "UploadedWorkbook",
    "build_results_template",
    "cell_amount",
    "cell_jobs",
    "cell_number",
    "cell_text",
    "cell_whole_number",
    "check_upload",
    "csv_text",
    "looks_like_formula",
    "parse_results_workbook",
    "reads_as_nothing",
    "refused_as_unsafe",
    "row_is_blank",
    "sheet_text",
    "shown_value",
    "styled_cell",
    "sum_formula",
    "workbook_styles",
    "write_text",
]
