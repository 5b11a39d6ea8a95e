"""The roles as groups with model permissions, kept in step on every migrate."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from performance.access import ADMINISTRATOR_GROUP, MANAGER_GROUP, REVIEWER_GROUP, STAFF_GROUP, SUPERVISOR_GROUP

# Model permissions of each role; `ensure_roles` writes them on every migrate.
ROLE_PERMISSIONS = {
    STAFF_GROUP: [
        "performance.view_quarterlyreport",
        "performance.add_quarterlyreport",
        "performance.change_quarterlyreport",
        "performance.view_quarterlyreportline",
        "performance.add_quarterlyreportline",
        "performance.change_quarterlyreportline",
        "performance.view_programme",
        "performance.view_pledge",
        "performance.view_termplan",
        "performance.view_yearplan",
        "performance.view_strategy",
        "performance.view_task",
        "indicators.view_indicatortarget",
        "indicators.view_indicatorresult",
    ],
    REVIEWER_GROUP: [
        "performance.view_all_departments",
        "performance.review_quarterlyreport",
        "performance.view_quarterlyreport",
        "performance.add_quarterlyreport",
        "performance.change_quarterlyreport",
        "performance.view_quarterlyreportline",
        "performance.add_quarterlyreportline",
        "performance.change_quarterlyreportline",
        "performance.view_programme",
        "performance.add_programme",
        "performance.change_programme",
        "performance.delete_programme",
        "performance.view_pledge",
        "performance.add_pledge",
        "performance.change_pledge",
        "performance.view_pledgeprogramme",
        "performance.add_pledgeprogramme",
        "performance.delete_pledgeprogramme",
        "performance.view_termplan",
        "performance.view_yearplan",
        "performance.view_strategy",
        "performance.view_task",
        "performance.add_termplan",
        "performance.change_termplan",
        "performance.add_yearplan",
        "performance.change_yearplan",
        "performance.add_strategy",
        "performance.change_strategy",
        "performance.delete_strategy",
        "performance.add_task",
        "performance.change_task",
        "performance.delete_task",
        "performance.view_annualtarget",
        "performance.add_annualtarget",
        "performance.change_annualtarget",
        "performance.view_progressentry",
        "performance.add_progressentry",
        "performance.change_progressentry",
        "budget.view_allocation",
        "budget.add_allocation",
        "budget.change_allocation",
        "budget.view_budgetline",
        "indicators.view_indicatortarget",
        "indicators.view_indicatorresult",
        "indicators.add_indicatortarget",
        "indicators.change_indicatortarget",
        "indicators.delete_indicatortarget",
        "indicators.add_indicatorresult",
        "indicators.change_indicatorresult",
        "indicators.delete_indicatorresult",
    ],
    MANAGER_GROUP: [
        "performance.view_all_departments",
        "performance.view_quarterlyreport",
        "performance.view_quarterlyreportline",
        "performance.view_programme",
        "performance.view_pledge",
        "performance.view_pledgeprogramme",
        "performance.view_termplan",
        "performance.view_yearplan",
        "performance.view_strategy",
        "performance.view_task",
        "performance.view_annualtarget",
        "performance.view_progressentry",
        "budget.view_allocation",
        "budget.view_budgetline",
        "indicators.view_indicatortarget",
        "indicators.view_indicatorresult",
    ],
    # 기관 관리자: its own government's users, departments, lists and funding sources (`performance.access`
    # `can_administer_government`); it reads no department's figures by this role.
    ADMINISTRATOR_GROUP: [
        "performance.administer_government",
        "performance.view_department",
        "performance.add_department",
        "performance.change_department",
        "performance.view_programmetype",
        "performance.add_programmetype",
        "performance.change_programmetype",
        "performance.delete_programmetype",
        "performance.view_targetgroup",
        "performance.add_targetgroup",
        "performance.change_targetgroup",
        "performance.delete_targetgroup",
        "performance.view_governmentfundingsource",
        "performance.add_governmentfundingsource",
        "performance.change_governmentfundingsource",
        "performance.delete_governmentfundingsource",
    ],
    # Reads its 시·도's 시·군·구 through the roll-up page only; no permission of a government's own pages.
    SUPERVISOR_GROUP: ["performance.view_governments_under"],
}


def ensure_roles(**kwargs) -> None:
    """Create the role groups and give each exactly its permissions (a post_migrate handler)."""
    for group_name, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        query = Q()
        for code in codes:
            app_label, codename = code.split(".")
            query |= Q(content_type__app_label=app_label, codename=codename)
        permissions = list(Permission.objects.filter(query).select_related("content_type"))
        found = {f"{p.content_type.app_label}.{p.codename}" for p in permissions}
        if missing := set(codes) - found:
            raise RuntimeError(f"Role {group_name} names unknown permissions: {sorted(missing)}")
        group.permissions.set(permissions)
