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
down to a single cell, becomes a `CellError` in Korean instead of an exception.

Pure module: no database access. The caller still checks that each department code and programme ID exists, that
the user may edit it, and that the year and quarter are the report's.
"""

from __future__ import annotations

import codecs
import datetime
import logging
import zipfile
from dataclasses import dataclass
from io import BytesIO
from itertools import islice

import openpyxl
import openpyxl.xml
import openpyxl.xml.functions
from django.utils.translation import gettext_lazy as _
from openpyxl.cell import Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from performance.models import MAX_JOBS
from performance.validation import NUMBER_ERRORS, jobs_range_error, whole_number_from_text

try:
    from defusedxml import DefusedXmlException
except ImportError:  # check_upload then refuses every file; the name only has to exist

    class DefusedXmlException(Exception):
        pass


logger = logging.getLogger(__name__)

# --- The file format. Sheet names and header labels are part of the format, so they are deliberately NOT passed
# --- through gettext: a template downloaded in another language must still be accepted.
DATA_SHEET = "실적"
GUIDE_SHEET = "안내"
TITLE_CELL = "A1"
YEAR_LABEL_CELL, YEAR_CELL = "A2", "B2"
QUARTER_LABEL_CELL, QUARTER_CELL = "C2", "D2"
HINT_CELL = "F2"
HEADER_ROW = 4
FIRST_DATA_ROW = 5
COLUMNS = (
    "부서코드",
    "부서명",
    "세부사업ID",
    "세부사업명",
    "계층",
    "부문",
    "연간목표(명)",
    "전분기까지 누계(명)",
    "이번 분기 실적(명)",
    "비고",
)
COLUMN_WIDTHS = (11, 18, 11, 36, 11, 16, 13, 17, 17, 42)
DEPARTMENT_COLUMN, PROGRAMME_COLUMN, JOBS_COLUMN, COMMENT_COLUMN = "A", "C", "I", "J"
LAST_COLUMN = get_column_letter(len(COLUMNS))

# --- Bounds.
MAX_COMMENT_LENGTH = 500  # QuarterlyReportLine.comment max_length
MAX_PROGRAMME_ID = 2_147_483_647  # a larger "ID" would overflow an integer column when the caller looks it up
YEAR_RANGE = (2000, 2100)
QUARTER_RANGE = (1, 4)
MAX_DATA_ROWS = 20_000  # twice the lead department's largest expected file (~10,000 rows)
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# The whole unpacked file. A 10,000-row template unpacks to about 4 MB, a file Excel re-saves to less; 100 MB
# leaves room for pictures or styling a clerk adds, yet bounds the memory and time one upload can cost.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# One XML part (a worksheet, the shared strings) unpacked. Reading costs CPU in proportion to it (about 2 s per
# 5 MB on a slow machine), so this bounds the time one upload can take; the 10,000-row template's sheet is 5.5 MB.
MAX_XML_PART_BYTES = 25 * 1024 * 1024
# Spreadsheet XML compresses about 5–30×; deflate cannot exceed about 1,030×, which only runs of one byte reach.
# Apache POI refuses above 100×; 200× is more lenient, and only applies to members over 1 MB.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 1_000  # an .xlsx has a few dozen parts

_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and also every password-protected .xlsx
_ENCRYPTED_MARKER = "EncryptionInfo".encode("utf-16-le")  # stream name inside an encrypted Office file
_WORKBOOK_PART = "xl/workbook.xml"
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheet programs may read as the start of a formula
_SHOWN_VALUE_LENGTH = 100  # an offending value is echoed back to the user at most this long

# --- Messages (what the user reads). Formatted ones use %(name)s.
ERR_UNSAFE_XML = _(
    "서버에 안전한 XML 읽기 도구(defusedxml)가 설치되어 있지 않아 파일을 읽지 않았습니다. 시스템 관리자에게 알려 주세요."
)
ERR_EMPTY = _("빈 파일입니다(0바이트). 내려받은 양식에 실적을 입력해 저장한 뒤 다시 올려 주세요.")
ERR_TOO_LARGE = _(
    "파일이 너무 큽니다(%(size)s). %(limit)s 이하의 .xlsx 파일만 올릴 수 있습니다. "
    "그림이나 다른 시트를 지우고 다시 저장해 올려 주세요."
)
ERR_CSV = _(
    "CSV(쉼표로 구분된 텍스트) 파일입니다. 내려받은 양식(.xlsx)에 입력하거나, Excel에서 "
    "'다른 이름으로 저장' → 'Excel 통합 문서(*.xlsx)'로 저장해 올려 주세요."
)
ERR_HTML = _(
    "웹 페이지(HTML) 형식의 파일입니다. 이름만 Excel 파일인 경우가 있습니다. Excel에서 열어 "
    "'다른 이름으로 저장' → 'Excel 통합 문서(*.xlsx)'로 저장해 올려 주세요."
)
ERR_XLS = _(
    ".xls(예전 Excel 형식) 파일입니다. Excel에서 '다른 이름으로 저장' → 'Excel 통합 문서(*.xlsx)'로 저장해 올려 주세요."
)
ERR_ENCRYPTED = _(
    "암호가 걸린 Excel 파일입니다. Excel에서 '파일' → '정보' → '통합 문서 보호' → '암호 설정'에서 암호를 지우고 "
    "저장한 뒤 올려 주세요."
)
ERR_PDF = _("PDF 파일입니다. PDF는 읽을 수 없습니다. 내려받은 양식(.xlsx)에 실적을 입력해 올려 주세요.")
ERR_NOT_EXCEL = _(
    "Excel 통합 문서(.xlsx)가 아닙니다. 내려받은 양식에 실적을 입력하고 'Excel 통합 문서(*.xlsx)'로 저장해 올려 주세요."
)
ERR_NOT_XLSX = _(
    "압축(zip) 파일이지만 Excel 통합 문서(.xlsx)가 아닙니다(.xlsb, .ods, 한셀 문서 등). "
    "Excel에서 '다른 이름으로 저장' → 'Excel 통합 문서(*.xlsx)'로 저장해 올려 주세요."
)
ERR_ZIP_BOMB = _(
    "압축을 풀면 지나치게 커지는 파일이라(%(size)s) 안전을 위해 열지 않았습니다. "
    "내려받은 양식에 입력해 다시 저장해 올려 주세요."
)
ERR_CONTENT_TOO_LARGE = _(
    "내용이 너무 많은 파일입니다(압축을 풀면 %(size)s). 필요 없는 시트, 행, 서식을 지우거나 파일을 나누어 올려 주세요."
)
ERR_CORRUPT = _("파일이 손상되었거나 올리는 중에 잘렸습니다. Excel에서 열리는지 확인한 뒤 다시 저장해 올려 주세요.")
ERR_UNREADABLE = _(
    "파일 내용을 읽을 수 없습니다. 파일이 손상되었을 수 있습니다. Excel에서 열어 확인한 뒤 "
    "'Excel 통합 문서(*.xlsx)'로 다시 저장해 올려 주세요."
)
ERR_UNSAFE_CONTENT = _(
    "파일 안에 허용되지 않는 XML 구성(DTD·엔티티)이 있어 안전을 위해 읽지 않았습니다. "
    "내려받은 양식에 입력해 Excel에서 다시 저장해 올려 주세요."
)
ERR_NO_SHEET = _("'실적' 시트가 없습니다. 내려받은 양식의 '실적' 시트에 입력하고, 시트 이름을 바꾸지 마세요.")
ERR_YEAR = _("연도는 2000~2100 사이의 정수여야 합니다. 내려받은 양식의 연도를 바꾸지 마세요.")
ERR_QUARTER = _("분기는 1~4 중 하나여야 합니다. 내려받은 양식의 분기를 바꾸지 마세요.")
ERR_HEADER = _(
    "머리글이 양식과 다릅니다('%(expected)s'이어야 합니다). 열을 추가·삭제하거나 순서를 바꾸지 말고 "
    "내려받은 양식을 그대로 써 주세요."
)
ERR_NO_ROWS = _("입력된 자료 행이 없습니다. 내려받은 양식의 %(row)s행부터 있는 행을 지우지 말고 실적을 입력해 주세요.")
ERR_TOO_MANY_ROWS = _("자료 행이 너무 많습니다(%(limit)s행까지). 파일을 나누어 올려 주세요.")
ERR_DEPARTMENT = _("부서코드가 비어 있거나 올바르지 않습니다. 내려받은 양식의 부서코드를 지우거나 바꾸지 마세요.")
ERR_PROGRAMME_ID = _("세부사업ID가 비어 있거나 올바르지 않습니다. 양식에 적힌 세부사업ID를 지우거나 바꾸지 마세요.")
ERR_DUPLICATE = _("같은 세부사업ID가 %(row)s행에도 있습니다. 세부사업마다 한 행만 남기세요.")
ERR_DATE = _(
    "날짜가 아니라 숫자를 입력하세요. 칸 서식이 날짜로 바뀌었다면 '일반'이나 '숫자'로 바꾼 뒤 다시 입력하세요."
)
ERR_BOOL = _("참/거짓(TRUE/FALSE)이 아니라 숫자를 입력하세요.")
# The rules for a figure live in validation.py, shared with the web form.
ERR_FORMULA, ERR_NEGATIVE, ERR_NOT_WHOLE, ERR_NOT_NUMBER = (
    NUMBER_ERRORS[code] for code in ("formula", "negative", "not_whole", "not_number")
)
ERR_JOBS_TOO_BIG = NUMBER_ERRORS["too_large"]
ERR_COMMENT_TOO_LONG = _("비고는 %(max)s자까지 쓸 수 있습니다(지금 %(length)s자). 줄여 주세요.")
ERR_COMMENT_FORMULA = _("비고에는 수식을 쓸 수 없습니다. 글자로 입력하세요.")

# --- Template text.
HINT = _("노란 칸(이번 분기 실적, 비고)만 입력하세요. 입력 방법은 '안내' 시트를 보세요.")
JOBS_PROMPT_TITLE = _("이번 분기 실적(명)")
JOBS_PROMPT = _("이번 분기에 새로 창출한 인원을 0 이상의 정수로 입력하세요. 없으면 빈칸으로 두세요.")
JOBS_INVALID_TITLE = _("입력할 수 없는 값")
JOBS_INVALID = _("0 이상의 정수만 입력할 수 있습니다. 수식, 날짜, 소수, 글자는 쓸 수 없습니다.")
COMMENT_INVALID = _("비고는 500자까지 쓸 수 있습니다.")
GUIDE_TITLE = _("분기 실적 입력 안내")
GUIDE_INTRO = _("이 파일은 %(year)s년 %(quarter)s분기 일자리 실적 입력 양식입니다. '실적' 시트에 입력하세요.")
GUIDE_LINES = (
    _("1. 노란색 칸(이번 분기 실적(명), 비고)만 입력하세요. 회색 칸은 시스템이 채운 값이니 바꾸지 마세요."),
    _(
        "2. '이번 분기 실적(명)'에는 이번 분기에 새로 창출한 인원을 0 이상의 정수로 입력하세요. "
        "누계가 아닙니다('전분기까지 누계'는 참고용입니다)."
    ),
    _("3. 실적이 없으면 빈칸으로 두세요."),
    _(
        "4. 수식(=로 시작하는 값), 날짜, 소수, 음수, '명' 같은 글자는 입력할 수 없습니다. "
        "다른 파일에서 복사할 때는 '값만 붙여넣기'를 쓰세요."
    ),
    _("5. 비고는 500자까지 쓸 수 있습니다."),
    _(
        "6. 부서코드, 세부사업ID, 연도(B2), 분기(D2), 머리글(4행)과 시트 이름('실적')을 바꾸지 말고, "
        "행이나 열을 추가·삭제하지 마세요."
    ),
    _(
        "7. 'Excel 통합 문서(*.xlsx)' 형식으로 저장하세요(5MB까지). CSV, 예전 형식(.xls), 암호를 건 파일은 "
        "올릴 수 없습니다."
    ),
    _(
        "8. 잘못된 칸이 하나라도 있으면 아무것도 저장되지 않고, 잘못된 칸의 목록(시트, 칸, 값, 이유)이 "
        "표시됩니다. 모두 고쳐서 다시 올려 주세요."
    ),
)


@dataclass(frozen=True)
class TemplateRow:
    department_code: str
    department_name: str
    programme_id: int
    programme_name: str
    target_group: str
    programme_type: str
    annual_target: int | None
    cumulative_before: int
    jobs: int | None
    comment: str


@dataclass(frozen=True)
class CellError:
    sheet: str
    cell: str
    value: str
    message: str


@dataclass(frozen=True)
class ParsedRow:
    row_number: int
    department_code: str
    programme_id: int
    jobs: int | None
    comment: str


@dataclass(frozen=True)
class ParsedResults:
    """What an upload holds. `rows` lists every row that is itself valid, even when `errors` is not empty (so the
    caller can check them against the database and show all problems at once); save nothing unless `ok`."""

    year: int | None
    quarter: int | None
    rows: tuple[ParsedRow, ...]
    errors: tuple[CellError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------------------------------------------------------
# Writing the template
# ---------------------------------------------------------------------------------------------------------------

_S_TITLE, _S_LABEL, _S_HINT = "양식 제목", "양식 항목", "양식 도움말"
_S_HEAD, _S_HEAD_EDIT = "양식 머리글", "양식 머리글(입력)"
_S_FIXED_TEXT, _S_FIXED_NUMBER, _S_FIXED_ID = "읽기 전용 글자", "읽기 전용 숫자", "읽기 전용 번호"
_S_EDIT_NUMBER, _S_EDIT_TEXT = "입력 숫자", "입력 글자"
_S_GUIDE_TITLE, _S_GUIDE = "안내 제목", "안내 본문"


def build_results_template(*, title: str, year: int, quarter: int, rows: list[TemplateRow]) -> bytes:
    """Return an .xlsx template of one quarter's results: sheet "실적" laid out as the module docstring says, with
    read-only columns grey and the two editable ones (이번 분기 실적, 비고) light yellow, and a sheet "안내" on how to
    fill it in. Written in write-only mode, so 10,000 rows cost little memory. Every text cell is stored as text,
    so a name or comment beginning with = + - @ never becomes a formula."""
    book = openpyxl.Workbook(write_only=True)
    styles = {}
    for style in _named_styles():
        book.add_named_style(style)
        styles[style.name] = style.as_tuple()
    sheet = book.create_sheet(DATA_SHEET)
    _prepare_data_sheet(sheet, last_row=FIRST_DATA_ROW + len(rows) - 1)
    _write_heading(sheet, styles, title, year, quarter)
    for row in rows:
        sheet.append(_data_cells(sheet, styles, row))
    _write_guide(book.create_sheet(GUIDE_SHEET), styles, year, quarter)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _named_styles() -> list[NamedStyle]:
    """The template's styles, named so that a cell takes a ready-made style array instead of five lookups (which
    matters at 100,000 cells); the names also show in Excel's cell style gallery."""
    line = Side(style="thin", color="BFBFBF")
    box = Border(left=line, right=line, top=line, bottom=line)
    grey, yellow = PatternFill("solid", fgColor="F2F2F2"), PatternFill("solid", fgColor="FFF2CC")
    grey_font, centre = Font(color="595959"), Alignment(horizontal="center", vertical="center", wrap_text=True)
    # Editable cells are unlocked, so turning on sheet protection later needs no other change.
    unlocked = Protection(locked=False)
    head = {"font": Font(bold=True), "border": box, "alignment": centre}
    specs = {
        _S_TITLE: {"font": Font(bold=True, size=14)},
        _S_LABEL: {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="D9D9D9"), "border": box},
        _S_HINT: {"font": Font(color="C00000")},
        _S_HEAD: {**head, "fill": PatternFill("solid", fgColor="D9D9D9")},
        _S_HEAD_EDIT: {**head, "fill": PatternFill("solid", fgColor="FFD966")},
        _S_FIXED_TEXT: {"font": grey_font, "fill": grey, "border": box},
        _S_FIXED_NUMBER: {"font": grey_font, "fill": grey, "border": box, "number_format": "#,##0"},
        _S_FIXED_ID: {"font": grey_font, "fill": grey, "border": box, "number_format": "0"},
        _S_EDIT_NUMBER: {"fill": yellow, "border": box, "number_format": "#,##0", "protection": unlocked},
        _S_EDIT_TEXT: {"fill": yellow, "border": box, "number_format": "@", "protection": unlocked},
        _S_GUIDE_TITLE: {"font": Font(bold=True, size=14)},
        _S_GUIDE: {"alignment": Alignment(wrap_text=True, vertical="top")},
    }
    return [NamedStyle(name=name, **spec) for name, spec in specs.items()]


