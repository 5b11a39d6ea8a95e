from pathlib import Path

from django.core.management.base import CommandError

from documents.card import UnknownCardYear, card_years, pledge_card
from documents.registry import kind
from performance.management.base import KoreanCommand, add_government_argument, government_option, one_pledge


class Command(KoreanCommand):
    help = "Write the pledge card (공약 이행 카드) for a year; the format follows the output's suffix."

    def add_arguments(self, parser):
        parser.add_argument("--pledge", required=True, help="pledge code, e.g. 지역경제-11")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--output", required=True, type=Path)
        add_government_argument(parser)

    def handle(self, *args, pledge, year, output, government=None, **options):
        suffix = output.suffix.lower().lstrip(".")
        renderers = kind("card").renderers
        exporter = renderers.get(suffix)
        if exporter is None:
            raise CommandError(f"지원하지 않는 파일 형식입니다: {output.name} (가능: {', '.join(renderers)})")
        found = one_pledge(pledge, government_option(government))
        try:
            card = pledge_card(found, year)
        except UnknownCardYear as exc:
            years = ", ".join(str(y) for y in card_years(found))
            raise CommandError(f"{exc} 가능한 연도: {years}") from None
        exported = exporter(card)
        if not output.parent.is_dir():
            raise CommandError(f"폴더가 없습니다: {output.parent}")
        output.write_bytes(exported.content)
        self.stdout.write(f"{output} ({len(exported.content):,} bytes)")
