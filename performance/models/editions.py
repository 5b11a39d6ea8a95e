"""Published versions of a yearly plan: every 공시 and 수정공시 keeps a frozen copy of the plan's rows, so that an
earlier version stays readable (and comparable with the current plan) after the plan has changed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .plans import YearPlan


class YearPlanEdition(models.Model):
    """One publication of a yearly plan (제n판): when, by whom, why, and its 세부사업 rows as JSON, never edited."""

    year_plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveSmallIntegerField(_("판"))
    status = models.CharField(_("상태"), max_length=20, choices=YearPlan.Status.choices)
    published_on = models.DateField(_("공시일"))
    reason = models.TextField(_("사유"), blank=True)
    rows = models.JSONField(_("세부사업"), default=list)
    created_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("공시본")
        verbose_name_plural = _("공시본")
        ordering = ["year_plan", "number"]
        constraints = [models.UniqueConstraint(fields=["year_plan", "number"], name="edition_unique_number")]

    def __str__(self):
        return f"{self.year_plan} 제{self.number}판"
