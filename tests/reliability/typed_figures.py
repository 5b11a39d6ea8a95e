"""Figures as people type them, each with what the product must make of it, stated without the parser under test.

A figure is generated as a number first and then written out the way a person may write it (thousands
separators, spaces around it, "12.0"), so the expected value is the number itself; a refused form is generated
from what makes it wrong, so the expected answer is that reason's code (the codes of
performance.validation.NUMBER_ERRORS, which the web form, the Excel reader and the budget share).
"""

from dataclasses import dataclass
from datetime import date, datetime

from hypothesis import strategies as st

BLANK = None  # the expected number of an empty field or cell: no figure


@dataclass(frozen=True)
class Typed:
    """Text or a cell value, the number it stands for (BLANK for none), or the reason it is refused."""

    value: object
    number: int | None = BLANK
    refusal: str | None = None


def grouped(number: int) -> str:
    """Thousands separators written out group by group (not the product's formatting): 1234567 → "1,234,567"."""
    groups = []
    while number >= 1000:
        number, rest = divmod(number, 1000)
        groups.append(f"{rest:03d}")
    return ",".join([str(number), *reversed(groups)])


SPACE = st.sampled_from(["", " ", "  ", "\t", "\n", " \r\n"])


@st.composite
def written(draw, number: int) -> str:
    """`number` (≥ 0) as a person may type it: with or without separators, spaces around it, a ".0" after it."""
    digits = draw(st.sampled_from([str(number), grouped(number)]))
    zeros = draw(st.sampled_from(["", "", ".0", ".00"]))
    return draw(SPACE) + digits + zeros + draw(SPACE)


def figures(maximum: int) -> st.SearchStrategy[Typed]:
    """Typed text for a whole number from 0 to `maximum`, or refused with its reason."""
    fits = st.integers(min_value=0, max_value=maximum)
    accepted = fits.flatmap(lambda n: written(n).map(lambda text: Typed(text, n)))
    blank = SPACE.map(Typed)
    negative = st.integers(min_value=1, max_value=maximum).flatmap(
        lambda n: written(n).map(lambda text: Typed("-" + text.strip(), refusal="negative"))
    )
    too_large = st.integers(min_value=maximum + 1, max_value=10**40).flatmap(
        lambda n: written(n).map(lambda text: Typed(text, refusal="too_large"))
    )
    fraction = st.tuples(fits, st.integers(min_value=1, max_value=999)).map(
        lambda pair: Typed(f"{pair[0]}.{pair[1]:03d}".rstrip("0"), refusal="not_whole")
    )
    formula = st.sampled_from(["=1+1", "=SUM(I5:I9)", "=A1", " =12"]).map(lambda text: Typed(text, refusal="formula"))
    return st.one_of(accepted, accepted, blank, negative, too_large, fraction, formula, not_numbers(fits))


def not_numbers(fits) -> st.SearchStrategy[Typed]:
    """Text that holds a number but is no number: a unit after it, separators in the wrong places, full-width or
    other scripts' digits (only ASCII digits are read), an exponent, a second point, a letter inside."""
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    arabic_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    forms = st.one_of(
        fits.map(lambda n: f"{n}명"),
        fits.map(lambda n: f"{n:,}개"),
        st.integers(min_value=1000, max_value=10**9).map(lambda n: grouped(n).replace(",", "", 1) + ",1"),
        st.integers(min_value=10, max_value=99).map(lambda n: f"{n},{n}"),  # "12,12": no group of three
        st.integers(min_value=1, max_value=10**6).map(lambda n: str(n).translate(full_width)),
        st.integers(min_value=1, max_value=10**6).map(lambda n: str(n).translate(arabic_indic)),
        st.integers(min_value=1, max_value=99).map(lambda n: f"{n}e3"),
        st.integers(min_value=1, max_value=99).map(lambda n: f"{n}.0.0"),
        st.tuples(fits, st.sampled_from("a가x²#%/")).map(lambda pair: f"{pair[0]}{pair[1]}{pair[0]}"),
        st.sampled_from(["nan", "inf", "없음", "+-1", ",", "."]),  # ("-" alone: the budget reads it as nothing)
    )
    return forms.map(lambda text: Typed(text, refusal="not_number"))


def cell_figures(maximum: int) -> st.SearchStrategy[Typed]:
    """What a cell of an uploaded workbook may hold for a figure: typed text as above, or a value the spreadsheet
    stored with its own type (a number, a whole float, a fraction, a truth value, a date)."""
    fits = st.integers(min_value=0, max_value=maximum)
    return st.one_of(
        figures(maximum),
        st.none().map(Typed),
        fits.map(lambda n: Typed(n, n)),
        fits.map(lambda n: Typed(float(n), n)),
        st.integers(min_value=1, max_value=maximum).map(lambda n: Typed(-n, refusal="negative")),
        st.integers(min_value=maximum + 1, max_value=10**15).map(lambda n: Typed(n, refusal="too_large")),
        fits.map(lambda n: Typed(n + 0.5, refusal="not_whole")),
        st.booleans().map(lambda flag: Typed(flag, refusal="bool")),
        st.sampled_from([date(2021, 9, 30), datetime(2021, 9, 30, 9, 0)]).map(lambda day: Typed(day, refusal="date")),
    )
