"""What a government's administrator (기관 관리자) changes on screen: its users, its departments and its funding
sources. Each change is a function that checks who may make it on which government, locks what it changes, saves
and writes its change record (`audit.changes.record_change`) in one transaction. Nothing here reaches another
government's rows: every object is looked up through the government, and another government's id is not found.

It lives in the site package because a funding source in use is found in both apps: the plans' budgets
(`performance`) and the pledges' budget lines (`budget`)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.changes import record_change
from budget.models import Allocation
from performance.access import (
    ADMINISTRATOR_GROUP,
    MANAGER_GROUP,
    REVIEWER_GROUP,
    STAFF_GROUP,
    administers,
)
from performance.funding import source_label, sources_of
from performance.models import (
    Department,
    FundingSource,
    GovernmentFundingSource,
    LocalGovernment,
    Membership,
    ProgrammeBudget,
)

# The roles an administrator gives, each a group (`geumcheon_jobs.roles`), in the order the form offers them.
ROLES = {
    STAFF_GROUP: gettext_lazy("부서 담당자"),
    REVIEWER_GROUP: gettext_lazy("일자리창출과 검토자"),
    MANAGER_GROUP: gettext_lazy("관리자(열람)"),
    ADMINISTRATOR_GROUP: gettext_lazy("기관 관리자"),
}

NOT_ADMINISTRATOR = gettext_lazy("소속 기관의 기관 관리자만 사용자, 부서와 재원을 관리할 수 있습니다.")
USERNAME_TAKEN = gettext_lazy("이미 쓰는 아이디입니다: %(username)s. 다른 아이디를 정하세요.")
FOREIGN_DEPARTMENT = gettext_lazy("이 기관의 부서가 아닙니다. 목록에 있는 부서를 고르세요.")
UNKNOWN_ROLE = gettext_lazy("목록에 있는 역할을 고르세요.")
SELF_DEACTIVATION = gettext_lazy("자기 계정은 사용 중지할 수 없습니다. 다른 기관 관리자에게 요청하세요.")
SELF_DEMOTION = gettext_lazy("자기 계정의 기관 관리자 역할은 뺄 수 없습니다. 다른 기관 관리자에게 요청하세요.")
NOTHING_CHANGED = gettext_lazy("바뀐 내용이 없습니다. 아무것도 저장하지 않았습니다.")
DEPARTMENT_NAME_TAKEN = gettext_lazy("'%(name)s' 부서가 이미 있습니다. 다른 이름을 쓰세요.")
DEPARTMENT_CODE_TAKEN = gettext_lazy("이미 다른 부서가 쓰는 부서 코드입니다: %(code)s. 다른 코드를 쓰세요.")
DEPARTMENT_NAME_REQUIRED = gettext_lazy("부서명을 입력하세요.")
DEPARTMENT_IN_USE = gettext_lazy(
    "기록이 있는 부서는 지울 수 없습니다(%(name)s: %(uses)s). 이름을 바꾸거나 그대로 두세요."
)
NOT_MOVED = gettext_lazy("이미 그 자리에 있습니다.")
SOURCE_ALREADY_USED = gettext_lazy("이미 이 기관의 재원입니다: %(source)s.")
SOURCE_NOT_OURS = gettext_lazy("이 기관의 재원이 아닙니다: %(source)s.")
SOURCE_IN_USE = gettext_lazy(
    "'%(source)s'에는 예산이 있어(%(uses)s) 재원에서 뺄 수 없습니다. 그 예산을 먼저 다른 재원으로 옮기세요."
)
UNKNOWN_SOURCE = gettext_lazy("목록에 있는 재원을 고르세요.")
LAST_SOURCE = gettext_lazy("재원이 하나는 있어야 합니다.")


class AdministrationRefused(Exception):
    """A change refused for a reason the person can act on; `message` is Korean."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class NotFound(Exception):
    """An id that is not of the administrator's government (or of nothing): the page answers 404."""


def _check(by, government: LocalGovernment) -> None:
    if not administers(by, government):
        raise PermissionDenied(NOT_ADMINISTRATOR)


def _counted(parts: list[tuple[int, str]]) -> str:
    return ", ".join(f"{label} {count:,}건" for count, label in parts if count)


