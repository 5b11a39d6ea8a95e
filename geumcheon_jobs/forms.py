"""The site's own forms: the login form, in the words the login page uses."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form with its errors in the page's words: the field is 아이디, so the message says 아이디
    (Django's Korean catalogue names the field 사용자 이름 and leaves the particle undecided, which is neither the
    field's name nor good Korean). One
    message for an unknown account and a wrong password, so that it does not tell which accounts exist."""

    error_messages = {
        "invalid_login": _(
            "아이디 또는 비밀번호가 올바르지 않습니다. 대문자와 소문자를 구별하니 확인한 뒤 다시 입력하세요."
        ),
        "inactive": _("사용이 중지된 계정입니다. 일자리창출과 시스템 담당자에게 문의하세요."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("아이디")
        self.fields["password"].label = _("비밀번호")