def _prepare_data_sheet(sheet, *, last_row: int) -> None:
    """Column widths, frozen header, filter, print titles and input checks; a write-only sheet needs them before
    its first row is written."""
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[HEADER_ROW].height = 33
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    if last_row < FIRST_DATA_ROW:
        return
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{LAST_COLUMN}{last_row}"
    # Excel refuses a bad value as it is typed; pasted values bypass this, so the reader checks everything again.
    jobs = DataValidation(type="whole", operator="between", formula1="0", formula2=str(MAX_JOBS), allow_blank=True)
    jobs.promptTitle, jobs.prompt = str(JOBS_PROMPT_TITLE), str(JOBS_PROMPT)
    jobs.errorTitle, jobs.error = str(JOBS_INVALID_TITLE), str(JOBS_INVALID)
    comment = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(MAX_COMMENT_LENGTH))
    comment.allow_blank, comment.errorTitle, comment.error = True, str(JOBS_INVALID_TITLE), str(COMMENT_INVALID)
    for validation, column in ((jobs, JOBS_COLUMN), (comment, COMMENT_COLUMN)):
        validation.showErrorMessage = validation.showInputMessage = True
        validation.add(f"{column}{FIRST_DATA_ROW}:{column}{last_row}")
        sheet.data_validations.append(validation)


