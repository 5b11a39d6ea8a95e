"""Delete access-log rows older than the retention period (AUDIT_RETENTION_DAYS; run daily from cron)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.models import AccessLog

# 개인정보의 안전성 확보조치 기준 §8: access records are kept at least one year (two for large or sensitive
# systems); a shorter period is refused rather than silently applied.
MINIMUM_DAYS = 365


class Command(BaseCommand):
    help = "Delete access-log rows older than AUDIT_RETENTION_DAYS (or --days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="keep this many days (default: the setting)")
        parser.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.AUDIT_RETENTION_DAYS if days is None else days
        if days < MINIMUM_DAYS:
            raise CommandError(
                f"접속기록은 {MINIMUM_DAYS}일 이상 보관해야 해서 지우지 않았습니다(요청한 보관 기간: {days}일)."
            )
        cutoff = timezone.now() - timedelta(days=days)
        old = AccessLog.objects.filter(at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"{cutoff:%Y-%m-%d} 이전 접속기록 {old.count()}건을 지울 예정입니다(지우지 않음).")
            return
        deleted, _ = old.delete()
        self.stdout.write(f"{cutoff:%Y-%m-%d} 이전 접속기록 {deleted}건을 지웠습니다.")
