from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from geumcheon_jobs.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
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
                "Demo accounts have a published password: seed_demo runs only with DJANGO_DEBUG=true "
                "(or --allow-production on a throwaway installation)."
            )
        result = seed_demo()
        self.stdout.write(
            f"Pledge {result.pledge.code}: {result.created} rows created "
            f"({'nothing new' if not result.created else 'new data loaded'})."
        )
        self.stdout.write("Demo accounts (demo data only): " + ", ".join(result.accounts))
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
