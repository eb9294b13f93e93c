"""The drafting task reads the other apps through their selectors: schouw reports and lessons."""

from django.utils import timezone

from kompas import selectors, services
from kompas.models import Evidence
from schouw import selectors as schouw_selectors
from schouw import services as schouw_services
from tests.schouw.conftest import World


def _published_round(world, theme):
    """A real schouw round walked through the schouw services, finished and published by both partners."""
    world.deal.themes.add(theme)
    schouw_round, _guest = world.advance_to("afgerond")
    schouw_services.report_publication_agree(
        actor=world.initiative_admin, schouw_round=schouw_round, partner=world.aanjager
    )
    schouw_services.report_publication_agree(
        actor=world.municipality_member, schouw_round=schouw_round, partner=world.gemeente
    )
    schouw_round.refresh_from_db()
    return schouw_round


def test_reports_since_lists_only_published_reports_of_finished_rounds(db, theme):
    world = World()
    assert schouw_selectors.reports_since() == []
    unpublished, _guest = world.advance_to("afgerond")
    assert schouw_selectors.reports_since() == []  # finished, but the partners did not agree yet
    unpublished.delete()

    schouw_round = _published_round(world, theme)
    [report] = schouw_selectors.reports_since()
    assert report["id"] == schouw_round.pk
    assert (report["title"], report["summary"]) == ("Roffabriek-schouw", "Een rijk beeld.")
    assert report["url"] == f"/schouw/{schouw_round.pk}/openbaar/"
    assert [t.name for t in report["themes"]] == ["Eenzaamheid"]
    assert report["partners"] == ["De Roffabriek", "Cluster MO"]
    assert schouw_selectors.reports_since(since=schouw_round.published_at) == []
    earlier = schouw_round.published_at - timezone.timedelta(seconds=1)
    assert len(schouw_selectors.reports_since(since=earlier)) == 1


def test_the_draft_gathers_published_schouw_reports_as_evidence(
    db, theme, forwarded, contentbeheerder
):
    world = World()
    schouw_round = _published_round(world, theme)
    forwarded(title="Inkoop te groot")

    run = services.edition_draft(actor=contentbeheerder)

    assert run.counts["schouwrapport"] == 1 and run.counts["knelpunt"] == 1
    evidence = Evidence.objects.get(edition=run.edition, kind=Evidence.Kind.SCHOUWRAPPORT)
    assert evidence.source_id == schouw_round.pk
    assert evidence.url == f"/schouw/{schouw_round.pk}/openbaar/"
    assert "De Roffabriek, Cluster MO" in evidence.detail and "Een rijk beeld." in evidence.detail
    groups = selectors.inventory(
        edition=selectors.edition_detail(actor=contentbeheerder, pk=run.edition.pk)
    )
    assert [(g["change_type"], g["theme"], g["count"], g["by_kind"]) for g in groups] == [
        ("inkoopregels", "Eenzaamheid", 1, {"Knelpunt": 1}),
        ("spelregels_prikkels", "Eenzaamheid", 1, {"Schouwrapport": 1}),
    ]
    candidate = run.edition.proposals.get(change_type="spelregels_prikkels")
    assert list(candidate.evidence.all()) == [evidence]
    assert "Schouwrapport: Roffabriek-schouw" in candidate.problem

    # A second run adds nothing twice.
    services.edition_draft(actor=contentbeheerder)
    assert Evidence.objects.filter(kind=Evidence.Kind.SCHOUWRAPPORT).count() == 1