def _write_heading(sheet, styles: dict, title: str, year: int, quarter: int) -> None:
    """Rows 1–4: title, year and quarter, an empty row, the header."""
    sheet.append([_cell(sheet, title, styles[_S_TITLE])])
    labels = [_cell(sheet, "연도", styles[_S_LABEL]), _cell(sheet, year, styles[_S_FIXED_ID])]
    labels += [_cell(sheet, "분기", styles[_S_LABEL]), _cell(sheet, quarter, styles[_S_FIXED_ID])]
    sheet.append([*labels, None, _cell(sheet, str(HINT), styles[_S_HINT])])
    sheet.append([])
    editable = {JOBS_COLUMN, COMMENT_COLUMN}
    sheet.append(
        [
            _cell(sheet, label, styles[_S_HEAD_EDIT if get_column_letter(index) in editable else _S_HEAD])
            for index, label in enumerate(COLUMNS, start=1)
        ]
    )


def _data_cells(sheet, styles: dict, row: TemplateRow) -> list[Cell]:
    """One programme's row, columns A–J."""
    return [
        _cell(sheet, row.department_code, styles[_S_FIXED_TEXT]),
        _cell(sheet, row.department_name, styles[_S_FIXED_TEXT]),
        _cell(sheet, row.programme_id, styles[_S_FIXED_ID]),
        _cell(sheet, row.programme_name, styles[_S_FIXED_TEXT]),
        _cell(sheet, row.target_group, styles[_S_FIXED_TEXT]),
        _cell(sheet, row.programme_type, styles[_S_FIXED_TEXT]),
        _cell(sheet, row.annual_target, styles[_S_FIXED_NUMBER]),
        _cell(sheet, row.cumulative_before, styles[_S_FIXED_NUMBER]),
        _cell(sheet, row.jobs, styles[_S_EDIT_NUMBER]),
        _cell(sheet, row.comment, styles[_S_EDIT_TEXT]),
    ]


