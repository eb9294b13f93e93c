"""The steps of an edition, with the refusals per role, the terugkoppeling and its news."""

import datetime

import pytest
from django.core import mail

from deals import selectors as deals_selectors
from deals.models import DealTheme
from kompas import services
from kompas.models import Edition
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.kompas.factories import GremiumFactory, KompasEditionFactory, KompasProposalFactory

TODAY = datetime.date.today()


def test_full_cycle_with_refusals_per_role(
    db, contentbeheerder, ambtenaar, bestuurder, outsider, theme, forwarded
):
    knelpunt = forwarded(title="Inkoop te groot", reported_by=outsider)
    edition = services.edition_draft(actor=contentbeheerder).edition
    proposal = edition.proposals.get()

    with pytest.raises(NotAllowed):
        services.edition_consultation_open(actor=outsider, edition=edition)
    with pytest.raises(NotAllowed):
        services.comment_create(actor=outsider, proposal=proposal, body="Te vroeg")
    services.edition_consultation_open(actor=contentbeheerder, edition=edition)
    with pytest.raises(Conflict):
        services.edition_consultation_open(actor=contentbeheerder, edition=edition)

    comment = services.comment_create(
        actor=outsider, proposal=proposal, body="Ook wij lopen hier tegenaan."
    )
    assert comment.voice == "anders"
    services.proposal_endorse(actor=outsider, proposal=proposal)
    with pytest.raises(Conflict):
        services.proposal_endorse(actor=outsider, proposal=proposal)

    with pytest.raises(NotAllowed):
        services.edition_agenda_set(actor=outsider, edition=edition)
    with pytest.raises(ApplicationError):
        services.edition_agenda_set(actor=ambtenaar, edition=edition)  # nothing on an agenda yet
    item = services.agenda_item_create(
        actor=ambtenaar, proposal=proposal, gremium=GremiumFactory(), date=TODAY
    )
    services.edition_agenda_set(actor=ambtenaar, edition=edition)
    with pytest.raises(ApplicationError):
        services.edition_adopt(actor=bestuurder, edition=edition)  # decision missing
    with pytest.raises(ApplicationError):
        services.decision_record(
            actor=ambtenaar, agenda_item=item, outcome="aangenomen", reasons="Goed plan."
        )
    services.decision_record(
        actor=ambtenaar,
        agenda_item=item,
        outcome="aangenomen",
        reasons="Goed plan.",
        monitor_indicator="Kleine percelen",
        monitor_who="Inkoop",
        monitor_due=TODAY + datetime.timedelta(days=30),
    )
    for user in (ambtenaar, contentbeheerder, outsider):
        with pytest.raises(NotAllowed):
            services.edition_adopt(actor=user, edition=edition)
    edition = services.edition_adopt(actor=bestuurder, edition=edition)
    assert edition.status == Edition.Status.VASTGESTELD and edition.adopted_by == bestuurder

    # Priorities reach the deal themes, marked as coming from the kompas.
    deal_theme = deals_selectors.deal_theme_list().get(theme=theme)
    assert deal_theme.source == DealTheme.Source.KOMPAS
    assert edition.title in deal_theme.description

    # Frozen: edits elsewhere do not change the adopted content.
    knelpunt.title = "Later gewijzigd"
    knelpunt.save()
    theme.name = "Andere naam"
    theme.save()
    edition.refresh_from_db()
    assert edition.snapshot["proposals"][0]["evidence"][0]["title"] == "Inkoop te groot"
    assert edition.snapshot["priorities"][0]["theme"] == "Eenzaamheid"
    with pytest.raises(Conflict):
        services.proposal_update(actor=contentbeheerder, proposal=proposal, title="Anders")

    with pytest.raises(ApplicationError):
        services.edition_feedback_publish(actor=contentbeheerder, edition=edition, feedback=" ")
    services.edition_feedback_publish(
        actor=contentbeheerder, edition=edition, feedback="Aangenomen; inkoop past aan."
    )
    assert services.feedback_notify(edition_id=edition.pk) >= 1
    assert services.feedback_notify(edition_id=edition.pk) == 0  # idempotent
    assert [m.to for m in mail.outbox if "Terugkoppeling" in m.subject] == [[outsider.email]]

    services.edition_monitoring_start(actor=contentbeheerder, edition=edition)
    services.monitoring_entry_add(
        actor=outsider,
        agenda_item=item,
        date=TODAY,
        status="vertraagd",
        observation="Nog geen perceel.",
    )
    services.edition_close(actor=bestuurder, edition=edition)
    with pytest.raises(Conflict):
        services.edition_close(actor=bestuurder, edition=edition)


