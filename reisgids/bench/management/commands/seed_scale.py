"""Synthetic data at the scale of a city: ``--factor 1`` is about Rotterdam today, ``--factor 20``
twenty times that. Counts scale linearly; see ``reisgids/bench/seed.py``."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from atlas.models import Organisation
from reisgids.bench.seed import Seeder


def _factor(value: str) -> float:
    try:
        factor = float(value)
    except ValueError as exc:
        raise CommandError(f"--factor moet een getal zijn, niet {value!r}.") from exc
    if not 0 < factor <= 200:
        raise CommandError("--factor moet groter dan 0 en hoogstens 200 zijn.")
    return factor


class Command(BaseCommand):
    help = "Maak synthetische gegevens op de schaal van een stad (factor 1 is Rotterdam nu)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--factor", type=_factor, default=1.0, help="Schaal: 1 is Rotterdam nu; 0.05 mag ook."
        )
        parser.add_argument(
            "--seed", type=int, default=20260, help="Startwaarde van de toevalsgenerator."
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--append",
            action="store_true",
            help="Toevoegen aan een database die al gegevens heeft.",
        )
        group.add_argument("--flush", action="store_true", help="Eerst alle gegevens wissen.")

    def handle(self, *args, factor, seed, append, flush, **options):
        if flush:
            call_command("flush", interactive=False, verbosity=0)
        elif Organisation.objects.exists() and not append:
            raise CommandError(
                "De database heeft al organisaties. Kies --append om toe te voegen of --flush om te wissen."
            )
        start = time.perf_counter()
        seeder = Seeder(factor=factor, seed=seed, log=self.stdout.write)
        counts = seeder.run_all()
        seconds = time.perf_counter() - start
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label:<40} {count:>9}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Factor {factor:g}: {sum(counts.values())} rijen in {seconds:.1f} s."
            )
        )
