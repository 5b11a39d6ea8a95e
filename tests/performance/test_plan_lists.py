"""부문 and 대상 are each local government's lists, edited by the lead department on screen with a reason kept in the
history; everyone signed in reads them; nobody reaches another government's list."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from performance import plan_services
from performance.models import Programme, ProgrammeType, TargetGroup
from tests.factories import TargetGroupFactory

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
        plan_services.list_item_rename(
            user=lead, government=card_data.local_government, kind="group", pk=foreign.pk, name="바꿈", reason="x"
        )
    foreign.refresh_from_db()
    assert foreign.name == "청년층"
