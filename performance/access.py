"""Who may see what: the one place that turns a user into the departments they may read and change."""

from django.utils.translation import gettext_lazy as _

STAFF_GROUP = "department_staff"
REVIEWER_GROUP = "lead_reviewer"
MANAGER_GROUP = "manager"


def sees_all_departments(user) -> bool:
    """The lead department, managers and administrators read every department's figures."""
    return bool(user.is_active and (user.is_superuser or user.has_perm("performance.view_all_departments")))


def own_department(user):
    """The department a staff member belongs to, or None."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.department if membership else None


def role_label(user) -> str:
    """The role a person sees in the header, read from the permissions already loaded for the request."""
    if user.is_superuser:
        return str(_("시스템 관리자"))
    if can_review(user):
        return str(_("일자리창출과 검토자"))
    if sees_all_departments(user):
        return str(_("관리자(열람)"))
    return str(_("부서 담당자")) if own_department(user) else ""


def can_enter_results(user, department) -> bool:
    """Staff for their own department; the lead department for every department. Managers only read."""
    if not user.is_active or not user.has_perm("performance.change_quarterlyreport"):
        return False
    return sees_all_departments(user) or own_department(user) == department


def can_review(user) -> bool:
    """Approve, return and reopen: the lead department only."""
    return bool(user.is_active and user.has_perm("performance.review_quarterlyreport"))


def can_edit_plans(user) -> bool:
    """The term and yearly plans, their 세부사업 and the pledges' links to them: the lead department only."""
    return bool(sees_all_departments(user) and user.has_perm("performance.change_yearplan"))


def government_of(user) -> int | None:
    """The local government whose data a person works on: their department's. Someone without a department (a
    manager, an administrator) reads the government of the departments they may see — on today's one-government
    installs, that one (users belonging to one government is the multi-government work's)."""
    department = own_department(user)
    if department is not None:
        return department.local_government_id
    from .models import Department

    return (
        Department.objects.visible_to(user)
        .order_by("local_government_id")
        .values_list("local_government_id", flat=True)
        .first()
    )
