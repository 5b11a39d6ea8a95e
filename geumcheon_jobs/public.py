"""The public disclosure page of 지역일자리 목표공시제 and its open data, without login.

Every public address names its government by its 행정기관코드 (`/public/3170000/지역경제-11/`): two governments may
have pledges of the same code. `/public/` is the index of governments; the addresses from before several
governments (`/public/지역경제-11/`, `/public/지역경제-11/results.csv`) redirect while the code is one government's.

Only approved results and the budget are published; no staff names or extensions (personal data), no
department's rows, no internal ids, no drafts. The figures come from the same selectors as the dashboards."""

import csv
import io
import json
from decimal import Decimal

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView, View

from audit.recording import NOT_LOGGED
from budget.selectors import budget_execution, budget_matrix
from documents.charts import budget_charts, dashboard_charts
from documents.plan_views import public_listing
from performance.achievement import YearWithoutPlan, achievement
from performance.funding import FILE_NAMES
from performance.models import LocalGovernment, Pledge
from performance.selectors import period_results
from performance.validation import year_from_query

# The open data's columns, documented on the page; stable names, so that scripts can rely on them.
RESULT_COLUMNS = ("year", "quarter", "cumulative_jobs", "annual_target", "achievement_rate_percent")
BUDGET_COLUMNS = ("year", "source", "secured_million_krw", "executed_million_krw", "planned")
SOURCE_CODES = FILE_NAMES  # the source's Korean name, as every file names it


def _pledge(government: str, code: str | None) -> Pledge:
    """The pledge `code` of the government whose 행정기관코드 is `government` (without a code: its first)."""
    pledges = Pledge.objects.filter(local_government__code=government)
    pledges = pledges.select_related("lead_department", "local_government").order_by("code")
    pledge = pledges.filter(code=code).first() if code else pledges.first()
    if pledge is None:
        raise Http404("no pledge")
    return pledge


def _only_government_of(code: str) -> str:
    """The 행정기관코드 of the one government with a pledge `code` (an address from before several governments);
    404 when no government or more than one has it — never a guess."""
    governments = list(Pledge.objects.filter(code=code).values_list("local_government__code", flat=True)[:2])
    if len(governments) != 1:
        raise Http404("no pledge of that code, or several")
    return governments[0]


def _redirect_keeping_query(request, url: str) -> HttpResponse:
    query = request.META.get("QUERY_STRING")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@method_decorator(login_not_required, name="dispatch")
class PublicIndexView(TemplateView):
    """The index of governments: each government that has a pledge, grouped under its 시·도, with a link to its
    disclosure page."""

    template_name = "public/index.html"

    def get_context_data(self, **kwargs):
        from .rollup import public_index

        return super().get_context_data(groups=public_index(), **kwargs)


@method_decorator(login_not_required, name="dispatch")
class PublicGovernmentView(View):
    """`/public/<행정기관코드>/`: the government's first pledge; `/public/<공약 코드>/` (the address from before
    several governments) redirects to the one government's pledge of that code."""

    def get(self, request, government):
        if not LocalGovernment.objects.filter(code=government).exists():
            url = reverse("public-pledge", args=[_only_government_of(government), government])
            return _redirect_keeping_query(request, url)
        return PublicDisclosureView.as_view()(request, government=government, code=None)


@method_decorator(login_not_required, name="dispatch")
class LegacyOpenDataView(View):
    """`/public/<공약 코드>/<dataset>.<suffix>`, published before several governments: redirects while unambiguous."""

    access_log = NOT_LOGGED

    def get(self, request, code, dataset, suffix):
        return _redirect_keeping_query(
            request, reverse("open-data", args=[_only_government_of(code), code, dataset, suffix])
        )


@method_decorator(login_not_required, name="dispatch")
class PublicDisclosureView(TemplateView):
    template_name = "public/disclosure.html"

    def get_context_data(self, **kwargs):
        pledge = _pledge(self.kwargs["government"], self.kwargs.get("code"))
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
            office_name=pledge.local_government.name,  # the header's 기관명: the government shown, whoever reads
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

    def get(self, request, government, code, dataset, suffix):
        if dataset not in DATASETS or suffix not in ("csv", "json"):
            raise Http404("no such dataset")
        pledge = _pledge(government, code)
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
