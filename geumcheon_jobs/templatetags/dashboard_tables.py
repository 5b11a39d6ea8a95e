"""`{% share_rows shares total link year quarter %}`: a shares table's rows (`geumcheon_jobs.tables.share_rows`)."""

from django import template

from .. import tables

register = template.Library()
register.simple_tag(tables.share_rows, name="share_rows")
