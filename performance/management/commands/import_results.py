from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from performance.calculations import figure
from performance.imports import apply_import, plan_import
from performance.services import ReportError


class Command(BaseCommand):
    help = "Import a quarter's results from the Excel template; nothing is saved when any cell is wrong."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="show what would change, save nothing")
        parser.add_argument("--user", help="act as this account (its rights are checked and it is named in history)")

    def handle(self, *args, file: Path, dry_run=False, user=None, **options):
        if not file.is_file():
            raise CommandError(f"파일이 없습니다: {file}")
        account = None
        if user is not None:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(f"사용자를 찾을 수 없습니다: {user}")
        plan = plan_import(file.read_bytes(), file.name, account)
        if not plan.ok:
            for error in plan.errors:
                where = f"{error.sheet}!{error.cell}" if error.cell else (error.sheet or file.name)
                value = f" [{error.value}]" if error.value else ""
                self.stderr.write(f"{where}{value}: {error.message}")
            raise CommandError(f"잘못된 곳 {len(plan.errors)}개: 아무것도 저장하지 않았습니다.")
        for report in plan.reports:
            for change in report.changes:
                self.stdout.write(
                    f"{report.department.name} · {change.programme}: "
                    f"{figure(change.old_jobs)} → {figure(change.new_jobs)}"
                )
        if dry_run:
            self.stdout.write(
                f"미리보기: {plan.year}년 {plan.quarter}분기, 바뀔 항목 {plan.change_count}개 (저장하지 않음)"
            )
            return
        try:
            with transaction.atomic():
                saved = apply_import(plan.to_session(), account)
        except ReportError as refused:
            raise CommandError(f"{refused.message} 아무것도 저장하지 않았습니다.") from None
        self.stdout.write(
            f"저장: {plan.year}년 {plan.quarter}분기, 보고 {len(saved)}건, 바뀐 항목 {plan.change_count}개"
        )
