from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.MyDepartmentView.as_view(), name="mine"),
    path("board/", views.ReviewBoardView.as_view(), name="board"),
    path("board/approve/", views.BulkApproveView.as_view(), name="bulk-approve"),
    path("template.xlsx", views.TemplateDownloadView.as_view(), name="template"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/confirm/", views.ImportConfirmView.as_view(), name="import-confirm"),
    path("notices/", views.NoticeListView.as_view(), name="notices"),
    path("lines/", views.ApprovedLinesView.as_view(), name="lines"),
    path("targets/<str:code>/", views.TargetsView.as_view(), name="targets"),
    path("departments/<int:pk>/", views.DepartmentReportsView.as_view(), name="department"),
    path("board/deadline/", views.DeadlineView.as_view(), name="deadline"),
    path("entry/<int:department>/<int:year>/<int:quarter>/", views.ResultEntryView.as_view(), name="entry"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report"),
    path("reports/<int:pk>/history/", views.ReportHistoryView.as_view(), name="history"),
    path(
        "reports/<int:pk>/<str:action>/",
        views.ReportActionView.as_view(),
        name="action",
    ),
]
