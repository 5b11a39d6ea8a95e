"""Figures the pages read, summed once and kept exact: the approved results and the targets of each pledge's
세부사업 by year (and quarter), for the whole government and for each department, in total and by 부문 and 대상.

Nothing here is typed: `performance.summaries` changes these rows in the same transaction as every change they
depend on (an approval adds its lines, a reopening subtracts them; a plan change or a pledge's links recompute
the pledge's year), and `manage.py verify_summaries` recomputes them all from the lines and prints any difference.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .pledges import Pledge

ALL_DEPARTMENTS = 0  # `department` of a row for the whole government
NO_MEMBER = 0  # `member` of a TOTAL row


class Dimension(models.TextChoices):
    TOTAL = "total", _("합계")
    TYPE = "type", _("부문")
    GROUP = "group", _("대상")


class SummaryKey(models.Model):
    """(pledge, department or 0, dimension, 부문 or 대상 id or 0, year): where a row's figures belong. The unique
    index runs in that order, so that a page's reads (a pledge's totals of every year, one department's year) are
    each a range of it."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("연도"))
    department = models.PositiveIntegerField(_("부서"), help_text=_("0: 모든 부서"))
    dimension = models.CharField(_("구분"), max_length=8, choices=Dimension.choices)
    member = models.PositiveIntegerField(_("부문·대상"), help_text=_("0: 합계"))

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.pledge_id} {self.year} {self.department} {self.dimension} {self.member}"


class ResultSummary(SummaryKey):
    """The approved results of one quarter: jobs and the number of approved lines behind them."""

    quarter = models.PositiveSmallIntegerField(_("분기"))
    jobs = models.BigIntegerField(_("승인 실적(명)"), default=0)
    lines = models.IntegerField(_("승인된 실적 행"), default=0)

    class Meta:
        verbose_name = _("승인 실적 요약")
        verbose_name_plural = _("승인 실적 요약")
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "department", "dimension", "member", "year", "quarter"], name="result_summary_key"
            )
        ]
        # Every department's row of a year (the dashboard's department table) is a range of this one.
        indexes = [models.Index(fields=["pledge", "year", "dimension", "department"], name="result_summary_year")]


class TargetSummary(SummaryKey):
    """The year's plan behind a pledge: its active 세부사업, how many have no target, and the sum of the targets."""

    target = models.BigIntegerField(_("목표 합계(명)"), default=0)
    programmes = models.IntegerField(_("세부사업 수"), default=0)
    untargeted = models.IntegerField(_("목표 없는 세부사업 수"), default=0)

    class Meta:
        verbose_name = _("목표 요약")
        verbose_name_plural = _("목표 요약")
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "department", "dimension", "member", "year"], name="target_summary_key"
            )
        ]
        indexes = [models.Index(fields=["pledge", "year", "dimension", "department"], name="target_summary_year")]


class BudgetSummary(models.Model):
    """The yearly plan's budget over its 세부사업 by funding source (백만원), for the whole government (`department`
    0) and for each department; `source` "" is every source together. `executed` is None while none of the rows
    behind it has an executed amount ("—", never 0)."""

    local_government = models.ForeignKey("performance.LocalGovernment", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("연도"))
    department = models.PositiveIntegerField(_("부서"), help_text=_("0: 모든 부서"))
    source = models.CharField(_("재원"), max_length=20, blank=True, help_text=_("비우면 모든 재원"))
    secured = models.BigIntegerField(_("확보액(백만원)"), default=0)
    executed = models.BigIntegerField(_("집행액(백만원)"), null=True, blank=True)
    programmes = models.IntegerField(_("세부사업 수"), default=0)

    class Meta:
        verbose_name = _("세부사업 예산 요약")
        verbose_name_plural = _("세부사업 예산 요약")
        constraints = [
            models.UniqueConstraint(
                fields=["local_government", "year", "department", "source"], name="budget_summary_key"
            )
        ]

    def __str__(self):
        return f"{self.local_government_id} {self.year} {self.department} {self.source}"
