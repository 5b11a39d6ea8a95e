from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import summaries
from .models import (
    AnnualTarget,
    Department,
    FuturePlanItem,
    GovernmentFundingSource,
    LocalGovernment,
    Membership,
    Pledge,
    PledgeAuthor,
    PledgeProgramme,
    Programme,
    ProgrammeType,
    ProgressEntry,
    QuarterlyReport,
    QuarterlyReportLine,
    TargetGroup,
    TermPlan,
    YearPlan,
)


class GovernmentFundingSourceInline(admin.TabularInline):
    """The government's funding sources and their order (a new government without any uses 국비·시비·구비)."""

    model = GovernmentFundingSource
    extra = 0


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_demo"]
    list_filter = ["kind", "parent", "is_demo"]
    inlines = [GovernmentFundingSourceInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "local_government", "is_lead", "is_demo", "sort_order"]
    list_filter = ["local_government", "is_lead", "is_demo"]
    search_fields = ["name", "code"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "local_government", "department"]
    list_filter = ["local_government", "department"]
    search_fields = ["user__username", "department__name"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "local_government", "sort_order"]
    list_filter = ["local_government"]


@admin.register(ProgrammeType)
class ProgrammeTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "local_government", "sort_order"]
    list_filter = ["local_government"]


@admin.register(TermPlan)
class TermPlanAdmin(SimpleHistoryAdmin):
    list_display = ["name", "local_government", "first_year", "last_year", "jobs_target"]


@admin.register(YearPlan)
class YearPlanAdmin(SimpleHistoryAdmin):
    list_display = ["year", "local_government", "term", "status", "published_on"]
    list_filter = ["local_government", "status"]


class SummariesAdminMixin:
    """An edit on the admin site bypasses the services: the pledges' summaries of the year it touches are recomputed
    in the same transaction (`performance.summaries.refresh`), from before and after the change."""

    def summary_scope(self, obj) -> tuple[set[int], set[int]]:
        raise NotImplementedError

    def _refreshing(self, objects, change):
        scopes = [self.summary_scope(obj) for obj in objects]
        change()
        scopes += [self.summary_scope(obj) for obj in objects if obj.pk is not None]
        summaries.refresh(
            set().union(*(pledges for pledges, _ in scopes)), set().union(*(years for _, years in scopes))
        )

    def save_model(self, request, obj, form, change):
        before = self.summary_scope(type(obj).objects.get(pk=obj.pk)) if change else (set(), set())
        super().save_model(request, obj, form, change)
        after = self.summary_scope(obj)
        summaries.refresh(before[0] | after[0], before[1] | after[1])

    def delete_model(self, request, obj):
        self._refreshing([obj], lambda: super(SummariesAdminMixin, self).delete_model(request, obj))

    def delete_queryset(self, request, queryset):
        objects = list(queryset)
        self._refreshing(objects, lambda: super(SummariesAdminMixin, self).delete_queryset(request, queryset))


@admin.register(Programme)
class ProgrammeAdmin(SummariesAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "year_plan", "department", "target_group", "programme_type", "jobs_target", "is_active"]
    list_filter = ["year_plan__year", "department", "target_group", "programme_type", "is_active"]
    search_fields = ["name"]

    def summary_scope(self, obj):
        pledges = set(PledgeProgramme.objects.filter(programme=obj).values_list("pledge", flat=True))
        return pledges, {obj.year_plan.year}


@admin.register(PledgeProgramme)
class PledgeProgrammeAdmin(SummariesAdminMixin, SimpleHistoryAdmin):
    list_display = ["pledge", "programme"]
    list_filter = ["pledge", "programme__year_plan__year"]

    def summary_scope(self, obj):
        return {obj.pledge_id}, {obj.programme.year_plan.year}


class PledgeAuthorInline(admin.TabularInline):
    model = PledgeAuthor
    extra = 0


@admin.register(Pledge)
class PledgeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "status", "lead_department"]
    inlines = [PledgeAuthorInline]


@admin.register(AnnualTarget)
class AnnualTargetAdmin(SimpleHistoryAdmin):
    list_display = ["pledge", "year", "target_group", "jobs"]
    list_filter = ["pledge", "year", "target_group"]


class ReadOnlyAdminMixin:
    """What the admin site may look at but never add, change or delete: reports and their figures (they change
    only through the workflow in performance.services, which checks the state and keeps the reason and the
    results revision) and issued documents (frozen records of what was sent)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class QuarterlyReportLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = QuarterlyReportLine
    extra = 0


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["department", "year", "quarter", "status", "submitted_at", "reviewed_at"]
    list_filter = ["year", "quarter", "status", "department"]
    inlines = [QuarterlyReportLineInline]


@admin.register(ProgressEntry)
class ProgressEntryAdmin(SimpleHistoryAdmin):
    list_display = ["pledge", "year", "month", "text", "result_year", "result_quarter"]
    list_filter = ["pledge", "year"]


@admin.register(FuturePlanItem)
class FuturePlanItemAdmin(SimpleHistoryAdmin):
    list_display = ["pledge", "sort_order", "level", "text", "target_group"]
    list_filter = ["pledge"]
