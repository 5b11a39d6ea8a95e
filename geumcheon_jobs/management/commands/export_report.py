from pathlib import Path

from django.core.management.base import CommandError

from geumcheon_jobs.quarterly_report import REPORT_EXPORTERS, NoSuchPeriod, quarterly_report
from performance.management.base import KoreanCommand, add_government_argument, government_option, one_pledge
from performance.models import Pledge


class Command(KoreanCommand):
    help = "Write the quarterly job-creation report (분기 일자리창출 실적 보고); .pdf or .xlsx by the output's suffix."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--quarter", required=True, type=int)
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument(
            "--pledge",
            help="pledge code (default: the first pledge with a target for the year, e.g. 지역경제-11 for 2019)",
        )
        add_government_argument(parser)

    def handle(self, *args, year, quarter, output, pledge=None, government=None, **options):
        exporter = REPORT_EXPORTERS.get(output.suffix.lower().lstrip("."))
        if exporter is None:
            raise CommandError(f"지원하지 않는 파일 형식입니다: {output.name} (가능: {', '.join(REPORT_EXPORTERS)})")
        government = government_option(government)
        if pledge:
            found = one_pledge(pledge, government)
        else:  # with several pledges, `--year 2019` still means the one that had a target that year
            pledges = Pledge.objects.order_by("local_government__code", "code")
            pledges = pledges.filter(local_government=government) if government else pledges
            found = pledges.filter(targets__year=year, targets__target_group=None).first() or pledges.first()
        if found is None:
            raise CommandError(f"공약을 찾을 수 없습니다: {pledge or '(등록된 공약 없음)'}")
        if not output.parent.is_dir():
            raise CommandError(f"폴더가 없습니다: {output.parent}")
        try:
            document = quarterly_report(found, year, quarter)
        except NoSuchPeriod as exc:
            raise CommandError(str(exc)) from None
        exported = exporter(document)
        output.write_bytes(exported.content)
        self.stdout.write(f"{output} ({len(exported.content):,} bytes)")
