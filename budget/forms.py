"""Forms only parse and explain input: the budget grid, a year to add, an upload. The rules of a save live in
budget/services.py, every total in budget/selectors.py."""

from dataclasses import dataclass, field

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from performance.excel import cell_amount
from performance.excel.cells import NUMBER_MESSAGES
from performance.validation import YEARS, whole_in_range, year_from_text

from .models import MAX_MILLION_WON
from .selectors import BudgetMatrix
from .services import RESERVED_NAMES, CellInput

MAX_NEW_LINES = 5
MAX_NAME_LENGTH = 100

# An amount is read by the one rule for an amount in a cell or a field (performance/excel/cells.py `cell_amount`);
# only the messages that name the unit (백만원) are the budget's own, the rest (a formula, a date, TRUE/FALSE, a
# negative number) are the shared ones.
AMOUNT_NOT_NUMBER = _("숫자만 입력하세요(예: 12,199). '백만원' 같은 글자나 기호는 빼고, 없으면 빈칸으로 두세요.")
AMOUNT_NOT_WHOLE = _("소수는 입력할 수 없습니다. 백만원 단위의 정수로 입력하세요.")
AMOUNT_TOO_BIG = _("%(max)s백만원을 넘는 값은 입력할 수 없습니다. 원 단위로 입력하지 않았는지 확인하세요.")
AMOUNT_MESSAGES = {**NUMBER_MESSAGES, "not_number": AMOUNT_NOT_NUMBER, "not_whole": AMOUNT_NOT_WHOLE}
SECURED_REQUIRED = _("집행액이 있으면 확보액도 입력해야 합니다(없으면 0).")
NAME_REQUIRED = _("새 세부사업의 이름을 입력하세요.")
NAME_TAKEN = _("같은 이름의 세부사업이 이미 있습니다. 다른 이름을 쓰세요.")
NAME_RESERVED = _("표의 합계 행 이름('%(name)s')은 세부사업 이름으로 쓸 수 없습니다.")
NAME_WITHOUT_FIGURES = _("새 세부사업에 금액을 하나 이상 입력하세요. 금액이 없으면 추가되지 않습니다.")
YEAR_INVALID = format_lazy(_("연도는 {first}~{last} 사이의 네 자리 숫자로 입력하세요."), first=YEARS[0], last=YEARS[1])
YEAR_PRESENT = _("%(year)s년은 이미 표에 있습니다.")
CELL_LABEL = _("%(line)s %(year)s년 %(source)s %(part)s(백만원)")
NEW_LINE_LABEL = _("새 세부사업")


def parse_amount(value: object) -> int | None:
    """An amount in 백만원 as typed in the form or found in an Excel cell (`performance.excel.cell_amount`): a whole
    number from 0 to MAX_MILLION_WON, thousands commas allowed ("12,199"), empty or a dash → None. Anything else
    raises ValidationError in Korean, with the code of what is wrong."""
    amount, code = cell_amount(value)
    if code == "too_large":
        raise forms.ValidationError(AMOUNT_TOO_BIG % {"max": f"{MAX_MILLION_WON:,}"}, code=code)
    if code is not None:
        raise forms.ValidationError(AMOUNT_MESSAGES[code], code=code)
    return amount


