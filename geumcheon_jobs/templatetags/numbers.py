"""How figures are written everywhere: thousands separators, "-" for nothing, "—" for no rate."""

from django import template

register = template.Library()


@register.filter
def number(value) -> str:
    """12802 → "12,802"; None (nothing executed yet) → "-" as on the card; so is "" (the template's value of
    `cell.secured` when a budget line has no figure for a year, i.e. `cell` is None)."""
    return "-" if value is None or value == "" else f"{value:,}"


@register.filter
def percent(value) -> str:
    """Decimal("50.2") → "50.2%"; None (no target or nothing to divide by) → "—"."""
    return "—" if value is None else f"{value}%"
