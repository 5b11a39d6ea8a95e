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
            raise CommandError(f"Refusing to keep fewer than {MINIMUM_DAYS} days of access log (asked: {days}).")
        cutoff = timezone.now() - timedelta(days=days)
        old = AccessLog.objects.filter(at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"{old.count()} access-log rows older than {cutoff:%Y-%m-%d} would be deleted.")
            return
        deleted, _ = old.delete()
        self.stdout.write(f"Deleted {deleted} access-log rows older than {cutoff:%Y-%m-%d}.")
