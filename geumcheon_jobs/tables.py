"""The dashboard's tables whose rows are rendered in Python — the department table (sorted and paged here) and the
shares by group, 부문 or department (`share_rows`): the dashboard is computed on the first view after every approval,
and there the template language's per-cell work cost more than the page's queries. The other lists use
django-tables2."""

from dataclasses import dataclass
from html import escape
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from performance.calculations import NOTHING, figure, percent


def rate_cell(rate) -> str:
    """A rate as text and as a bar (after NetBox's UtilizationColumn); never colour alone. A <meter> rather than a
    styled <span>: no inline style, so the Content-Security-Policy stays strict. Only numbers go in."""
    if rate is None:
        return NOTHING
    return (
        f'<span class="rate-cell"><meter class="rate-bar" min="0" max="100" value="{min(float(rate), 100):.1f}" '
        f'aria-hidden="true"></meter><span>{percent(rate)}</span></span>'
    )


@dataclass(frozen=True)
class Header:
    label: str
    href: str
    numeric: bool
    aria_sort: str  # "ascending", "descending" or "" (not sorted by this column)


@dataclass(frozen=True)
class PageLink:
    label: str
    href: str
    current: bool = False


class DepartmentTable:
    """The dashboard's department rows (`department_achievement`, a list in the departments' order) as one page of a
    sortable table, made in Python: the rows are few, and django-tables2's bound rows and cell templates cost more
    than every query of the page together (the first view after an approval is computed, so this is on the path).

    `?sort=` names a column (`-` for descending); rows are sorted stably, ties kept in the departments' order and
    rows without a value (a "—": no target, no rate) last in both directions — a reader sorting by rate looks for
    the highest or the lowest rate, not for the dashes. `?page=` picks a page of `per_page` rows (a page past the end
    shows the last one). Each row is rendered here once, escaped by format_html."""

    COLUMNS = (("name", _("부서"), False), ("cumulative", _("승인 실적(명)"), True), ("target", _("목표(명)"), True))
    COLUMNS += (("rate", _("달성률"), False),)
    caption = _("부서별 승인 실적, 목표와 달성률")
    empty_text = _("승인된 실적이 있는 부서가 없습니다.")

    def __init__(self, rows, query: QueryDict, per_page: int = 25):
        self.query = query
        self.sort = query.get("sort", "") if query.get("sort", "").lstrip("-") in self.names() else ""
        ordered = sorted_rows(list(rows), self.sort)
        self.page = Paginator(ordered, per_page).get_page(query.get("page"))
        # The department page's address, reversed once: "/results/departments/0/" less its "0/" (a reverse a row
        # cost a tenth of the page).
        self.department_prefix = reverse("performance:department", args=[0]).removesuffix("0/")
        self.rows = [self._row(row) for row in self.page.object_list]

    @property
    def body(self) -> SafeString:
        """The page's rows, or the row saying there are none: one string for the template to write."""
        if not self.rows:
            return mark_safe(f'<tr><td colspan="4">{escape(str(self.empty_text))}</td></tr>')  # noqa: S308 — escaped
        return mark_safe("\n    ".join(f"<tr>{row}</tr>" for row in self.rows))  # noqa: S308 — rows escaped

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(name for name, _label, _numeric in cls.COLUMNS)

    @property
    def headers(self) -> list[Header]:
        headers = []
        for name, label, numeric in self.COLUMNS:
            descending = self.sort == f"-{name}"
            ascending = self.sort == name
            following = f"-{name}" if ascending else name
            aria = "ascending" if ascending else "descending" if descending else ""
            headers.append(Header(label, self._href(sort=following, page=None), numeric, aria))
        return headers

    @property
    def page_links(self) -> list[PageLink]:
        """이전, each page and 다음 — nothing when everything fits on one page."""
        paginator = self.page.paginator
        if paginator.num_pages < 2:
            return []
        links = []
        if self.page.has_previous():
            links.append(PageLink(str(_("이전")), self._href(page=self.page.previous_page_number())))
        for number in paginator.page_range:
            links.append(PageLink(str(number), self._href(page=number), number == self.page.number))
        if self.page.has_next():
            links.append(PageLink(str(_("다음")), self._href(page=self.page.next_page_number())))
        return links

    def _href(self, **changes) -> str:
        """This page's query with `changes` (a value of None drops the key), keys in their order, changed ones last.
        The query is encoded once per table, not once a link (a QueryDict copy is deep)."""
        if not hasattr(self, "_pairs"):
            self._pairs = [(key, value) for key, values in self.query.lists() for value in values]
        pairs = [(key, value) for key, value in self._pairs if key not in changes]
        pairs += [(key, value) for key, value in changes.items() if value is not None]
        return f"?{urlencode(pairs)}"

    def _row(self, row) -> SafeString:
        """One row; the department's name is the only text, escaped (stdlib `html.escape`: format_html's lazy
        wrappers cost more than the rest of the row)."""
        return mark_safe(  # noqa: S308 — the name is escaped, the rest are numbers
            f'<th scope="row"><a href="{self.department_prefix}{int(row.pk)}/">{escape(row.name)}</a></th>'
            f'<td class="num">{figure(row.cumulative)}</td><td class="num">{figure(row.target)}</td>'
            f"<td>{rate_cell(row.rate)}</td>"
        )


