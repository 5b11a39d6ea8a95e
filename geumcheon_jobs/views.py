"""Pages that combine results and budget. Views only pick the object, call a selector and render."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from audit.models import AccessLog
from budget.selectors import budget_execution, budget_matrix
from documents.base import XLSX
from documents.charts import budget_charts, dashboard_charts
from documents.views import PledgeCardMixin, attachment
from performance.access import government_of, supervises
from performance.achievement import YearWithoutPlan, achievement, department_achievement
from performance.models import Department, LocalGovernment, Pledge
from performance.validation import year_from_query

from . import caching
from .caching import lazy, page_cache_key, pledge_with_revision
from .dashboards import achievement_tables, budget_tables
from .filters import DepartmentFilter
from .rollup import region_rollup
from .tables import DepartmentTable
from .tabular import to_csv, to_xlsx


class HomeView(TemplateView):
    template_name = "geumcheon_jobs/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            pledges=Pledge.objects.visible_to(self.request.user).select_related("lead_department"), **kwargs
        )


class PledgeCardView(PledgeCardMixin, TemplateView):
    access_log = AccessLog.Kind.PERSONAL  # 작성자: names and phone extensions
    template_name = "geumcheon_jobs/pledge_card.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(card=self.get_card(), **kwargs)


class AchievementMixin:
    """The pledge, the year's `Achievement`, the department filter and the filtered department rows, for the page and
    the downloads."""

    def get_overview(self, pledge=None):
        pledge = pledge or get_object_or_404(Pledge.objects.visible_to(self.request.user), code=self.kwargs["code"])
        year = year_from_query(self.request.GET)
        try:
            overview = achievement(pledge, year, self.request.user, today=timezone.localdate())
        except YearWithoutPlan:
            raise Http404("no plan for this year") from None
        names = DepartmentFilter(self.request.GET, Department.objects.visible_to(self.request.user))
        departments = department_achievement(pledge, overview.year, self.request.user, departments=names.qs)
        return pledge, overview, names, departments


class DashboardView(AchievementMixin, TemplateView):
    """The achievement dashboard a manager reads in two minutes: the year's rate against the pace of
    earlier years, the chart by quarter, and the breakdowns by group, programme type and department.

    The page is cached under the results revision (`geumcheon_jobs.caching`): while nothing it is made of
    has changed, it costs what a trivial page costs, whatever the amount of data; the figures are computed
    only when the cache has no page for this revision."""

    template_name = "geumcheon_jobs/dashboard.html"
    per_page = 25

    def get_context_data(self, **kwargs):
        pledge = pledge_with_revision(
            self.request.user, self.kwargs["code"], year_from_query(self.request.GET)
        )  # a bad year: 404 before caching
        part = lazy(lambda: self.compute(pledge))
        names = ("overview", "table", "filter", "pending", "charts", "years")
        return super().get_context_data(
            pledge=pledge,
            cache_key=page_cache_key(self.request, "dashboard", pledge.results_revision),
            cache_seconds=caching.SECONDS,
            **{name: part(name) for name in names},
            **kwargs,
        )

    def compute(self, pledge) -> dict:
        _pledge, overview, names, departments = self.get_overview(pledge)
        table = DepartmentTable(departments, self.request.GET, per_page=self.per_page)
        return {
            "overview": overview,
            "table": table,
            "filter": names,
            "pending": overview.pending,
            "charts": dashboard_charts(overview),
            "years": overview.available_years,
        }


class DashboardExportView(AchievementMixin, View):
    """Every table of the achievement dashboard as xlsx (all sheets) or one of them as CSV (?table=)."""

    access_log = AccessLog.Kind.EXPORT

    def get(self, request, code, suffix):
        pledge, overview, _names, departments = self.get_overview()
        tables = achievement_tables(overview, departments)
        name = _("달성현황_%(code)s_%(year)s") % {"code": pledge.code, "year": overview.year}
        return _download(tables, suffix, request.GET.get("table"), name, _source(pledge, overview.year))


class BudgetExecutionMixin:
    """The pledge, its budget matrix, the chosen year (None: all years) and the execution figures."""

    def get_execution(self):
        pledge = get_object_or_404(Pledge.objects.visible_to(self.request.user), code=self.kwargs["code"])
        matrix = budget_matrix(pledge)
        year = year_from_query(self.request.GET)
        if year is not None and year not in matrix.years:
            raise Http404("no such year")
        return pledge, matrix, year, budget_execution(matrix, year)


class BudgetDashboardView(BudgetExecutionMixin, TemplateView):
    """Budget execution at a glance: secured, executed and the execution rate by funding source, for one
    year or over all years, and by year; with the budget's warnings."""

    template_name = "geumcheon_jobs/budget_dashboard.html"

    def get_context_data(self, **kwargs):
        pledge, matrix, year, execution = self.get_execution()
        return super().get_context_data(
            pledge=pledge,
            matrix=matrix,
            year=year,
            execution=execution,
            charts=budget_charts(matrix, execution, year),
            **kwargs,
        )


