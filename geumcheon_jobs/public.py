"""The public disclosure page of 지역일자리 목표공시제 and its open data, without login.

Only approved results and the budget are published; no staff names or extensions (personal data), no
department's rows, no internal ids, no drafts. The figures come from the same selectors as the dashboards."""

import csv
import io
import json
from decimal import Decimal

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView, View

from audit.recording import NOT_LOGGED
from budget.selectors import budget_matrix
from documents.plan_views import public_listing
from performance.achievement import YearWithoutPlan, achievement
from performance.funding import FILE_NAMES
from performance.models import Pledge
from performance.selectors import period_results
from performance.validation import year_from_query

from .charts import budget_charts, dashboard_charts
from .dashboards import budget_execution

# The open data's columns, documented on the page; stable names, so that scripts can rely on them.
RESULT_COLUMNS = ("year", "quarter", "cumulative_jobs", "annual_target", "achievement_rate_percent")
BUDGET_COLUMNS = ("year", "source", "secured_million_krw", "executed_million_krw", "planned")
SOURCE_CODES = FILE_NAMES  # the source's Korean name, as every file names it


def _pledge(code: str | None) -> Pledge:
    pledges = Pledge.objects.select_related("lead_department", "local_government").order_by("code")
    pledge = pledges.filter(code=code).first() if code else pledges.first()
    if pledge is None:
        raise Http404("no pledge")
    return pledge


@method_decorator(login_not_required, name="dispatch")
class PublicDisclosureView(TemplateView):
    template_name = "public/disclosure.html"

    def get_context_data(self, **kwargs):
        pledge = _pledge(self.kwargs.get("code"))
        try:
            overview = achievement(pledge, year_from_query(self.request.GET), None, today=timezone.localdate())
        except YearWithoutPlan:
            raise Http404("no plan for this year") from None
        matrix = budget_matrix(pledge)
        year = overview.year if overview.year in matrix.years else None
        execution = budget_execution(matrix, year)
        charts = {**dashboard_charts(overview), **budget_charts(matrix, execution, year)}
        return super().get_context_data(
            pledge=pledge,
            overview=overview,
            matrix=matrix,
            budget_year=year,
            execution=execution,
            charts=charts,
            years=overview.available_years,
            plan_documents=public_listing(pledge.local_government_id),
            result_columns=RESULT_COLUMNS,
            budget_columns=BUDGET_COLUMNS,
            **kwargs,
        )


def result_rows(pledge: Pledge) -> list[dict]:
    """Every approved period: the year's cumulative through the quarter, the target and the rate."""
    return [
        dict(
            zip(
                RESULT_COLUMNS,
                (p.year, p.quarter, p.cumulative, p.target, p.rate),
                strict=True,
            )
        )
        for p in period_results(pledge)
    ]


def budget_rows(pledge: Pledge) -> list[dict]:
    """Secured and executed by year and funding source, over all budget lines."""
    matrix = budget_matrix(pledge)
    return [
        dict(
            zip(
                BUDGET_COLUMNS,
                (
                    year,
                    SOURCE_CODES.get(row.source, row.source),
                    cell.secured,
                    cell.executed,
                    year in matrix.planned_years,
                ),
                strict=True,
            )
        )
        for row in matrix.source_rows
        for year, cell in zip(matrix.years, row.by_year, strict=True)
        if cell is not None
    ]


DATASETS = {"results": (result_rows, RESULT_COLUMNS), "budget": (budget_rows, BUDGET_COLUMNS)}


def _json_value(value):
    """A rate (a Decimal with one decimal place) as a JSON number: 68.0, not "68.0"."""
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _csv_value(value):
    """A CSV cell: yes/no as 1/0 (Python would write True/False), no value as an empty cell."""
    if isinstance(value, bool):
        return int(value)
    return "" if value is None else value


@method_decorator([login_not_required, cache_control(public=True, max_age=3600)], name="dispatch")
class OpenDataView(View):
    """`results` and `budget` as CSV (UTF-8 with BOM, for Excel) or JSON; cacheable for an hour.

    Not in the access log: the figures are published for anyone, hold no personal data, and anonymous
    robots fetching them would only bury the records the log is for."""

    access_log = NOT_LOGGED

    def get(self, request, code, dataset, suffix):
        if dataset not in DATASETS or suffix not in ("csv", "json"):
            raise Http404("no such dataset")
        pledge = _pledge(code)
        build, columns = DATASETS[dataset]
        rows = build(pledge)
        if suffix == "json":
            body = {
                "pledge": pledge.code,
                "title": pledge.title,
                "local_government": str(pledge.local_government),
                "columns": list(columns),
                "rows": rows,
                "note": _("승인된 실적만 포함합니다. 금액 단위는 백만원입니다."),
            }
            return HttpResponse(
                json.dumps(body, ensure_ascii=False, default=_json_value),
                content_type="application/json; charset=utf-8",
            )
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        writer.writerows({name: _csv_value(value) for name, value in row.items()} for row in rows)
        response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{dataset}.csv"'
        return response
