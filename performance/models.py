"""The job-creation pledge in the domain's words: who reports, what they report on, and the targets.

Nothing that is a sum is stored here: district totals, group splits and cumulative results are
computed by `performance.selectors` from the rows below.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .querysets import DepartmentScopedQuerySet

QUARTERS = (1, 2, 3, 4)
MAX_JOBS = 1_000_000  # a sane bound on one figure: more than a district's population is a typing error


class LocalGovernment(models.Model):
    """A 지자체 such as 금천구; departments and pledges belong to one, so one install can serve several."""

    name = models.CharField(_("지자체명"), max_length=50, unique=True)
    code = models.CharField(_("행정기관코드"), max_length=10, unique=True)

    class Meta:
        verbose_name = _("지자체")
        verbose_name_plural = _("지자체")

    def __str__(self):
        return self.name


class Department(models.Model):
    """A department (부서) that runs job programmes and reports their results each quarter."""

    local_government = models.ForeignKey(LocalGovernment, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("부서명"), max_length=50)
    code = models.SlugField(_("부서 코드"), max_length=20, help_text=_("계정과 파일 이름에 쓰는 짧은 영문 코드"))
    is_lead = models.BooleanField(_("총괄부서"), default=False, help_text=_("일자리창출과처럼 목표와 검토를 맡는 부서"))
    is_demo = models.BooleanField(_("시연용 자료"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    department_path = "pk"
    objects = DepartmentScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("부서")
        verbose_name_plural = _("부서")
        ordering = ["local_government", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["local_government", "name"], name="department_unique_name"),
            models.UniqueConstraint(fields=["local_government", "code"], name="department_unique_code"),
        ]
        permissions = [("view_all_departments", _("모든 부서의 자료 열람"))]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """The department a user works in; staff see and change only their own department's figures."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="members")

    class Meta:
        verbose_name = _("소속")
        verbose_name_plural = _("소속")

    def __str__(self):
        return f"{self.user} · {self.department}"


