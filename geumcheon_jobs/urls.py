from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import public, session_timeout, views
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
    path("", include("documents.urls")),
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
