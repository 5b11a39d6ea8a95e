"""The multi-year budget of a pledge by funding source, in 백만원 (million KRW).

Only the figures a person enters are stored: secured (확보액) and executed (집행액) per budget line,
year and source. Every total is computed by `budget.selectors.budget_matrix`.
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from performance.models import MAX_MILLION_WON, YEAR_VALIDATORS, FundingSource, Pledge

__all__ = ["MAX_MILLION_WON", "Allocation", "BudgetLine", "FundingSource"]


class BudgetLine(models.Model):
    """A budgeted programme (세부사업) of a pledge; the card has one, 수요자 맞춤 일자리창출(지원)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="budget_lines")
    name = models.CharField(_("사업명"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)
    # Raised by budget.services.allocations_save whenever the line's figures change, so that a form built
    # from an older version is refused instead of overwriting someone else's save.
    version = models.PositiveIntegerField(_("버전"), default=1, help_text=_("동시 수정 확인용"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("예산 사업")
        verbose_name_plural = _("예산 사업")
        ordering = ["pledge", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["pledge", "name"], name="budget_line_unique_name")]

    def __str__(self):
        return self.name


class Allocation(models.Model):
    """Secured and executed amounts of one budget line, year and funding source (백만원).

    `executed` is empty for a planned year; executed above secured is allowed (carry-over funds).
    """

    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="allocations")
    year = models.PositiveSmallIntegerField(_("연도"), validators=YEAR_VALIDATORS)
    source = models.CharField(_("재원"), max_length=20, choices=FundingSource.choices)
    secured = models.PositiveBigIntegerField(_("확보액(백만원)"), validators=[MaxValueValidator(MAX_MILLION_WON)])
    executed = models.PositiveBigIntegerField(
        _("집행액(백만원)"), null=True, blank=True, validators=[MaxValueValidator(MAX_MILLION_WON)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("재원별 예산")
        verbose_name_plural = _("재원별 예산")
        ordering = ["budget_line", "year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["budget_line", "year", "source"], name="allocation_unique_cell"),
        ]

    def __str__(self):
        return f"{self.budget_line} {self.year} {self.get_source_display()}"
