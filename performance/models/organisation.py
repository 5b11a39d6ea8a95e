"""Who works on the plan: local governments, their departments and the people in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import DepartmentScopedQuerySet


class LocalGovernment(models.Model):
    """A 지자체 such as 금천구; departments and pledges belong to one, so one install can serve several. A 기초
    government (시·군·구) names its 광역 government (시·도) as `parent`, whose supervisors read it."""

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("광역(시·도)")
        BASIC = "basic", _("기초(시·군·구)")

    name = models.CharField(_("지자체명"), max_length=50, unique=True)
    code = models.CharField(_("행정기관코드"), max_length=10, unique=True)
    kind = models.CharField(_("구분"), max_length=10, choices=Kind.choices, default=Kind.BASIC)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"kind": Kind.REGIONAL},
        verbose_name=_("상위 시·도"),
    )
    is_demo = models.BooleanField(_("시연용 자료"), default=False)

    class Meta:
        verbose_name = _("지자체")
        verbose_name_plural = _("지자체")
        permissions = [
            ("administer_government", _("소속 기관의 사용자·부서·목록·재원 관리")),
            ("view_governments_under", _("산하 시·군·구 자료 열람")),
        ]
        constraints = [
            # A 시·도 has no 시·도 above it; a 시·군·구's 시·도 is checked in clean() (a join a constraint cannot make).
            models.CheckConstraint(
                condition=~models.Q(kind="regional", parent__isnull=False), name="regional_government_has_no_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id is not None and self.parent.kind != self.Kind.REGIONAL:
            raise ValidationError({"parent": _("상위 지자체는 시·도여야 합니다.")})


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
    """The government a user works for and, for department staff, their department. Every signed-in page reads
    only this government's data; roles apply within it (a lead reviewer reviews every department of it, staff
    see their own department). A lead reviewer or manager may have no department; staff always have one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    local_government = models.ForeignKey(
        LocalGovernment, on_delete=models.PROTECT, related_name="members", verbose_name=_("지자체")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="members", null=True, blank=True, verbose_name=_("부서")
    )

    class Meta:
        verbose_name = _("소속")
        verbose_name_plural = _("소속")

    def __str__(self):
        return f"{self.user} · {self.department or self.local_government}"

    def save(self, *args, **kwargs):
        # A department names its government: a membership given only a department belongs to that department's.
        if self.department_id and not self.local_government_id:
            self.local_government_id = self.department.local_government_id
        self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        if self.department_id and self.local_government_id != self.department.local_government_id:
            raise ValidationError({"department": _("부서는 소속 지자체의 부서여야 합니다.")})
