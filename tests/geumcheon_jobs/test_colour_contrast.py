"""The colours of static/css/app.css, read from the file itself: every text colour keeps a contrast of at least
4.5:1 (WCAG 1.4.3, KWCAG 2.2 명도 대비) with the background it is declared with, or with the page's white and
grey-5 surfaces when it declares none, and so does the text of the SVG charts; borders of fields and the focus
ring keep 3:1 (WCAG 1.4.11); and every KRDS token has the value of the KRDS package it is named after."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_CSS = ROOT / "static" / "css" / "app.css"
KRDS_TOKENS = ROOT / "static" / "vendor" / "krds" / "krds_tokens.reference.css"
SURFACES = ["--krds-gray-0", "--krds-gray-5"]  # white pages; grey table heads, masthead and footer
TEXT = 4.5
NON_TEXT = 3.0


def custom_properties(css: str) -> dict[str, str]:
    return {name: value.strip() for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", css)}


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of every innermost rule, comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (prop.strip(), value.strip()) for prop, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body)
        )
        found.append((selector.strip(), declarations))
    return found


def resolve(value: str, tokens: dict[str, str]) -> str | None:
    """A hex colour from a hex literal, var(--token) or a shorthand that contains one; None when there is none."""
    for _ in range(5):
        match = re.search(r"var\((--[\w-]+)\)", value)
        if not match:
            break
        value = tokens[match.group(1)]
    match = re.search(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", value)
    return match.group(0) if match else None


def luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_pairs(css: str) -> list[tuple[str, str, str]]:
    """(selector, text colour, background colour) for every rule that sets a text colour."""
    tokens = custom_properties(css)
    pairs = []
    for selector, declarations in rules(css):
        if selector.startswith(":root") or "color" not in declarations:
            continue
        text = resolve(declarations["color"], tokens)
        if text is None:
            continue  # inherit, currentColor
        background = declarations.get("background-color") or declarations.get("background")
        backgrounds = [resolve(background, tokens)] if background and resolve(background, tokens) else None
        for surface in backgrounds or [tokens.get(name, "#ffffff") for name in SURFACES]:
            pairs.append((selector, text, surface))
    return pairs


def test_the_wcag_formula_on_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#256ef4", "#ffffff") == pytest.approx(4.55, abs=0.01)


def test_every_text_colour_of_app_css_has_4_5_to_1():
    pairs = text_pairs(APP_CSS.read_text())
    assert len(pairs) > 40  # the parser really reads the file
    weak = [f"{s}: {t} on {b} = {contrast(t, b):.2f}" for s, t, b in pairs if contrast(t, b) < TEXT]
    assert weak == []


def test_a_weak_colour_would_fail():
    css = ":root { --grey: #999999; } .hint { color: var(--grey); } .ok { color: #000; background: #fff; }"
    pairs = text_pairs(css)
    assert [(s, round(contrast(t, b), 2)) for s, t, b in pairs if contrast(t, b) < TEXT] == [
        (".hint", 2.85),
        (".hint", 2.85),
    ]


def test_field_borders_and_the_focus_ring_have_3_to_1():
    tokens = custom_properties(APP_CSS.read_text())
    for name in ["--krds-gray-50", "--krds-primary-50", "--krds-danger-60"]:
        for surface in SURFACES:
            assert contrast(tokens[name], tokens[surface]) >= NON_TEXT, (name, surface)


def test_the_krds_tokens_have_the_values_of_the_krds_package():
    ours = {k: v for k, v in custom_properties(APP_CSS.read_text()).items() if re.match(r"--krds-[a-z]+-\d+$", k)}
    reference = custom_properties(KRDS_TOKENS.read_text())
    assert len(ours) > 20
    different = {
        name: (value, reference.get(name.replace("--krds-", "--krds-color-light-")))
        for name, value in ours.items()
        if reference.get(name.replace("--krds-", "--krds-color-light-"), "").lower() != value.lower()
    }
    assert different == {}


def test_the_text_of_the_charts_has_4_5_to_1_on_white_and_on_the_bars():
    """Text on the chart's white ground, and white values drawn inside a bar's end on every bar colour: read off
    drawn charts — a line chart of four years with a target, and bars below and above 100% with their values
    beside and inside their ends."""
    from documents.chart_svg import bars_svg, line_svg
    from documents.charts import Bar, BarChart, Series, line_chart

    years = [Series(f"{2019 + i}년", (100 * i + 10, 100 * i + 20, None, None)) for i in range(4)]
    line = line_svg(line_chart("t", ["1분기", "2분기", "3분기", "4분기"], years, 500), "l")
    bars = [Bar("가", "50.0%", 100, 20, False), Bar("나", "99.0%", 300, 54, False, True)]
    bars += [Bar("다", "150.0%", 400, 88, True), Bar("라", "101.0%", 305, 122, True, True)]
    drawn = line + bars_svg(BarChart("t", "d", 640, 200, tuple(bars), 110, 410, 22), "b")
    bar_fills = set(re.findall(r'<rect\b[^>]*fill="(#[0-9a-fA-F]{6})"', drawn))
    assert bar_fills == {"#256ef4", "#0b50d0"}  # both bar colours drawn
    colours, on_bars = set(), []
    for text in re.findall(r"<text\b[^>]*>", drawn):
        found = set(re.findall(r"#[0-9a-fA-F]{6}\b", text))
        if found == {"#ffffff"}:
            on_bars += [("#ffffff", bar) for bar in bar_fills]
        else:
            colours |= found
    assert len(colours) >= 4 and on_bars  # the axis, the categories, the target, the lines' labels
    assert {c: round(contrast(c, "#ffffff"), 2) for c in colours if contrast(c, "#ffffff") < TEXT} == {}
    assert [(c, b, round(contrast(c, b), 2)) for c, b in on_bars if contrast(c, b) < TEXT] == []


def test_every_chart_line_has_3_to_1_on_white_and_earlier_years_differ_by_dash():
    from documents.charts import DASHES, PALETTE

    assert all(contrast(colour, "#ffffff") >= NON_TEXT for colour in PALETTE)
    assert len(set(DASHES)) == len(DASHES)
