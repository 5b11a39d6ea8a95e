"""부문 and 대상 are each local government's lists, edited by the lead department on screen with a reason kept in the
history — added, renamed, put in order and deleted (never while a 세부사업 of any year or a pledge uses the item);
everyone signed in reads them; nobody reaches another government's list."""

from collections import Counter
from io import BytesIO

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from performance import outline_services
from performance.models import AnnualTarget, FuturePlanItem, Programme, ProgrammeType, TargetGroup, YearPlan
from performance.plans import plan_sheet
from tests.factories import AnnualTargetFactory, PledgeFactory, ProgrammeTypeFactory, TargetGroupFactory

URL = reverse("plans:lists")


def test_the_lead_department_adds_a_programme_type_with_a_reason(login, card_data):
    client = login("lead")
    response = client.post(URL, {"kind": "type", "name": "시설건립", "reason": "2027년 부문 추가(고용노동부 지침)"})
    assert response.status_code == 302
    added = ProgrammeType.objects.get(local_government=card_data.local_government, name="시설건립")
    record = added.history.get()
    assert (record.history_user.username, record.history_change_reason) == ("lead", "2027년 부문 추가(고용노동부 지침)")
    assert "시설건립" in client.get(URL).content.decode()


def test_renaming_a_group_follows_into_every_programme_and_keeps_the_old_name(login, card_data):
    client = login("lead")
    group = TargetGroup.objects.get(local_government=card_data.local_government, name="청년층")
    data = {"kind": "group", "pk": group.pk, "name": "청년", "reason": "지침의 이름으로"}
    assert client.post(URL, data).status_code == 302
    assert Programme.objects.filter(target_group__name="청년").exists()
    names = list(group.history.order_by("history_id").values_list("name", flat=True))
    assert names[-2:] == ["청년층", "청년"]  # the seed's record, then the rename
    assert group.history.latest("history_id").history_change_reason == "지침의 이름으로"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "type", "name": "직접일자리", "reason": "중복"}, "이미 있는 이름입니다"),
        ({"kind": "group", "name": "여성", "reason": ""}, ""),
        ({"kind": "type", "name": "   ", "reason": "빈 이름"}, ""),
    ],
)
def test_a_duplicate_or_a_missing_name_or_reason_is_refused_and_nothing_changes(login, card_data, data, message):
    client = login("lead")
    before = list(ProgrammeType.objects.values_list("pk", "name")), list(TargetGroup.objects.values_list("pk", "name"))
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    after = list(ProgrammeType.objects.values_list("pk", "name")), list(TargetGroup.objects.values_list("pk", "name"))
    assert after == before


def test_staff_and_managers_read_but_cannot_change(login, card_data):
    for username in ("dept03", "manager"):
        client = login(username)
        page = client.get(URL)
        assert (
            page.status_code == 200 and "직접일자리" in page.content.decode() and "바꾸기" not in page.content.decode()
        )
        assert client.post(URL, {"kind": "type", "name": "새 부문", "reason": "x"}).status_code == 403
    assert not ProgrammeType.objects.filter(name="새 부문").exists()


def test_another_governments_item_cannot_be_renamed(card_data, django_user_model):
    foreign = TargetGroupFactory(local_government__name="다른구", name="청년층")
    lead = django_user_model.objects.get(username="lead")
    with pytest.raises(PermissionDenied):
        outline_services.list_item_rename(
            user=lead, government=card_data.local_government, kind="group", pk=foreign.pk, name="바꿈", reason="x"
        )
    foreign.refresh_from_db()
    assert foreign.name == "청년층"


def names(model, government) -> list[str]:
    return list(model.objects.filter(local_government=government).values_list("name", flat=True))


def move(client, kind, item, position):
    return client.post(URL, {"kind": kind, "pk": item.pk, "action": "move", "position": position})


def delete(client, kind, item, reason="더 쓰지 않음"):
    return client.post(URL, {"kind": kind, "pk": item.pk, "action": "delete", "reason": reason})


def test_moving_a_group_up_puts_it_there_on_the_list_the_plan_totals_and_the_plan_file(
    login, card_data, django_user_model
):
    government = card_data.local_government
    before = names(TargetGroup, government)
    women = TargetGroup.objects.get(local_government=government, name="여성")
    assert before.index("여성") > 1
    client = login("lead")
    assert move(client, "group", women, 1).status_code == 302
    expected = ["여성"] + [name for name in before if name != "여성"]
    assert names(TargetGroup, government) == expected
    page = client.get(URL).content.decode()
    assert [page.index(f">{name}</th>") for name in expected] == sorted(
        page.index(f">{name}</th>") for name in expected
    )
    plan = YearPlan.objects.get(local_government=government, year=2026)
    lead = django_user_model.objects.get(username="lead")
    totals = [subtotal.name for subtotal in plan_sheet(plan, lead).by_group]
    assert totals == [name for name in expected if name in totals] and totals[0] == "여성"
    book = openpyxl.load_workbook(BytesIO(client.get(reverse("plan_workbook:export", args=[2026])).content))
    listed = [row[2] for row in book["목록"].iter_rows(min_row=2, values_only=True) if row[2]]
    assert listed == expected
    record = women.history.latest("history_id")
    assert record.history_user.username == "lead" and "여성" in record.history_change_reason


