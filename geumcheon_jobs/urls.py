from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import issuing_views, public, session_timeout, views
from .forms import LoginForm

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/session/", session_timeout.session_status, name="session-status"),
    path("accounts/session/extend/", session_timeout.session_extend, name="session-extend"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("results/", include("performance.urls")),
    path("budget/", include("budget.urls")),
    path("indicators/", include("indicators.urls")),
    path("", include("documents.plan_urls")),
    path("plans/", include("performance.plan_workbook_urls")),
    path("plans/", include("performance.plan_urls")),
    path("manage/", include("geumcheon_jobs.administration.urls")),
    path("pledges/<str:code>/card/", views.PledgeCardView.as_view(), name="pledge-card"),
    path("pledges/<str:code>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("pledges/<str:code>/dashboard/budget/", views.BudgetDashboardView.as_view(), name="budget-dashboard"),
    path(
        "pledges/<str:code>/dashboard/budget.<str:suffix>",
        views.BudgetDashboardExportView.as_view(),
        name="budget-dashboard-export",
    ),
    path("pledges/<str:code>/dashboard.<str:suffix>", views.DashboardExportView.as_view(), name="dashboard-export"),
    path("dashboard/", views.DashboardIndexView.as_view(), name="dashboard-index"),
    path("region/", views.RegionView.as_view(), name="region"),
    path(
        "pledges/<str:code>/budget-report.pdf",
        views.BudgetReportDownloadView.as_view(),
        {"suffix": "pdf"},
        name="budget-report",
    ),
    path(
        "pledges/<str:code>/budget-report.xlsx",
        views.BudgetReportDownloadView.as_view(),
        {"suffix": "xlsx"},
        name="budget-report-xlsx",
    ),
    path(
        "pledges/<str:code>/budget-report.hwpx",
        views.BudgetReportDownloadView.as_view(),
        {"suffix": "hwpx"},
        name="budget-report-hwpx",
    ),
    path(
        "pledges/<str:code>/report/<int:year>/<int:quarter>.<str:suffix>",
        views.QuarterlyReportDownloadView.as_view(),
        name="quarterly-report",
    ),
    path("pledges/<str:code>/card.<str:suffix>", views.PledgeCardDownloadView.as_view(), name="pledge-card-download"),
    path("documents/issued/", issuing_views.IssuedDocumentListView.as_view(), name="issued-documents"),
    path("documents/issued/<int:pk>/", issuing_views.IssuedDocumentDetailView.as_view(), name="issued-document"),
    path(
        "documents/issued/<int:pk>/file/", issuing_views.IssuedDocumentFileView.as_view(), name="issued-document-file"
    ),
    path("documents/issue/", issuing_views.DocumentIssueView.as_view(), name="document-issue"),
    path("public/", public.PublicIndexView.as_view(), name="public"),
    path("public/<str:government>/", public.PublicGovernmentView.as_view(), name="public-government"),
    path("public/<str:government>/<str:code>/", public.PublicDisclosureView.as_view(), name="public-pledge"),
    path(
        "public/<str:government>/<str:code>/<str:dataset>.<str:suffix>",
        public.OpenDataView.as_view(),
        name="open-data",
    ),
    path("public/<str:code>/<str:dataset>.<str:suffix>", public.LegacyOpenDataView.as_view(), name="open-data-legacy"),
    path("admin/", admin.site.urls),
]
