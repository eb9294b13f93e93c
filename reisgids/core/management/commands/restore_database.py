"""``make restore FILE=...``: put a pg_dump (custom format) back into the database Django uses."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reisgids.core import backup
from reisgids.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Zet een reservekopie (pg_dump, custom format) terug in de database."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="De reservekopie, bijvoorbeeld backups/reisgids.dump."
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Niets vragen; zonder --yes wordt een gevulde database dan niet overschreven.",
        )
        parser.add_argument(
            "--yes",
            "--force",
            action="store_true",
            dest="yes",
            help="Ook terugzetten als de database al gegevens bevat (die worden overschreven).",
        )

    def handle(self, *args, file=None, yes=False, **options):
        if not file:
            raise CommandError(
                "Geef de reservekopie op, bijvoorbeeld: make restore FILE=backups/reisgids.dump"
            )
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Het bestand {path} bestaat niet.")
        target = backup.Target.from_settings()
        if (
            backup.has_data()
            and not yes
            and not self._confirmed(target.name, options.get("interactive", True))
        ):
            raise CommandError(
                f"De database {target.name} bevat al gegevens. Terugzetten overschrijft die; "
                "herhaal met --yes als dat de bedoeling is."
            )
        try:
            backup.restore(target=target, source=path, major=backup.server_major_version())
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Reservekopie {path} teruggezet in {target.name}."))

    def _confirmed(self, name: str, interactive: bool) -> bool:
        if not interactive or not sys.stdin.isatty():
            return False
        answer = input(
            f"De database {name} bevat al gegevens. Overschrijven? Typ 'ja' om door te gaan: "
        )
        return answer.strip().lower() == "ja"
