from django.urls import path

from . import views

app_name = "administration"

urlpatterns = [
    path("", views.AdministrationIndexView.as_view(), name="index"),
    path("users/", views.UserListView.as_view(), name="users"),
    path("users/new/", views.UserCreateView.as_view(), name="user-create"),
    path("users/<int:pk>/", views.UserEditView.as_view(), name="user"),
    path("departments/", views.DepartmentListView.as_view(), name="departments"),
    path("funding-sources/", views.FundingSourceView.as_view(), name="funding"),
    path("changes/", views.ChangeLogView.as_view(), name="changes"),
]
