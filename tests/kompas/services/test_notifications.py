"""The e-mail to the people an edition cited."""

import datetime

from django.core import mail

from kompas import services
from tests.kompas.factories import GremiumFactory

TODAY = datetime.date.today()


def test_the_proposer_of_a_cited_lesson_hears_back(
    db, contentbeheerder, ambtenaar, bestuurder, theme
):
    from tests.atlas.factories import LessonFactory
    from tests.core.factories import UserFactory

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
