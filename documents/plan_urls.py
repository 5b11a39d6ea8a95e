from django.urls import path

from . import plan_views

urlpatterns = [
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
]
