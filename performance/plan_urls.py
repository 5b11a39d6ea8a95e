from django.urls import path

from .views import evaluation, outline
from .views import plans as views

app_name = "plans"

urlpatterns = [
    path("", views.PlanIndexView.as_view(), name="index"),
    path("lists/", outline.ListsView.as_view(), name="lists"),
    path("<int:year>/", views.YearPlanView.as_view(), name="year"),
    path("<int:year>/structure/", outline.StructureView.as_view(), name="structure"),
    path("<int:year>/programmes/new/", views.ProgrammeEditView.as_view(), name="programme-add"),
    path("<int:year>/programmes/<int:pk>/", views.ProgrammeEditView.as_view(), name="programme-edit"),
    path("<int:year>/programmes/<int:pk>/drop/", views.ProgrammeDropView.as_view(), name="programme-drop"),
    path("<int:year>/evaluation/", evaluation.EvaluationView.as_view(), name="evaluation"),
    path("<int:year>/versions/<int:number>/", views.EditionView.as_view(), name="version"),
    path("programmes/<int:pk>/", views.LineageView.as_view(), name="lineage"),
    path("pledges/new/", views.PledgeCreateView.as_view(), name="pledge-create"),
    path("pledges/<str:code>/<int:year>/", views.PledgeLinksView.as_view(), name="pledge-links"),
]
