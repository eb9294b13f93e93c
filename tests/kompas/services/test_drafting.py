import pytest

from kompas import selectors, services
from kompas.models import DraftRun, Edition, Evidence, Priority, Proposal
from kompas.tasks import edition_draft, edition_draft_scheduled
from reisgids.core.errors import Conflict, NotAllowed
from tests.kompas.factories import KompasEditionFactory, KompasProposalFactory


def test_draft_groups_knelpunten_by_change_type_and_theme(db, forwarded, contentbeheerder):
    forwarded(title="Inkoop te groot")
    forwarded(title="Aanbesteding sluit ons uit")
    forwarded(category="financiering", title="Geen subsidie voor de kosten van samenwerken")
    run = services.edition_draft(actor=contentbeheerder)

    assert run.status == DraftRun.Status.KLAAR and run.progress == 100
    edition = run.edition
    assert edition.status == Edition.Status.CONCEPT
    groups = selectors.inventory(
        edition=selectors.edition_detail(actor=contentbeheerder, pk=edition.pk)
    )
    assert [(g["change_type"], g["theme"], g["count"]) for g in groups] == [
        ("inkoopregels", "Eenzaamheid", 2),
        ("subsidiemogelijkheden", "Eenzaamheid", 1),
    ]
    assert all(e.url.startswith("/deals/") for g in groups for e in g["items"])
    candidates = Proposal.objects.filter(edition=edition).order_by("change_type")
    assert [p.title for p in candidates] == [
        "Inkoopregels: Eenzaamheid",
        "Subsidiemogelijkheden: Eenzaamheid",
    ]
    assert candidates[0].evidence.count() == 2
    assert "Inkoop te groot" in candidates[0].problem
    priority = Priority.objects.get(edition=edition)
    assert priority.theme.name == "Eenzaamheid" and priority.level == Priority.Level.HOOG


def test_task_is_idempotent_and_updates_the_same_concept(db, forwarded, contentbeheerder):
    forwarded(title="Eerste")
    first = edition_draft_scheduled()
    forwarded(title="Tweede")
    second = edition_draft_scheduled()
    third = edition_draft_scheduled()

    assert first == second == third
    assert Edition.objects.count() == 1
    assert Evidence.objects.filter(edition_id=first).count() == 2
    assert Proposal.objects.filter(edition_id=first).count() == 1


def test_redraft_keeps_what_people_wrote(db, forwarded, contentbeheerder):
    forwarded(title="Eerste")
    edition = services.edition_draft(actor=contentbeheerder).edition
    candidate = Proposal.objects.get(edition=edition)
    services.proposal_update(
        actor=contentbeheerder, proposal=candidate, problem="Door mensen herschreven."
    )
    forwarded(title="Tweede")
    services.edition_draft(actor=contentbeheerder)
    candidate.refresh_from_db()
    assert candidate.problem == "Door mensen herschreven."
    assert candidate.evidence.count() == 2


def test_draft_never_touches_an_edition_past_concept(db, forwarded, contentbeheerder):
    edition = KompasEditionFactory(status=Edition.Status.CONSULTATIE)
    KompasProposalFactory(edition=edition, title="Al in consultatie")
    forwarded()
    run = services.edition_draft(actor=contentbeheerder)
    assert run.status == DraftRun.Status.OVERGESLAGEN
    assert Edition.objects.count() == 1
    assert not Evidence.objects.exists()
    assert list(edition.proposals.values_list("title", flat=True)) == ["Al in consultatie"]


def test_scheduled_draft_waits_until_the_next_period_is_due(db, forwarded, bestuurder):
    KompasEditionFactory(
        status=Edition.Status.VASTGESTELD,
        adopted_by=bestuurder,
        adopted_at="2026-01-01T00:00Z",
        period_start="2026-01-01",
        period_end="2099-12-31",
    )
    forwarded()
    assert edition_draft_scheduled() is None
    assert DraftRun.objects.get().status == DraftRun.Status.OVERGESLAGEN
    assert Edition.objects.count() == 1


def test_next_edition_starts_after_the_last_one_with_the_configured_cadence(
    db, forwarded, bestuurder, settings
):
    settings.REISGIDS = {**settings.REISGIDS, "KOMPAS_CADENCE_MONTHS": 24}
    KompasEditionFactory(
        status=Edition.Status.GESLOTEN,
        adopted_by=bestuurder,
        adopted_at="2024-01-01T00:00Z",
        period_start="2024-01-01",
        period_end="2024-12-31",
    )
    edition_draft_scheduled()
    concept = Edition.objects.get(status=Edition.Status.CONCEPT)
    assert (str(concept.period_start), str(concept.period_end)) == ("2025-01-01", "2026-12-31")
    assert concept.title == "Kompas 2025–2026" and concept.cadence_months == 24


def test_hand_start_is_for_contentbeheerder_and_ambtenaar(
    db, contentbeheerder, ambtenaar, bestuurder, outsider
):
    for user in (bestuurder, outsider):
        with pytest.raises(NotAllowed):
            services.draft_run_start(actor=user)
    run = services.draft_run_start(actor=contentbeheerder)
    assert run.status == DraftRun.Status.WACHTEND
    with pytest.raises(Conflict):
        services.draft_run_start(actor=ambtenaar)
    edition_draft(run.pk)
    run.refresh_from_db()
    assert run.status == DraftRun.Status.KLAAR and run.edition is not None
    assert services.draft_run_start(actor=ambtenaar).started_by == ambtenaar
