"""Write the atlas as Open Referral HSDS-shaped JSON (organisations, services, locations)."""

import json

from django.core.management.base import BaseCommand

from atlas import selectors


class Command(BaseCommand):
    help = "Exporteer de atlas als HSDS-JSON (Open Referral)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", help="Bestand om naar te schrijven; standaard de uitvoer."
        )

    def handle(self, *args, output=None, **options):
        data = json.dumps(selectors.hsds_export(), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(data)
            self.stdout.write(self.style.SUCCESS(f"HSDS geschreven naar {output}."))
        else:
            self.stdout.write(data)
