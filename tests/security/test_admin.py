"""The admin site is for administrators (superusers) only. Staff status alone is not enough: the role
groups carry model permissions (a reviewer's change_quarterlyreport) that would otherwise let the admin
change a report around its workflow — no state check, no reason, no notice."""

import pytest
from django.urls import reverse

from performance.models import QuarterlyReport


@pytest.mark.parametrize("username", ["lead", "manager", "dept03"])
def test_staff_status_without_being_an_administrator_does_not_open_the_admin(
    client, card_data, django_user_model, username
):
    user = django_user_model.objects.get(username=username)
    user.is_staff = True
    user.save()
    client.force_login(user)
    for url in (reverse("admin:index"), reverse("admin:performance_quarterlyreport_changelist")):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    report = QuarterlyReport.objects.filter(status=QuarterlyReport.Status.APPROVED).first()
    change = reverse("admin:performance_quarterlyreport_change", args=[report.pk])
    client.post(change, {"status": "draft", "department": report.department_id, "year": 2030, "quarter": 1})
    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.APPROVED


def test_an_administrator_gets_in(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.go.kr", "x-long-password-1"))
    assert client.get(reverse("admin:index")).status_code == 200