def _write_guide(sheet, styles: dict, year: int, quarter: int) -> None:
    """The 안내 sheet: one instruction a row in a wide, wrapping column."""
    sheet.column_dimensions["A"].width = 110
    sheet.append([_cell(sheet, str(GUIDE_TITLE), styles[_S_GUIDE_TITLE])])
    sheet.append([_cell(sheet, GUIDE_INTRO % {"year": year, "quarter": quarter}, styles[_S_GUIDE])])
    for line in GUIDE_LINES:
        sheet.append([_cell(sheet, str(line), styles[_S_GUIDE])])


def _cell(sheet, value: object, style: StyleArray) -> Cell:
    """A styled cell. Text is always stored as text: openpyxl would turn "=…" into a formula and "#N/A" into an
    error, and text from the database is user input (formula injection)."""
    if isinstance(value, str):
        # Control characters are not allowed in XML; openpyxl would raise on them.
        value = ILLEGAL_CHARACTERS_RE.sub("", value) or None
    cell = Cell(sheet, row=1, column=1, value=value, style_array=style)  # as WriteOnlyCell; the writer places it
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(_FORMULA_PREFIXES):
            # Excel's own "text, not formula" flag (what a typed apostrophe sets, without storing one): the cell
            # stays text even after someone edits it in Excel and presses Enter.
            cell.quotePrefix = True
    return cell


