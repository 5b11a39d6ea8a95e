"""What every exporter returns, and how the card's files are named (shared by the PDF and xlsx exporters)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from performance.excel import XLSX_MIMETYPE

PDF = "application/pdf"
XLSX = XLSX_MIMETYPE


@dataclass(frozen=True)
class ExportedFile:
    filename: str
    mimetype: str
    content: bytes


def card_filename(card, suffix: str) -> str:
    return _("공약이행카드_%(code)s_%(year)s.%(suffix)s") % {
        "code": card.pledge.code,
        "year": card.year,
        "suffix": suffix,
    }


def report_filename(document, suffix: str) -> str:
    """The quarterly report's file name, e.g. 분기일자리실적보고_지역경제-11_2019년3분기.pdf."""
    return _("분기일자리실적보고_%(code)s_%(year)s년%(quarter)s분기.%(suffix)s") % {
        "code": document.pledge.code,
        "year": document.year,
        "quarter": document.quarter,
        "suffix": suffix,
    }
