"""What the kinds' figures builders share (documents/kinds/*.py `figures`): how a count and a rate are written, the
budget table that the card and the budget report both show, and the site's language for the labels.

Each kind's figures are read off the very object its files are rendered from: a flat, ordered {label: value} that an
issued document keeps and that today's figures are compared with. Nothing here computes a total or a rate of its own.
Values are written as the documents write them: an int for a count or an amount, "50.2%" for a rate, and "—"
(performance.calculations.NOTHING) for a missing figure or rate.
"""

import functools
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from budget.selectors import BudgetMatrix
from performance.calculations import NOTHING, percent

from .base import Figures


def in_site_language(figures):
    """Labels are always in the site's language (Korean): they are part of the record of an official document, and
    an issued snapshot must compare with today's whatever language the reader's browser asks for."""

    @functools.wraps(figures)
    def read(document) -> Figures:
        with translation.override(settings.LANGUAGE_CODE):
            return figures(document)

    return read


def count(value) -> int | str:
    """A count or an amount as the documents show it: "—" for nothing."""
    return NOTHING if value is None else int(value)


def rate(value: Decimal | None) -> str:
    """A rate as the documents show it: "50.2%", "—" without a target."""
    return percent(value)


def budget_table_figures(matrix: BudgetMatrix) -> Figures:
    """Every figure of the 연차별 투자수요 및 집행액 table (`_budget_table.html`): the 계 row, then each line's rows."""
    figures: Figures = {}

    def row(prefix: str, total, cells) -> None:
        figures[_("%(row)s 합계 투자수요") % {"row": prefix}] = count(total.secured)
        figures[_("%(row)s 합계 집행액") % {"row": prefix}] = count(total.executed)
        for year, cell in zip(matrix.years, cells, strict=True):
            figures[_("%(row)s %(year)s년 확보액") % {"row": prefix, "year": year}] = count(cell and cell.secured)
            figures[_("%(row)s %(year)s년 집행액") % {"row": prefix, "year": year}] = count(cell and cell.executed)

    row(_("예산 계"), matrix.grand_total, matrix.year_totals)
    for block in matrix.lines:
        for source_row in block.rows:
            prefix = _("예산 %(line)s %(source)s") % {"line": block.name, "source": source_row.label}
            row(prefix, source_row.total, source_row.by_year)
    return figures
