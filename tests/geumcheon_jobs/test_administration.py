"""기관 관리: a government's administrator, not a superuser, manages on screen its own government's users,
departments, 부문·대상 lists and funding sources, each change in the change record with who and when — and never
sees or changes another government's."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from audit.models import AccessLog, ChangeRecord
from budget.models import Allocation
from performance.access import ADMINISTRATOR_GROUP, STAFF_GROUP
from performance.funding import sources_of
from performance.models import Department, Membership, ProgrammeBudget, ProgrammeType
from tests.factories import AllocationFactory, BudgetLineFactory, PledgeFactory, UserFactory
from tests.performance.plan_world import plan_world

pytestmark = pytest.mark.django_db

PASSWORD = "새-비밀번호-2026!"


@pytest.fixture
def two():
    """Two governments, 가구 (A) and 나구 (B), each with its plan, lead reviewer and staff; A has an administrator."""
    first, second = plan_world(name="가구"), plan_world(name="나구")
    administrator = UserFactory(role=ADMINISTRATOR_GROUP, username="ga-admin")
    Membership.objects.create(user=administrator, department=first.first)
    return first, second, administrator


@pytest.fixture
def admin_client(client, two):
    client.force_login(two[2])
    return client


def url(name, *args):
    return reverse(f"administration:{name}", args=args)


def test_the_administrator_adds_a_user_on_screen(two, admin_client, client):
    first, _second, administrator = two
    response = admin_client.post(
        url("user-create"),
        {
            "username": "ga-dept09",
            "full_name": "홍길동",
            "email": "hong@ga.example.go.kr",
            "department": first.second.pk,
            "role": STAFF_GROUP,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    person = get_user_model().objects.get(username="ga-dept09")
    assert person.first_name == "홍길동" and not person.is_superuser and person.check_password(PASSWORD)
    assert person.membership.department == first.second
    assert [group.name for group in person.groups.all()] == [STAFF_GROUP]
    record = ChangeRecord.objects.get(action="사용자 추가")
    assert (record.user, record.government_id, record.target) == (administrator, first.government.pk, "ga-dept09")
    assert "홍길동" in admin_client.get(url("users")).content.decode()
    admin_client.logout()
    signed_in = client.post(reverse("login"), {"username": "ga-dept09", "password": PASSWORD})
    assert signed_in.status_code == 302 and client.session.get("_auth_user_id") == str(person.pk)


def test_the_administrator_adds_a_department_on_screen(two, admin_client):
    first, second, administrator = two
    before = Department.objects.filter(local_government=first.government).count()
    response = admin_client.post(url("departments"), {"name": "가구청년정책과", "code": "youth"})
    assert response.status_code == 302
    added = Department.objects.get(name="가구청년정책과")
    assert added.local_government == first.government and added.code == "youth"
    assert Department.objects.filter(local_government=first.government).count() == before + 1
    assert added.sort_order == max(d.sort_order for d in Department.objects.filter(local_government=first.government))
    assert not Department.objects.filter(local_government=second.government, name="가구청년정책과").exists()
    record = ChangeRecord.objects.get(action="부서 추가")
    assert (record.user, record.government_id, record.target) == (administrator, first.government.pk, "가구청년정책과")
    assert "가구청년정책과" in admin_client.get(url("departments")).content.decode()


def test_an_administrator_of_one_government_neither_sees_nor_changes_anothers_users(two, admin_client):
    first, second, _administrator = two
    html = admin_client.get(url("users")).content.decode()
    assert first.staff.username in html and first.lead.username in html
    assert second.staff.username not in html and second.lead.username not in html
    assert admin_client.get(url("user", second.staff.pk)).status_code == 404
    assert admin_client.post(url("user", second.staff.pk), {"active": "0"}).status_code == 404
    password = {"password1": PASSWORD, "password2": PASSWORD}
    assert admin_client.post(url("user", second.staff.pk), password).status_code == 404
    second.staff.refresh_from_db()
    assert second.staff.is_active and not second.staff.check_password(PASSWORD)
    # A new user in B's department: refused with the list's message, nobody created.
    response = admin_client.post(
        url("user-create"),
        {"username": "intruder", "full_name": "침입", "department": second.second.pk, "role": STAFF_GROUP} | password,
    )
    assert response.status_code == 400 and "목록에 있는 항목을 고르세요." in response.content.decode()
    assert not get_user_model().objects.filter(username="intruder").exists()
    assert not ChangeRecord.objects.exists()


def test_an_administrator_of_one_government_cannot_change_anothers_departments_or_lists(two, admin_client):
    _first, second, _administrator = two
    for data in (
        {"action": "rename", "pk": second.second.pk, "name": "바뀐과"},
        {"action": "delete", "pk": second.second.pk},
    ):
        assert admin_client.post(url("departments"), data).status_code == 404
    assert Department.objects.filter(pk=second.second.pk, name=second.second.name).exists()
    html = admin_client.get(url("departments")).content.decode()
    assert second.second.name not in html
    item = ProgrammeType.objects.filter(local_government=second.government).first()
    response = admin_client.post(
        reverse("plans:lists"), {"kind": "type", "pk": item.pk, "name": "바뀐 부문", "reason": "정리"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.name != "바뀐 부문"


def test_the_administrator_changes_its_own_lists_on_the_plans_page(two, admin_client):
    first, _second, _administrator = two
    response = admin_client.post(
        reverse("plans:lists"), {"kind": "type", "pk": "", "name": "사회서비스", "reason": "신설"}
    )
    assert response.status_code == 302
    assert ProgrammeType.objects.filter(local_government=first.government, name="사회서비스").exists()


@pytest.mark.parametrize("who", ["lead", "staff"])
def test_the_lead_department_and_staff_do_not_administer(two, client, who):
    client.force_login(getattr(two[0], who))
    for name in ("index", "users", "departments", "funding", "changes"):
        assert client.get(url(name)).status_code == 403
    response = client.post(url("departments"), {"name": "몰래과", "code": "sneak"})
    assert response.status_code == 403 and not Department.objects.filter(name="몰래과").exists()


def test_a_department_with_data_is_not_deleted_and_an_empty_one_is(two, admin_client):
    first, _second, _administrator = two
    response = admin_client.post(url("departments"), {"action": "delete", "pk": first.second.pk})
    html = response.content.decode()
    # 가구복지과 has one 세부사업 (어르신일자리) and one user (the world's staff member).
    assert response.status_code == 400 and "세부사업 1건" in html and "사용자 1건" in html
    assert Department.objects.filter(pk=first.second.pk).exists()
    empty = Department.objects.create(local_government=first.government, name="가구임시과", code="temp", sort_order=9)
    assert admin_client.post(url("departments"), {"action": "delete", "pk": empty.pk}).status_code == 302
    assert not Department.objects.filter(pk=empty.pk).exists()
    assert ChangeRecord.objects.filter(action="부서 삭제", target="가구임시과").exists()


def test_departments_are_renamed_and_ordered(two, admin_client):
    first, _second, _administrator = two
    admin_client.post(url("departments"), {"action": "rename", "pk": first.second.pk, "name": "가구어르신과"})
    assert Department.objects.get(pk=first.second.pk).name == "가구어르신과"
    ordered = Department.objects.filter(local_government=first.government).order_by("sort_order", "name")
    top, below = list(ordered)
    response = admin_client.post(url("departments"), {"action": "move", "pk": top.pk, "position": 2})
    assert response.status_code == 302 and list(ordered.all()) == [below, top]
    response = admin_client.post(url("departments"), {"action": "move", "pk": top.pk, "position": 2})
    assert response.status_code == 400 and "이미 그 자리에 있습니다." in response.content.decode()


def test_stopping_an_account_and_a_new_password(two, admin_client, client):
    first, _second, administrator = two
    assert (
        admin_client.post(url("user", first.staff.pk), {"password1": PASSWORD, "password2": PASSWORD}).status_code
        == 302
    )
    assert admin_client.post(url("user", first.staff.pk), {"active": "0"}).status_code == 302
    first.staff.refresh_from_db()
    assert first.staff.check_password(PASSWORD) and not first.staff.is_active
    response = admin_client.post(url("user", administrator.pk), {"active": "0"})
    assert response.status_code == 400 and "자기 계정은 사용 중지할 수 없습니다" in response.content.decode()
    actions = list(ChangeRecord.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["비밀번호 재설정", "사용 중지"]
    assert PASSWORD not in "".join(ChangeRecord.objects.values_list("detail", flat=True))


def test_a_weak_password_is_refused_in_korean(two, admin_client):
    first, _second, _administrator = two
    response = admin_client.post(url("user", first.staff.pk), {"password1": "1234", "password2": "1234"})
    assert response.status_code == 400
    assert "비밀번호" in response.content.decode() and not ChangeRecord.objects.exists()


def test_the_user_list_is_in_the_access_log(two, admin_client):
    admin_client.get(url("users"))
    assert AccessLog.objects.filter(kind=AccessLog.Kind.PERSONAL, path=url("users")).exists()


def test_funding_sources_are_added_ordered_and_removed_while_unused(two, admin_client):
    first, second, _administrator = two
    assert admin_client.post(url("funding"), {"action": "add", "source": "private"}).status_code == 302
    assert admin_client.post(url("funding"), {"action": "move", "source": "private", "position": 1}).status_code == 302
    assert [label for _source, label in sources_of(first.government)] == ["민자", "국비", "시비", "구비"]
    assert admin_client.post(url("funding"), {"action": "remove", "source": "city"}).status_code == 302
    assert [label for _source, label in sources_of(first.government)] == ["민자", "국비", "구비"]
    assert [label for _source, label in sources_of(second.government)] == ["국비", "시비", "구비"]  # B's untouched
    actions = list(ChangeRecord.objects.order_by("pk").values_list("action", "target"))
    assert actions == [("재원 추가", "민자"), ("재원 순서 변경", "민자"), ("재원 삭제", "시비")]


def test_a_funding_source_with_budgets_is_not_removed(two, admin_client):
    first, _second, _administrator = two
    ProgrammeBudget.objects.create(programme=first.programmes[0], source="district", secured=10)
    line = BudgetLineFactory(pledge=PledgeFactory(local_government=first.government))
    AllocationFactory(budget_line=line, source="district")
    response = admin_client.post(url("funding"), {"action": "remove", "source": "district"})
    html = response.content.decode()
    assert response.status_code == 400 and "세부사업 예산 1건" in html and "공약 예산 1건" in html
    assert "district" in [source for source, _label in sources_of(first.government)]
    assert Allocation.objects.filter(budget_line=line).exists()


def test_every_page_opens_for_the_administrator_with_its_menu(two, admin_client):
    first, _second, _administrator = two
    for name, args in (
        ("index", ()),
        ("users", ()),
        ("user-create", ()),
        ("user", (first.staff.pk,)),
        ("departments", ()),
        ("funding", ()),
        ("changes", ()),
    ):
        response = admin_client.get(url(name, *args))
        assert response.status_code == 200, name
        assert 'href="/manage/"' in response.content.decode()  # 기관 관리 in the main menu
    home = admin_client.get(reverse("plans:lists")).content.decode()
    assert "기관 관리" in home and "부문 추가" in home  # the administrator may change the lists