def _reordered(rows: list, pk: int, position: int) -> tuple[list, int]:
    """`rows` (in their order) with the row `pk` moved to `position` (1-based, kept within the list), and that
    position; refused when it would stay where it is."""
    item = next(row for row in rows if row.pk == pk)
    others = [row for row in rows if row.pk != pk]
    position = min(max(position, 1), len(others) + 1)
    if rows.index(item) == position - 1:
        raise AdministrationRefused(NOT_MOVED)
    others.insert(position - 1, item)
    return others, position


def _renumber(rows: list, save) -> None:
    """Number `rows` 1, 2, 3… in their order, saving (`save(row)`) only those whose number changes."""
    for number, row in enumerate(rows, start=1):
        if row.sort_order != number:
            row.sort_order = number
            save(row)


# --- users ----------------------------------------------------------------------------------------------------


def government_users(government: LocalGovernment):
    """The people of the government (their membership's government; a manager may have no department)."""
    return (
        get_user_model()
        .objects.filter(membership__local_government=government)
        .select_related("membership__department")
        .prefetch_related("groups")
        .order_by("membership__department__sort_order", "username")
    )


def role_of(user) -> str:
    """The role group the person holds (the first of `ROLES` they are in), or ""."""
    names = {group.name for group in user.groups.all()}
    return next((role for role in ROLES if role in names), "")


def _government_user(government: LocalGovernment, pk: int):
    user = get_user_model().objects.select_for_update().filter(pk=pk).first()
    if user is None or not Membership.objects.filter(user=user, local_government=government).exists():
        raise NotFound
    return user


def _department(government: LocalGovernment, department) -> Department:
    if department is None or department.local_government_id != government.pk:
        raise AdministrationRefused(FOREIGN_DEPARTMENT)
    return department


def _set_role(user, role: str) -> None:
    if role not in ROLES:
        raise AdministrationRefused(UNKNOWN_ROLE)
    user.groups.remove(*Group.objects.filter(name__in=list(ROLES)))
    user.groups.add(Group.objects.get(name=role))


def _password(password: str, user) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise AdministrationRefused(" ".join(error.messages)) from None


@transaction.atomic
def user_create(*, by, government, username: str, full_name: str, email: str, department, role: str, password: str):
    """A new account of the government with its department, role and first password (the person changes it after
    signing in)."""
    _check(by, government)
    username = (username or "").strip()
    model = get_user_model()
    if model.objects.filter(username__iexact=username).exists():
        raise AdministrationRefused(USERNAME_TAKEN % {"username": username})
    department = _department(government, department)
    user = model(username=username, first_name=(full_name or "").strip(), email=(email or "").strip())
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise AdministrationRefused(" ".join(error.messages)) from None
    _password(password, user)
    user.set_password(password)
    user.save()
    _set_role(user, role)
    Membership.objects.create(user=user, local_government=government, department=department)
    detail = _("부서 %(department)s, 역할 %(role)s") % {"department": department.name, "role": ROLES[role]}
    record_change(user=by, government_id=government.pk, action=_("사용자 추가"), target=username, detail=detail)
    return user


@transaction.atomic
def user_change(*, by, government, pk: int, full_name: str, email: str, department, role: str):
    """Change a person's name, e-mail, department and role; each difference in the change record."""
    _check(by, government)
    user = _government_user(government, pk)
    department = _department(government, department)
    if user.pk == by.pk and role != ADMINISTRATOR_GROUP and role_of(user) == ADMINISTRATOR_GROUP:
        raise AdministrationRefused(SELF_DEMOTION)
    membership = Membership.objects.select_related("department").get(user=user)
    old = {
        "name": user.first_name,
        "email": user.email,
        "department": membership.department.name if membership.department else "",
        "role": role_of(user),
    }
    new = {
        "name": (full_name or "").strip(),
        "email": (email or "").strip(),
        "department": department.name,
        "role": role,
    }
    labels = {"name": _("이름"), "email": _("전자우편"), "department": _("부서"), "role": _("역할")}
    shown = {"role": lambda value: str(ROLES.get(value, "—"))}
    changes = [
        f"{labels[key]}: {shown.get(key, str)(old[key]) or '—'} → {shown.get(key, str)(new[key]) or '—'}"
        for key in labels
        if old[key] != new[key]
    ]
    if not changes:
        raise AdministrationRefused(NOTHING_CHANGED)
    user.first_name, user.email = new["name"], new["email"]
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise AdministrationRefused(" ".join(error.messages)) from None
    user.save(update_fields=["first_name", "email"])
    if old["role"] != role:
        _set_role(user, role)
    if membership.department_id != department.pk:
        membership.department = department
        membership.save(update_fields=["department"])
    record_change(
        user=by, government_id=government.pk, action=_("사용자 변경"), target=user.username, detail="; ".join(changes)
    )
    return user


