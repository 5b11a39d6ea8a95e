import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from performance import services
from performance.models import Department, Notice
from performance.plans import plan_programmes
from performance.services import LineInput

DUE = datetime.date(2021, 10, 10)  # the default deadline of 2021 Q3


def remind(date, capsys=None, *extra):
    call_command("send_reminders", "--year", "2021", "--quarter", "3", "--date", date.isoformat(), *extra)


def test_no_reminder_long_before_the_deadline(card_data):
    remind(DUE - datetime.timedelta(days=10))
    assert not Notice.objects.exists()


def test_reminders_before_and_after_the_deadline_once_a_day(card_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        remind(DUE - datetime.timedelta(days=2))
    assert Notice.objects.filter(kind="reminder").count() == 22
    assert len(mail.outbox) == 22 and "2021년 3분기" in mail.outbox[0].subject
    remind(DUE - datetime.timedelta(days=2))
    assert Notice.objects.count() == 22  # not twice on the same day
    remind(DUE + datetime.timedelta(days=1))
    assert Notice.objects.filter(kind="overdue").count() == 22


def test_departments_that_submitted_are_not_reminded(card_data, django_user_model):
    user = django_user_model.objects.get(username="dept03")
    department = user.membership.department
    lines = [LineInput(p.pk, 10) for p in plan_programmes(department, 2021)]
    report = services.report_save_lines(
        department=department, year=2021, quarter=3, lines=lines, user=user, expected_version=0
    )
    services.report_submit(report_id=report.pk, user=user, expected_version=report.version, acknowledged=True)
    remind(DUE)
    assert not Notice.objects.filter(department=department).exists()
    assert Notice.objects.count() == 21


def test_dry_run_sends_nothing(card_data, capsys):
    remind(DUE, None, "--dry-run")
    assert not Notice.objects.exists()
    assert "보낼 알림 22건" in capsys.readouterr().out


@pytest.mark.parametrize("action", ["return", "approve"])
def test_staff_get_a_notice_when_reviewed(card_data, django_user_model, django_capture_on_commit_callbacks, action):
    user = django_user_model.objects.get(username="dept03")
    department = user.membership.department
    lines = [LineInput(p.pk, 10) for p in plan_programmes(department, 2021)]
    report = services.report_save_lines(
        department=department, year=2021, quarter=3, lines=lines, user=user, expected_version=0
    )
    report = services.report_submit(report_id=report.pk, user=user, expected_version=report.version, acknowledged=True)
    lead = django_user_model.objects.get(username="lead")
    kwargs = {"reason": "숫자 확인"} if action == "return" else {}
    with django_capture_on_commit_callbacks(execute=True):
        getattr(services, f"report_{action}")(report_id=report.pk, user=lead, expected_version=report.version, **kwargs)
    notice = Notice.objects.get(department=department)
    assert notice.kind == ("returned" if action == "return" else "approved")
    assert mail.outbox[0].to == ["dept03@demo.geumcheon.invalid"]
    if action == "return":
        assert "숫자 확인" in mail.outbox[0].body


@pytest.mark.parametrize("username", ["dept03", "lead"])
def test_the_notices_page_without_notices_names_no_count_and_no_command(login, username):
    html = login(username).get(reverse("performance:notices")).content.decode()
    assert "보낸 알림이 없습니다." in html
    assert "300건" not in html and "send_reminders" not in html


def test_the_notices_page_says_when_older_notices_are_not_shown(login, card_data, monkeypatch):
    from performance.views import NoticeListView

    department = Department.objects.get(code="dept03")
    for n in range(3):
        Notice.objects.create(
            department=department, year=2021, quarter=3, kind="reminder", subject=f"안내 {n}", body=""
        )
    html = login("dept03").get(reverse("performance:notices")).content.decode()
    assert "<caption>보낸 알림</caption>" in html and "안내 2" in html
    monkeypatch.setattr(NoticeListView, "limit", 2)
    html = login("dept03").get(reverse("performance:notices")).content.decode()
    assert "최근 알림 2건(그 이전 알림은 보이지 않습니다)" in html and "안내 0" not in html
