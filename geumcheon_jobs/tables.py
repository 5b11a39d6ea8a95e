"""Dashboard tables (django-tables2), declared like NetBox's: fields, a few custom columns, nothing else."""

import django_tables2 as tables
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from performance.calculations import NOTHING
from performance.models import Department


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
        model = Department
        fields = ("name", "cumulative", "target", "rate")
        attrs = {"class": "data-table"}
        empty_text = _("승인된 실적이 있는 부서가 없습니다.")

    def order_rate(self, queryset, is_descending):
        """Departments without a rate ("—") last in both directions: SQLite and PostgreSQL put NULL at opposite
        ends, and a reader sorting by rate looks for the highest or the lowest rate, not for the dashes."""
        rate = F("rate")
        rate = rate.desc(nulls_last=True) if is_descending else rate.asc(nulls_last=True)
        return queryset.order_by(rate, "sort_order", "name"), True

    def render_cumulative(self, value):
        return f"{value:,}"

    def render_target(self, value):
        return f"{value:,}"
