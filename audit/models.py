"""The access log (접속기록) that 개인정보의 안전성 확보조치 기준 asks for: who, when, from where, what."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """One access to personal data or one file taken away. Append-only: rows are written by the middleware,
    read in the admin and deleted only by `prune_access_log` after the retention period."""

    class Kind(models.TextChoices):
        DOWNLOAD = "download", _("내려받기")
        EXPORT = "export", _("자료 내보내기")
        PERSONAL = "personal", _("개인정보 열람")
        ADMIN = "admin", _("관리 화면")

    at = models.DateTimeField(_("일시"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("사용자"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text so that the record still names the person after the account is deleted.
    username = models.CharField(_("아이디"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("접속지 IP"), null=True, blank=True)
    method = models.CharField(_("방식"), max_length=10)
    path = models.CharField(_("주소"), max_length=2000)
    query_string = models.TextField(_("조회 조건"), blank=True)
    kind = models.CharField(_("구분"), max_length=16, choices=Kind.choices)
    status_code = models.PositiveSmallIntegerField(_("응답 코드"))
    target = models.CharField(_("대상"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("접속기록")
        verbose_name_plural = _("접속기록")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["at"], name="audit_accesslog_at"),
            models.Index(fields=["user", "at"], name="audit_accesslog_user_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or '-'} {self.get_kind_display()} {self.path}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("AccessLog rows are append-only")
        super().save(*args, **kwargs)


class ChangeRecord(models.Model):
    """One change an administrator made on screen (a user, a department, a funding source): who, when, what and of
    which government. Written in the transaction of the change (`audit.changes.record_change`); append-only. The
    government is kept as its id, so that the audit app depends on no other."""

    at = models.DateTimeField(_("일시"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("사용자"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("아이디"), max_length=150, blank=True)
    government_id = models.PositiveBigIntegerField(_("기관"), null=True, blank=True, db_index=True)
    action = models.CharField(_("변경"), max_length=100)
    target = models.CharField(_("대상"), max_length=300)
    detail = models.TextField(_("내용"), blank=True)

    class Meta:
        verbose_name = _("변경 기록")
        verbose_name_plural = _("변경 기록")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or '-'} {self.action} {self.target}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("ChangeRecord rows are append-only")
        super().save(*args, **kwargs)
