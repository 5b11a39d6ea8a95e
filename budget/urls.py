from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("", views.BudgetIndexView.as_view(), name="index"),
    path("<str:code>/", views.BudgetView.as_view(), name="detail"),
    path("<str:code>/edit/", views.BudgetEditView.as_view(), name="edit"),
    path("<str:code>/budget.xlsx", views.BudgetExportView.as_view(), name="export"),
    path("<str:code>/import/", views.BudgetImportView.as_view(), name="import"),
    path("<str:code>/import/confirm/", views.BudgetImportConfirmView.as_view(), name="import-confirm"),
    path("<str:code>/history/", views.BudgetHistoryView.as_view(), name="history"),
]
