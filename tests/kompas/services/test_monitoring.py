"""Monitoring of accepted decisions: the reminders of overdue measurements."""

import datetime

from django.core import mail

from kompas import services
from kompas.models import Edition
from tests.kompas.factories import (
    KompasEditionFactory,
    KompasPriorityFactory,
    KompasProposalFactory,
)

TODAY = datetime.date.today()


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
    from tests.kompas.factories import KompasAgendaItemFactory

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