# ---------------------------------------------------------------------------------------------------------------
# Checking an upload before it is parsed
# ---------------------------------------------------------------------------------------------------------------


def check_upload(data: bytes, filename: str) -> list[CellError]:
    """Return file-level errors found without parsing: the server's XML safety (defusedxml), an empty or too
    large file, a file that is not an .xlsx (CSV, HTML, .xls, encrypted, PDF, anything else; each with its own
    message), a zip that is not an .xlsx, a zip bomb (from the zip directory, nothing is decompressed) and a
    corrupt zip. An empty list means the file may be handed to openpyxl."""
    if not _xml_is_safe():
        # Without defusedxml openpyxl parses XML with the standard library, open to entity-expansion attacks.
        logger.error("defusedxml is not installed: refusing to read uploaded Excel files")
        return [_file_error(ERR_UNSAFE_XML, filename)]
    if not data:
        return [_file_error(ERR_EMPTY, filename)]
    if len(data) > MAX_UPLOAD_BYTES:
        sizes = {"size": _megabytes(len(data)), "limit": _megabytes(MAX_UPLOAD_BYTES)}
        return [_file_error(ERR_TOO_LARGE % sizes, filename)]
    if data.startswith(_ZIP_SIGNATURE):
        return _check_zip(data, filename)
    return [_file_error(_not_zip_reason(data, filename), filename)]


