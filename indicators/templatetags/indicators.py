"""The indicators panel that the dashboard and the public page include: the term of the page's year, its targets
against its half-year results (`selectors.indicator_board`, a constant number of queries)."""

from django import template
from django.utils import timezone

from .. import rows
from ..selectors import indicator_board, term_for_year

register = template.Library()


@register.inclusion_tag("indicators/_panel.html")
def indicator_panel(government_id: int, year: int | None, public: bool = False, heading_id: str = "indicators-title"):
    today = timezone.localdate()
    term = term_for_year(government_id, year, today)
    board = indicator_board(term, today, public=public) if term else None
    return {"board": board, "public": public, "heading_id": heading_id}


register.simple_tag(rows.plan_rows, name="plan_rows")
register.simple_tag(rows.half_rows, name="half_rows")
