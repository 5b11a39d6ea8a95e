"""`{% line_svg chart id %}` and `{% bars_svg chart id %}`: a chart's SVG (`documents.chart_svg`)."""

from django import template

from .. import chart_svg

register = template.Library()
register.simple_tag(chart_svg.line_svg, name="line_svg")
register.simple_tag(chart_svg.bars_svg, name="bars_svg")