def _xml_is_safe() -> bool:
    """openpyxl found defusedxml and bound its iterparse, which reads every worksheet. (Its `fromstring`, for the
    small parts, is defusedxml's too, or lxml's with entity resolution off when lxml is installed.)"""
    iterparse_module = getattr(openpyxl.xml.functions.iterparse, "__module__", "")
    return bool(openpyxl.xml.DEFUSEDXML) and iterparse_module.startswith("defusedxml")


def _not_zip_reason(data: bytes, filename: str):
    """Why a file that is not a zip cannot be read, as precisely as its first bytes tell."""
    if data.startswith(_OLE2_SIGNATURE):
        return ERR_ENCRYPTED if _ENCRYPTED_MARKER in data else ERR_XLS
    if b"%PDF-" in data[:1024]:
        return ERR_PDF
    text = _text_sample(data)
    if text is not None:
        start = text.lstrip("\ufeff \t\r\n")[:5].lower()
        # "<?xml" is Excel 2003's XML format, which is neither CSV nor a web page.
        return ERR_NOT_EXCEL if start == "<?xml" else ERR_HTML if start.startswith("<") else ERR_CSV
    if filename.lower().endswith((".csv", ".txt")):
        return ERR_CSV
    return ERR_NOT_EXCEL


def _text_sample(data: bytes) -> str | None:
    """The start of the file as text if it is text (UTF-8, or CP949 as Korean Excel saves CSV), else None."""
    sample = data[:4096]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return sample.decode("utf-16", errors="replace")  # Excel's "유니코드 텍스트"
    for encoding in ("utf-8", "cp949"):
        try:
            # Incremental, so a character cut at the end of the sample is not an error.
            text = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        if not any(ord(char) < 32 and char not in "\t\r\n\f" for char in text):
            return text
    return None


