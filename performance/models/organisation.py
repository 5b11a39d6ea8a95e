"""Who works on the plan: local governments, their departments and the people in them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import DepartmentScopedQuerySet


class LocalGovernment(models.Model):
    """A 지자체 such as 금천구; departments and pledges belong to one, so one install can serve several."""

    name = models.CharField(_("지자체명"), max_length=50, unique=True)
    code = models.CharField(_("행정기관코드"), max_length=10, unique=True)

    class Meta:
        verbose_name = _("지자체")
        verbose_name_plural = _("지자체")
        permissions = [("administer_government", _("소속 기관의 사용자·부서·목록·재원 관리"))]

    def __str__(self):
        return self.name


class Department(models.Model):
    """A department (부서) that runs job programmes and reports their results each quarter."""

    local_government = models.ForeignKey(LocalGovernment, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("부서명"), max_length=50)
    code = models.SlugField(_("부서 코드"), max_length=20, help_text=_("계정과 파일 이름에 쓰는 짧은 영문 코드"))
    is_lead = models.BooleanField(_("총괄부서"), default=False, help_text=_("일자리창출과처럼 목표와 검토를 맡는 부서"))
    is_demo = models.BooleanField(_("시연용 자료"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    department_path = "pk"
    objects = DepartmentScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("부서")
        verbose_name_plural = _("부서")
        ordering = ["local_government", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["local_government", "name"], name="department_unique_name"),
            models.UniqueConstraint(fields=["local_government", "code"], name="department_unique_code"),
        ]
        permissions = [("view_all_departments", _("모든 부서의 자료 열람"))]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """The department a user works in; staff see and change only their own department's figures."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="members")

    class Meta:
        verbose_name = _("소속")
        verbose_name_plural = _("소속")

    def __str__(self):
        return f"{self.user} · {self.department}"
