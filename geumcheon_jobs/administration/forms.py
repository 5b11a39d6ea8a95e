"""The administrator's forms: they read what a person typed; every rule is the services'."""

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from performance.models import Department, FundingSource

from .services import ROLES

CHOOSE_FROM_LIST = _("목록에 있는 항목을 고르세요.")
PASSWORDS_DIFFER = _("두 비밀번호가 다릅니다. 같은 비밀번호를 두 번 입력하세요.")


def _department_field(government) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("부서"),
        queryset=Department.objects.filter(local_government=government).order_by("sort_order", "name"),
        empty_label=_("(부서를 고르세요)"),
    )
    field.error_messages["invalid_choice"] = CHOOSE_FROM_LIST
    field.error_messages["required"] = _("부서를 고르세요.")
    return field


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("역할"),
        choices=list(ROLES.items()),
        error_messages={"invalid_choice": CHOOSE_FROM_LIST, "required": _("역할을 고르세요.")},
    )


class PasswordPairMixin:
    """The password typed twice, the same both times (when the form asks for one)."""

    def clean(self):
        cleaned = super().clean()
        if "password1" in self.fields and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", PASSWORDS_DIFFER)
        return cleaned


def _password_fields(form: forms.Form, label) -> None:
    form.fields["password1"] = forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("8자 이상, 흔하지 않고 숫자만으로 되지 않은 비밀번호. 처음 로그인한 뒤 본인이 바꾸게 하세요."),
        error_messages={"required": _("비밀번호를 입력하세요.")},
    )
    form.fields["password2"] = forms.CharField(
        label=_("비밀번호 확인"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("같은 비밀번호를 한 번 더 입력하세요.")},
    )


class UserForm(PasswordPairMixin, forms.Form):
    """A person's name, e-mail, department and role (and, for a new account, the username and first password)."""

    full_name = forms.CharField(label=_("이름"), max_length=150, error_messages={"required": _("이름을 입력하세요.")})
    email = forms.EmailField(
        label=_("전자우편"),
        required=False,
        max_length=254,
        help_text=_("실적 알림과 비밀번호 찾기에 씁니다."),
        error_messages={"invalid": _("올바른 전자우편 주소를 입력하세요. 예: name@example.go.kr")},
    )

    def __init__(self, *args, government, new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"] = _department_field(government)
        self.fields["role"] = _role_field()
        if new:
            username = forms.CharField(
                label=_("아이디"),
                max_length=150,
                validators=[
                    UnicodeUsernameValidator(message=_("아이디에는 글자, 숫자와 @ . + - _ 만 쓸 수 있습니다."))
                ],
                error_messages={"required": _("아이디를 입력하세요.")},
            )
            self.fields = {"username": username, **self.fields}
            _password_fields(self, _("처음 비밀번호"))


class PasswordResetForm(PasswordPairMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _password_fields(self, _("새 비밀번호"))


class DepartmentAddForm(forms.Form):
    name = forms.CharField(label=_("부서명"), max_length=50, error_messages={"required": _("부서명을 입력하세요.")})
    code = forms.SlugField(
        label=_("부서 코드"),
        max_length=20,
        help_text=_("영문 소문자, 숫자, - 와 _ 로 된 짧은 코드(예: dept23). 파일 이름에 씁니다."),
        error_messages={
            "required": _("부서 코드를 입력하세요."),
            "invalid": _("부서 코드에는 영문, 숫자, - 와 _ 만 쓸 수 있습니다."),
        },
    )


class DepartmentActionForm(forms.Form):
    """Rename, move or delete one department, named by its id."""

    action = forms.ChoiceField(choices=[("rename", "rename"), ("move", "move"), ("delete", "delete")])
    pk = forms.IntegerField(min_value=1)
    name = forms.CharField(max_length=50, required=False)
    position = forms.IntegerField(min_value=1, max_value=10_000, required=False)


class FundingSourceForm(forms.Form):
    """Add, move or remove one funding source of the national vocabulary."""

    action = forms.ChoiceField(choices=[("add", "add"), ("move", "move"), ("remove", "remove")])
    source = forms.ChoiceField(
        label=_("재원"),
        choices=FundingSource.choices,
        error_messages={"invalid_choice": CHOOSE_FROM_LIST, "required": _("재원을 고르세요.")},
    )
    position = forms.IntegerField(min_value=1, max_value=100, required=False)
