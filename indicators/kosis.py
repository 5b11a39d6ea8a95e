"""The CSV that KOSIS gives for 통계청 지역별고용조사 「시군구 경제활동인구 총괄」 (DT_1ES3A01S), read tolerantly.

What KOSIS writes, as seen in downloaded files: CP949 by default (UTF-8, with or without a BOM, on request); a
region column 「행정구역별」 whose cells read "서울 금천구" (with codes on: "A 행정구역별" / "11180 금천구"); items
such as "취업자 (천명)", "고용률 (%)", "15~64세 고용률 (%)" (with codes on: "T3 취업자 (천명)"; some items write a
full-width ％); half-years written "2024.1/2" and "2024.2/2" (with codes: "H202401 2024.1/2"); "-" where there
is no figure. The period is either a column 「시점」 (one row per region and period) or, KOSIS's default layout, a
header row of periods above the row of items. Both are read; any other file is refused, naming the row and the
column, and nothing is returned — the caller saves all or nothing."""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .services import half_ended
from .values import Indicator, half_label, parse_value

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
HEADER_SEARCH = 10  # KOSIS writes its header in the first rows; a title line or two may come before it
MAX_ERRORS = 30
_CODE_PREFIX = re.compile(r"^[A-Z][A-Z0-9_]*\s+(?=\D)")  # "T3 취업자 (천명)", "A 행정구역별", "H202401 2024.1/2"
_PERIOD = re.compile(r"(\d{4})\s*(?:\.\s*([12])\s*/\s*2|년?\s*([상하])반기)")
NOT_PUBLISHED = {"", "-", "x", "X", "…", "..."}


@dataclass(frozen=True)
class ImportedFigure:
    indicator: str
    year: int
    half: int
    value: Decimal
    row: int


