"""The admin site, for administrators (superusers) only.

Django lets in anyone with staff status and then shows each model the person has a permission for. Here
the role groups carry model permissions for the product's own screens (a reviewer's
change_quarterlyreport), so a reviewer given staff status could change a report in the admin around its
workflow. The site therefore asks for a superuser; users, departments and programmes are an administrator's."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _


class AdministratorsAdminSite(admin.AdminSite):
    site_header = _("지역일자리 목표공시 관리 · 시스템 관리")
    site_title = _("시스템 관리")

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and user.is_superuser)


class AdminConfig(DjangoAdminConfig):
    default_site = "geumcheon_jobs.admin_site.AdministratorsAdminSite"
