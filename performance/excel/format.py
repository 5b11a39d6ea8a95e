"""The results template's format: sheet and cell positions, limits, messages and the records passed around."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from performance.validation import NUMBER_ERRORS, YEARS

# --- The file format. Sheet names and header labels are part of the format, so they are deliberately NOT passed
# --- through gettext: a template downloaded in another language must still be accepted.
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT_NAME = "맑은 고딕"  # the font Korean government workbooks are set in; Excel falls back when it is missing
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
YEAR_RANGE = YEARS
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
ERR_YEAR = format_lazy(
    _("연도는 {first}~{last} 사이의 정수여야 합니다. 내려받은 양식의 연도를 바꾸지 마세요."),
    first=YEARS[0],
    last=YEARS[1],
)
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
ERR_MERGED = _(
    "%(range)s 셀이 병합되어 있습니다. 병합된 칸은 왼쪽 위 칸의 값만 남아 나머지 칸에 입력한 값을 읽을 수 없습니다. "
    "'병합하고 가운데 맞춤'을 해제하고 값을 확인한 뒤 다시 올려 주세요."
)
ERR_HIDDEN_SHEET = _(
    "숨긴 시트가 있습니다: '%(name)s'. 올린 파일에서는 '%(data_sheet)s' 시트만 읽고 숨긴 시트는 읽지 않습니다. "
    "숨기기를 취소해 내용을 확인하고, 필요한 행은 '%(data_sheet)s' 시트로 옮긴 뒤 그 시트를 삭제해 다시 올려 주세요."
)
ERR_EXTRA_SHEET = _(
    "양식에 없는 시트가 있습니다: '%(name)s'. 올린 파일에서는 '%(data_sheet)s' 시트만 읽으므로 이 시트의 내용은 "
    "저장되지 않습니다. 필요한 행은 '%(data_sheet)s' 시트로 옮기고 이 시트를 삭제해 다시 올려 주세요."
)
ERR_MISSING_ROW = _(
    "세부사업 행이 없습니다: %(department)s '%(programme)s'(세부사업ID %(id)s). 행을 지우지 말고, 실적이 없으면 "
    "'이번 분기 실적' 칸을 비워 두세요. 새로 생긴 세부사업이면 양식을 다시 내려받아 입력해 주세요."
)
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
        "행이나 열을 추가·삭제하지 마세요. 칸을 병합하거나 시트를 추가하거나 숨긴 파일은 받지 않습니다."
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
    # Every programme ID the sheet lists on a row, that row valid or not: a programme missing here has no row.
    programme_ids: frozenset[int] = frozenset()

    @property
    def ok(self) -> bool:
        return not self.errors


def file_error(message, value: str = "", sheet: str = "") -> CellError:
    """An error about the whole file (or a whole sheet), not one cell."""
    return CellError(sheet=sheet, cell="", value=value, message=str(message))


def failed(message, value: str = "", sheet: str = "") -> ParsedResults:
    """A file refused as a whole, with one error."""
    return ParsedResults(year=None, quarter=None, rows=(), errors=(file_error(message, value, sheet),))
