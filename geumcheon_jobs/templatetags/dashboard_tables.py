"""`{% share_rows shares total link year quarter %}` and `{% quarter_rows overview %}`: the rows of the shares tables
and of the quarters table (`geumcheon_jobs.tables`)."""

from django import template

from .. import tables

register = template.Library()
register.simple_tag(tables.share_rows, name="share_rows")
register.simple_tag(tables.quarter_rows, name="quarter_rows")
