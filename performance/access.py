"""Who may see what: the one place that turns a user into the departments they may read and change."""

from django.utils.translation import gettext_lazy as _

STAFF_GROUP = "department_staff"
REVIEWER_GROUP = "lead_reviewer"
MANAGER_GROUP = "manager"
ADMINISTRATOR_GROUP = "government_administrator"  # 기관 관리자
SUPERVISOR_GROUP = "supervisor"  # a 시·도's supervisor: reads the governments under its 시·도, changes nothing


def sees_all_departments(user) -> bool:
    """The lead department, managers and administrators read every department's figures — of their own government
    (`government_of`): `visible_to` applies both."""
    return bool(user.is_active and (user.is_superuser or user.has_perm("performance.view_all_departments")))


def own_department(user):
    """The department a staff member belongs to, or None."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.department if membership else None


def role_label(user) -> str:
    """The role a person sees in the header, read from the permissions already loaded for the request."""
    if user.is_superuser:
        return str(_("시스템 관리자"))
    if can_review_reports(user):
        # The government's own lead department names the role: 일자리창출과 in 금천구, 일자리경제과 elsewhere.
        department = own_department(user)
        lead = department.name if department is not None and department.is_lead else _("총괄부서")
        return str(_("%(department)s 검토자") % {"department": lead})
    if sees_all_departments(user):
        return str(_("관리자(열람)"))
    if can_administer_government(user):
        return str(_("기관 관리자"))
    if supervises(user):
        return str(_("시·도 감독(열람)"))
    return str(_("부서 담당자")) if own_department(user) else ""


def can_enter_results(user, department) -> bool:
    """Staff for their own department; the lead department for every department. Managers only read."""
    if not user.is_active or not user.has_perm("performance.change_quarterlyreport"):
        return False
    return sees_all_departments(user) or own_department(user) == department


# What the lead department (일자리창출과) may do, one predicate per permission. Each is the same test — a person
# who reads every department and holds the permission of that action — so a manager (who reads every department
# but holds none of them) and a department's staff (who hold some of them for their own department) never pass.


def _lead_department_may(user, permission: str) -> bool:
    return bool(sees_all_departments(user) and user.has_perm(permission))


def can_review_reports(user) -> bool:
    """Approve, return and reopen a department's quarterly report; bulk approval; the reporting deadlines."""
    return _lead_department_may(user, "performance.review_quarterlyreport")


def can_set_targets(user) -> bool:
    """The year's targets of a pledge: the total, each target group's and each 세부사업's."""
    return _lead_department_may(user, "performance.change_annualtarget")


def can_edit_plans(user) -> bool:
    """The term and yearly plans, their 세부사업 and the pledges' links to them."""
    return _lead_department_may(user, "performance.change_yearplan")


def can_edit_budget(user) -> bool:
    """A pledge's budget table: its lines and the secured and executed amounts, on screen or by upload."""
    return _lead_department_may(user, "budget.change_allocation")


def can_issue_documents(user) -> bool:
    """Mark an official document as sent (발송 처리), which freezes its file and figures: the lead department,
    whose reviewer role is the one that signs for official figures."""
    return _lead_department_may(user, "performance.review_quarterlyreport")


def can_edit_indicators(user) -> bool:
    """The employment indicators (고용률, 취업자 수): their targets in the plans and each half-year's results, by
    hand or from a KOSIS file."""
    return _lead_department_may(user, "indicators.change_indicatorresult")


def can_administer_government(user) -> bool:
    """기관 관리자: the users, departments, 부문·대상 lists and funding sources of their own government, on screen,
    without being a superuser. Only someone who belongs to a government administers one."""
    return bool(
        user.is_active and user.has_perm("performance.administer_government") and government_of(user) is not None
    )


def administers(user, government) -> bool:
    """Whether `user` administers `government` (a LocalGovernment or its id): their own one only."""
    return can_administer_government(user) and government_of(user) == getattr(government, "pk", government)


def can_edit_lists(user) -> bool:
    """The government's 부문 and 대상 lists: the lead department, which writes the plans, and the administrator."""
    return can_edit_plans(user) or can_administer_government(user)


def can_read_official_documents(user) -> bool:
    """The documents that list every department's figures — the quarterly report, the whole yearly plan in Excel,
    what was sent and its versions: the lead department and managers."""
    return sees_all_departments(user)


def supervises(user) -> bool:
    """A 시·도 supervisor: reads the plans, results and rates of the 시·군·구 under their own 시·도 (never writes)."""
    return bool(government_of(user) is not None and user.has_perm("performance.view_governments_under"))


def government_of(user) -> int | None:
    """The local government whose data a person works on: the one of their membership (every page a person signs
    in to reads this government only). None for the anonymous and for anyone without a membership — who then sees
    nothing outside the admin (a superuser adds governments there)."""
    membership = getattr(user, "membership", None) if user.is_authenticated and user.is_active else None
    return membership.local_government_id if membership else None