def _check_zip(data: bytes, filename: str) -> list[CellError]:
    """Judge a zip from its central directory alone: corrupt, a bomb, too much to read, or not an .xlsx."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # zipfile raises BadZipFile, ValueError, OSError, … on a damaged directory
        logger.info("Corrupt zip uploaded as %r", filename, exc_info=True)
        return [_file_error(ERR_CORRUPT, filename)]
    total = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or total > MAX_UNCOMPRESSED_BYTES or any(map(_inflates_too_much, members)):
        logger.warning("Zip bomb refused: %r unpacks to %s bytes in %s members", filename, total, len(members))
        return [_file_error(ERR_ZIP_BOMB % {"size": _megabytes(total)}, filename)]
    if any(member.filename.endswith(".xml") and member.file_size > MAX_XML_PART_BYTES for member in members):
        return [_file_error(ERR_CONTENT_TOO_LARGE % {"size": _megabytes(total)}, filename)]
    if not any(member.filename == _WORKBOOK_PART for member in members):
        return [_file_error(ERR_NOT_XLSX, filename)]
    return []


def _inflates_too_much(member: zipfile.ZipInfo) -> bool:
    """A member whose declared size is absurd for its compressed size (Python's zipfile never unpacks more than
    the declared size, so the directory is enough)."""
    if member.file_size < RATIO_CHECK_MIN_BYTES:
        return False
    return member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f}MB"


def _file_error(message, value: str = "", sheet: str = "") -> CellError:
    return CellError(sheet=sheet, cell="", value=value, message=str(message))


def _failed(message, value: str = "", sheet: str = "") -> ParsedResults:
    return ParsedResults(year=None, quarter=None, rows=(), errors=(_file_error(message, value, sheet),))


# ---------------------------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------------------------


def parse_results_workbook(data: bytes, *, filename: str = "") -> ParsedResults:
    """Read an uploaded results workbook. Runs `check_upload` first and returns its errors without parsing;
    otherwise reads sheet "실적" with openpyxl in read-only mode and checks the year (B2), quarter (D2), the header
    (row 4) and every data row, reporting every problem with its sheet, cell, value and a Korean reason. Never
    raises on any input. `filename` (optional) only sharpens the messages."""
    errors = check_upload(data, filename)
    if errors:
        return ParsedResults(year=None, quarter=None, rows=(), errors=tuple(errors))
    try:
        return _read_workbook(data)
    except Exception as error:  # openpyxl and zipfile raise many kinds of errors on damaged parts; never crash
        if _defused(error):
            logger.warning("XML entities or a DTD refused in the workbook uploaded as %r", filename)
            return _failed(ERR_UNSAFE_CONTENT, filename)
        logger.info("Unreadable workbook uploaded as %r", filename, exc_info=True)
        return _failed(ERR_UNREADABLE, filename)


def _defused(error: BaseException | None) -> bool:
    """Whether defusedxml refused the XML; openpyxl re-raises that as a ValueError "caused by" it."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DefusedXmlException):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _read_workbook(data: bytes) -> ParsedResults:
    book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=False, keep_links=False)
    try:
        if DATA_SHEET not in book.sheetnames:
            return _failed(ERR_NO_SHEET, ", ".join(book.sheetnames), DATA_SHEET)
        sheet = book[DATA_SHEET]
        # Read every row in the file: a wrong <dimension> written by another program must not hide rows.
        sheet.reset_dimensions()
        return _SheetReader().read(sheet.iter_rows(max_col=len(COLUMNS), values_only=True))
    finally:
        book.close()


