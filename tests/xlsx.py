"""Reading produced workbooks back as Excel would show them: a =SUM formula is added up from the cells it names."""

import re

from openpyxl.utils import range_boundaries
from openpyxl.utils.cell import get_column_letter

SUM = re.compile(r"^=SUM\((.*)\)$")


def referenced(formula: str) -> list[str]:
    """The cells an =SUM(…) formula adds: each argument a cell or a range."""
    match = SUM.match(formula)
    assert match, formula
    cells = []
    for argument in match[1].split(","):
        min_col, min_row, max_col, max_row = range_boundaries(argument)
        cells += [
            f"{get_column_letter(c)}{r}" for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
        ]
    return cells


def evaluate(sheet, ref: str):
    """A cell's value as Excel would show it: a SUM formula adds the numbers it references, ignoring text ("-")."""
    value = sheet[ref].value
    if isinstance(value, str) and value.startswith("="):
        return sum(v for v in (evaluate(sheet, r) for r in referenced(value)) if isinstance(v, int | float))
    return value


def find(sheet, value):
    """The first cell whose value is `value`, row by row."""
    return next(cell for row in sheet.iter_rows() for cell in row if cell.value == value)


def formulas(book) -> list:
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def merged(sheet) -> set[str]:
    return {str(cells) for cells in sheet.merged_cells.ranges}
