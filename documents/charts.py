"""Charts drawn on the server as SVG, so the very same chart appears on the page and in the PDF.

We compute the geometry here and render it with small SVG templates (templates/charts/) rather than
through a plotting library: the text stays text in the page's Korean font (selectable, read by screen
readers, embedded by WeasyPrint), each chart carries its own <title> and <desc>, nothing needs
JavaScript or a file from the internet, and the output is a few kilobytes. Every chart is shown beside
a table of the same figures (KWCAG 1.1.1).
"""

import itertools
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from performance.calculations import NOTHING, percent, quarter_name

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 110, 20, 40


@dataclass(frozen=True)
class ChartSize:
    """A chart's drawing box in SVG units. The SVG scales to its column, and its 13-unit text with it: the wide
    size (pages, PDFs) is legible from about 550 px across; a phone gets the narrow size, whose text stays
    above 11 px on a 320 px screen (250 px of chart)."""

    width: int
    height: int
    left: int  # room for the y axis' figures
    right: int  # room for the line-end labels
    top: int
    bottom: int
    label_width: int  # a bar chart's room for its labels
    note_size: int  # the 100% mark's label


WIDE = ChartSize(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, 110, 11)
NARROW = ChartSize(280, 230, 54, 58, 24, 34, 78, 13)
# This year first in blue, earlier years in one grey told apart by their dashes and their labels: every line keeps
# 3:1 against white (WCAG 1.4.11), which light greys would not.
PALETTE = ("#256ef4", "#6d7882")
DASHES = ("", "6 3", "2 3", "8 3 2 3")


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int | None, ...]  # one per category; None where there is no figure


@dataclass(frozen=True)
class Polyline:
    label: str
    points: str
    dots: tuple[tuple[float, float, str], ...]
    colour: str
    width: float
    end: tuple[float, float]
    dash: str = ""
    label_at: tuple[float, float, str] = (0, 0, "start")  # x, y (baseline) and text-anchor of the line's label


@dataclass(frozen=True)
class LineChart:
    title: str
    description: str
    width: int
    height: int
    lines: tuple[Polyline, ...]
    x_labels: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    target: tuple[float, str] | None
    plot: tuple[float, float, float, float]  # left, top, right, bottom


def _nice_max(value: int) -> int:
    """A round axis maximum at or above `value` (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 10
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10):  # each divides into four round ticks
        if step * magnitude >= value:
            return int(step * magnitude)
    return 10 * magnitude


def line_chart(
    title: str, categories: list[str], series: list[Series], target: int | None, size: ChartSize = WIDE
) -> LineChart:
    """Lines of cumulative figures by category (e.g. quarters), with an optional target line."""
    top_value = max([v for s in series for v in s.values if v is not None] + [target or 0])
    y_max = _nice_max(int(top_value * 1.05))
    left, top, right, bottom = size.left, size.top, size.width - size.right, size.height - size.bottom
    step = (right - left) / max(len(categories) - 1, 1)

    def y(value: float) -> float:
        return round(bottom - (bottom - top) * value / y_max, 1)

    lines = []
    for index, item in enumerate(series):
        points = [(round(left + i * step, 1), y(v), f"{v:,}") for i, v in enumerate(item.values) if v is not None]
        if not points:
            continue
        lines.append(
            Polyline(
                item.label,
                " ".join(f"{px},{py}" for px, py, _ in points),
                tuple(points),
                PALETTE[min(index, len(PALETTE) - 1)],
                3.0 if index == 0 else 1.6,
                points[-1][:2],
                DASHES[index % len(DASHES)],
            )
        )
    lines = _place_labels(_spread_labels(lines), right, top, bottom)
    ticks = tuple((y(y_max * k / 4), f"{int(y_max * k / 4):,}") for k in range(5))
    described = "; ".join(
        f"{s.label}: " + ", ".join(f"{c} {v:,}" for c, v in zip(categories, s.values, strict=True) if v is not None)
        for s in series
    )
    return LineChart(
        title,
        described + (f"; {_('목표')} {target:,}" if target else ""),
        size.width,
        size.height,
        tuple(lines),
        tuple((round(left + i * step, 1), label) for i, label in enumerate(categories)),
        ticks,
        (y(target), f"{target:,}") if target else None,
        (left, top, right, bottom),
    )


def _label_width(text: str) -> float:
    """A label's width at the charts' 13 px: Hangul about 13 px, digits about 7 px."""
    return sum(13 if "가" <= char <= "힣" else 7 for char in text)


def _segment_crosses(box: tuple[float, float, float, float], start, end) -> bool:
    """Whether the segment from `start` to `end` touches the box (Liang–Barsky clipping: exact, no sampling)."""
    left, top, right, bottom = box
    (x1, y1), (x2, y2) = start[:2], end[:2]
    low, high = 0.0, 1.0
    for step, room in ((x1 - x2, x1 - left), (x2 - x1, right - x1), (y1 - y2, y1 - top), (y2 - y1, bottom - y1)):
        if step == 0:
            if room < 0:  # parallel to this edge and outside it
                return False
            continue
        share = room / step
        if step < 0:
            low = max(low, share)
        else:
            high = min(high, share)
        if low > high:
            return False
    return True


def _crosses(box: tuple[float, float, float, float], line: Polyline) -> bool:
    """Whether a line passes through a box: any of its segments touches it (a single dot: the dot is inside)."""
    if len(line.dots) == 1:
        return _segment_crosses(box, line.dots[0], line.dots[0])
    return any(_segment_crosses(box, start, end) for start, end in itertools.pairwise(line.dots))


def _place_labels(lines: list[Polyline], right: float, top: float, bottom: float) -> list[Polyline]:
    """Each line's label: beside its end when the line reaches the last category (spread apart at the right);
    for a line that ends earlier (this year before its last quarter), the nearest place around its end that no
    other line crosses, so that it never sits on another year's line."""
    placed = []
    for line in lines:
        x, y = line.end
        if x >= right - 1:
            placed.append(replace(line, label_at=(x + 8, y + 4, "start")))
            continue
        width = _label_width(line.label)
        spots = [
            (x + dx, y + dy, anchor)
            for dy in (-10, 20, 4, -24, 34, -38, 48, -52, 62)
            for dx, anchor in ((0, "middle"), (8, "start"), (-8, "end"))
        ]

        def box(spot, width=width):
            left = {"start": spot[0], "middle": spot[0] - width / 2, "end": spot[0] - width}[spot[2]]
            return (left - 2, spot[1] - 12, left + width + 2, spot[1] + 3)

        clear = next(
            (
                spot
                for spot in spots
                if top <= spot[1] - 12
                and spot[1] + 3 <= bottom
                and not any(_crosses(box(spot), other) for other in lines)
            ),
            (x, y - 10, "middle"),
        )
        placed.append(replace(line, label_at=clear))
    return placed


