from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Allocation, BudgetLine


class AllocationInline(admin.TabularInline):
    model = Allocation
    extra = 0


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["name", "pledge", "sort_order"]
    inlines = [AllocationInline]


@admin.register(Allocation)
class AllocationAdmin(SimpleHistoryAdmin):
    list_display = ["budget_line", "year", "source", "secured", "executed"]
    list_filter = ["budget_line__pledge", "year", "source"]
