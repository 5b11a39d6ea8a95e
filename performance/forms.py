"""Forms only parse and explain input; the rules live in validation.py and the changes in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .reporting import EntryRow
from .services import LineInput
from .targets import TOTAL
from .validation import YEARS, parse_jobs


class ResultEntryForm(forms.Form):
    """One figure and one comment per programme of the department, plus the version the form was built on."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    acknowledge = forms.BooleanField(label=_("경고를 확인했습니다"), required=False)

    def __init__(self, *args, rows: list[EntryRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row.programme.pk
            self.fields[f"jobs_{pk}"] = forms.CharField(
                label=_("%(name)s 이번 분기 실적(명)") % {"name": row.programme.name},
                required=False,
                initial="" if row.jobs is None else f"{row.jobs:,}",
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "numeric",
                        "class": "num-input",
                        "autocomplete": "off",
                        "data-before": row.cumulative_before,
                        "data-target": row.annual_target or "",
                    }
                ),
            )
            self.fields[f"comment_{pk}"] = forms.CharField(
                label=_("%(name)s 비고") % {"name": row.programme.name},
                required=False,
                max_length=500,
                initial=row.comment,
            )

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            name = f"jobs_{row.programme.pk}"
            if name in cleaned:
                try:
                    cleaned[name] = parse_jobs(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        for name in self._errors:
            if name in self.fields:  # the template prints each error with this id, right below its field
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"
        return cleaned

    def bound_rows(self):
        """Each row with its two bound fields, for the template."""
        return [(row, self[f"jobs_{row.programme.pk}"], self[f"comment_{row.programme.pk}"]) for row in self.rows]

    def line_inputs(self) -> list[LineInput]:
        return [
            LineInput(
                row.programme.pk,
                self.cleaned_data[f"jobs_{row.programme.pk}"],
                self.cleaned_data[f"comment_{row.programme.pk}"].strip(),
            )
            for row in self.rows
        ]

    def values(self) -> dict[int, int | None]:
        return {line.programme_id: line.jobs for line in self.line_inputs()}


class ReasonForm(forms.Form):
    """A reason for returning or reopening a report, which the department will read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        label=_("사유"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("사유를 입력하세요.")},
    )

    def full_clean(self):
        super().full_clean()
        if "reason" in self._errors:  # the template prints the error with this id, right below the field
            self.fields["reason"].widget.attrs["aria-describedby"] = f"{self['reason'].auto_id}-error"


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class DeadlineForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=YEARS[0], max_value=YEARS[1])
    quarter = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=4)
    due_date = forms.DateField(
        label=_("제출 기한"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("날짜를 YYYY-MM-DD 형식으로 입력하세요."), "required": _("날짜를 입력하세요.")},
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("실적 파일(.xlsx)"),
        error_messages={"required": _("올릴 파일을 선택하세요."), "empty": _("빈 파일입니다.")},
    )


class TargetsForm(forms.Form):
    """The year's targets: the total, one per target group, one per programme the sheet lists. Blank means
    no target; figures are whole numbers of people, as everywhere (validation.parse_jobs)."""

    seen = forms.RegexField(regex=r"^[0-9]{1,18}\.[0-9]{1,18}$", widget=forms.HiddenInput)
    reason = forms.CharField(label=_("변경 사유"), required=False, max_length=300)

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.initial.setdefault("seen", sheet.seen)
        self._add("total", _("%(year)s년 연간 목표(명)") % {"year": sheet.year}, sheet.total)
        for group, jobs in sheet.groups:
            self._add(f"group_{group.pk}", _("%(name)s 목표(명)") % {"name": group.name}, jobs)
        for department in sheet.departments:
            for programme, jobs in department.programmes:
                label = _("%(department)s %(name)s 목표(명)") % {"department": department.department, "name": programme}
                self._add(f"programme_{programme.pk}", label, jobs)

    def _add(self, name: str, label: str, jobs: int | None) -> None:
        self.fields[name] = forms.CharField(
            label=label,
            required=False,
            initial="" if jobs is None else f"{jobs:,}",
            widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "num-input", "autocomplete": "off"}),
        )

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if name not in ("seen", "reason") and name in cleaned:
                try:
                    cleaned[name] = parse_jobs(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def values(self) -> dict[tuple[str, int], int | None]:
        """The typed targets by the service's keys."""
        result = {}
        for name, value in self.cleaned_data.items():
            if name == "total":
                result[TOTAL] = value
            elif name.startswith(("group_", "programme_")):
                kind, pk = name.split("_")
                result[(kind, int(pk))] = value
        return result

    def groups(self):
        return [(group, jobs, self[f"group_{group.pk}"]) for group, jobs in self.sheet.groups]

    def departments(self):
        return [
            (entry, [(programme, jobs, self[f"programme_{programme.pk}"]) for programme, jobs in entry.programmes])
            for entry in self.sheet.departments
        ]
