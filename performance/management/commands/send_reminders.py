import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from performance.management.base import KoreanCommand
from performance.notices import send_reminders
from performance.periods import deadline, reporting_period


class Command(KoreanCommand):
    help = "Remind departments that have not submitted a quarter's results as its deadline nears or passes (cron)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int)
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="today, as YYYY-MM-DD (for testing)")
        parser.add_argument("--dry-run", action="store_true", help="list the departments, send nothing")

    def handle(self, *args, year=None, quarter=None, date=None, dry_run=False, **options):
        today = date or timezone.localdate()
        if (year is None) != (quarter is None):
            raise CommandError("--year와 --quarter는 함께 지정하세요.")
        if year is None:
            year, quarter = reporting_period(today)
        departments = send_reminders(year=year, quarter=quarter, today=today, dry_run=dry_run)
        verb = "보낼" if dry_run else "보낸"
        self.stdout.write(f"{year}년 {quarter}분기: {verb} 알림 {len(departments)}건")
        for department in departments:
            due = deadline(department.local_government_id, year, quarter)
            self.stdout.write(f"  {department.local_government} {department.name} (기한 {due:%Y-%m-%d})")
