"""Targets and half-yearly results of the two employment indicators (고용률, 취업자 수).

A target belongs to the term plan or to one yearly plan (exactly one of the two), and says "raise to X"
(목표치) or "keep at least X" (유지), with its baseline (기준값) and the half-year the baseline is from. A
result is one half-year's published figure of 통계청's 지역별고용조사 for the local government, with its source
and publication date. A half-year without a result row is not published: nothing stands for it, never 0.
Every change keeps who, when and why (django-simple-history)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from performance.models import YEAR_VALIDATORS, LocalGovernment, TermPlan, YearPlan

from .values import Half, Indicator, TargetKind


def _figure_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=6, decimal_places=1, **kwargs)


class IndicatorTarget(models.Model):
    local_government = models.ForeignKey(LocalGovernment, on_delete=models.PROTECT, related_name="indicator_targets")
    term = models.ForeignKey(
        TermPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_targets"
    )
    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_targets"
    )
    indicator = models.CharField(_("지표"), max_length=20, choices=Indicator.choices)
    kind = models.CharField(_("목표 유형"), max_length=10, choices=TargetKind.choices, default=TargetKind.RAISE)
    value = _figure_field(_("목표값"))
    baseline_value = _figure_field(_("기준값"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("기준 연도"), null=True, blank=True, validators=YEAR_VALIDATORS)
    baseline_half = models.PositiveSmallIntegerField(_("기준 반기"), null=True, blank=True, choices=Half.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("고용지표 목표")
        verbose_name_plural = _("고용지표 목표")
        constraints = [
            models.CheckConstraint(
                condition=Q(term__isnull=True, year_plan__isnull=False) | Q(term__isnull=False, year_plan__isnull=True),
                name="indicator_target_one_plan",
            ),
            models.UniqueConstraint(fields=["term", "indicator"], name="indicator_target_unique_term"),
            models.UniqueConstraint(fields=["year_plan", "indicator"], name="indicator_target_unique_year"),
        ]

    def __str__(self):
        return f"{self.get_indicator_display()} {self.value}"


class IndicatorResult(models.Model):
    local_government = models.ForeignKey(LocalGovernment, on_delete=models.PROTECT, related_name="indicator_results")
    indicator = models.CharField(_("지표"), max_length=20, choices=Indicator.choices)
    year = models.PositiveSmallIntegerField(_("연도"), validators=YEAR_VALIDATORS)
    half = models.PositiveSmallIntegerField(_("반기"), choices=Half.choices)
    value = _figure_field(_("실적값"))
    source = models.CharField(_("출처"), max_length=200)
    published_on = models.DateField(_("공표일"), null=True, blank=True)
    is_demo = models.BooleanField(_("시연용 자료"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("고용지표 실적")
        verbose_name_plural = _("고용지표 실적")
        ordering = ["local_government", "year", "half", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_government", "indicator", "year", "half"], name="indicator_result_unique_period"
            )
        ]

    def __str__(self):
        return f"{self.year}.{self.half} {self.get_indicator_display()} {self.value}"