def _spread_labels(lines: list[Polyline], gap: float = 15) -> list[Polyline]:
    """Move the line-end labels apart vertically so that no two overlap."""
    placed, last = {}, None
    for line in sorted(lines, key=lambda item: (item.end[0], item.end[1])):
        y = line.end[1] if last is None or line.end[0] != last[0] else max(line.end[1], last[1] + gap)
        placed[line.label], last = y, (line.end[0], y)
    return [replace(ln, end=(ln.end[0], placed[ln.label])) for ln in lines]


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    width: float
    y: float
    over: bool
    value_inside: bool = False  # the value drawn in white at the bar's end: outside, it would cross the 100% mark


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    label_width: int
    full: float  # x of 100%
    bar_height: int
    note_size: int = 11

    @property
    def has_values(self) -> bool:
        """False when no item has a rate (e.g. a year without group targets): then only the table is shown."""
        return any(bar.value_text != NOTHING for bar in self.bars)


VALUE_CHAR_WIDTH = 8  # px a character of a value ("91.8%") takes at the charts' 13 px, with a little to spare


def _value_inside(width: float, full: float, text: str) -> bool:
    """Whether a bar's value goes inside its end (in white): only when, beside the bar, it would cross the 100%
    mark and the bar is long enough to hold it."""
    text_width = VALUE_CHAR_WIDTH * len(text)
    return width >= text_width + 12 and width < full < width + 6 + text_width


def rate_bars(title: str, items: list[tuple[str, Decimal | None]], size: ChartSize = WIDE) -> BarChart:
    """Horizontal bars of rates in %, with a mark at 100%; a bar above 100% is drawn to the edge."""
    bar_height, gap = 22, 12
    scale_max = max([Decimal(100)] + [rate for _, rate in items if rate is not None])
    label_width = size.label_width
    plot = size.width - label_width - 70
    full = round(plot * 100 / float(scale_max), 1)
    widths = [0 if rate is None else round(plot * float(rate / scale_max), 1) for _, rate in items]
    texts = [percent(rate) for _, rate in items]
    bars = tuple(
        Bar(
            label,
            text,
            width,
            TOP + i * (bar_height + gap),
            rate is not None and rate > 100,
            _value_inside(width, full, text),
        )
        for i, ((label, rate), width, text) in enumerate(zip(items, widths, texts, strict=True))
    )
    height = TOP + len(items) * (bar_height + gap) + 10
    description = ", ".join(f"{bar.label} {bar.value_text}" for bar in bars)
    return BarChart(
        title,
        description,
        size.width,
        height,
        bars,
        label_width,
        label_width + full,
        bar_height,
        size.note_size,
    )


def with_narrow(draw) -> dict:
    """`draw(size)`'s charts at the wide size, and each again at the narrow size under `<name>_narrow`: pages
    show the one that fits the screen (app.css), PDFs the wide one."""
    return {**draw(WIDE), **{f"{name}_narrow": chart for name, chart in draw(NARROW).items()}}


def dashboard_charts(overview) -> dict:
    """The achievement dashboard's two charts, from the one `Achievement` object the tables also read."""
    years = [overview.year, *[y for y in sorted(overview.by_year, reverse=True) if y < overview.year][:3]]
    series = [Series(_("%(year)s년") % {"year": year}, overview.by_year.get(year, (None,) * 4)) for year in years]
    return with_narrow(
        lambda size: {
            "quarters": line_chart(
                _("%(year)s년 누적 실적과 목표, 이전 연도 비교") % {"year": overview.year},
                [quarter_name(quarter) for quarter in range(1, 5)],
                series,
                overview.target,
                size,
            ),
            "groups": rate_bars(
                _("%(year)s년 계층별 달성률") % {"year": overview.year},
                [(g.label, g.rate) for g in overview.groups],
                size,
            ),
        }
    )


def budget_charts(matrix, execution, year: int | None) -> dict:
    """The budget dashboard's charts: execution rate by funding source, and by year (planned years left out)."""
    return with_narrow(
        lambda size: {
            "sources": rate_bars(
                _("%(scope)s 재원별 집행률") % {"scope": execution.scope},
                [(item.label, item.amounts.execution_rate) for item in execution.sources],
                size,
            ),
            "years": rate_bars(
                _("연도별 집행률"),
                [
                    (_("%(year)s년") % {"year": y}, amounts.execution_rate)
                    for y, amounts, planned in execution.by_year
                    if not planned
                ],
                size,
            ),
        }
    )
