"""Every official document's address: a pledge's documents in each format, the yearly plan's documents (signed in
and public), and issuing. Included by the site at its root; the names are global, as templates use them."""

from django.urls import path

from . import issuing_views, plan_views, views

urlpatterns = [
    path("pledges/<str:code>/card.<str:suffix>", views.PledgeCardDownloadView.as_view(), name="pledge-card-download"),
    path(
        "pledges/<str:code>/report/<int:year>/<int:quarter>.<str:suffix>",
        views.QuarterlyReportDownloadView.as_view(),
        name="quarterly-report",
    ),
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
    path("plans/<int:year>/documents/", plan_views.PlanDocumentsView.as_view(), name="plan-documents"),
    path(
        "plans/<int:year>/documents/<str:slug>.<str:suffix>",
        plan_views.PlanDocumentDownloadView.as_view(),
        name="plan-document",
    ),
    path(
        "public/<str:government>/documents/<int:year>/<str:slug>.<str:suffix>",
        plan_views.PublicPlanDocumentView.as_view(),
        name="public-plan-document",
    ),
    path("documents/issued/", issuing_views.IssuedDocumentListView.as_view(), name="issued-documents"),
    path("documents/issued/<int:pk>/", issuing_views.IssuedDocumentDetailView.as_view(), name="issued-document"),
    path(
        "documents/issued/<int:pk>/file/", issuing_views.IssuedDocumentFileView.as_view(), name="issued-document-file"
    ),
    path("documents/issue/", issuing_views.DocumentIssueView.as_view(), name="document-issue"),
]
