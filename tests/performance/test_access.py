"""`visible_to` is the one place that decides whose figures a person may see."""

import pytest
from django.contrib.auth.models import AnonymousUser

from performance.models import Department, Programme, QuarterlyReport, QuarterlyReportLine
from tests.factories import UserFactory


@pytest.mark.parametrize("model", [Department, Programme, QuarterlyReport, QuarterlyReportLine])
def test_staff_see_their_own_department_only(card_data, django_user_model, model):
    staff = django_user_model.objects.get(username="dept03")
    visible = model.objects.visible_to(staff)
    own = staff.membership.department
    assert visible.exists()
    path = model.department_path
    assert set(visible.values_list(path, flat=True)) == {own.pk}


@pytest.mark.parametrize("username", ["lead", "manager"])
@pytest.mark.parametrize("model", [Department, QuarterlyReport, QuarterlyReportLine])
def test_lead_department_and_managers_see_every_department(card_data, django_user_model, username, model):
    user = django_user_model.objects.get(username=username)
    assert model.objects.visible_to(user).count() == model.objects.count()


def test_someone_without_a_department_or_role_sees_nothing(card_data):
    assert not QuarterlyReport.objects.visible_to(UserFactory()).exists()
    assert not QuarterlyReport.objects.visible_to(AnonymousUser()).exists()


def test_an_inactive_account_sees_nothing(card_data, django_user_model):
    user = django_user_model.objects.get(username="manager")
    user.is_active = False
    user.save()
    assert not QuarterlyReport.objects.visible_to(user).exists()


def test_a_permission_given_to_the_person_directly_counts(card_data):
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_all_departments"))
    assert QuarterlyReport.objects.visible_to(user).count() == QuarterlyReport.objects.count()
