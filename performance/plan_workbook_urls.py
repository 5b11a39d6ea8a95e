"""The yearly plan's Excel round trip, under /plans/ (included beside the plan screens)."""

from django.urls import path

from .views import plan_workbook

app_name = "plan_workbook"

urlpatterns = [
    path("<int:year>/plan.xlsx", plan_workbook.PlanWorkbookView.as_view(), name="export"),
    path("<int:year>/import/", plan_workbook.PlanImportView.as_view(), name="import"),
    path("<int:year>/import/confirm/", plan_workbook.PlanImportConfirmView.as_view(), name="import-confirm"),
]
