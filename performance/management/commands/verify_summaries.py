"""Recompute every summary the pages read from the approved lines and the plan's 세부사업, and print each stored
row that differs (exit 1 when any does). `--rebuild` then replaces them all with the recomputed ones."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from performance import summaries


class Command(BaseCommand):
    help = "요약 집계를 실적 행에서 다시 계산해 저장된 값과 비교합니다(다르면 종료 코드 1)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="다시 계산한 값으로 모두 바꿉니다.")

    def handle(self, *args, rebuild=False, **options):
        with transaction.atomic():
            found = summaries.differences()
            for line in found:
                self.stdout.write(line)
            if found and rebuild:
                summaries.rebuild()
                self.stdout.write(f"{len(found):,}개 행이 달라 모두 다시 계산했습니다.")
                return
        if found:
            raise CommandError(f"요약 집계 {len(found):,}개 행이 실적과 다릅니다.")
        self.stdout.write("요약 집계가 실적과 모두 같습니다.")
