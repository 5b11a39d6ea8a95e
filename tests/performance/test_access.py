"""`visible_to` is the one place that decides whose figures a person may see."""

import pytest
from django.contrib.auth.models import AnonymousUser

from performance.models import Department, Programme, QuarterlyReport, QuarterlyReportLine
from tests.factories import UserFactory, member_of


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
    """Every department of their own government (금천구), and nothing of the demo's other governments."""
    user = django_user_model.objects.get(username=username)
    path = "local_government" if model is Department else f"{model.department_path}__local_government"
    own = model.objects.filter(**{path: card_data.local_government})
    assert model.objects.visible_to(user).count() == own.count() < model.objects.count()


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

    user = member_of(UserFactory(), card_data.local_government)
    user.user_permissions.add(Permission.objects.get(codename="view_all_departments"))
    own = QuarterlyReport.objects.filter(department__local_government=card_data.local_government)
    assert QuarterlyReport.objects.visible_to(user).count() == own.count()


# DESIGN.md's role table, written out: what each role may do. The lead department reviews, sets targets, edits the
# plans and the budget, issues documents and reads every official document; managers read every official document
# and change nothing; department staff do none of these.
LEAD_ONLY = (
    "can_review_reports",
    "can_set_targets",
    "can_edit_plans",
    "can_edit_budget",
    "can_issue_documents",
    "can_edit_indicators",
)
ROLES = {
    "lead": {**dict.fromkeys(LEAD_ONLY, True), "can_read_official_documents": True},
    "manager": {**dict.fromkeys(LEAD_ONLY, False), "can_read_official_documents": True},
    "dept03": {**dict.fromkeys(LEAD_ONLY, False), "can_read_official_documents": False},
}


@pytest.mark.parametrize("username", sorted(ROLES))
def test_each_permission_of_the_lead_department_is_one_predicate_in_access(card_data, django_user_model, username):
    from performance import access

    user = django_user_model.objects.get(username=username)
    assert {name: getattr(access, name)(user) for name in ROLES[username]} == ROLES[username]


def test_an_inactive_lead_account_may_do_nothing(card_data, django_user_model):
    from performance import access

    user = django_user_model.objects.get(username="lead")
    user.is_active = False
    user.save()
    assert not any(getattr(access, name)(user) for name in ROLES["lead"])


def test_a_lead_permission_without_reading_every_department_allows_nothing(card_data):
    """Staff given the review permission directly still cannot approve: every lead predicate also needs the
    reading of every department, so a stray permission cannot make a department review its own report."""
    from django.contrib.auth.models import Permission

    from performance import access

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="review_quarterlyreport"))
    user.user_permissions.add(Permission.objects.get(codename="change_indicatorresult"))
    assert user.has_perm("indicators.change_indicatorresult")
    assert not any(getattr(access, name)(user) for name in LEAD_ONLY)