class BudgetDashboardExportView(BudgetExecutionMixin, View):
    """The budget dashboard's tables as xlsx, or one of them as CSV (?table=sources|years)."""

    access_log = AccessLog.Kind.EXPORT

    def get(self, request, code, suffix):
        pledge, _matrix, year, execution = self.get_execution()
        name = _("예산집행_%(code)s_%(year)s") % {"code": pledge.code, "year": year or _("전체")}
        return _download(budget_tables(execution), suffix, request.GET.get("table"), name, _source(pledge, year))


class DashboardIndexView(View):
    """The menu's 달성 현황: the dashboard of the pledge with the most recent plan (the current term's first)."""

    def get(self, request):
        latest = Max("programme_links__programme__year_plan__year")
        pledge = (
            Pledge.objects.visible_to(request.user)
            .annotate(latest=latest)
            .order_by(F("latest").desc(nulls_last=True), "code")
            .first()
        )
        if pledge is None:
            return redirect("home")
        return redirect("dashboard", code=pledge.code)


class RegionView(TemplateView):
    """The 시·도 supervisor's page: each 시·군·구 under the 시·도 with its plan of the year, jobs target, approved
    results and rate, the totals by 부문 and 대상, and links to each government's public page. Read only; anyone
    else is refused (403)."""

    template_name = "geumcheon_jobs/region.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not supervises(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        region = LocalGovernment.objects.get(pk=government_of(self.request.user))
        year = year_from_query(self.request.GET)
        rollup = region_rollup(region, year, timezone.localdate())
        if year is not None and year not in rollup.years:
            raise Http404("no plan of that year under this 시·도")
        return super().get_context_data(rollup=rollup, **kwargs)


def _source(pledge, year) -> str:
    return _("%(government)s %(code)s %(year)s · 승인된 실적과 입력된 예산 기준 · 내려받은 때 %(now)s") % {
        "government": pledge.local_government,
        "code": pledge.code,
        "year": year or "",
        "now": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }


def _download(tables, suffix: str, key: str | None, name: str, source: str) -> HttpResponse:
    if suffix == "xlsx":
        content, mimetype, filename = to_xlsx(tables, source), XLSX, f"{name}.xlsx"
    elif suffix == "csv":
        table = next((t for t in tables if t.key == key), None)
        if table is None:
            raise Http404("no such table")
        content, mimetype, filename = to_csv(table), "text/csv; charset=utf-8", f"{name}_{table.title}.csv"
    else:
        raise Http404("unknown format")
    return attachment(content, mimetype, filename)


@login_not_required
def favicon(request):
    """/favicon.ico, which browsers ask for on their own whatever the page names: the icon among the static
    files (served by whitenoise, with its hashed name and long cache in production)."""
    return redirect(static("favicon.ico"))
