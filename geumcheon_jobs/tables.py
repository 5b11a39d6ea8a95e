"""Dashboard tables (django-tables2), declared like NetBox's: fields, a few custom columns, nothing else."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableListData
from django_tables2.utils import OrderByTuple

from performance.calculations import NOTHING


class RateBarColumn(tables.Column):
    """A rate as text and as a bar (after NetBox's UtilizationColumn); never colour alone."""

    def render(self, record, value):
        rate = value  # the row's 달성률, computed once by `department_achievement`
        if rate is None:
            return NOTHING
        # A <meter> rather than a styled <span>: no inline style, so the Content-Security-Policy stays strict.
        return format_html(
            '<span class="rate-cell"><meter class="rate-bar" min="0" max="100" value="{}" aria-hidden="true"></meter>'
            "<span>{}%</span></span>",
            f"{min(float(rate), 100):.1f}",
            rate,
        )

    def value(self, record, value):
        return "" if value is None else value


class DepartmentRows(TableListData):
    """The department rows (`department_achievement`, a list in the departments' order) sorted in Python: by each
    sort column in turn, ties kept in the departments' order, and rows without a value (a "—": no target, no rate)
    last in both directions — a reader sorting by rate looks for the highest or the lowest rate, not for the
    dashes."""

    def order_by(self, aliases):
        for alias in reversed(OrderByTuple(aliases)):  # the least significant first: each sort is stable
            value = self.table.columns[alias.bare].accessor.resolve
            present = [row for row in self.data if value(row) is not None]
            missing = [row for row in self.data if value(row) is None]
            present.sort(key=value, reverse=alias.is_descending)  # reverse keeps ties in their order
            self.data = present + missing


class DepartmentAchievementTable(tables.Table):
    name = tables.Column(
        verbose_name=_("부서"), linkify=lambda record: reverse("performance:department", args=[record.pk])
    )
    cumulative = tables.Column(verbose_name=_("승인 실적(명)"), attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    target = tables.Column(
        verbose_name=_("목표(명)"), default="—", attrs={"td": {"class": "num"}, "th": {"class": "num"}}
    )
    rate = RateBarColumn(verbose_name=_("달성률"), accessor="rate", order_by=("rate",), empty_values=())
    caption = _("부서별 승인 실적, 목표와 달성률")

    class Meta:
        fields = ("name", "cumulative", "target", "rate")
        attrs = {"class": "data-table"}
        empty_text = _("승인된 실적이 있는 부서가 없습니다.")

    def __init__(self, data, **kwargs):
        super().__init__(DepartmentRows(list(data)), **kwargs)

    def render_cumulative(self, value):
        return f"{value:,}"

    def render_target(self, value):
        return f"{value:,}"
