"""Several governments on one install: a person reads and changes only their own government's data, and two
governments may each have a pledge 지역경제-11 — every page, download and command finds the right one."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from performance.access import government_of
from performance.models import Department, Membership, Pledge
from tests.factories import (
    AllocationFactory,
    AnnualTargetFactory,
    DepartmentFactory,
    LocalGovernmentFactory,
    PledgeFactory,
    ProgrammeFactory,
    UserFactory,
    manager,
    reviewer,
    staff_of,
)

CODE = "지역경제-11"
OTHER_TITLE = "다른구의 같은 번호 공약"


@pytest.fixture
def other(card_data):
    """A second government with its own pledge 지역경제-11, a 2021 plan with one 세부사업 linked to it, a target and
    a budget."""
    government = LocalGovernmentFactory(name="다른구", code="1111111")
    pledge = PledgeFactory(local_government=government, code=CODE, title=OTHER_TITLE)
    ProgrammeFactory(department=pledge.lead_department, year=2021, pledges=[pledge], jobs_target=40)
    AnnualTargetFactory(pledge=pledge, year=2021, jobs=40)
    AllocationFactory(budget_line__pledge=pledge, year=2021, secured=7, executed=3)
    return pledge


def test_a_persons_government_is_their_memberships(card_data, other):
    lead = get_user_model().objects.get(username="lead")
    assert government_of(lead) == card_data.local_government_id
    assert government_of(manager(other.local_government)) == other.local_government_id
    assert government_of(UserFactory(role="manager")) is None  # no membership: no government


def test_the_lead_department_sees_every_department_of_its_own_government_only(card_data, other):
    own = Department.objects.filter(local_government=card_data.local_government).count()
    lead = get_user_model().objects.get(username="lead")
    assert Department.objects.visible_to(lead).count() == own == 22
    assert list(Department.objects.visible_to(reviewer(other.local_government))) == [other.lead_department]
    assert not Department.objects.visible_to(UserFactory(role="lead_reviewer")).exists()


def test_a_membership_department_must_be_of_its_government(card_data, other):
    user = UserFactory()
    with pytest.raises(Exception, match="소속 지자체의 부서"):
        Membership.objects.create(
            user=user, local_government=other.local_government, department=card_data.lead_department
        )
    assert (
        Membership.objects.create(user=user, department=other.lead_department).local_government
        == other.local_government
    )


# Pages about one pledge, by its code: each government's people get their own pledge of that code.
PLEDGE_PAGES = ("pledge-card", "dashboard", "budget:detail", "budget-dashboard", "performance:targets")


@pytest.mark.parametrize("name", PLEDGE_PAGES)
def test_the_same_pledge_code_in_two_governments_works_in_both(client, card_data, other, name):
    url = reverse(name, args=[CODE]) + "?year=2021"
    for user, pledge, elsewhere in (
        (get_user_model().objects.get(username="lead"), card_data, other),
        (reviewer(other.local_government), other, card_data),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        shown = response.context.get("pledge") or response.context.get("card").pledge
        assert shown.pk == pledge.pk
        assert elsewhere.title not in response.content.decode()


def test_a_person_without_a_government_sees_no_pledge(client, card_data):
    client.force_login(UserFactory(role="manager"))
    assert client.get(reverse("dashboard", args=[CODE])).status_code == 404
    assert card_data.title not in client.get(reverse("home")).content.decode()


def test_another_governments_pledge_is_not_found(client, card_data):
    elsewhere = PledgeFactory(local_government=LocalGovernmentFactory(name="다른구", code="1111111"), code="다른-1")
    client.force_login(get_user_model().objects.get(username="lead"))
    for name in ("pledge-card", "dashboard", "budget:detail", "performance:targets"):
        assert client.get(reverse(name, args=[elsewhere.code])).status_code == 404, name


def test_the_public_pages_of_both_governments(client, card_data, other):
    theirs = client.get(reverse("public-pledge", args=["1111111", CODE]), {"year": 2021})
    assert theirs.status_code == 200 and OTHER_TITLE in theirs.content.decode()
    mine = client.get(reverse("public-pledge", args=["3170000", CODE]), {"year": 2021})
    assert mine.status_code == 200 and OTHER_TITLE not in mine.content.decode()


def test_commands_tell_the_two_pledges_apart_by_government(card_data, other, tmp_path):
    output = tmp_path / "card.xlsx"
    with pytest.raises(CommandError, match="여러 지자체"):
        call_command("export_sheet", pledge=CODE, year=2021, output=output)
    assert not output.exists()
    call_command("export_sheet", pledge=CODE, year=2021, output=output, government="3170000")
    assert output.stat().st_size > 0
    with pytest.raises(CommandError, match="지자체를 찾을 수 없습니다"):
        call_command("export_sheet", pledge=CODE, year=2021, output=output, government="0000000")


def test_staff_membership_names_the_departments_government(card_data, other):
    user = staff_of(DepartmentFactory(local_government=other.local_government))
    assert government_of(user) == other.local_government_id
    assert Pledge.objects.visible_to(user).get() == other
