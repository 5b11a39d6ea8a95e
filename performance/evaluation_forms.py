"""The results report's form (추진실적 보고서 작성): it only parses and explains input; saving and its rules live in
evaluation_services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .evaluation_services import parse_evidence
from .models import EVALUATION_SECTIONS
from .models.evaluations import SECTION_MAX_LENGTH
from .plan_services import PlanRefused

SECTION_HINTS = {
    "achievements": _("그해 목표 대비 실적과 주요 성과를 씁니다."),
    "best_practices": _("다른 지자체에 알릴 만한 사업과 그 결과를 씁니다."),
    "shortfalls": _("목표에 못 미친 사업, 그 까닭과 고칠 방법을 씁니다."),
    "next_steps": _("다음 해에 이어 갈 일과 새로 할 일을 씁니다."),
}
TOO_LONG = _("%(limit_value)s자 이내로 쓰세요(지금 %(show_value)s자).")


def _section(name: str) -> forms.CharField:
    return forms.CharField(
        label=EVALUATION_SECTIONS[name],
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=SECTION_HINTS[name],
        error_messages={"max_length": TOO_LONG},
    )


class EvaluationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    achievements = _section("achievements")
    best_practices = _section("best_practices")
    shortfalls = _section("shortfalls")
    next_steps = _section("next_steps")
    evidence = forms.CharField(
        label=_("근거 자료"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("한 줄에 하나씩 '제목 | 링크 또는 파일명'으로 씁니다. 링크나 파일명이 없으면 제목만 씁니다."),
    )

    def clean_evidence(self):
        try:
            return parse_evidence(self.cleaned_data.get("evidence", ""))
        except PlanRefused as refused:
            raise forms.ValidationError(refused.message) from None

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in EVALUATION_SECTIONS}

    @property
    def section_fields(self):
        return [self[name] for name in EVALUATION_SECTIONS]
