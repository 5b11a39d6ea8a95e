"""How figures are written in templates: the one helper of performance.calculations (thousands separators, "—" for
a missing figure or rate)."""

from django import template

from performance.calculations import figure, percent

register = template.Library()
register.filter("number", figure)
register.filter("percent", percent)
