"""Pledges (공약) and their cards: header, authors, pledge-level targets, progress entries and plans."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..querysets import GovernmentScopedQuerySet
from .organisation import Department, LocalGovernment
from .plans import MAX_JOBS, YEAR_VALIDATORS, Programme, TargetGroup


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
    objects = GovernmentScopedQuerySet.as_manager()

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
    """A pledge's job target for a year (명): the pledge's total, or one target group's share (계층별).
    A 세부사업's own target belongs to the plan (`Programme.jobs_target`), not to a pledge."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("연도"), validators=YEAR_VALIDATORS)
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="targets", verbose_name=_("계층")
    )
    jobs = models.PositiveIntegerField(_("목표(명)"), validators=[MaxValueValidator(MAX_JOBS)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("연간 목표")
        verbose_name_plural = _("연간 목표")
        ordering = ["pledge", "year", "target_group__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "year"], condition=Q(target_group__isnull=True), name="target_unique_total"
            ),
            models.UniqueConstraint(
                fields=["pledge", "year", "target_group"],
                condition=Q(target_group__isnull=False),
                name="target_unique_group",
            ),
        ]

    def __str__(self):
        scope = self.target_group or _("전체")
        return f"{self.year} {scope}: {self.jobs:,}"


class PledgeProgramme(models.Model):
    """A 세부사업 of a year's plan that a pledge draws on: the pledge's results are the sum of its linked
    세부사업's results, and a 세부사업 linked to two pledges counts in both."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="programme_links")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pledge_links")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("공약 연계 세부사업")
        verbose_name_plural = _("공약 연계 세부사업")
        constraints = [models.UniqueConstraint(fields=["pledge", "programme"], name="pledge_programme_unique")]

    def __str__(self):
        return f"{self.pledge.code} · {self.programme}"


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
