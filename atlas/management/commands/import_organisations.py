"""Load a sociale kaart export (CSV) into the atlas. Idempotent by external_id."""

from django.core.management.base import BaseCommand, CommandError

from atlas import services
from reisgids.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Importeer organisaties uit een CSV-bestand (sociale kaart). Kolommen: external_id, name, type, "
        "description, website, email, phone, address, themes, areas, citywide, latitude, longitude, "
        "looking_for, offering."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het CSV-bestand.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen controleren; niets opslaan."
        )
        parser.add_argument(
            "--force", action="store_true", help="Ook geverifieerde profielen overschrijven."
        )

    def handle(self, *args, file, dry_run=False, force=False, **options):
        try:
            with open(file, "rb") as fh:
                report = services.organisations_import(file=fh, dry_run=dry_run, force=force)
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {exc}") from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        prefix = "Proefdraaien (niets opgeslagen): " if dry_run else ""
        self.stdout.write(
            f"{prefix}{len(report.created)} nieuw, {len(report.updated)} bijgewerkt, "
            f"{len(report.unchanged)} ongewijzigd, {len(report.skipped)} overgeslagen (geverifieerd), "
            f"{len(report.errors)} fout."
        )
        for name in report.skipped:
            self.stdout.write(f"  overgeslagen (geverifieerd, gebruik --force): {name}")
        for line, message in report.errors:
            self.stderr.write(f"  regel {line}: {message}")
