"""The access log (접속기록): who, when, from where, what — for downloads, exports, personal-data pages and
the admin; append-only, read-only in the admin for administrators, pruned after the retention period."""

import logging
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from performance.models import QuarterlyReport

CODE = "지역경제-11"


@pytest.fixture
def superuser(card_data, django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.go.kr", "x-long-password-1")


def only_row():
    rows = list(AccessLog.objects.all())
    assert len(rows) == 1, rows
    return rows[0]


def test_a_download_is_recorded_with_who_when_where_and_what(login, django_user_model):
    client = login("lead")
    before = timezone.now()
    response = client.get(reverse("pledge-card-download", args=[CODE, "xlsx"]), {"year": 2021}, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    row = only_row()
    assert row.user == django_user_model.objects.get(username="lead") and row.username == "lead"
    assert row.at >= before and row.ip_address == "10.1.2.3"
    assert (row.kind, row.method, row.status_code) == ("download", "GET", 200)
    assert row.path == f"/pledges/{CODE}/card.xlsx" and row.query_string == "year=2021"
    assert "pledge-card-download" in row.target and "공약이행카드_지역경제-11_2021.xlsx" in row.target


def test_dashboard_exports_are_recorded_as_exports(login):
    response = login("manager").get(reverse("dashboard-export", args=[CODE, "xlsx"]))
    assert response.status_code == 200
    assert only_row().kind == "export"


def test_the_excel_template_is_a_download(login):
    response = login("dept03").get(reverse("performance:template"), {"year": 2021, "quarter": 3})
    assert response.status_code == 200
    row = only_row()
    assert (row.kind, row.username) == ("download", "dept03") and ".xlsx" in row.target


@pytest.mark.parametrize("url_name", ["pledge-card", "budget:history", "performance:notices"])
def test_pages_with_staff_names_are_recorded_as_personal_data_views(login, url_name):
    url = reverse(url_name, args=[CODE]) if url_name != "performance:notices" else reverse(url_name)
    assert login("lead").get(url).status_code == 200
    assert only_row().kind == "personal"


def test_a_refused_look_at_another_departments_history_is_recorded_too(login):
    other = QuarterlyReport.objects.exclude(department__code="dept04").filter(department__is_demo=True).first()
    if other is None:
        pytest.skip("no report in the demo data")
    assert login("dept04").get(reverse("performance:history", args=[other.pk])).status_code == 404
    row = only_row()
    assert (row.kind, row.status_code, row.username) == ("personal", 404, "dept04")


@pytest.mark.parametrize("url", ["/", "/dashboard/", f"/budget/{CODE}/"])
def test_ordinary_pages_are_not_recorded(login, url):
    login("lead").get(url)
    assert not AccessLog.objects.exists()


def test_open_data_is_public_and_not_recorded(client, card_data):
    response = client.get(reverse("open-data", args=["3170000", CODE, "results", "csv"]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert not AccessLog.objects.exists()


def test_x_forwarded_for_is_ignored_unless_the_proxy_is_trusted(login, settings):
    url = reverse("pledge-card", args=[CODE])
    client = login("lead")
    client.get(url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.AUDIT_TRUST_X_FORWARDED_FOR = True
    client.get(url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    client.get(url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    addresses = list(AccessLog.objects.order_by("pk").values_list("ip_address", flat=True))
    assert addresses == ["127.0.0.1", "203.0.113.9", None]


def test_a_database_failure_never_breaks_the_response_and_is_reported(login, monkeypatch, caplog):
    def broken(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(AccessLog.objects, "create", broken)
    with caplog.at_level(logging.ERROR, logger="audit"):
        response = login("lead").get(reverse("pledge-card", args=[CODE]))
    assert response.status_code == 200
    assert any(r.levelno == logging.ERROR and "access log" in r.getMessage() for r in caplog.records)


def test_the_admin_is_recorded_and_the_log_is_read_only_for_administrators(client, superuser):
    client.force_login(superuser)
    changelist = reverse("admin:audit_accesslog_changelist")
    assert client.get(changelist).status_code == 200
    row = AccessLog.objects.latest("pk")
    assert (row.kind, row.username) == ("admin", "admin")
    assert client.get(changelist, {"q": "/admin/audit", "kind": "admin"}).status_code == 200
    assert client.get(reverse("admin:audit_accesslog_add")).status_code == 403
    assert client.get(reverse("admin:audit_accesslog_delete", args=[row.pk])).status_code == 403
    count = AccessLog.objects.count()
    client.post(reverse("admin:audit_accesslog_change", args=[row.pk]), {"path": "/forged/"})
    row.refresh_from_db()
    assert row.path != "/forged/"
    client.post(changelist, {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"})
    assert AccessLog.objects.filter(pk=row.pk).exists() and AccessLog.objects.count() > count


def test_staff_with_admin_access_but_not_administrators_cannot_read_the_log(client, card_data, django_user_model, rf):
    from django.contrib.admin.sites import site
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user("clerk", password="x-long-password-1", is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(content_type__app_label="audit"))
    client.force_login(clerk)
    response = client.get(reverse("admin:audit_accesslog_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # and the log's own admin says no, whatever the site does
    request = rf.get("/")
    request.user = clerk
    log_admin = site._registry[AccessLog]
    assert not log_admin.has_view_permission(request) and not log_admin.has_module_permission(request)


def test_a_record_cannot_be_changed_through_the_model(login):
    login("lead").get(reverse("pledge-card", args=[CODE]))
    row = only_row()
    row.path = "/elsewhere/"
    with pytest.raises(ValueError, match="append-only"):
        row.save()


def test_prune_deletes_only_rows_past_the_retention_period(login, settings):
    settings.AUDIT_RETENTION_DAYS = 730
    client = login("lead")
    for _ in range(2):
        client.get(reverse("pledge-card", args=[CODE]))
    old, recent = AccessLog.objects.order_by("pk")
    AccessLog.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=731))
    call_command("prune_access_log", "--dry-run")
    assert AccessLog.objects.count() == 2
    call_command("prune_access_log")
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]


def test_prune_refuses_less_than_a_year(db):
    with pytest.raises(CommandError, match="365"):
        call_command("prune_access_log", "--days", "30")


def test_the_login_lockout_sees_the_same_address_as_the_access_log(client, card_data, settings):
    from axes.models import AccessAttempt

    settings.AUDIT_TRUST_X_FORWARDED_FOR = True
    client.post(
        reverse("login"),
        {"username": "manager", "password": "wrong"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7",
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.7"]
