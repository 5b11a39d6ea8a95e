"""What every kind of document shares and the kinds import (so that no kind imports the registry or another kind):
the refusal, the exported file, the figures."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from performance.excel import XLSX_MIMETYPE

PDF = "application/pdf"
XLSX = XLSX_MIMETYPE
HWPX = "application/hwp+zip"

# The labelled figures a document shows, in its order: {"2021년 일자리 창출목표(명)": 10800, "… 달성률": "50.2%"}.
# An int for a count or an amount, text as the document writes it ("50.2%", "—" for nothing). Every format renders
# what the document object holds, and issuing freezes this.
Figures = dict[str, str | int]


class DocumentUnavailable(ValueError):
    """The document cannot be made for these parameters (no target that year, no such quarter, an unknown kind);
    `field` is the form field (or command option) the message belongs beside."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class FiguresMoved(Exception):
    """The figures changed while the document was being read (an approval between two reads)."""


@dataclass(frozen=True)
class ExportedFile:
    """What every renderer returns (pretix's exporter contract): the file's name, its MIME type and its bytes."""

    filename: str
    mimetype: str
    content: bytes


@dataclass(frozen=True)
class DocumentKind:
    """One kind of official document (documents/registry.py lists them). It lives here, beside what the kinds'
    modules import, so that a kind never imports the registry that imports it."""

    slug: str  # "card", "quarterly", "budget", "plan", "results-notice", "evaluation"
    title: str  # gettext_lazy, e.g. "공약 이행 카드"
    subject: str  # "pledge" (needs a Pledge) or "plan" (a government's YearPlan of a year)
    needs_year: bool
    needs_quarter: bool
    build: Callable  # build(subject, year, quarter) -> document; raises DocumentUnavailable(field, message)
    figures: Callable  # figures(document) -> Figures (the ordered label -> value dict issuing freezes)
    renderers: Mapping[str, Callable]  # {"pdf": f, "xlsx": f, "hwpx": f}; f(document) -> ExportedFile

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self.renderers)
