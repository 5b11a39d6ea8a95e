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
