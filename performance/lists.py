"""The approved result lines behind a dashboard figure, as a list (NetBox style: a table, a filter set and a
view that only names them). Every dashboard number links here with the filter that makes it up."""

import django_filters
import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import QUARTERS, Department, ProgrammeType, QuarterlyReportLine, TargetGroup


def approved_lines_for(user):
    """The approved lines the person may see (`visible_to`), with what the list shows."""
    return (
        QuarterlyReportLine.objects.visible_to(user)
        .approved()
        .select_related("report__department", "programme__target_group", "programme__programme_type")
        .order_by("-report__year", "report__quarter", "report__department__sort_order", "programme__sort_order")
    )


def _departments(request):
    return Department.objects.visible_to(request.user) if request is not None else Department.objects.none()


def _governments(request):
    return _departments(request).values("local_government")


def _target_groups(request):
    return TargetGroup.objects.filter(local_government__in=_governments(request))


def _programme_types(request):
    return ProgrammeType.objects.filter(local_government__in=_governments(request))


class ApprovedLineFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="report__year", label=_("연도"))
    through = django_filters.ChoiceFilter(
        field_name="report__quarter",
        lookup_expr="lte",
        label=_("분기까지"),
        choices=[(q, _("%(quarter)d분기까지") % {"quarter": q}) for q in QUARTERS],
        empty_label=_("연간 전체"),
    )
    group = django_filters.ModelChoiceFilter(
        field_name="programme__target_group",
        queryset=_target_groups,
        to_field_name="name",
        label=_("계층"),
        empty_label=_("전체"),
    )
    type = django_filters.ModelChoiceFilter(
        field_name="programme__programme_type",
        queryset=_programme_types,
        to_field_name="name",
        label=_("부문"),
        empty_label=_("전체"),
    )
    department = django_filters.ModelChoiceFilter(
        field_name="report__department", queryset=_departments, label=_("부서"), empty_label=_("전체")
    )

    class Meta:
        model = QuarterlyReportLine
        fields = ["year", "through", "group", "type", "department"]


class ApprovedLineTable(tables.Table):
    caption = _("승인된 실적(보고별·세부사업별)")
    department = tables.Column(verbose_name=_("부서"), accessor="report__department__name")
    programme = tables.Column(verbose_name=_("세부사업"), accessor="programme__name")
    group = tables.Column(verbose_name=_("계층"), accessor="programme__target_group__name")
    # Sorted by the 부문 list's own order (the accessor is a field, so every sort link works).
    programme_type = tables.Column(
        verbose_name=_("부문"),
        accessor="programme__programme_type__name",
        order_by=("programme__programme_type__sort_order", "programme__programme_type__name"),
    )
    period = tables.Column(verbose_name=_("기간"), accessor="report__year", orderable=False)
    jobs = tables.Column(verbose_name=_("인원(명)"), attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    report = tables.Column(
        verbose_name=_("보고"),
        accessor="report_id",
        orderable=False,
        linkify=lambda record: reverse("performance:report", args=[record.report_id]),
    )

    class Meta:
        model = QuarterlyReportLine
        fields = ("department", "programme", "group", "programme_type", "period", "jobs", "report")
        attrs = {"class": "data-table"}
        empty_text = _("조건에 맞는 승인된 실적이 없습니다.")

    def render_period(self, record):
        return _("%(year)d년 %(quarter)d분기") % {"year": record.report.year, "quarter": record.report.quarter}

    def render_jobs(self, value):
        return f"{value:,}"

    def render_report(self, value):
        return _("보고 보기")
