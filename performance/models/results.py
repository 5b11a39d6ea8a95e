"""Quarterly results: the reports departments submit, their lines, deadlines, notices and the revision."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..querysets import ResultsQuerySet
from .organisation import Department, LocalGovernment
from .plans import MAX_JOBS, YEAR_VALIDATORS, Programme

QUARTERS = (1, 2, 3, 4)


class QuarterlyReport(models.Model):
    """One department's results for one quarter, reviewed by the lead department before they count."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("작성중")
        SUBMITTED = "submitted", _("제출")
        RETURNED = "returned", _("반려")
        APPROVED = "approved", _("승인")

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("연도"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(_("분기"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("제출일시"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("검토일시"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_reason = models.TextField(_("반려·재개 사유"), blank=True)
    version = models.PositiveIntegerField(_("버전"), default=1, help_text=_("동시 수정 확인용"))

    department_path = "department"
    status_path = "status"
    objects = ResultsQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("분기 실적 보고")
        verbose_name_plural = _("분기 실적 보고")
        ordering = ["-year", "-quarter", "department__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "quarter"], name="report_unique_period"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="report_quarter_range"),
        ]
        # The reports that do not count yet, which the dashboards count: a few among every quarter's reports.
        indexes = [
            models.Index(
                fields=["department", "year", "quarter"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="report_pending",
            )
        ]
        permissions = [("review_quarterlyreport", _("분기 실적 승인·반려·재개"))]

    def __str__(self):
        return f"{self.department} {self.year}년 {self.quarter}분기"


class QuarterlyReportLine(models.Model):
    """The jobs one programme created in the report's quarter (not cumulative)."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="lines")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="report_lines")
    jobs = models.PositiveIntegerField(
        _("창출 인원(명)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_JOBS)],
        help_text=_("비워 두면 아직 입력하지 않은 것입니다(0과 다름)."),
    )
    comment = models.CharField(_("비고"), max_length=500, blank=True)

    department_path = "report__department"
    status_path = "report__status"
    objects = ResultsQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("분기 실적")
        verbose_name_plural = _("분기 실적")
        ordering = ["report", "programme__sort_order"]
        constraints = [models.UniqueConstraint(fields=["report", "programme"], name="report_line_unique_programme")]

    def __str__(self):
        return f"{self.programme}: {self.jobs if self.jobs is not None else '-'}"


class ReportingDeadline(models.Model):
    """A deadline set by a government's lead department for one quarter; without one, the 10th day after the quarter."""

    local_government = models.ForeignKey(
        LocalGovernment, on_delete=models.PROTECT, related_name="reporting_deadlines", verbose_name=_("지자체")
    )
    year = models.PositiveSmallIntegerField(_("연도"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(_("분기"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    due_date = models.DateField(_("제출 기한"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("제출 기한")
        verbose_name_plural = _("제출 기한")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["local_government", "year", "quarter"], name="deadline_unique_period"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="deadline_quarter_range"),
        ]

    def __str__(self):
        return f"{self.year}년 {self.quarter}분기: {self.due_date:%Y-%m-%d}"


class Notice(models.Model):
    """A message sent to a department: a reminder before or after the deadline, or the outcome of a review."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("제출 안내")
        OVERDUE = "overdue", _("기한 경과 독촉")
        RETURNED = "returned", _("반려 알림")
        APPROVED = "approved", _("승인 알림")

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="notices")
    report = models.ForeignKey(QuarterlyReport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    year = models.PositiveSmallIntegerField(_("연도"))
    quarter = models.PositiveSmallIntegerField(_("분기"))
    kind = models.CharField(_("종류"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("제목"), max_length=200)
    body = models.TextField(_("내용"))
    recipients = models.TextField(_("받는 사람"), blank=True, help_text=_("쉼표로 구분한 전자우편 주소"))
    created_at = models.DateTimeField(_("보낸 일시"), auto_now_add=True)
    sent_on = models.DateField(_("알림 기준일"), default=timezone.localdate, help_text=_("같은 날 같은 알림은 한 번만"))

    department_path = "department"
    status_path = "status"
    objects = ResultsQuerySet.as_manager()

    class Meta:
        verbose_name = _("알림")
        verbose_name_plural = _("알림")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class ResultsRevision(models.Model):
    """A number per local government that goes up in the same transaction as every change to what its achievement
    figures are made of (reports, their lines, targets, programmes, departments). Caches of computed figures are keyed by
    it, so a cached dashboard can never outlive the data it was computed from (see `performance.revision`)."""

    # One row per local government (migration 0014 turned the install-wide row of earlier versions into these).
    local_government = models.OneToOneField(
        "performance.LocalGovernment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("실적 자료 판")
        verbose_name_plural = _("실적 자료 판")

    def __str__(self):
        return str(self.number)
