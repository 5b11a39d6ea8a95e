"""The indicators panel that the dashboard and the public page include: the term of the page's year, its targets
against its half-year results (`selectors.panel_board`, two statements)."""

from django import template
from django.utils import timezone

from .. import rows
from ..selectors import panel_board

register = template.Library()


@register.inclusion_tag("indicators/_panel.html")
def indicator_panel(government_id: int, year: int | None, public: bool = False, heading_id: str = "indicators-title"):
    today = timezone.localdate()
    board = panel_board(government_id, year, today, public=public)
    return {"board": board, "public": public, "heading_id": heading_id}


register.simple_tag(rows.plan_rows, name="plan_rows")
register.simple_tag(rows.half_rows, name="half_rows")