class _SheetReader:
    """Reads the data sheet's rows once, collecting every error instead of stopping at the first."""

    def __init__(self):
        self.errors: list[CellError] = []
        self.rows: list[ParsedRow] = []
        self.first_row_of: dict[int, int] = {}  # programme ID → the row it first appeared on

    def read(self, rows) -> ParsedResults:
        head = list(islice(rows, HEADER_ROW))
        head += [(None,) * len(COLUMNS)] * (HEADER_ROW - len(head))
        year = self._header_number(head[1], YEAR_CELL, YEAR_RANGE, ERR_YEAR)
        quarter = self._header_number(head[1], QUARTER_CELL, QUARTER_RANGE, ERR_QUARTER)
        if self._header_matches(head):
            self._read_data(rows)
        return ParsedResults(year=year, quarter=quarter, rows=tuple(self.rows), errors=tuple(self.errors))

    def _header_number(self, values: tuple, cell: str, bounds: tuple[int, int], message) -> int | None:
        value = values[coordinate_to_tuple(cell)[1] - 1]
        number, reason = _to_int(value)
        if reason is None and number is not None and bounds[0] <= number <= bounds[1]:
            return number
        self._add(cell, value, message)
        return None

    def _header_matches(self, head: list[tuple]) -> bool:
        """The labels beside year and quarter and the whole header row must be the template's, in its order, so a
        different or rearranged file is refused before its columns are misread. Whitespace is ignored."""
        expected = {YEAR_LABEL_CELL: "연도", QUARTER_LABEL_CELL: "분기"}
        expected |= {f"{get_column_letter(i)}{HEADER_ROW}": label for i, label in enumerate(COLUMNS, start=1)}
        matches = True
        for cell, label in expected.items():
            row, column = coordinate_to_tuple(cell)
            value = head[row - 1][column - 1]
            if "".join(str(value).split()) != "".join(label.split()):
                self._add(cell, value, ERR_HEADER % {"expected": label})
                matches = False
        return matches

    def _read_data(self, rows) -> None:
        width, found = len(COLUMNS), 0
        for number, values in enumerate(rows, start=FIRST_DATA_ROW):
            # Fully empty rows (often just formatted) are skipped; tuple.count keeps the common case cheap.
            if values.count(None) == width or _is_blank(values):
                continue
            found += 1
            if found > MAX_DATA_ROWS:
                self.errors.append(_file_error(ERR_TOO_MANY_ROWS % {"limit": f"{MAX_DATA_ROWS:,}"}, "", DATA_SHEET))
                return
            self._read_row(number, values)
        if not found:
            self.errors.append(_file_error(ERR_NO_ROWS % {"row": FIRST_DATA_ROW}, "", DATA_SHEET))

    def _read_row(self, number: int, values: tuple) -> None:
        errors_before = len(self.errors)
        department_code = self._department_code(number, values[0])
        programme_id = self._programme_id(number, values[2])
        jobs = self._jobs(number, values[8])
        comment = self._comment(number, values[9])
        if len(self.errors) == errors_before:
            self.rows.append(ParsedRow(number, department_code, programme_id, jobs, comment))

    def _department_code(self, number: int, value: object) -> str:
        code = value.strip() if isinstance(value, str) else ""
        if not code or code.startswith("="):
            self._add(f"{DEPARTMENT_COLUMN}{number}", value, ERR_DEPARTMENT)
        return code

    def _programme_id(self, number: int, value: object) -> int:
        programme_id, reason = _to_int(value)
        if reason is not None or programme_id is None or not 0 < programme_id <= MAX_PROGRAMME_ID:
            self._add(f"{PROGRAMME_COLUMN}{number}", value, ERR_PROGRAMME_ID)
            return 0
        first = self.first_row_of.setdefault(programme_id, number)
        if first != number:
            self._add(f"{PROGRAMME_COLUMN}{number}", value, ERR_DUPLICATE % {"row": first})
        return programme_id

    def _jobs(self, number: int, value: object) -> int | None:
        if value is None or (type(value) is int and 0 <= value <= MAX_JOBS):
            return value  # the common cases, without further work
        jobs, reason = _to_int(value)
        if reason is None and jobs is not None and (code := jobs_range_error(jobs)):
            reason = NUMBER_ERRORS[code]
        if reason is not None:
            self._add(f"{JOBS_COLUMN}{number}", value, reason)
            return None
        return jobs

    def _comment(self, number: int, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, ArrayFormula | DataTableFormula):
            self._add(f"{COMMENT_COLUMN}{number}", value, ERR_COMMENT_FORMULA)
            return ""
        # A formula arrives as its text ("=…"); as a comment that is harmless text, and it is written back as text.
        text = value.strip() if isinstance(value, str) else _as_text(value)
        if len(text) > MAX_COMMENT_LENGTH:
            message = ERR_COMMENT_TOO_LONG % {"max": MAX_COMMENT_LENGTH, "length": f"{len(text):,}"}
            self._add(f"{COMMENT_COLUMN}{number}", value, message)
        return text

    def _add(self, cell: str, value: object, message) -> None:
        self.errors.append(CellError(sheet=DATA_SHEET, cell=cell, value=_shown(value), message=str(message)))


def _is_blank(values: tuple) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _to_int(value: object) -> tuple[int | None, object]:
    """A cell value as a whole number: (number, None); (None, None) when empty; or (None, the Korean reason)."""
    if type(value) is int:
        return value, None
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, ERR_BOOL
    if isinstance(value, float):
        return (int(value), None) if value.is_integer() else (None, ERR_NOT_WHOLE)
    if isinstance(value, str):
        number, code = whole_number_from_text(value)
        return number, NUMBER_ERRORS[code] if code else None
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return None, ERR_DATE
    if isinstance(value, ArrayFormula | DataTableFormula):
        return None, ERR_FORMULA
    return None, ERR_NOT_NUMBER


def _as_text(value: object) -> str:
    """A cell value as the user would read it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    if isinstance(value, ArrayFormula):
        return value.text or ""
    if isinstance(value, DataTableFormula):
        return "=TABLE()"
    return str(value)


def _shown(value: object) -> str:
    text = _as_text(value)
    return text if len(text) <= _SHOWN_VALUE_LENGTH else text[: _SHOWN_VALUE_LENGTH - 1] + "…"
