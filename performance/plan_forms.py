"""The plan screens' forms: they only parse and explain input; the rules and the changes live in plan_services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .funding import sources_of
from .models import (
    MAX_JOBS,
    MAX_MILLION_WON,
    Department,
    PledgeStatus,
    ProgrammeType,
    TargetGroup,
    Task,
    YearPlan,
)
from .models.plans import YEAR_VALIDATORS

REASON_HINT = _("변경 이력에 남습니다(예: 2024년 추경 반영).")


def _jobs_field(label, required=False):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_JOBS,
        help_text=_("비우면 목표 없음"),
        error_messages={"invalid": _("0 이상의 정수(명)로 입력하세요."), "min_value": _("0 이상으로 입력하세요.")},
    )


def _amount_field(label, help_text):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_MILLION_WON,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"class": "num-input", "inputmode": "numeric"}),
        error_messages={
            "invalid": _("0 이상의 정수(백만원)로 입력하세요."),
            "min_value": _("0 이상으로 입력하세요."),
            "max_value": _("백만원 단위인지 확인하세요(%(limit_value)s 이하)."),
        },
    )


class TermPlanForm(forms.Form):
    name = forms.CharField(label=_("종합계획명"), max_length=50, help_text=_("예: 민선9기"))
    first_year = forms.IntegerField(label=_("첫 연도"), validators=YEAR_VALIDATORS)
    last_year = forms.IntegerField(label=_("마지막 연도"), validators=YEAR_VALIDATORS)
    jobs_target = forms.IntegerField(
        label=_("임기 목표(명)"), required=False, min_value=0, max_value=MAX_JOBS * 10, help_text=_("비우면 목표 없음")
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and first > last:
            self.add_error("last_year", _("마지막 연도는 첫 연도와 같거나 그 뒤여야 합니다."))
        return data


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=0, **kwargs)


class ProgrammeForm(forms.Form):
    """A 세부사업 of a year's plan, with the reason and the plan's version the form was built from."""

    version = VersionField()
    name = forms.CharField(label=_("세부사업명"), max_length=100)
    department = forms.ModelChoiceField(label=_("담당부서"), queryset=Department.objects.none())
    programme_type = forms.ModelChoiceField(label=_("부문"), queryset=ProgrammeType.objects.none())
    target_group = forms.ModelChoiceField(label=_("대상"), queryset=TargetGroup.objects.none())
    jobs_target = _jobs_field(_("목표(명)"))
    task = forms.ModelChoiceField(
        label=_("실천과제"), queryset=Task.objects.none(), required=False, empty_label=_("(실천과제 미지정)")
    )
    reason = forms.CharField(label=_("사유"), max_length=300, help_text=REASON_HINT)

    def __init__(self, *args, plan: YearPlan, **kwargs):
        super().__init__(*args, **kwargs)
        government = plan.local_government_id
        self.fields["department"].queryset = Department.objects.filter(local_government_id=government)
        self.fields["programme_type"].queryset = ProgrammeType.objects.filter(local_government_id=government)
        self.fields["target_group"].queryset = TargetGroup.objects.filter(local_government_id=government)
        self.fields["task"].queryset = Task.objects.filter(strategy__year_plan=plan).select_related("strategy")
        for name in ("department", "programme_type", "target_group", "task"):
            self.fields[name].error_messages["invalid_choice"] = _("목록에 있는 항목을 고르세요.")
        reason = self.fields.pop("reason")
        self.sources = sources_of(government)
        for source, label in self.sources:
            self.fields[f"secured_{source}"] = _amount_field(
                _("%(source)s 확보액(백만원)") % {"source": label}, _("이 재원의 예산이 없으면 비워 두세요.")
            )
            self.fields[f"executed_{source}"] = _amount_field(
                _("%(source)s 집행액(백만원)") % {"source": label}, _("아직 집행하지 않았으면 비워 두세요.")
            )
        self.fields["reason"] = reason

    def values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("name", "department", "programme_type", "target_group", "jobs_target", "task")
        }

    def budget(self) -> dict:
        """The 세부사업's budget as typed: source → (secured, executed); the rules are the service's."""
        return {
            source: (self.cleaned_data.get(f"secured_{source}"), self.cleaned_data.get(f"executed_{source}"))
            for source, _label in self.sources
        }

    def plain_fields(self):
        """The fields above the budget table (the reason comes after it)."""
        return [
            field
            for field in self.visible_fields()
            if not field.name.startswith(("secured_", "executed_")) and field.name != "reason"
        ]

    def budget_fields(self):
        """(source label, its secured field, its executed field) for the form's budget table."""
        return [(label, self[f"secured_{source}"], self[f"executed_{source}"]) for source, label in self.sources]

    @staticmethod
    def budget_initial(programme) -> dict:
        return {
            f"{kind}_{row.source}": getattr(row, kind)
            for row in programme.budget_rows.all()
            for kind in ("secured", "executed")
        }


class DropForm(forms.Form):
    version = VersionField()
    reason = forms.CharField(label=_("빼는 사유"), max_length=300, help_text=REASON_HINT)


class PublishForm(forms.Form):
    version = VersionField()
    published_on = forms.DateField(
        label=_("공시일"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("날짜를 2024-03-29처럼 입력하세요.")},
    )
    reason = forms.CharField(
        label=_("수정 사유"), max_length=300, required=False, help_text=_("수정공시 때 꼭 적습니다.")
    )


