"""KOSIS CSV files written the way KOSIS writes them (see indicators/kosis.py): built here by hand, so that the
expected figures are the ones typed below, not the reader's output."""

LONG_HEADER = [
    "행정구역별",
    "시점",
    "15세이상인구 (천명)",
    "경제활동인구 (천명)",
    "취업자 (천명)",
    "실업자 (천명)",
    "비경제활동인구 (천명)",
    "경제활동참가율 (％)",
    "고용률 (%)",
    "15~64세 고용률 (%)",
    "실업률 (％)",
]


def long_rows(*rows):
    """(region, period, employed, rate_15_64) → full rows of the long layout (one row per region and period)."""
    return [LONG_HEADER] + [
        [region, period, "210.3", "131.0", employed, "3.5", "79.3", "62.3", "60.1", rate, "2.7"]
        for region, period, employed, rate in rows
    ]


def to_csv(rows, encoding="utf-8-sig") -> bytes:
    return "\r\n".join(",".join(f'"{cell}"' for cell in row) for row in rows).encode(encoding)


def wide_rows():
    """KOSIS's default layout with codes on: periods over items, CP949."""
    return [
        ["A 행정구역별", "H202401 2024.1/2", "H202401 2024.1/2", "H202402 2024.2/2", "H202402 2024.2/2"],
        ["A 행정구역별", "T3 취업자 (천명)", "T9 15~64세 고용률 (%)", "T3 취업자 (천명)", "T9 15~64세 고용률 (%)"],
        ["11170 용산구", "120.1", "63.0", "121.0", "63.5"],
        ["11180 금천구", "127.8", "67.1", "127.2", "66.8"],
        ["11190 영등포구", "220.4", "68.8", "221.5", "69.0"],
    ]
