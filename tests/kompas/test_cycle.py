import datetime

import pytest
from django.core import mail

from deals import selectors as deals_selectors
from deals.models import DealTheme
from kompas import services
from kompas.models import Edition
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.factories import (
    GremiumFactory,
    KompasEditionFactory,
    KompasPriorityFactory,
    KompasProposalFactory,
)

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


def test_monitoring_reminders_are_sent_once_per_due_date(db, ambtenaar, bestuurder):
    edition = KompasEditionFactory(status=Edition.Status.GEAGENDEERD)
    proposal = KompasProposalFactory(edition=edition)
    item = _through_agenda_after(edition, proposal, ambtenaar)
    KompasPriorityFactory(edition=edition)
    services.edition_adopt(actor=bestuurder, edition=edition)
    later = item.monitor_due + datetime.timedelta(days=1)
    assert services.monitoring_reminders_send(today=later) == 1
    assert services.monitoring_reminders_send(today=later) == 0
    assert mail.outbox[-1].to == [ambtenaar.email]


def _through_agenda_after(edition, proposal, actor):
    from tests.factories import KompasAgendaItemFactory

    item = KompasAgendaItemFactory(proposal=proposal)
    return services.decision_record(
        actor=actor,
        agenda_item=item,
        outcome="aangepast",
        reasons="Met een kleinere pilot.",
        monitor_indicator="Pilot gestart",
        monitor_who="Cluster MO",
        monitor_due=TODAY,
    )


def test_rejected_proposals_are_fed_back_too(db, client, ambtenaar, bestuurder):
    edition = KompasEditionFactory(status=Edition.Status.GEAGENDEERD)
    proposal = KompasProposalFactory(edition=edition, title="Loket samenvoegen")
    from tests.factories import KompasAgendaItemFactory

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


def test_concept_is_not_public(db, client):
    edition = KompasEditionFactory(status=Edition.Status.CONCEPT)
    assert client.get(f"/kompas/{edition.pk}/").status_code == 404
    assert client.get(f"/api/v1/kompas/editions/{edition.pk}/").status_code == 404


def test_board_pdf_is_a_real_pdf(db, client, bestuurder):
    client.force_login(bestuurder)
    response = client.get("/kompas/bestuur/kompas.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_proposer_of_a_cited_lesson_hears_back(
    db, contentbeheerder, ambtenaar, bestuurder, theme
):
    from tests.factories import LessonFactory, UserFactory

    proposer = UserFactory(email="les@voorbeeld.example")
    lesson = LessonFactory(proposed_by=proposer, kind="samenwerking", themes=[theme])
    LessonFactory(
        proposed_by=UserFactory(email="niet-geciteerd@voorbeeld.example"), status="voorgesteld"
    )
    edition = services.edition_draft(actor=contentbeheerder).edition
    assert list(edition.evidence.values_list("kind", "source_id")) == [("les", lesson.pk)]
    services.edition_consultation_open(actor=contentbeheerder, edition=edition)
    item = services.agenda_item_create(
        actor=ambtenaar, proposal=edition.proposals.get(), gremium=GremiumFactory(), date=TODAY
    )
    services.edition_agenda_set(actor=ambtenaar, edition=edition)
    services.decision_record(
        actor=ambtenaar, agenda_item=item, outcome="aangehouden", reasons="Eerst de pilot."
    )
    services.edition_adopt(actor=bestuurder, edition=edition)
    services.edition_feedback_publish(
        actor=bestuurder, edition=edition, feedback="Aangehouden tot na de pilot."
    )

    assert services.cited_addresses(edition=edition) == ["les@voorbeeld.example"]
    assert services.feedback_notify(edition_id=edition.pk) == 1
    [message] = [m for m in mail.outbox if "Terugkoppeling" in m.subject]
    assert message.to == ["les@voorbeeld.example"]
    assert f"/kompas/{edition.pk}/terugkoppeling/" in message.body


def _adopted_with(outcomes, ambtenaar, bestuurder, theme):
    edition = KompasEditionFactory(status=Edition.Status.GEAGENDEERD)
    for title, outcome in outcomes:
        proposal = KompasProposalFactory(
            edition=edition, title=title, theme=theme, proposed_change=f"{title} nu."
        )
        from tests.factories import KompasAgendaItemFactory

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
