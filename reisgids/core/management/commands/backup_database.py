"""``make backup``: a pg_dump (custom format) of the database Django uses."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reisgids.core import backup
from reisgids.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Maakt een reservekopie van de database (pg_dump, custom format)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Bestand voor de kopie (standaard backups/reisgids-<tijdstip>.dump).",
        )

    def handle(self, *args, output=None, **options):
        if output:
            path = Path(output)
        else:
            path = (
                Path(settings.BASE_DIR)
                / "backups"
                / f"reisgids-{timezone.localtime():%Y%m%d-%H%M%S}.dump"
            )
        if path.exists():
            raise CommandError(f"{path} bestaat al; kies een andere naam.")
        target = backup.Target.from_settings()
        try:
            backup.dump(target=target, output=path, major=backup.server_major_version())
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        size = path.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Reservekopie van {target.name} geschreven naar {path} ({size} bytes)."
            )
        )
        return None
