from django.contrib import admin

from .models import AccessLog, ChangeRecord


class SuperuserReadOnlyAdmin(admin.ModelAdmin):
    """Read-only for superusers only: nobody adds, changes or deletes a record here, not even a superuser."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(SuperuserReadOnlyAdmin):
    """Old rows go only through `manage.py prune_access_log`."""

    list_display = ["at", "username", "ip_address", "kind", "method", "path", "status_code", "target"]
    list_filter = ["kind", "at", ("user", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["path", "username", "target"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    readonly_fields = [field.name for field in AccessLog._meta.fields]


@admin.register(ChangeRecord)
class ChangeRecordAdmin(SuperuserReadOnlyAdmin):
    """What administrators changed on screen."""

    list_display = ["at", "username", "government_id", "action", "target"]
    list_filter = ["action", "at"]
    search_fields = ["username", "target", "detail"]
    readonly_fields = [field.name for field in ChangeRecord._meta.fields]
