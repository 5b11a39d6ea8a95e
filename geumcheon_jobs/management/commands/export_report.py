from pathlib import Path

from django.core.management.base import CommandError

from documents.quarterly import NoSuchPeriod, quarterly_report
from documents.registry import kind
from documents.subjects import default_pledge
from performance.management.base import KoreanCommand, add_government_argument, government_option, one_pledge


class Command(KoreanCommand):
    help = "Write the quarterly job-creation report (분기 일자리창출 실적 보고); .pdf, .xlsx or .hwpx by the output's suffix."

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
        renderers = kind("quarterly").renderers
        exporter = renderers.get(output.suffix.lower().lstrip("."))
        if exporter is None:
            raise CommandError(f"지원하지 않는 파일 형식입니다: {output.name} (가능: {', '.join(renderers)})")
        government = government_option(government)
        found = one_pledge(pledge, government) if pledge else default_pledge(year, government)
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
