"""The record of every official document the lead department sent out.

`IssuedDocument` keeps the file exactly as sent and the figures behind it, frozen. Nothing in the application changes
or deletes one. Its kinds are the registry's (`documents.registry`). The model moved here from `geumcheon_jobs`
(state-only, documents 0001 and geumcheon_jobs 0005); documents 0002 renamed its table."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from performance.models import LocalGovernment, Pledge

IMMUTABLE = "An issued document is a record of what was sent: it is never changed or deleted."


class IssuedDocumentQuerySet(models.QuerySet):
    """Refuses the bulk writes that would bypass `IssuedDocument.save()` and `.delete()`."""

    def update(self, **kwargs):
        raise TypeError(IMMUTABLE)

    def delete(self):
        raise TypeError(IMMUTABLE)

    def visible_to(self, user):
        """The documents of the person's government (`access.government_of`: a pledge's or a yearly plan's), none
        without one."""
        from performance.access import government_of

        government = government_of(user)
        return self.filter(local_government_id=government) if government else self.none()

    def without_file(self):
        """For lists: everything but the file's bytes."""
        return self.defer("content")


def document_kinds() -> list[tuple[str, str]]:
    """The registry's kinds as choices: a kind added to the registry needs no migration here."""
    from .registry import KINDS

    return [(kind.slug, kind.title) for kind in KINDS.values()]


class IssuedDocument(models.Model):
    """One sending of an official document (any kind of the registry: 공약 이행 카드, 분기 실적 보고, 예산 집행 보고, the
    plan's 공시 documents): to whom and when, the
    file's bytes and SHA-256, and the labelled figures the document showed.

    The file is kept in the database (a BinaryField), not under var/: it is written in the same transaction as
    its record, so there is never a record without its file or a file without its record, and `pg_dump` (the
    documented backup) keeps both. The files are small (tens to hundreds of KB) and few (a few dozen a year).

    `figures` is a list of [label, value] pairs rather than an object, because PostgreSQL's jsonb does not keep
    the order of an object's keys and the order is the document's.
    """

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel(.xlsx)"
        HWPX = "hwpx", "한글(.hwpx)"

    local_government = models.ForeignKey(
        LocalGovernment, on_delete=models.PROTECT, related_name="issued_documents", verbose_name=_("지자체")
    )
    # The pledge of a pledge's document (card, reports); empty for a document of the government's yearly plan.
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="issued_documents", null=True, blank=True)
    kind = models.CharField(_("문서"), max_length=20, choices=document_kinds)
    year = models.PositiveSmallIntegerField(_("연도"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(_("분기"), null=True, blank=True)
    file_format = models.CharField(_("형식"), max_length=4, choices=Format.choices)
    recipient = models.CharField(_("수신처"), max_length=200)
    sent_on = models.DateField(_("발송일"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="issued_documents", verbose_name=_("처리자")
    )
    issued_at = models.DateTimeField(_("처리 일시"), default=timezone.now)
    filename = models.CharField(_("파일 이름"), max_length=255)
    mimetype = models.CharField(_("파일 형식"), max_length=100)
    content = models.BinaryField(_("파일"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    figures = models.JSONField(_("발행 당시 수치"), default=list)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("발송 문서")
        verbose_name_plural = _("발송 문서")
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["pledge", "kind", "year", "quarter"], name="issued_document_params")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__gte=1, quarter__lte=4),
                name="issued_document_quarter_1_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_label} → {self.recipient} ({self.sent_on:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(IMMUTABLE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(IMMUTABLE)

    @property
    def period_label(self) -> str:
        if self.year and self.quarter:
            return _("%(year)s년 %(quarter)s분기") % {"year": self.year, "quarter": self.quarter}
        if self.year:
            return _("%(year)s년") % {"year": self.year}
        return _("전체 연도")

    @property
    def parameters(self) -> tuple:
        """What names the document (apart from its format): documents with the same parameters show the same
        figures."""
        return (self.local_government_id, self.pledge_id, self.kind, self.year, self.quarter)
