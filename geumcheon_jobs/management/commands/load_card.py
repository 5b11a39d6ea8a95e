from django.core.management.base import BaseCommand
from django.db import transaction

from geumcheon_jobs.seed import seed_card


class Command(BaseCommand):
    help = "Load the pledge card's real data only (no demo departments, reports or accounts); idempotent."

    def handle(self, *args, **options):
        counter = [0]
        with transaction.atomic():
            pledge = seed_card(counter)
        self.stdout.write(f"Pledge {pledge.code}: {counter[0]} rows created.")
