"""The written parts of a yearly plan's results report (추진실적 보고서): four sections the lead department writes
after the year, and the evidence they cite. Every save keeps who, when and the previous text (django-simple-history);
`version` refuses a form built from an older text."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .plans import YearPlan

# The sections in the report's order: field name → heading.
EVALUATION_SECTIONS = {
    "achievements": _("추진 성과"),
    "best_practices": _("우수 사례"),
    "shortfalls": _("미흡 사항과 개선 계획"),
    "next_steps": _("향후 계획"),
}
SECTION_MAX_LENGTH = 10_000


class EvaluationReport(models.Model):
    year_plan = models.OneToOneField(YearPlan, on_delete=models.CASCADE, related_name="evaluation")
    achievements = models.TextField(_("추진 성과"), blank=True, max_length=SECTION_MAX_LENGTH)
    best_practices = models.TextField(_("우수 사례"), blank=True, max_length=SECTION_MAX_LENGTH)
    shortfalls = models.TextField(_("미흡 사항과 개선 계획"), blank=True, max_length=SECTION_MAX_LENGTH)
    next_steps = models.TextField(_("향후 계획"), blank=True, max_length=SECTION_MAX_LENGTH)
    version = models.PositiveIntegerField(_("버전"), default=1, help_text=_("동시 수정 확인용"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("추진실적 보고서 작성 내용")
        verbose_name_plural = _("추진실적 보고서 작성 내용")

    def __str__(self):
        return f"{self.year_plan} 추진실적 보고서"


class EvaluationEvidence(models.Model):
    """A piece of evidence the report cites: its title and, when there is one, a link or the file's name."""

    report = models.ForeignKey(EvaluationReport, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("근거 자료"), max_length=200)
    reference = models.CharField(_("링크 또는 파일명"), max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("근거 자료")
        verbose_name_plural = _("근거 자료")
        ordering = ["report", "sort_order", "pk"]

    def __str__(self):
        return self.title
