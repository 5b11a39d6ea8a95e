"""Notices to departments: reminders before and after the deadline, and the outcome of a review.

Each notice is kept as a row (the page of notices sent reads them) and mailed through Django's email
backend once the transaction that caused it has committed.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Department, LocalGovernment, Notice, QuarterlyReport
from .periods import deadline

Status = QuarterlyReport.Status
REMIND_DAYS_BEFORE = 3


def _recipients(department: Department) -> list[str]:
    return sorted(
        {m.user.email for m in department.members.select_related("user") if m.user.email and m.user.is_active}
    )


def _send(notice: Notice) -> Notice:
    recipients = [address for address in notice.recipients.split(",") if address]
    if recipients:
        transaction.on_commit(
            lambda: send_mail(notice.subject, notice.body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)
        )
    return notice


def notice_create(*, department, year, quarter, kind, subject, body, report=None, sent_on=None) -> Notice:
    notice = Notice.objects.create(
        department=department,
        report=report,
        year=year,
        quarter=quarter,
        kind=kind,
        subject=subject,
        body=body,
        recipients=",".join(_recipients(department)),
        sent_on=sent_on or timezone.localdate(),
    )
    return _send(notice)


def notify_review(report: QuarterlyReport) -> Notice:
    """Tell the department that its report was returned (with the reason) or approved."""
    period = _("%(year)s년 %(quarter)s분기") % {"year": report.year, "quarter": report.quarter}
    if report.status == Status.RETURNED:
        kind, subject = Notice.Kind.RETURNED, _("[일자리 실적] %(period)s 보고가 반려되었습니다") % {"period": period}
        body = _("반려 사유: %(reason)s\n고친 뒤 다시 제출해 주세요.") % {"reason": report.review_reason}
    else:
        kind, subject = Notice.Kind.APPROVED, _("[일자리 실적] %(period)s 보고가 승인되었습니다") % {"period": period}
        body = _("승인된 실적은 공약 이행 카드와 현황에 반영됩니다.")
    return notice_create(
        department=report.department,
        year=report.year,
        quarter=report.quarter,
        kind=kind,
        subject=subject,
        body=body,
        report=report,
    )


def departments_to_remind(
    government: int, year: int, quarter: int, today: datetime.date
) -> tuple[str | None, list[Department]]:
    """The government's departments that have not submitted the quarter, when its deadline is near or past."""
    due = deadline(government, year, quarter)
    if today < due - datetime.timedelta(days=REMIND_DAYS_BEFORE):
        return None, []
    kind = Notice.Kind.REMINDER if today <= due else Notice.Kind.OVERDUE
    delivered = QuarterlyReport.objects.filter(
        year=year, quarter=quarter, status__in=[Status.SUBMITTED, Status.APPROVED]
    ).values("department")
    already = Notice.objects.filter(year=year, quarter=quarter, kind=kind, sent_on=today).values("department")
    departments = (
        Department.objects.filter(
            local_government_id=government, programmes__is_active=True, programmes__year_plan__year=year
        )
        .exclude(pk__in=delivered)
        .exclude(pk__in=already)
        .distinct()
        .order_by("sort_order")
    )
    return kind, list(departments)


@transaction.atomic
def send_reminders(*, year: int, quarter: int, today: datetime.date, dry_run: bool = False) -> list[Department]:
    """One reminder per department and day at most, each government by its own deadline; returns the departments
    reminded."""
    reminded = []
    for government in LocalGovernment.objects.order_by("pk").values_list("pk", flat=True):
        kind, departments = departments_to_remind(government, year, quarter, today)
        if not dry_run:
            _remind(departments, kind, deadline(government, year, quarter), year, quarter, today)
        reminded += departments
    return reminded


def _remind(departments: list[Department], kind: str, due: datetime.date, year: int, quarter: int, today) -> None:
    for department in departments:
        days = (due - today).days
        when = (
            _("%(days)s일 남았습니다") % {"days": days} if days >= 0 else _("%(days)s일 지났습니다") % {"days": -days}
        )
        notice_create(
            department=department,
            year=year,
            quarter=quarter,
            kind=kind,
            subject=_("[일자리 실적] %(year)s년 %(quarter)s분기 실적 제출 기한 %(due)s (%(when)s)")
            % {"year": year, "quarter": quarter, "due": f"{due:%Y. %m. %d.}", "when": when},
            body=_("%(department)s의 %(year)s년 %(quarter)s분기 일자리 실적을 제출해 주세요.")
            % {"department": department.name, "year": year, "quarter": quarter},
            sent_on=today,
        )
