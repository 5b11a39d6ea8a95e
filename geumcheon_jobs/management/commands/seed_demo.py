from django.conf import settings
from django.core.management.base import CommandError

from geumcheon_jobs.seed import DEMO_PASSWORD, seed_demo
from performance.management.base import KoreanCommand


class Command(KoreanCommand):
    help = "Load the pledge card's real data, the demo split across 22 departments and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Create the demo accounts even with DJANGO_DEBUG off (never on a real installation).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "시연 계정의 비밀번호는 공개되어 있어 seed_demo는 DJANGO_DEBUG=true에서만 실행합니다"
                "(지워도 되는 시험용 설치본이라면 --allow-production)."
            )
        result = seed_demo()
        self.stdout.write(
            f"Pledge {result.pledge.code}: {result.created} rows created "
            f"({'nothing new' if not result.created else 'new data loaded'})."
        )
        self.stdout.write("Demo accounts (demo data only): " + ", ".join(result.accounts))
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
