"""The job plan in the domain's words: a term's plan (일자리대책 종합계획) → one yearly plan (연차별 세부계획) per
year → 추진전략 → 실천과제 → 세부사업. A 세부사업 keeps one identity across years (its lineage) while what belongs
to a year — department, 부문, 대상, target — lives on its row of that year's plan.

Nothing that is a sum is stored here: a plan's total target, its totals by 부문 and 대상 are computed by
`performance.plans` from the rows below.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..calculations import amounts_sum
from ..querysets import DepartmentScopedQuerySet
from .organisation import Department, LocalGovernment

MAX_JOBS = 1_000_000  # a sane bound on one figure: more than a district's population is a typing error
MAX_MILLION_WON = 100_000_000  # 100조원: a bound that catches a figure typed in 원 instead of 백만원
# The years any record may name: the one range, which forms, files and URLs check through `validation.YEARS`.
FIRST_YEAR, LAST_YEAR = 2000, 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class FundingSource(models.TextChoices):
    """재원: the national vocabulary of where a budget's money comes from. Each government uses some of them in its
    own order (`GovernmentFundingSource`, read through `performance.funding.sources_of`): a Seoul 자치구
    국비·시비·구비, a 군 국비·도비·군비·민자."""

    NATIONAL = "national", _("국비")
    CITY = "city", _("시비")
    PROVINCE = "province", _("도비")
    DISTRICT = "district", _("구비")
    COUNTY = "county", _("군비")
    PRIVATE = "private", _("민자")
    OTHER = "other", _("기타")


class GovernmentFundingSource(models.Model):
    """A funding source a local government uses, at its place in that government's tables, forms and files."""

    local_government = models.ForeignKey(LocalGovernment, on_delete=models.CASCADE, related_name="funding_sources")
    source = models.CharField(_("재원"), max_length=20, choices=FundingSource.choices)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("기관 재원")
        verbose_name_plural = _("기관 재원")
        ordering = ["local_government", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["local_government", "source"], name="government_funding_source_unique")
        ]

    def __str__(self):
        return f"{self.local_government_id} {self.get_source_display()}"


