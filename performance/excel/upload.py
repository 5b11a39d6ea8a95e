"""Checking an uploaded file before anything parses it: size, type, zip bomb, XML safety."""

from __future__ import annotations

import codecs
import logging
import zipfile
from io import BytesIO

import openpyxl
import openpyxl.xml
import openpyxl.xml.functions

from .format import (
    ERR_CONTENT_TOO_LARGE,
    ERR_CORRUPT,
    ERR_CSV,
    ERR_EMPTY,
    ERR_ENCRYPTED,
    ERR_HTML,
    ERR_NOT_EXCEL,
    ERR_NOT_XLSX,
    ERR_PDF,
    ERR_TOO_LARGE,
    ERR_UNSAFE_XML,
    ERR_XLS,
    ERR_ZIP_BOMB,
    MAX_COMPRESSION_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_XML_PART_BYTES,
    MAX_ZIP_MEMBERS,
    RATIO_CHECK_MIN_BYTES,
    CellError,
    file_error,
)

try:
    from defusedxml import DefusedXmlException
except ImportError:  # check_upload then refuses every file; the name only has to exist

    class DefusedXmlException(Exception):
        pass


logger = logging.getLogger(__name__)

_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and also every password-protected .xlsx
_ENCRYPTED_MARKER = "EncryptionInfo".encode("utf-16-le")  # stream name inside an encrypted Office file
_WORKBOOK_PART = "xl/workbook.xml"


def check_upload(data: bytes, filename: str) -> list[CellError]:
    """Return file-level errors found without parsing: the server's XML safety (defusedxml), an empty or too
    large file, a file that is not an .xlsx (CSV, HTML, .xls, encrypted, PDF, anything else; each with its own
    message), a zip that is not an .xlsx, a zip bomb (from the zip directory, nothing is decompressed) and a
    corrupt zip. An empty list means the file may be handed to openpyxl."""
    if not _xml_is_safe():
        # Without defusedxml openpyxl parses XML with the standard library, open to entity-expansion attacks.
        logger.error("defusedxml is not installed: refusing to read uploaded Excel files")
        return [file_error(ERR_UNSAFE_XML, filename)]
    if not data:
        return [file_error(ERR_EMPTY, filename)]
    if len(data) > MAX_UPLOAD_BYTES:
        sizes = {"size": _megabytes(len(data)), "limit": _megabytes(MAX_UPLOAD_BYTES)}
        return [file_error(ERR_TOO_LARGE % sizes, filename)]
    if data.startswith(_ZIP_SIGNATURE):
        return _check_zip(data, filename)
    return [file_error(_not_zip_reason(data, filename), filename)]


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
        return [file_error(ERR_CORRUPT, filename)]
    total = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or total > MAX_UNCOMPRESSED_BYTES or any(map(_inflates_too_much, members)):
        logger.warning("Zip bomb refused: %r unpacks to %s bytes in %s members", filename, total, len(members))
        return [file_error(ERR_ZIP_BOMB % {"size": _megabytes(total)}, filename)]
    if any(member.filename.endswith(".xml") and member.file_size > MAX_XML_PART_BYTES for member in members):
        return [file_error(ERR_CONTENT_TOO_LARGE % {"size": _megabytes(total)}, filename)]
    if not any(member.filename == _WORKBOOK_PART for member in members):
        return [file_error(ERR_NOT_XLSX, filename)]
    return []


def _inflates_too_much(member: zipfile.ZipInfo) -> bool:
    """A member whose declared size is absurd for its compressed size (Python's zipfile never unpacks more than
    the declared size, so the directory is enough)."""
    if member.file_size < RATIO_CHECK_MIN_BYTES:
        return False
    return member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)


def refused_as_unsafe(error: BaseException | None) -> bool:
    """Whether defusedxml refused the XML (entities, a DTD); openpyxl re-raises that as a ValueError "caused by" it."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DefusedXmlException):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f}MB"