def test_moving_a_type_down_and_the_first_item_up_again(login, card_data):
    government = card_data.local_government
    first = ProgrammeType.objects.get(local_government=government, name=names(ProgrammeType, government)[0])
    before = names(ProgrammeType, government)
    client = login("lead")
    assert move(client, "type", first, 2).status_code == 302
    assert names(ProgrammeType, government) == [before[1], before[0], *before[2:]]
    response = move(client, "type", first, 1)
    assert response.status_code == 302 and names(ProgrammeType, government) == before
    refused = move(client, "type", first, 1)
    assert refused.status_code == 400 and "순서가 그대로입니다" in refused.content.decode()


def test_an_unused_item_is_deleted_with_its_reason_in_the_history(login, card_data):
    government = card_data.local_government
    added = ProgrammeTypeFactory(local_government=government, name="시설건립", sort_order=99)
    client = login("lead")
    assert delete(client, "type", added, reason="2027년 지침에서 빠짐").status_code == 302
    assert not ProgrammeType.objects.filter(pk=added.pk).exists()
    record = ProgrammeType.history.filter(id=added.pk).latest("history_id")
    assert (record.history_type, record.history_user.username) == ("-", "lead")
    assert record.history_change_reason == "2027년 지침에서 빠짐"


def test_deleting_needs_a_reason(login, card_data):
    added = ProgrammeTypeFactory(local_government=card_data.local_government, name="시설건립", sort_order=99)
    response = delete(login("lead"), "type", added, reason="  ")
    assert response.status_code == 400 and "사유를 입력하세요" in response.content.decode()
    assert ProgrammeType.objects.filter(pk=added.pk).exists()


def test_a_group_that_programmes_use_is_not_deleted_and_the_reason_says_how_many_of_which_years(login, card_data):
    group = TargetGroup.objects.get(local_government=card_data.local_government, name="장애인")
    per_year = Counter(Programme.objects.filter(target_group=group).values_list("year_plan__year", flat=True))
    assert len(per_year) > 1
    response = delete(login("lead"), "group", group)
    text = response.content.decode()
    assert response.status_code == 400
    assert f"세부사업 {sum(per_year.values()):,}개에서 쓰고 있어 지울 수 없습니다" in text
    for year, count in per_year.items():
        assert f"{year}년 {count:,}개" in text
    assert TargetGroup.objects.filter(pk=group.pk).exists()


def test_a_group_only_a_pledges_target_uses_is_not_deleted(login, card_data):
    government = card_data.local_government
    group = TargetGroupFactory(local_government=government, name="경력단절여성", sort_order=99)
    pledge = PledgeFactory(local_government=government, code="일자리-30")
    AnnualTargetFactory(pledge=pledge, year=2026, target_group=group, jobs=40)
    response = delete(login("lead"), "group", group)
    assert response.status_code == 400 and "일자리-30" in response.content.decode()
    assert TargetGroup.objects.filter(pk=group.pk).exists()


def test_the_deletion_check_knows_every_reference_to_the_lists():
    """A new model pointing at 부문 or 대상 must be taught to `list_item_refusal` (then added here)."""
    known = {("Programme", "programme_type"), ("Programme", "target_group")}
    known |= {(AnnualTarget.__name__, "target_group"), (FuturePlanItem.__name__, "target_group")}
    found = {
        (relation.related_model.__name__, relation.field.name)
        for model in outline_services.LIST_KINDS.values()
        for relation in model._meta.related_objects
        if not relation.related_model.__name__.startswith("Historical")
    }
    assert found == known


def test_another_governments_item_is_not_found(login, card_data):
    foreign = TargetGroupFactory(local_government__name="다른구", name="청년층")
    client = login("lead")
    assert move(client, "group", foreign, 1).status_code == 404
    assert delete(client, "group", foreign).status_code == 404
    data = {"kind": "group", "pk": foreign.pk, "name": "바꿈", "reason": "x"}
    assert client.post(URL, data).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "청년층" and TargetGroup.objects.filter(pk=foreign.pk).exists()


def test_staff_and_managers_see_no_order_or_delete_buttons_and_cannot_use_them(login, card_data):
    group = TargetGroup.objects.get(local_government=card_data.local_government, name="여성")
    before = names(TargetGroup, card_data.local_government)
    for username in ("dept03", "manager"):
        client = login(username)
        page = client.get(URL).content.decode()
        assert "여성 위로" not in page and "지우기" not in page
        assert move(client, "group", group, 1).status_code == 403
        assert delete(client, "group", group).status_code == 403
    assert names(TargetGroup, card_data.local_government) == before
