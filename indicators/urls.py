from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.IndicatorsView.as_view(), name="index"),
    path("targets/", views.IndicatorTargetsView.as_view(), name="targets"),
    path("results/", views.IndicatorResultView.as_view(), name="result"),
    path("import/", views.KosisImportView.as_view(), name="import"),
]
