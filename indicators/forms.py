"""The forms of the indicators page: targets of a term's plans, one half-year's results, and a KOSIS file.
Figures are read by `values.parse_value` (one decimal, within the indicator's bounds); blank means "none"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from performance.validation import YEARS

from .selectors import INDICATORS
from .services import ResultInput, TargetInput
from .values import Half, TargetKind, label_with_unit, parse_value

REASON_LABEL = _("변경 사유")
DEFAULT_SOURCE = _("통계청 지역별고용조사(KOSIS 시군구 경제활동인구 총괄)")
NUMBER_ATTRS = {"inputmode": "decimal", "class": "num-input", "autocomplete": "off"}


class _Figures(forms.Form):
    seen = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    reason = forms.CharField(label=REASON_LABEL, required=False, max_length=300)

    def _figure(self, name: str, indicator: str):
        text = self.cleaned_data.get(name, "")
        value, error = parse_value(text, indicator)
        if error:
            self.add_error(name, error)
        return value


def _figure_field(label, value):
    return forms.CharField(
        label=label, required=False, initial="" if value is None else f"{value}", widget=forms.TextInput(NUMBER_ATTRS)
    )


class IndicatorTargetsForm(_Figures):
    """For every plan row (the term, then each yearly plan) and indicator: the kind, the value, the baseline and
    its half-year. A blank value removes the target."""

    def __init__(self, *args, plans, targets, seen: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("seen", seen)
        self.plans = plans  # [(plan, label)]: the TermPlan first, then its YearPlans
        self.rows = []
        self._prefixes = []
        for index, (plan, label) in enumerate(plans):
            cells = []
            for indicator in INDICATORS:
                target = targets.get((plan, indicator))
                prefix = f"p{index}_{indicator}"
                heading = f"{label} {label_with_unit(indicator)}"
                self.fields[f"{prefix}_kind"] = forms.ChoiceField(
                    label=_("%(what)s 목표 유형") % {"what": heading},
                    choices=TargetKind.choices,
                    initial=target.kind if target else TargetKind.RAISE,
                )
                self.fields[f"{prefix}_value"] = _figure_field(
                    _("%(what)s 목표값") % {"what": heading}, target.value if target else None
                )
                self.fields[f"{prefix}_baseline"] = _figure_field(
                    _("%(what)s 기준값") % {"what": heading}, target.baseline_value if target else None
                )
                self.fields[f"{prefix}_baseline_year"] = forms.IntegerField(
                    label=_("%(what)s 기준 연도") % {"what": heading},
                    required=False,
                    min_value=YEARS[0],
                    max_value=YEARS[1],
                    initial=target.baseline_year if target else None,
                    widget=forms.NumberInput(attrs={"class": "num-input year-input"}),
                )
                self.fields[f"{prefix}_baseline_half"] = forms.TypedChoiceField(
                    label=_("%(what)s 기준 반기") % {"what": heading},
                    required=False,
                    coerce=int,
                    empty_value=None,
                    choices=[("", "—"), *Half.choices],
                    initial=target.baseline_half if target else "",
                )
                cells.append((indicator, prefix))
            self.rows.append((label, [self._bound(prefix) for _indicator, prefix in cells]))
            self._prefixes += [(plan, cell) for cell in cells]

    def _bound(self, prefix):
        return {
            part: self[f"{prefix}_{part}"] for part in ("kind", "value", "baseline", "baseline_year", "baseline_half")
        }

    def clean(self):
        cleaned = super().clean()
        for _plan, (indicator, prefix) in self._prefixes:
            cleaned[f"{prefix}_value"] = self._figure(f"{prefix}_value", indicator)
            cleaned[f"{prefix}_baseline"] = self._figure(f"{prefix}_baseline", indicator)
            has_baseline = any(
                cleaned.get(f"{prefix}_{part}") for part in ("baseline", "baseline_year", "baseline_half")
            )
            if cleaned[f"{prefix}_value"] is None and has_baseline and f"{prefix}_value" not in self.errors:
                self.add_error(f"{prefix}_value", _("기준값을 적었다면 목표값도 입력하세요."))
        return cleaned

    def values(self) -> dict:
        result = {}
        for plan, (indicator, prefix) in self._prefixes:
            data = self.cleaned_data
            value = data[f"{prefix}_value"]
            result[(plan, indicator)] = (
                None
                if value is None
                else TargetInput(
                    kind=data[f"{prefix}_kind"],
                    value=value,
                    baseline_value=data[f"{prefix}_baseline"],
                    baseline_year=data.get(f"{prefix}_baseline_year"),
                    baseline_half=data.get(f"{prefix}_baseline_half"),
                )
            )
        return result


class IndicatorResultForm(_Figures):
    """One half-year's two figures with their source and publication date. A blank figure removes a stored one."""

    year = forms.IntegerField(label=_("연도"), min_value=YEARS[0], max_value=YEARS[1])
    half = forms.TypedChoiceField(label=_("반기"), choices=Half.choices, coerce=int)
    source = forms.CharField(label=_("출처"), max_length=200, required=False, initial=DEFAULT_SOURCE)
    published_on = forms.DateField(
        label=_("공표일"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, current: dict, seen: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("seen", seen)
        for indicator in INDICATORS:
            stored = current.get(indicator)
            self.fields[indicator] = _figure_field(label_with_unit(indicator), stored.value if stored else None)
            if stored is not None:
                self.initial.setdefault("source", stored.source)
                self.initial.setdefault("published_on", stored.published_on)

    def clean(self):
        cleaned = super().clean()
        figures = [self._figure(indicator, indicator) for indicator in INDICATORS]
        for indicator, value in zip(INDICATORS, figures, strict=True):
            cleaned[indicator] = value
        if any(value is not None for value in figures):
            if not (cleaned.get("source") or "").strip():
                self.add_error("source", _("출처를 입력하세요(예: 통계청 지역별고용조사)."))
            if not cleaned.get("published_on") and "published_on" not in self.errors:
                self.add_error("published_on", _("공표일을 입력하세요. 통계청이 발표한 날입니다."))
        return cleaned

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            (indicator, data["year"], data["half"]): (
                None
                if data[indicator] is None
                else ResultInput(data[indicator], data["source"].strip(), data["published_on"])
            )
            for indicator in INDICATORS
        }


class KosisImportForm(forms.Form):
    file = forms.FileField(label=_("KOSIS CSV 파일"))
    source = forms.CharField(label=_("출처"), max_length=200, initial=DEFAULT_SOURCE)
    published_on = forms.DateField(
        label=_("공표일(모르면 비움)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=REASON_LABEL, max_length=300)
    seen = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    preview = forms.BooleanField(label=_("저장하지 않고 미리 보기"), required=False)
