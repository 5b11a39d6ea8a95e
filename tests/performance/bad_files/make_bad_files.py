"""Regenerate the corpus of bad upload files beside this script (deterministic; each file is a few KB at most).

    .venv/bin/python tests/performance/bad_files/make_bad_files.py

The files on disk are the corpus; this script only documents how each was made. Tests never run it.
"""

import os
import random
import re
import struct
import sys
import zipfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geumcheon_jobs.settings_test")

import django  # noqa: E402

django.setup()

from performance.excel import TemplateRow, build_results_template  # noqa: E402

STAMP = (2025, 1, 1, 0, 0, 0)  # fixed member dates, so the files do not change when regenerated
SHEET = "xl/worksheets/sheet1.xml"


def template() -> bytes:
    rows = [
        TemplateRow("dept03", "어르신복지과", 101, "어르신 일자리", "노년층", "직접일자리", 120, 30, 12, ""),
        TemplateRow("dept03", "어르신복지과", 102, "경로당 도우미", "노년층", "직접일자리", None, 0, None, "확인"),
    ]
    members = members_of(build_results_template(title="2025년 1분기 실적", year=2025, quarter=1, rows=rows))
    # openpyxl stamps the time of writing; a fixed one keeps regenerated files identical.
    members["docProps/core.xml"] = re.sub(
        rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-01-01T00:00:00Z", members["docProps/core.xml"]
    )
    return zip_of(members)


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name, STAMP), content, compress_type=compression, compresslevel=9)
    return buffer.getvalue()


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def ole2(stream_names: list[str]) -> bytes:
    """A compound file (OLE2) as .xls and encrypted .xlsx files are: header, one FAT sector, one directory sector
    naming the streams (no stream data: the reader only looks at the signature and the names)."""
    difat = struct.pack("<I", 0) + b"\xff" * 4 * 108
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack(
        "<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0, 0x1000, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0
    )
    header += difat
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE) + b"\xff" * (512 - 8)
    entries = [directory_entry("Root Entry", 5)] + [directory_entry(name, 2) for name in stream_names]
    directory = b"".join(entries).ljust(512, b"\0")
    return header + fat + directory


def directory_entry(name: str, kind: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    entry = encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
    entry += struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF) + bytes(16 + 4 + 16)
    return entry + struct.pack("<IQ", 0xFFFFFFFE, 0)


def zip_bomb_total() -> bytes:
    """200 MB of zeros in bzip2 (which Python's zipfile accepts) is under 200 bytes: over the unpacked-size bound."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("xl/workbook.xml", STAMP), b"<workbook/>")
        info = zipfile.ZipInfo(SHEET, STAMP)
        info.compress_type = zipfile.ZIP_BZIP2
        with archive.open(info, "w") as member:
            for _ in range(200):
                member.write(bytes(1024 * 1024))
    return buffer.getvalue()


def zip_bomb_ratio() -> bytes:
    """4 MB of zeros deflated to about 4 KB: under the size bound, but a ratio no spreadsheet has."""
    return zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>", SHEET: bytes(4 << 20)})


def corrupt_crc() -> bytes:
    """A real template whose worksheet data is damaged: the zip directory is intact, reading the sheet fails."""
    data = bytearray(template())
    with zipfile.ZipFile(BytesIO(bytes(data))) as archive:
        info = archive.getinfo(SHEET)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    for offset in range(start + info.compress_size // 3, start + info.compress_size // 3 + 16):
        data[offset] ^= 0x5A
    return bytes(data)


def billion_laughs() -> bytes:
    """A real template whose worksheet declares nested entities (the "billion laughs" attack): defusedxml refuses."""
    members = members_of(template())
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10 if level > 1 else "&lol;" * 10}">' for level in range(1, 10)
    )
    sheet = members[SHEET].decode()
    body = sheet.split("?>", 1)[1] if sheet.startswith("<?xml") else sheet
    members[SHEET] = f"<!DOCTYPE worksheet [{entities}]>{body}".replace("확인", "&lol9;", 1).encode()
    return zip_of(members)


CSV = "부서코드,부서명,세부사업ID,세부사업명,이번 분기 실적(명)\r\ndept03,어르신복지과,101,어르신 일자리,12\r\n"
HTML = "<html><body><table><tr><td>부서코드</td><td>이번 분기 실적(명)</td></tr><tr><td>dept03</td><td>12</td></tr>"
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
)
PDF += b"trailer << /Root 1 0 R >>\n%%EOF\n"


def corpus() -> dict[str, bytes]:
    return {
        "empty.xlsx": b"",
        "results.csv": CSV.encode("cp949"),  # Korean Excel saves CSV in CP949
        "web_page.xls": (HTML + "</table></body></html>").encode(),
        "legacy.xls": ole2(["Workbook", "\x05SummaryInformation"]),
        "encrypted.xlsx": ole2(["EncryptionInfo", "EncryptedPackage"]),
        "report_pdf.xlsx": PDF,
        "random.xlsx": b"\x00" + random.Random(20250101).randbytes(1023),  # fixed noise
        "not_excel.xlsx": zip_of({"readme.txt": "실적 자료입니다.".encode(), "data.csv": CSV.encode()}),
        "zip_bomb_total.xlsx": zip_bomb_total(),
        "zip_bomb_ratio.xlsx": zip_bomb_ratio(),
        "truncated.xlsx": template()[:2048],
        "corrupt_crc.xlsx": corrupt_crc(),
        "billion_laughs.xlsx": billion_laughs(),
    }


if __name__ == "__main__":
    for name, content in corpus().items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content):,} bytes")