class KosisFileError(Exception):
    """The file cannot be read as a whole; `errors` names each row and column (Korean)."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def _clean(text: str) -> str:
    text = " ".join(str(text).replace("％", "%").replace("\ufeff", "").split())
    return _CODE_PREFIX.sub("", text)


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8")
    for encoding in ("utf-8", "cp949"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise KosisFileError([_("파일을 읽을 수 없습니다. KOSIS에서 CSV(UTF-8 또는 EUC-KR)로 내려받은 파일을 올리세요.")])


def item_of(header: str) -> str | None:
    """The indicator a column holds, from its heading: 15~64세 고용률 and 취업자 (천명); None for the others
    (15세 이상 고용률, 실업률, relative standard errors …)."""
    text = header.replace(" ", "")
    if any(mark in text.upper() for mark in ("RSE", "C.V", "CV")):
        return None
    if "고용률" in text and any(age in text for age in ("15~64", "15-64", "15∼64")):
        return Indicator.EMPLOYMENT_RATE
    if text.startswith("취업자") and "근무지" not in text and "%" not in text:
        return Indicator.EMPLOYED
    return None


def period_of(text: str) -> tuple[int, int] | None:
    match = _PERIOD.search(text)
    if match is None:
        return None
    year, number, word = match.groups()
    return int(year), int(number) if number else (1 if word == "상" else 2)


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class _Column:
    index: int
    indicator: str
    heading: str
    period: tuple[int, int] | None  # wide layout: the period of the column; long layout: None (from 시점)


def _layout(rows: list[list[str]]) -> tuple[int, int, int | None, list[_Column]]:
    """(first data row index, region column, period column or None, indicator columns)."""
    for at, row in enumerate(rows[:HEADER_SEARCH]):
        cells = [_clean(cell) for cell in row]
        region = next((i for i, cell in enumerate(cells) if cell.startswith("행정구역")), None)
        if region is None:
            continue
        period_column = next((i for i, cell in enumerate(cells) if cell in ("시점", "기간", "연도")), None)
        if period_column is not None:
            columns = [_Column(i, item_of(c), c, None) for i, c in enumerate(cells) if item_of(c)]
            return at + 1, region, period_column, columns
        below = [_clean(cell) for cell in rows[at + 1]] if at + 1 < len(rows) else []
        columns = []
        for i, cell in enumerate(cells):
            other = below[i] if i < len(below) else ""
            for heading, period_text in ((other, cell), (cell, other)):
                if item_of(heading) and period_of(period_text):
                    columns.append(_Column(i, item_of(heading), heading, period_of(period_text)))
                    break
        return at + 2, region, None, columns
    raise KosisFileError(
        [
            _("첫 %(rows)s행에서 '행정구역별' 열 머리글을 찾지 못했습니다. KOSIS 지역별고용조사 CSV인지 확인하세요.")
            % {"rows": HEADER_SEARCH}
        ]
    )


def _check_units(columns: list[_Column], header_row: int) -> None:
    for column in columns:
        if column.indicator == Indicator.EMPLOYED and "(명)" in column.heading.replace(" ", ""):
            raise KosisFileError(
                [
                    _("%(row)s행 %(col)s열 '%(heading)s': 취업자 수는 천명 단위로 받습니다(KOSIS 시군구 표의 단위).")
                    % {"row": header_row, "col": _column(column.index), "heading": column.heading}
                ]
            )


def _region_matches(label: str, region: str) -> bool:
    words = re.sub(r"\d+", " ", label).split()
    return bool(words) and words[-1] == region


def read_kosis_csv(content: bytes, region: str, today: datetime.date) -> list[ImportedFigure]:
    """Every 15~64세 고용률 and 취업자 (천명) figure of `region` (e.g. "금천구") in the file, or `KosisFileError`
    listing every problem (row number as a spreadsheet shows it, column letter and heading)."""
    if len(content) > MAX_BYTES:
        raise KosisFileError([_("파일이 너무 큽니다(5MB까지). 금천구가 들어 있는 표만 내려받으세요.")])
    rows = list(csv.reader(io.StringIO(_decode(content))))
    if len(rows) > MAX_ROWS:
        raise KosisFileError([_("행이 너무 많습니다(%(max)s행까지).") % {"max": f"{MAX_ROWS:,}"}])
    first, region_column, period_column, columns = _layout(rows)
    wanted = {Indicator.EMPLOYMENT_RATE: _("15~64세 고용률 (%)"), Indicator.EMPLOYED: _("취업자 (천명)")}
    missing = [str(label) for indicator, label in wanted.items() if indicator not in {c.indicator for c in columns}]
    if missing:
        raise KosisFileError(
            [
                _(
                    "%(row)s행 머리글에 '%(items)s' 열이 없습니다. KOSIS 「시군구 경제활동인구 총괄」에서 이 항목을 골라 내려받으세요."
                )
                % {"row": first, "items": "', '".join(missing)}
            ]
        )
    _check_units(columns, first)
    return _figures(rows, first, region_column, period_column, columns, region, today)


def _figures(rows, first, region_column, period_column, columns, region, today) -> list[ImportedFigure]:
    errors, figures, seen, labels = [], [], {}, set()
    for number, row in enumerate(rows[first:], start=first + 1):
        label = _clean(row[region_column]) if region_column < len(row) else ""
        if not _region_matches(label, region):
            continue
        labels.add(label)
        period = None
        if period_column is not None:
            text = _clean(row[period_column]) if period_column < len(row) else ""
            period = period_of(text)
            if period is None:
                errors.append(
                    _("%(row)s행 %(col)s열 '시점': '%(text)s' — 반기로 읽을 수 없습니다(예: 2024.1/2).")
                    % {"row": number, "col": _column(period_column), "text": text}
                )
                continue
        for column in columns:
            error = _figure(row, number, column, column.period or period, today, seen, figures)
            if error:
                errors.append(error)
    if len(labels) > 1:
        errors.insert(
            0,
            _("'%(region)s' 지역이 둘 이상입니다(%(labels)s). 한 지역만 담긴 파일을 올리세요.")
            % {"region": region, "labels": ", ".join(sorted(labels))},
        )
    if not labels and not errors:
        errors.append(_("파일에 '%(region)s' 행이 없습니다. 행정구역을 골라 다시 내려받으세요.") % {"region": region})
    if errors:
        raise KosisFileError(errors[:MAX_ERRORS])
    return figures


def _figure(row, number, column, period, today, seen, figures) -> str | None:
    text = row[column.index].strip() if column.index < len(row) else ""
    where = {"row": number, "col": _column(column.index), "heading": column.heading}
    if text in NOT_PUBLISHED:
        return None  # no figure for that half-year: left as it is, never 0
    value, error = parse_value(text, column.indicator)
    if error:
        return _("%(row)s행 %(col)s열 '%(heading)s': '%(text)s' — %(error)s") % {**where, "text": text, "error": error}
    year, half = period
    if not half_ended(year, half, today):
        return _("%(row)s행 %(col)s열 '%(heading)s': %(period)s는 아직 끝나지 않은 반기입니다.") % {
            **where,
            "period": half_label(year, half),
        }
    key = (column.indicator, year, half)
    if key in seen:
        return _("%(row)s행 %(col)s열 '%(heading)s': %(period)s 값이 %(first)s행에도 있습니다.") % {
            **where,
            "period": half_label(year, half),
            "first": seen[key],
        }
    seen[key] = number
    figures.append(ImportedFigure(column.indicator, year, half, value, number))
    return None
