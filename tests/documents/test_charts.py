"""Chart labels never collide with the marks they sit beside (issue #13 item 13)."""

import itertools
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from documents.charts import NARROW, WIDE, rate_bars


def value_width(text: str) -> float:
    """A value's width at 13 px in the charts' faces: digits and '.' about 7 px, '%' about 11 px."""
    return 7.0 * len(text.rstrip("%")) + 11 * text.count("%")


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
@pytest.mark.parametrize("rate", ["0.0", "12.5", "64.4", "85.0", "91.8", "97.3", "100.0", "103.2", "131.0"])
def test_a_rate_value_never_crosses_the_100_percent_mark(rate, size):
    chart = rate_bars("집행률", [("2018년", Decimal(rate)), ("2019년", Decimal("50.0"))], size)
    svg = render_to_string("charts/bars.svg", {"chart": chart, "id": "t"})
    mark = float(re.search(r'<line x1="([\d.]+)"', svg)[1])
    for bar in chart.bars:
        text = re.search(
            rf'<text x="([\d.-]+)" y="{bar.y}" dy="16" dx="{bar.width}"([^>]*)>{re.escape(bar.value_text)}<', svg
        )
        start = float(text[1]) + bar.width
        inside = 'text-anchor="end"' in text[2]
        width = value_width(bar.value_text)
        span = (start - width, start) if inside else (start, start + width)
        assert not span[0] < mark < span[1], (rate, bar.value_text, span, mark)
        if inside:
            assert 'fill="#ffffff"' in text[2] and span[0] >= chart.label_width  # white, within its own bar


def label_box(text_element: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a line's label at 13 px, from its x, y and text-anchor."""
    x = float(re.search(r' x="([\d.-]+)"', text_element)[1])
    y = float(re.search(r' y="([\d.-]+)"', text_element)[1])
    label = re.search(r">([^<]+)<", text_element)[1]
    width = 7.0 * len(label.replace("년", "")) + 13 * label.count("년")
    anchor = re.search(r'text-anchor="(\w+)"', text_element)[1]
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, y - 11, left + width, y + 2


def crosses(box, polyline: str) -> bool:
    """Whether a polyline passes through a box (sampled along each segment every pixel)."""
    points = [tuple(map(float, pair.split(","))) for pair in polyline.split()]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        steps = int(max(abs(x2 - x1), abs(y2 - y1))) + 1
        for k in range(steps + 1):
            x, y = x1 + (x2 - x1) * k / steps, y1 + (y2 - y1) * k / steps
            if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                return True
    return False


@pytest.mark.parametrize(("year", "quarter"), [(2021, 2), (2020, 1), (2019, 3)])
def test_a_years_label_never_sits_on_another_years_line(card_data, year, quarter):
    """The 2021 dashboard drew "2021년" on the 2019 line (its last figure is Q2, where the earlier years run on)."""
    from documents.charts import dashboard_charts
    from performance.achievement import achievement

    charts = dashboard_charts(achievement(card_data, year, None, through_quarter=quarter))
    for name in ("quarters", "quarters_narrow"):
        svg = render_to_string("charts/line.svg", {"chart": charts[name], "id": "t"})
        lines = re.findall(r'<polyline points="([^"]+)"', svg)
        labels = re.findall(r"<text x=\"[\d.-]+\" y=\"[\d.-]+\" text-anchor=\"\w+\" fill=[^>]*>[^<]*년<", svg)
        assert len(labels) == len(lines) >= 1
        for label, own in zip(labels, lines, strict=True):
            box = label_box(label)
            assert not [line for line in lines if line != own and crosses(box, line)], (name, label)
