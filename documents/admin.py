"""The admin shows issued documents read only: nothing that records what was sent may be added, changed or deleted
there (the file itself is downloaded from the application's detail page)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from performance.admin import ReadOnlyAdminMixin

from .models import IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["pk", "kind", "year", "quarter", "file_format", "recipient", "sent_on", "issued_by", "issued_at"]
    list_filter = ["kind", "file_format", "sent_on"]
    search_fields = ["recipient", "sha256", "filename"]
    date_hierarchy = "issued_at"
    fields = [
        "local_government",
        "pledge",
        "kind",
        "year",
        "quarter",
        "file_format",
        "recipient",
        "sent_on",
        "issued_by",
        "issued_at",
        "filename",
        "mimetype",
        "sha256",
        "figures",
        "page",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).without_file().select_related("local_government", "pledge", "issued_by")

    @admin.display(description=_("화면"))
    def page(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("issued-document", args=[obj.pk]), _("발송 문서 화면에서 보기")
        )
