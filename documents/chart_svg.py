"""The charts' SVG markup (geometry: `charts.py`), written here rather than in a template: a page draws each chart
twice (wide and narrow) and the template language's loops over dots and ticks cost more than the page's queries on
the first view after an approval. Text and attribute values are escaped; numbers are written as Python writes
them (the templates did the same: no thousands separator in coordinates)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .charts import BarChart, LineChart

FONT = "'Pretendard GOV', 'Noto Sans KR', NanumGothic, sans-serif"


def _open(chart, id_: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {chart.width} {chart.height}" '
        f'width="100%" role="img" aria-labelledby="{escape(id_)}-title {escape(id_)}-desc" font-family="{FONT}" '
        f'font-size="13">\n  <title id="{escape(id_)}-title">{escape(chart.title)}</title>\n'
        f'  <desc id="{escape(id_)}-desc">{escape(chart.description)}</desc>\n'
    )


def line_svg(chart: LineChart, id_: str) -> SafeString:
    """Grid lines with the axis' figures, the categories, the target line, then each line (this year last, on
    top) with its dots (each with its figure as a tooltip) and its label."""
    left, _top, right, bottom = chart.plot
    parts = [_open(chart, id_)]
    for y, label in chart.y_ticks:
        parts.append(f'  <line x1="{left}" x2="{right}" y1="{y}" y2="{y}" stroke="#e6e8ea"/>\n')
        parts.append(f'  <text x="{left - 8}" y="{y}" dy="4" text-anchor="end" fill="#464c53">{escape(label)}</text>\n')
    for x, label in chart.x_labels:
        parts.append(f'  <text x="{x}" y="{bottom + 22}" text-anchor="middle" fill="#1e2124">{escape(label)}</text>')
    parts.append("\n")
    if chart.target:
        y, label = chart.target
        parts.append(
            f'  <line x1="{left}" x2="{right}" y1="{y}" y2="{y}" stroke="#bd2c0f" stroke-width="1.5" '
            f'stroke-dasharray="6 4"/>\n'
            f'  <text x="{left + 6}" y="{y}" dy="-6" fill="#8a1c12">{escape(_("목표"))} {escape(label)}</text>\n'
        )
    lines = list(reversed(chart.lines))
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        colour = escape(line.colour)
        dash = f' stroke-dasharray="{escape(line.dash)}"' if line.dash else ""
        parts.append(
            f'  <polyline points="{escape(line.points)}" fill="none" stroke="{colour}" '
            f'stroke-width="{line.width}"{dash}/>\n  '
        )
        radius = 4 if last else 2.5
        for x, y, value in line.dots:
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{colour}"><title>{escape(line.label)} '
                f"{escape(value)}</title></circle>"
            )
        x, y, anchor = line.label_at
        fill, weight = ("#0b50d0", ' font-weight="700"') if last else ("#464c53", "")
        parts.append(
            f'\n  <text x="{x}" y="{y}" text-anchor="{anchor}" fill="{fill}"{weight}>{escape(line.label)}</text>\n'
        )
    parts.append("</svg>\n")
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped or a number


def bars_svg(chart: BarChart, id_: str) -> SafeString:
    """Each bar with its label and its value (inside its end in white where beside it would cross the mark),
    then the 100% mark."""
    label_width = chart.label_width
    parts = [_open(chart, id_)]
    for bar in chart.bars:
        fill = "#0b50d0" if bar.over else "#256ef4"
        parts.append(
            f'  <text x="{label_width - 8}" y="{bar.y}" dy="16" text-anchor="end" fill="#1e2124">{escape(bar.label)}'
            f"</text>\n"
            f'  <rect x="{label_width}" y="{bar.y}" width="{bar.width}" height="{chart.bar_height}" fill="{fill}" '
            f'rx="2"/>\n'
        )
        if bar.value_inside:
            parts.append(
                f'  <text x="{label_width - 6}" y="{bar.y}" dy="16" dx="{bar.width}" text-anchor="end" '
                f'fill="#ffffff">{escape(bar.value_text)}</text>\n'
            )
        else:
            parts.append(
                f'  <text x="{label_width + 6}" y="{bar.y}" dy="16" dx="{bar.width}" fill="#1e2124">'
                f"{escape(bar.value_text)}</text>\n"
            )
    parts.append(
        f'  <line x1="{chart.full}" x2="{chart.full}" y1="10" y2="{chart.height - 6}" stroke="#bd2c0f" '
        f'stroke-dasharray="4 3"/>\n'
        f'  <text x="{chart.full}" y="10" text-anchor="middle" fill="#8a1c12" font-size="{chart.note_size}">100%'
        f"</text>\n</svg>\n"
    )
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped or a number