class TargetGroup(models.Model):
    """계층: 청년층, 중·장년층, 노년층, 취약계층, 민간."""

    name = models.CharField(_("계층"), max_length=30, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("대상 계층")
        verbose_name_plural = _("대상 계층")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ProgrammeType(models.TextChoices):
    """부문, as the Ministry of Employment and Labor classifies job programmes."""

    DIRECT_JOBS = "direct_jobs", _("직접일자리")
    TRAINING = "training", _("직업훈련")
    EMPLOYMENT_SERVICE = "employment_service", _("고용서비스")
    SUBSIDY = "subsidy", _("고용장려금")
    STARTUP = "startup", _("창업지원")
    INCOME_SUPPORT = "income_support", _("실업소득 유지·지원")
    OTHER = "other", _("기타/인프라")


class Programme(models.Model):
    """세부사업: one job programme of one department, aimed at one target group."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="programmes")
    target_group = models.ForeignKey(TargetGroup, on_delete=models.PROTECT, related_name="programmes")
    name = models.CharField(_("세부사업명"), max_length=100)
    programme_type = models.CharField(_("부문"), max_length=30, choices=ProgrammeType.choices)
    is_active = models.BooleanField(_("운영 중"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    department_path = "department"
    objects = DepartmentScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("세부사업")
        verbose_name_plural = _("세부사업")
        ordering = ["department__sort_order", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["department", "name"], name="programme_unique_name")]

    def __str__(self):
        return self.name


class PledgeStatus(models.TextChoices):
    COMPLETED_CONTINUING = "completed_continuing", _("완료(계속)")
    COMPLETED = "completed", _("완료")
    ON_TRACK = "on_track", _("정상추진")
    PARTIAL = "partial", _("일부추진")
    DELAYED = "delayed", _("부진")
    SUSPENDED = "suspended", _("보류")


class Pledge(models.Model):
    """The header and the typed text of a pledge implementation card (공약 이행 카드)."""

    local_government = models.ForeignKey(LocalGovernment, on_delete=models.PROTECT, related_name="pledges")
    code = models.CharField(_("공약 번호"), max_length=30)
    title = models.CharField(_("공약명"), max_length=200)
    status = models.CharField(_("추진현황"), max_length=30, choices=PledgeStatus.choices)
    implementation_rate = models.DecimalField(
        _("이행률(%)"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    completion_due = models.CharField(_("완료시기"), max_length=30, help_text=_("예: 임기내"))
    completion_year = models.PositiveSmallIntegerField(_("완료연도"), null=True, blank=True)
    project_type = models.CharField(_("사업유형"), max_length=50, help_text=_("예: 계속/자체/기타"))
    lead_department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="led_pledges")
    plan_label = models.CharField(
        _("추진계획 항목명"), max_length=100, help_text=_("연차별 추진계획 표의 항목, 예: 수요자 맞춤 일자리창출(지원)")
    )
    policy_goal = models.TextField(_("정책목표"))
    strategies = models.TextField(_("추진전략"), help_text=_("한 줄에 하나씩"))
    collaboration_note = models.CharField(_("협업내용"), max_length=200, blank=True)
    central_counterpart = models.CharField(_("중앙정부 소관부서"), max_length=100, blank=True)
    city_counterpart = models.CharField(_("서울시 소관부서"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("공약")
        verbose_name_plural = _("공약")
        ordering = ["local_government", "code"]
        constraints = [models.UniqueConstraint(fields=["local_government", "code"], name="pledge_unique_code")]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def strategy_list(self) -> list[str]:
        return [line.strip() for line in self.strategies.splitlines() if line.strip()]


class PledgeAuthor(models.Model):
    """작성자: the people named on the card with their phone extensions (personal data)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="authors")
    position = models.CharField(_("직위"), max_length=50)
    name = models.CharField(_("성명"), max_length=30)
    extension = models.CharField(_("내선번호"), max_length=10, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("작성자")
        verbose_name_plural = _("작성자")
        ordering = ["pledge", "sort_order"]

    def __str__(self):
        return f"{self.position} {self.name}"


class AnnualTarget(models.Model):
    """A year's job target (명): the pledge's total, or one target group's share, or one programme's."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("연도"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="targets", verbose_name=_("계층")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="targets", verbose_name=_("세부사업")
    )
    jobs = models.PositiveIntegerField(_("목표(명)"), validators=[MaxValueValidator(MAX_JOBS)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("연간 목표")
        verbose_name_plural = _("연간 목표")
        ordering = ["pledge", "year", "target_group__sort_order", "programme__sort_order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_group__isnull=True) | Q(programme__isnull=True), name="target_one_scope"
            ),
            models.UniqueConstraint(
                fields=["pledge", "year"],
                condition=Q(target_group__isnull=True, programme__isnull=True),
                name="target_unique_total",
            ),
            models.UniqueConstraint(
                fields=["pledge", "year", "target_group"],
                condition=Q(target_group__isnull=False),
                name="target_unique_group",
            ),
            models.UniqueConstraint(
                fields=["pledge", "year", "programme"],
                condition=Q(programme__isnull=False),
                name="target_unique_programme",
            ),
        ]

    def __str__(self):
        scope = self.programme or self.target_group or _("전체")
        return f"{self.year} {scope}: {self.jobs:,}"


class QuarterlyReport(models.Model):
    """One department's results for one quarter, reviewed by the lead department before they count."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("작성중")
        SUBMITTED = "submitted", _("제출")
        RETURNED = "returned", _("반려")
        APPROVED = "approved", _("승인")

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("연도"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
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
    objects = DepartmentScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("분기 실적 보고")
        verbose_name_plural = _("분기 실적 보고")
        ordering = ["-year", "-quarter", "department__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "quarter"], name="report_unique_period"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="report_quarter_range"),
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
    objects = DepartmentScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("분기 실적")
        verbose_name_plural = _("분기 실적")
        ordering = ["report", "programme__sort_order"]
        constraints = [models.UniqueConstraint(fields=["report", "programme"], name="report_line_unique_programme")]

    def __str__(self):
        return f"{self.programme}: {self.jobs if self.jobs is not None else '-'}"


class ProgressEntry(models.Model):
    """추진실적: a dated, typed entry. When it is the report of a period's result, the result line
    beneath it is generated from the approved figures, never typed."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="progress_entries")
    year = models.PositiveSmallIntegerField(_("연도"))
    month = models.PositiveSmallIntegerField(_("월"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    text = models.CharField(_("내용"), max_length=300)
    result_year = models.PositiveSmallIntegerField(_("보고 대상 연도"), null=True, blank=True)
    result_quarter = models.PositiveSmallIntegerField(
        _("보고 대상 분기"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("추진실적")
        verbose_name_plural = _("추진실적")
        ordering = ["pledge", "year", "month", "sort_order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result_year__isnull=True, result_quarter__isnull=True)
                | Q(result_year__isnull=False, result_quarter__gte=1, result_quarter__lte=4),
                name="progress_result_period",
            ),
        ]

    def __str__(self):
        return f"{self.year}. {self.month}. {self.text}"


class FuturePlanItem(models.Model):
    """향후계획: an outline of plans. A heading may stand for a target group, whose target for the
    card's year is shown beside it; `{세부사업명}` in the text shows that programme's target."""

    class Level(models.IntegerChoices):
        ITEM = 0, "○"
        SUB_ITEM = 1, "-"
        DETAIL = 2, "▪"

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="future_plan")
    level = models.PositiveSmallIntegerField(_("수준"), choices=Level.choices, default=Level.ITEM)
    text = models.CharField(_("내용"), max_length=300, blank=True)
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("계층 목표 제목")
    )
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("향후계획")
        verbose_name_plural = _("향후계획")
        ordering = ["pledge", "sort_order"]

    def __str__(self):
        return self.text or str(self.target_group)


class ReportingDeadline(models.Model):
    """A deadline set by the lead department for one quarter; without one, the 10th day after the quarter."""

    year = models.PositiveSmallIntegerField(_("연도"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("분기"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    due_date = models.DateField(_("제출 기한"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("제출 기한")
        verbose_name_plural = _("제출 기한")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="deadline_unique_period"),
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
    objects = DepartmentScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("알림")
        verbose_name_plural = _("알림")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class ResultsRevision(models.Model):
    """One number that goes up in the same transaction as every change to what the achievement figures are
    made of (reports, their lines, targets, programmes, departments). Caches of computed figures are keyed by
    it, so a cached dashboard can never outlive the data it was computed from (see `performance.revision`)."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("실적 자료 판")
        verbose_name_plural = _("실적 자료 판")

    def __str__(self):
        return str(self.number)