class AmountField(forms.Field):
    """One figure of the grid; shown with thousands separators."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)  # rendered by templates/budget/_cell.html

    def to_python(self, value):
        return parse_amount(value)

    def prepare_value(self, value):
        return f"{value:,}" if type(value) is int else value


@dataclass(frozen=True)
class GridLine:
    """A budget line in the form: `key` names its fields ("12" for line 12, "new1" for a line added here)."""

    key: str
    line_id: int | None
    name: str
    current: dict = field(default_factory=dict)  # (year, source) → Amounts


class BudgetGridForm(forms.Form):
    """One input per stored figure: budget line × year × source × secured/executed, in the table's layout, plus
    the version of the budget the form was built from. Years added in this form and new budget lines travel in
    `extra_years` and `new_lines` (read by `from_post`)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)

    def __init__(self, data=None, *, matrix: BudgetMatrix, extra_years=(), new_lines: int = 0, **kwargs):
        super().__init__(data, **kwargs)
        self.extra_years = tuple(sorted(set(extra_years) - set(matrix.years)))
        self.years = tuple(sorted({*matrix.years, *self.extra_years}))
        self.lines = [_grid_line(block, matrix.years) for block in matrix.lines]
        self.lines += [GridLine(f"new{n}", None, "") for n in range(1, min(new_lines, MAX_NEW_LINES) + 1)]
        self.taken_names = {line.name for line in self.lines if line.line_id}
        self.sources = matrix.sources  # the pledge's government's funding sources, in its order
        for line in self.lines:
            self._add_line_fields(line)

    @classmethod
    def from_post(cls, data, *, matrix: BudgetMatrix, add_year: int | None = None, add_line: bool = False):
        """The form as posted, optionally grown by a year or a budget line (the person's input is kept)."""
        years = {year_from_text(y) for y in data.get("extra_years", "").split(",")} - {None}
        new_lines = min(whole_in_range(data.get("new_lines", "0")) or 0, MAX_NEW_LINES)
        if add_year:
            years.add(add_year)
        return cls(data, matrix=matrix, extra_years=years, new_lines=new_lines + bool(add_line))

    @property
    def new_line_count(self) -> int:
        return sum(1 for line in self.lines if line.line_id is None)

    @property
    def extra_years_value(self) -> str:
        return ",".join(map(str, self.extra_years))

    def _add_line_fields(self, line: GridLine) -> None:
        if line.line_id is None:
            self.fields[f"{line.key}-name"] = forms.CharField(
                label=_("새 세부사업 이름"), required=False, max_length=MAX_NAME_LENGTH
            )
        for year in self.years:
            for source, source_label in self.sources:
                amounts = line.current.get((year, source))
                where = {"line": line.name or NEW_LINE_LABEL, "year": year, "source": source_label}
                self.fields[_name(line, year, source, "secured")] = AmountField(
                    label=CELL_LABEL % {**where, "part": _("확보액")}, initial=amounts.secured if amounts else None
                )
                self.fields[_name(line, year, source, "executed")] = AmountField(
                    label=CELL_LABEL % {**where, "part": _("집행액")}, initial=amounts.executed if amounts else None
                )

    def clean(self):
        cleaned = super().clean()
        for line in self.lines:
            for year in self.years:
                for source, _label in self.sources:
                    secured, executed = (_name(line, year, source, part) for part in ("secured", "executed"))
                    if secured in cleaned and cleaned.get(executed) is not None and cleaned[secured] is None:
                        self.add_error(secured, SECURED_REQUIRED)
            if line.line_id is None:
                self._clean_new_line(line, cleaned)
        return cleaned

    def _clean_new_line(self, line: GridLine, cleaned: dict) -> None:
        name_field = f"{line.key}-name"
        name = (cleaned.get(name_field) or "").strip()
        has_figures = any(cleaned.get(cell) is not None for cell in self._cell_names(line))
        if has_figures and not name:
            self.add_error(name_field, NAME_REQUIRED)
        elif name and not has_figures:
            self.add_error(name_field, NAME_WITHOUT_FIGURES)
        elif name in RESERVED_NAMES:
            self.add_error(name_field, NAME_RESERVED % {"name": name})
        elif name and name in self.taken_names:
            self.add_error(name_field, NAME_TAKEN)
        self.taken_names.add(name)

    def _cell_names(self, line: GridLine):
        for year in self.years:
            for source, _label in self.sources:
                yield _name(line, year, source, "secured")
                yield _name(line, year, source, "executed")

    def blocks(self) -> list[dict]:
        """Each budget line with its bound fields, row by source and year by year, for the template."""
        return [
            {
                "line": line,
                "name_field": self[f"{line.key}-name"] if line.line_id is None else None,
                "rows": [
                    (
                        label,
                        [
                            (self[_name(line, year, source, "secured")], self[_name(line, year, source, "executed")])
                            for year in self.years
                        ],
                    )
                    for source, label in self.sources
                ],
            }
            for line in self.lines
        ]

    def cells(self) -> list[CellInput]:
        """Every figure of the grid as the service takes it (a new line without a name is left out)."""
        cells = []
        for line in self.lines:
            name = (self.cleaned_data.get(f"{line.key}-name") or "").strip() if line.line_id is None else line.name
            if not name:
                continue
            for year in self.years:
                for source, _label in self.sources:
                    secured, executed = (_name(line, year, source, part) for part in ("secured", "executed"))
                    if secured not in self.data and executed not in self.data:
                        continue  # not on the person's screen (e.g. a year someone else added): leave it alone
                    secured, executed = self.cleaned_data[secured], self.cleaned_data[executed]
                    cells.append(CellInput(line.line_id, name, year, source, secured, executed))
        return cells


def _grid_line(block, years) -> GridLine:
    current = {
        (year, row.source): cell
        for row in block.rows
        for year, cell in zip(years, row.by_year, strict=True)
        if cell is not None
    }
    return GridLine(str(block.line_id), block.line_id, block.name, current)


def _name(line: GridLine, year: int, source: str, part: str) -> str:
    return f"{line.key}-{year}-{source}-{part}"


class AddYearForm(forms.Form):
    """A year column to add to the grid (nothing is saved until the grid is)."""

    new_year = forms.CharField(label=_("추가할 연도"), required=False, max_length=8)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.years = set(years)

    def clean_new_year(self) -> int:
        year = year_from_text(self.cleaned_data["new_year"].strip().removesuffix("년"))
        if year is None:
            raise forms.ValidationError(YEAR_INVALID)
        if year in self.years:
            raise forms.ValidationError(YEAR_PRESENT % {"year": year})
        return year


class BudgetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("예산 파일(.xlsx)"),
        error_messages={"required": _("올릴 파일을 선택하세요."), "empty": _("빈 파일입니다.")},
    )