def sorted_rows(rows: list, sort: str) -> list:
    """`rows` by the attribute `sort` names (`-` first: descending), stable, rows without a value last either way."""
    if not sort:
        return rows
    name = sort.lstrip("-")
    present = [row for row in rows if getattr(row, name) is not None]
    missing = [row for row in rows if getattr(row, name) is None]
    present.sort(key=lambda row: getattr(row, name), reverse=sort.startswith("-"))  # reverse keeps ties in order
    return present + missing


def share_rows(shares, total=None, link: str = "", year=None, quarter=None) -> str:
    """The rows of a table of shares (`Share`: label, cumulative, target, rate), then its 계 row when `total` is given
    (the last two shares and the 계 row kept on one printed page: their own <tbody>). With `link` (the lines' filter:
    "group" or "type"), each result links to the approved lines it is made of, of `year` through `quarter`."""
    if not shares:
        return format_html('<tr><td colspan="4">{}</td></tr>', _("승인된 실적이 없습니다."))
    lines = reverse("performance:lines") if link else ""
    title = _("이 수치를 이루는 승인된 실적")
    rows = []
    for index, share in enumerate(shares):
        if total and index == len(shares) - 2:
            rows.append('</tbody>\n  <tbody class="keep-with-total">')
        result = figure(share.cumulative)
        if link:
            query = escape(f"year={year}&through={quarter or 4}&{link}={quote(str(share.key), safe='/')}")
            result = f'<a href="{lines}?{query}" title="{escape(title)}">{result}</a>'
        rows.append(
            f'<tr><th scope="row">{escape(str(share.label))}</th><td class="num">{result}</td>'
            f'<td class="num">{figure(share.target)}</td><td class="num">{percent(share.rate)}</td></tr>'
        )
    if total:
        rows.append(
            f'<tr class="total"><th scope="row">{escape(_("계"))}</th><td class="num">{figure(total.cumulative)}</td>'
            f'<td class="num">{figure(total.target)}</td><td class="num">{percent(total.rate)}</td></tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 — every text escaped (stdlib `html.escape`), the rest numbers


def quarter_rows(overview) -> SafeString:
    """The table beside the chart of cumulative results: each year, the latest first, its cumulative result at the
    end of each quarter ("—" where none is approved) and its target."""
    rows = (
        f'<tr><th scope="row">{int(year)}</th>'
        + "".join(f'<td class="num">{figure(value)}</td>' for value in values)
        + f'<td class="num">{figure(target)}</td></tr>'
        for year, values, target in overview.year_rows
    )
    return mark_safe("\n    ".join(rows))  # noqa: S308 — numbers only
