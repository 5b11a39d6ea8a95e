"""The KOSIS CSV reader: both layouts KOSIS writes, and every kind of wrong file refused in Korean naming the row
and the column, with nothing returned."""

import datetime
from decimal import Decimal

import pytest

from indicators.kosis import KosisFileError, read_kosis_csv

from .kosis_files import long_rows, to_csv, wide_rows

TODAY = datetime.date(2026, 11, 27)


def figures(content, region="금천구"):
    return {(f.indicator, f.year, f.half): f.value for f in read_kosis_csv(content, region, TODAY)}


def refused(content, region="금천구") -> str:
    with pytest.raises(KosisFileError) as caught:
        read_kosis_csv(content, region, TODAY)
    return " / ".join(caught.value.errors)


def test_long_layout_reads_the_region_rows_only():
    content = to_csv(
        long_rows(
            ("서울 구로구", "2025.1/2", "230.0", "65.0"),
            ("서울 금천구", "2025.1/2", "128.3", "67.4"),
            ("서울 금천구", "2025.2/2", "128.6", "67.6"),
        )
    )
    assert figures(content) == {
        ("employment_rate", 2025, 1): Decimal("67.4"),
        ("employed", 2025, 1): Decimal("128.3"),
        ("employment_rate", 2025, 2): Decimal("67.6"),
        ("employed", 2025, 2): Decimal("128.6"),
    }


def test_wide_layout_in_cp949_with_codes():
    assert figures(to_csv(wide_rows(), "cp949")) == {
        ("employed", 2024, 1): Decimal("127.8"),
        ("employment_rate", 2024, 1): Decimal("67.1"),
        ("employed", 2024, 2): Decimal("127.2"),
        ("employment_rate", 2024, 2): Decimal("66.8"),
    }


def test_a_dash_is_not_published_never_zero():
    content = to_csv(long_rows(("서울 금천구", "2025.1/2", "-", "67.4")))
    assert figures(content) == {("employment_rate", 2025, 1): Decimal("67.4")}


def test_title_lines_before_the_header_are_skipped():
    rows = [["시군구 경제활동인구 총괄"], [], *long_rows(("서울 금천구", "2025.1/2", "128.3", "67.4"))]
    assert figures(to_csv(rows))[("employed", 2025, 1)] == Decimal("128.3")


def test_not_a_csv_is_refused():
    assert "CSV" in refused(b"\x89PNG\r\n\x1a\n\x00\xff\xfe\x80")


def test_no_region_header_is_refused():
    assert "'행정구역별' 열 머리글" in refused(to_csv([["지역", "값"], ["금천구", "1"]]))


def test_missing_15_64_rate_column_is_refused_naming_it():
    rows = [["행정구역별", "시점", "취업자 (천명)", "고용률 (%)"], ["서울 금천구", "2025.1/2", "128.3", "60.1"]]
    message = refused(to_csv(rows))
    assert "1행 머리글" in message and "15~64세 고용률 (%)" in message


def test_employed_in_persons_is_refused():
    rows = [["행정구역별", "시점", "취업자 (명)", "15~64세 고용률 (%)"], ["서울 금천구", "2025.1/2", "128300", "67.4"]]
    assert "C열 '취업자 (명)'" in refused(to_csv(rows))


def test_a_wrong_figure_is_named_by_row_and_column():
    content = to_csv(
        long_rows(("서울 금천구", "2025.1/2", "128.3", "67.4"), ("서울 금천구", "2025.2/2", "128.6", "육칠"))
    )
    message = refused(content)
    assert "3행 J열 '15~64세 고용률 (%)'" in message and "'육칠'" in message


def test_a_rate_above_100_is_refused():
    assert "2행 J열" in refused(to_csv(long_rows(("서울 금천구", "2025.1/2", "128.3", "167.4"))))


def test_an_unreadable_period_is_refused():
    assert "2행 B열 '시점'" in refused(to_csv(long_rows(("서울 금천구", "2025.3/2", "128.3", "67.4"))))


def test_a_period_twice_is_refused():
    content = to_csv(
        long_rows(("서울 금천구", "2025.1/2", "128.3", "67.4"), ("서울 금천구", "2025.1/2", "128.0", "67.0"))
    )
    assert "2행에도" in refused(content)


def test_a_half_year_not_ended_is_refused():
    assert "2026년 하반기" in refused(to_csv(long_rows(("서울 금천구", "2026.2/2", "129.0", "68.0"))))


def test_a_file_without_the_region_is_refused():
    assert "'금천구' 행이 없습니다" in refused(to_csv(long_rows(("서울 구로구", "2025.1/2", "230.0", "65.0"))))


def test_two_regions_of_the_same_name_are_refused():
    content = to_csv(long_rows(("서울 중구", "2025.1/2", "60.0", "65.0"), ("대구 중구", "2025.1/2", "40.0", "60.0")))
    assert "둘 이상" in refused(content, region="중구")