class PledgeForm(forms.Form):
    """The card header's main fields of a new pledge."""

    code = forms.CharField(label=_("공약 번호"), max_length=30, help_text=_("예: 지역경제-12"))
    title = forms.CharField(label=_("공약명"), max_length=200)
    lead_department = forms.ModelChoiceField(label=_("주관부서"), queryset=Department.objects.none())
    status = forms.ChoiceField(label=_("추진현황"), choices=PledgeStatus.choices, initial=PledgeStatus.ON_TRACK)
    implementation_rate = forms.DecimalField(
        label=_("이행률(%)"), min_value=0, max_value=100, max_digits=4, decimal_places=1, initial=0
    )
    completion_due = forms.CharField(label=_("완료시기"), max_length=30, initial=_("임기내"))
    project_type = forms.CharField(label=_("사업유형"), max_length=50, help_text=_("예: 계속/자체/기타"))
    plan_label = forms.CharField(label=_("추진계획 항목명"), max_length=100)
    policy_goal = forms.CharField(label=_("정책목표"), widget=forms.Textarea(attrs={"rows": 3}))
    strategies = forms.CharField(
        label=_("추진전략"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("한 줄에 하나씩")
    )

    def __init__(self, *args, government, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_department"].queryset = Department.objects.filter(local_government=government)
        self.fields["lead_department"].error_messages["invalid_choice"] = _("목록에 있는 부서를 고르세요.")


class LinkForm(forms.Form):
    """The pledge's 세부사업 of a year: the ticked rows (ids checked against the year's plan by the service)."""

    programmes = forms.TypedMultipleChoiceField(label=_("세부사업"), coerce=int, required=False, choices=())
    reason = forms.CharField(label=_("사유"), max_length=300, help_text=REASON_HINT)

    def __init__(self, *args, programme_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programmes"].choices = [(pk, pk) for pk in programme_ids]
        self.fields["programmes"].error_messages["invalid_choice"] = _(
            "이 연도 계획에 없는 세부사업이 있습니다. 화면을 새로 고친 뒤 다시 고르세요."
        )


class ListItemForm(forms.Form):
    """A 부문 or 대상 added to the government's list, or one renamed (`pk`), with the reason kept in its history."""

    kind = forms.ChoiceField(choices=[("type", _("부문")), ("group", _("대상"))], widget=forms.HiddenInput)
    pk = forms.IntegerField(required=False, min_value=1, max_value=2_147_483_647, widget=forms.HiddenInput)
    name = forms.CharField(label=_("이름"), max_length=30)
    reason = forms.CharField(label=_("사유"), max_length=300)


class StructureForm(forms.Form):
    """A 추진전략 or 실천과제 added or renamed on the year's structure page (see `outline_services.structure_save`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_147_483_647)
    new = forms.ChoiceField(
        choices=[("", ""), ("strategy", "strategy"), ("task", "task")], required=False, widget=forms.HiddenInput
    )
    strategy = forms.IntegerField(required=False, min_value=1, max_value=2_147_483_647, widget=forms.HiddenInput)
    task = forms.IntegerField(required=False, min_value=1, max_value=2_147_483_647, widget=forms.HiddenInput)
    name = forms.CharField(label=_("이름"), max_length=200)
    reason = forms.CharField(label=_("사유"), max_length=300)


class ListActionForm(forms.Form):
    """A 부문 or 대상 put at another place of its list (`position`, 1 = first) or deleted (with a reason, which the
    service requires)."""

    kind = forms.ChoiceField(choices=[("type", _("부문")), ("group", _("대상"))], widget=forms.HiddenInput)
    pk = forms.IntegerField(min_value=1, max_value=2_147_483_647, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[("move", "move"), ("delete", "delete")], widget=forms.HiddenInput)
    position = forms.IntegerField(required=False, min_value=1, max_value=32_767, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("사유"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and data.get("position") is None:
            self.add_error("position", _("옮길 자리를 고르세요."))
        return data


class StructureActionForm(forms.Form):
    """On the year's structure page: a 추진전략 or 실천과제 put at another place (`position`), a 실천과제 moved under
    another 추진전략 (`to_strategy`, with a reason), or either deleted (with a reason; the service requires it)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_147_483_647)
    action = forms.ChoiceField(
        choices=[("move", "move"), ("regroup", "regroup"), ("delete", "delete")], widget=forms.HiddenInput
    )
    strategy = forms.IntegerField(required=False, min_value=1, max_value=2_147_483_647, widget=forms.HiddenInput)
    task = forms.IntegerField(required=False, min_value=1, max_value=2_147_483_647, widget=forms.HiddenInput)
    position = forms.IntegerField(required=False, min_value=1, max_value=32_767, widget=forms.HiddenInput)
    to_strategy = forms.IntegerField(label=_("옮길 추진전략"), required=False, min_value=1, max_value=2_147_483_647)
    reason = forms.CharField(label=_("사유"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if not (data.get("strategy") or data.get("task")):
            raise forms.ValidationError(_("추진전략이나 실천과제를 고르세요."))
        if action == "move" and data.get("position") is None:
            self.add_error("position", _("옮길 자리를 고르세요."))
        if action == "regroup" and not (data.get("task") and data.get("to_strategy")):
            self.add_error("to_strategy", _("옮길 추진전략을 고르세요."))
        return data
