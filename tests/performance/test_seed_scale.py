import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F

from atlas.models import Lesson, Listing, Organisation, Story
from deals.models import Deal, DealPartner, Signature
from reisgids.bench.management.commands.seed_scale import Command as SeedScale
from reisgids.bench.seed import Seeder
from schouw.models import Participant, SchouwRound

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model: model.objects.count()
        for model in (Organisation, Lesson, Listing, Story, Deal, SchouwRound)
    }


def test_counts_scale_linearly_with_the_factor():
    Seeder(factor=0.01, seed=1, log=lambda *a: None).run_all()
    small = _counts()
    Seeder(factor=0.02, seed=2, log=lambda *a: None).run_all()
    both = _counts()
    for model, count in small.items():
        assert both[model] - count == 2 * count, model
    assert small[Organisation] == 30
    assert small[Listing] == 50


def test_relations_and_statuses_are_consistent():
    Seeder(factor=0.01, seed=3, log=lambda *a: None).run_all()
    # Every foreign key points at an existing row (checked by the database at commit; tests never commit).
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # A signature is by a partner of the deal whose plan it signs; a partner participant is on the round's deal.
    assert not Signature.objects.exclude(partner__deal_id=F("version__deal_id")).exists()
    assert (
        not Participant.objects.filter(kind="partner")
        .exclude(partner__deal_id=F("round__deal_id"))
        .exists()
    )
    # Closed deals carry their date and a signed plan; every deal has exactly one accepted aanjager.
    closed = Deal.objects.filter(status__in=["gesloten", "lopend", "afgerond"])
    assert closed.exists()
    assert not closed.filter(closed_at__isnull=True).exists()
    assert not closed.filter(versions__isnull=True).exists()
    for deal in Deal.objects.all():
        assert (
            DealPartner.objects.filter(deal=deal, role="aanjager", status="geaccepteerd").count()
            == 1
        )
    assert SchouwRound.objects.filter(status="afgerond", finished_at__isnull=False).exists()


def test_the_command_refuses_a_database_with_data():
    Seeder(factor=0.01, seed=4, log=lambda *a: None).run_all()
    with pytest.raises(CommandError, match="al organisaties"):
        call_command(SeedScale(), "--factor", "0.01")
    with pytest.raises(CommandError, match="groter dan 0"):
        call_command(SeedScale(), "--factor", "0")


def test_a_new_bench_run_replaces_the_tables_and_keeps_the_notes_written_by_hand():
    from reisgids.bench.management.commands.bench import NOTES_MARKER, with_notes_kept

    existing = (
        f"# Benchmarks\n\nold table\n\n{NOTES_MARKER}\n\n## Notes\n\nwhy a target is missed\n"
    )
    merged = with_notes_kept("# Benchmarks\n\nnew table\n", existing)
    assert "new table" in merged and "old table" not in merged
    assert merged.endswith(f"{NOTES_MARKER}\n\n## Notes\n\nwhy a target is missed\n")
    assert with_notes_kept("# Benchmarks\n\nnew table\n", "") == "# Benchmarks\n\nnew table\n"