def test_rejected_proposals_are_fed_back_too(db, client, ambtenaar, bestuurder):
    edition = KompasEditionFactory(status=Edition.Status.GEAGENDEERD)
    proposal = KompasProposalFactory(edition=edition, title="Loket samenvoegen")
    from tests.kompas.factories import KompasAgendaItemFactory

    item = KompasAgendaItemFactory(proposal=proposal)
    services.decision_record(
        actor=ambtenaar, agenda_item=item, outcome="afgewezen", reasons="Geen budget."
    )
    services.edition_adopt(actor=bestuurder, edition=edition)
    response = client.get(f"/kompas/{edition.pk}/terugkoppeling/")
    assert response.status_code == 200
    assert (
        "Loket samenvoegen" in response.content.decode()
        and "Geen budget." in response.content.decode()
    )


def _adopted_with(outcomes, ambtenaar, bestuurder, theme):
    edition = KompasEditionFactory(status=Edition.Status.GEAGENDEERD)
    for title, outcome in outcomes:
        proposal = KompasProposalFactory(
            edition=edition, title=title, theme=theme, proposed_change=f"{title} nu."
        )
        from tests.kompas.factories import KompasAgendaItemFactory

        services.decision_record(
            actor=ambtenaar,
            agenda_item=KompasAgendaItemFactory(proposal=proposal),
            outcome=outcome,
            reasons="Besproken.",
            monitor_indicator="Indicator",
            monitor_who="Cluster MO",
            monitor_due=TODAY,
        )
    return services.edition_adopt(actor=bestuurder, edition=edition)


def test_the_terugkoppeling_announces_the_accepted_changes_in_the_atlas_news(
    db, client, contentbeheerder, ambtenaar, bestuurder, theme
):
    from atlas import selectors as atlas_selectors

    edition = _adopted_with(
        [
            ("Kleine percelen", "aangenomen"),
            ("Subsidie voor samenwerken", "aangepast"),
            ("Loket dicht", "afgewezen"),
        ],
        ambtenaar,
        bestuurder,
        theme,
    )
    services.edition_feedback_publish(
        actor=contentbeheerder,
        edition=edition,
        feedback="Twee van drie aangenomen.",
        new_rules="Inkoop in percelen.",
    )

    [news] = atlas_selectors.news_list()
    assert news.title == f"Nieuwe regels en mogelijkheden uit {edition.title}"
    assert news.category == "gemeente" and news.author == contentbeheerder
    assert news.body.startswith("Inkoop in percelen.")
    assert "- Kleine percelen (aangenomen): Kleine percelen nu." in news.body
    assert "- Subsidie voor samenwerken (aangepast aangenomen)" in news.body
    assert "Loket dicht" not in news.body
    assert news.link.endswith(f"/kompas/{edition.pk}/terugkoppeling/")
    assert [t.name for t in news.themes.all()] == ["Eenzaamheid"]
    assert "Nieuwe regels en mogelijkheden" in client.get(news.get_absolute_url()).content.decode()


def test_a_bestuurder_s_announcement_waits_for_a_contentbeheerder(
    db, contentbeheerder, ambtenaar, bestuurder, theme
):
    from atlas import selectors as atlas_selectors

    edition = _adopted_with([("Kleine percelen", "aangenomen")], ambtenaar, bestuurder, theme)
    services.edition_feedback_publish(actor=bestuurder, edition=edition, feedback="Aangenomen.")
    assert not atlas_selectors.news_list().exists()
    [suggested] = atlas_selectors.news_to_review(actor=contentbeheerder)
    assert suggested.status == "voorgesteld" and "Kleine percelen" in suggested.body


def test_nothing_is_announced_when_nothing_was_accepted(
    db, contentbeheerder, ambtenaar, bestuurder, theme
):
    from atlas import selectors as atlas_selectors

    edition = _adopted_with([("Loket dicht", "afgewezen")], ambtenaar, bestuurder, theme)
    services.edition_feedback_publish(
        actor=contentbeheerder, edition=edition, feedback="Afgewezen, met redenen."
    )
    assert not atlas_selectors.news_list().exists()
    assert not atlas_selectors.news_to_review(actor=contentbeheerder).exists()