@transaction.atomic
def user_set_active(*, by, government, pk: int, active: bool):
    """Stop an account (it can no longer sign in; its history stays) or let it sign in again."""
    _check(by, government)
    user = _government_user(government, pk)
    if not active and user.pk == by.pk:
        raise AdministrationRefused(SELF_DEACTIVATION)
    if user.is_active == active:
        raise AdministrationRefused(NOTHING_CHANGED)
    user.is_active = active
    user.save(update_fields=["is_active"])
    action = _("사용 재개") if active else _("사용 중지")
    record_change(user=by, government_id=government.pk, action=action, target=user.username)
    return user


@transaction.atomic
def user_reset_password(*, by, government, pk: int, password: str):
    """Give a person a new password (told to them in person; they change it after signing in). The password itself
    is never recorded."""
    _check(by, government)
    user = _government_user(government, pk)
    _password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record_change(user=by, government_id=government.pk, action=_("비밀번호 재설정"), target=user.username)
    return user


# --- departments ----------------------------------------------------------------------------------------------


def _locked_departments(government) -> list[Department]:
    return list(
        Department.objects.select_for_update().filter(local_government=government).order_by("sort_order", "name")
    )


def _department_name(government, name: str, *, exclude: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise AdministrationRefused(DEPARTMENT_NAME_REQUIRED)
    if Department.objects.filter(local_government=government, name=name).exclude(pk=exclude).exists():
        raise AdministrationRefused(DEPARTMENT_NAME_TAKEN % {"name": name})
    return name


@transaction.atomic
def department_add(*, by, government, name: str, code: str) -> Department:
    """A new department of the government, last in its order."""
    _check(by, government)
    name = _department_name(government, name)
    code = (code or "").strip()
    if Department.objects.filter(local_government=government, code=code).exists():
        raise AdministrationRefused(DEPARTMENT_CODE_TAKEN % {"code": code})
    last = Department.objects.filter(local_government=government).aggregate(last=Max("sort_order"))["last"] or 0
    department = Department(local_government=government, name=name, code=code, sort_order=last + 1)
    try:
        department.full_clean()
    except ValidationError as error:
        raise AdministrationRefused(" ".join(error.messages)) from None
    department.save()
    record_change(user=by, government_id=government.pk, action=_("부서 추가"), target=name, detail=code)
    return department


def _government_department(government, pk: int) -> Department:
    department = Department.objects.select_for_update().filter(local_government=government, pk=pk).first()
    if department is None:
        raise NotFound
    return department


@transaction.atomic
def department_rename(*, by, government, pk: int, name: str) -> Department:
    """A new name: every page, table and document shows it from now on."""
    _check(by, government)
    department = _government_department(government, pk)
    name = _department_name(government, name, exclude=department.pk)
    if name == department.name:
        raise AdministrationRefused(NOTHING_CHANGED)
    old, department.name = department.name, name
    department.save(update_fields=["name"])
    record_change(
        user=by, government_id=government.pk, action=_("부서 이름 변경"), target=name, detail=f"{old} → {name}"
    )
    return department


@transaction.atomic
def department_move(*, by, government, pk: int, position: int) -> Department:
    """Put a department at `position` (1-based) of the government's order, which every table follows."""
    _check(by, government)
    department = _government_department(government, pk)
    rows, position = _reordered(_locked_departments(government), department.pk, position)
    _renumber(rows, lambda row: row.save(update_fields=["sort_order"]))
    detail = _("%(position)s번째로") % {"position": position}
    record_change(
        user=by, government_id=government.pk, action=_("부서 순서 변경"), target=department.name, detail=detail
    )
    return department


def department_uses(department: Department) -> str:
    """What keeps a department from being deleted, counted ("세부사업 3건, 실적 보고 12건"), or "" when nothing."""
    return _counted(
        [
            (department.programmes.count(), _("세부사업")),
            (department.reports.count(), _("실적 보고")),
            (department.members.count(), _("사용자")),
            (department.led_pledges.count(), _("공약(주관부서)")),
            (department.notices.count(), _("알림")),
        ]
    )


@transaction.atomic
def department_delete(*, by, government, pk: int) -> str:
    """Delete a department that nothing refers to (a new one added by mistake); refused, with what it has, else."""
    _check(by, government)
    department = _government_department(government, pk)
    if uses := department_uses(department):
        raise AdministrationRefused(DEPARTMENT_IN_USE % {"name": department.name, "uses": uses})
    name = department.name
    department.delete()
    record_change(user=by, government_id=government.pk, action=_("부서 삭제"), target=name)
    return name


# --- funding sources ------------------------------------------------------------------------------------------


def _source_save(row: GovernmentFundingSource, by) -> GovernmentFundingSource:
    row._history_user = by
    row.save()
    return row


def _locked_sources(government, by) -> list[GovernmentFundingSource]:
    """The government's source rows, locked; a government still on the default sources gets them written first, so
    that a change starts from what its pages showed."""
    rows = list(GovernmentFundingSource.objects.select_for_update().filter(local_government=government))
    if not rows:
        for order, (source, _label) in enumerate(sources_of(government), start=1):
            row = GovernmentFundingSource(local_government=government, source=source, sort_order=order)
            rows.append(_source_save(row, by))
    return sorted(rows, key=lambda row: (row.sort_order, row.pk))


@transaction.atomic
def funding_source_add(*, by, government, source: str) -> str:
    """Add a source of the national vocabulary to the government's, last."""
    _check(by, government)
    if source not in FundingSource.values:
        raise AdministrationRefused(UNKNOWN_SOURCE)
    rows = _locked_sources(government, by)
    if any(row.source == source for row in rows):
        raise AdministrationRefused(SOURCE_ALREADY_USED % {"source": source_label(source)})
    rows.append(_source_save(GovernmentFundingSource(local_government=government, source=source, sort_order=0), by))
    _renumber(rows, lambda row: _source_save(row, by))
    record_change(user=by, government_id=government.pk, action=_("재원 추가"), target=source_label(source))
    return source_label(source)


def _source_row(rows, source: str) -> GovernmentFundingSource:
    row = next((row for row in rows if row.source == source), None)
    if row is None:
        raise AdministrationRefused(SOURCE_NOT_OURS % {"source": source_label(source)})
    return row


@transaction.atomic
def funding_source_move(*, by, government, source: str, position: int) -> str:
    """Put a source at `position` (1-based): every table, form and file of the government follows the order."""
    _check(by, government)
    rows = _locked_sources(government, by)
    row = _source_row(rows, source)
    rows, position = _reordered(rows, row.pk, position)
    _renumber(rows, lambda row: _source_save(row, by))
    detail = _("%(position)s번째로") % {"position": position}
    record_change(
        user=by, government_id=government.pk, action=_("재원 순서 변경"), target=source_label(source), detail=detail
    )
    return source_label(source)


def source_uses(government, source: str) -> str:
    """The budgets that draw on the source in the government (plans' 세부사업 and pledges' budget lines), counted."""
    return _counted(
        [
            (
                ProgrammeBudget.objects.filter(
                    programme__year_plan__local_government=government, source=source
                ).count(),
                _("세부사업 예산"),
            ),
            (
                Allocation.objects.filter(budget_line__pledge__local_government=government, source=source).count(),
                _("공약 예산"),
            ),
        ]
    )


@transaction.atomic
def funding_source_remove(*, by, government, source: str) -> str:
    """Take a source off the government's list; refused while any budget of the government draws on it, or when it
    is the last one."""
    _check(by, government)
    rows = _locked_sources(government, by)
    row = _source_row(rows, source)
    if len(rows) == 1:
        raise AdministrationRefused(LAST_SOURCE)
    if uses := source_uses(government, source):
        raise AdministrationRefused(SOURCE_IN_USE % {"source": source_label(source), "uses": uses})
    row._history_user = by
    row.delete()
    _renumber([other for other in rows if other.pk != row.pk], lambda row: _source_save(row, by))
    record_change(user=by, government_id=government.pk, action=_("재원 삭제"), target=source_label(source))
    return source_label(source)