class TermPlan(models.Model):
    """일자리대책 종합계획: the plan of one term of office (민선8기 2022–2026) with the term's jobs target."""

    local_government = models.ForeignKey(LocalGovernment, on_delete=models.PROTECT, related_name="term_plans")
    name = models.CharField(_("종합계획명"), max_length=50, help_text=_("예: 민선8기"))
    first_year = models.PositiveSmallIntegerField(_("첫 연도"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("마지막 연도"), validators=YEAR_VALIDATORS)
    jobs_target = models.PositiveIntegerField(
        _("임기 목표(명)"), null=True, blank=True, validators=[MaxValueValidator(MAX_JOBS * 10)]
    )
    is_demo = models.BooleanField(_("시연용 자료"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("일자리대책 종합계획")
        verbose_name_plural = _("일자리대책 종합계획")
        ordering = ["local_government", "first_year"]
        constraints = [
            models.UniqueConstraint(fields=["local_government", "name"], name="term_plan_unique_name"),
            models.CheckConstraint(condition=Q(first_year__lte=F("last_year")), name="term_plan_years_in_order"),
        ]

    def __str__(self):
        return f"{self.name} ({self.first_year}–{self.last_year})"


class YearPlan(models.Model):
    """연차별 세부계획: one year's plan of a local government, written under a term plan; drafted, published
    (공시) and sometimes revised (수정공시) later in the year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("작성 중")
        PUBLISHED = "published", _("공시")
        REVISED = "revised", _("수정공시")

    local_government = models.ForeignKey(LocalGovernment, on_delete=models.PROTECT, related_name="year_plans")
    term = models.ForeignKey(TermPlan, on_delete=models.PROTECT, related_name="year_plans", verbose_name=_("종합계획"))
    year = models.PositiveSmallIntegerField(_("연도"), validators=YEAR_VALIDATORS)
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField(_("공시일"), null=True, blank=True)
    revision_reason = models.TextField(_("수정 사유"), blank=True)
    is_demo = models.BooleanField(_("시연용 자료"), default=False)
    # Raised whenever the plan or one of its rows changes, so that a form built from an older plan is refused.
    version = models.PositiveIntegerField(_("버전"), default=1, help_text=_("동시 수정 확인용"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("연차별 세부계획")
        verbose_name_plural = _("연차별 세부계획")
        ordering = ["local_government", "year"]
        constraints = [models.UniqueConstraint(fields=["local_government", "year"], name="year_plan_unique_year")]

    def __str__(self):
        return f"{self.year}년 세부계획"


class Strategy(models.Model):
    """추진전략 of a yearly plan."""

    year_plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="strategies")
    name = models.CharField(_("추진전략"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("추진전략")
        verbose_name_plural = _("추진전략")
        ordering = ["year_plan", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["year_plan", "name"], name="strategy_unique_name")]

    def __str__(self):
        return self.name


class Task(models.Model):
    """실천과제 under a strategy."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="tasks")
    name = models.CharField(_("실천과제"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("실천과제")
        verbose_name_plural = _("실천과제")
        ordering = ["strategy", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["strategy", "name"], name="task_unique_name")]

    def __str__(self):
        return self.name


class ProgrammeType(models.Model):
    """부문: the local government's list, seeded with the Ministry of Employment and Labor's types."""

    local_government = models.ForeignKey(LocalGovernment, on_delete=models.PROTECT, related_name="programme_types")
    name = models.CharField(_("부문"), max_length=30)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("부문")
        verbose_name_plural = _("부문")
        ordering = ["local_government", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["local_government", "name"], name="programme_type_unique_name")]

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    """대상 (계층): the local government's list, e.g. 청년층, 중·장년층, 노년층, 취약계층, 민간."""

    local_government = models.ForeignKey(LocalGovernment, on_delete=models.PROTECT, related_name="target_groups")
    name = models.CharField(_("계층"), max_length=30)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("대상 계층")
        verbose_name_plural = _("대상 계층")
        ordering = ["local_government", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["local_government", "name"], name="target_group_unique_name")]

    def __str__(self):
        return self.name


class ProgrammeLineage(models.Model):
    """The identity of a 세부사업 across years: its rows in the 2023 and 2024 plans are one lineage, so that
    its trend reads across years even when its name, department or target changes."""

    local_government = models.ForeignKey(LocalGovernment, on_delete=models.PROTECT, related_name="lineages")
    name = models.CharField(_("처음 이름"), max_length=100)

    class Meta:
        verbose_name = _("세부사업 계보")
        verbose_name_plural = _("세부사업 계보")

    def __str__(self):
        return self.name


class Programme(models.Model):
    """세부사업 of one year's plan: one job programme of one department, aimed at one target group, with the
    year's jobs target. Quarterly report lines of that year point at this row."""

    year_plan = models.ForeignKey(YearPlan, on_delete=models.PROTECT, related_name="programmes")
    lineage = models.ForeignKey(ProgrammeLineage, on_delete=models.PROTECT, related_name="programmes")
    # PROTECT: a 실천과제 with 세부사업 is not deleted (`outline_services.structure_refusal`); each is placed under
    # another 실천과제 first, on purpose, rather than left without one behind the history's back.
    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, null=True, blank=True, related_name="programmes", verbose_name=_("실천과제")
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="programmes")
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("대상")
    )
    programme_type = models.ForeignKey(
        ProgrammeType, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("부문")
    )
    name = models.CharField(_("세부사업명"), max_length=100)
    jobs_target = models.PositiveIntegerField(
        _("목표(명)"), null=True, blank=True, validators=[MaxValueValidator(MAX_JOBS)], help_text=_("비우면 목표 없음")
    )
    is_active = models.BooleanField(_("운영 중"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    department_path = "department"
    objects = DepartmentScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("세부사업")
        verbose_name_plural = _("세부사업")
        ordering = ["department__sort_order", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year_plan", "department", "name"], name="programme_unique_name"),
            models.UniqueConstraint(fields=["year_plan", "lineage"], name="programme_unique_lineage"),
        ]

    def __str__(self):
        return self.name

    @property
    def year(self) -> int:
        return self.year_plan.year

    @property
    def budget(self):
        """The year's budget over its sources (`Amounts`), None without any; reads `budget_rows` (prefetch them)."""
        return amounts_sum((row.secured, row.executed) for row in self.budget_rows.all())


class ProgrammeBudget(models.Model):
    """The budget of a 세부사업 in its year from one funding source (백만원): secured (확보액, the plan's budget) and
    executed (집행액, empty until something is spent; above secured is allowed: carry-over funds). A source the
    세부사업 has no money from has no row. Every total is computed (`performance.plans`)."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="budget_rows")
    source = models.CharField(_("재원"), max_length=20, choices=FundingSource.choices)
    secured = models.PositiveBigIntegerField(_("확보액(백만원)"), validators=[MaxValueValidator(MAX_MILLION_WON)])
    executed = models.PositiveBigIntegerField(
        _("집행액(백만원)"), null=True, blank=True, validators=[MaxValueValidator(MAX_MILLION_WON)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("세부사업 예산")
        verbose_name_plural = _("세부사업 예산")
        ordering = ["programme", "source"]
        constraints = [models.UniqueConstraint(fields=["programme", "source"], name="programme_budget_unique_source")]

    def __str__(self):
        return f"{self.programme} {self.get_source_display()}"
