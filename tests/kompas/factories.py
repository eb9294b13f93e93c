"""factory_boy factories for the kompas; tests create data only through these."""

import factory
from django.utils import timezone

from kompas.models import AgendaItem as KompasAgendaItem
from kompas.models import Edition as KompasEdition
from kompas.models import Gremium
from kompas.models import MonitoringEntry as KompasMonitoringEntry
from kompas.models import Priority as KompasPriority
from kompas.models import Proposal as KompasProposal
from tests.atlas.factories import ThemeFactory


class GremiumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gremium
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Directieoverleg {n}")
    kind = Gremium.Kind.AMBTELIJK


class KompasEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KompasEdition

    title = factory.Sequence(lambda n: f"Kompas {2000 + n}")
    period_start = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    period_end = factory.LazyFunction(lambda: timezone.localdate().replace(month=12, day=31))
    status = KompasEdition.Status.CONSULTATIE


class KompasProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KompasProposal

    edition = factory.SubFactory(KompasEditionFactory)
    title = factory.Sequence(lambda n: f"Voorstel {n}")
    change_type = "inkoopregels"
    problem = "Kleine initiatieven vallen buiten de inkoop."
    edited_by_people = True


class KompasAgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KompasAgendaItem

    proposal = factory.SubFactory(KompasProposalFactory)
    gremium = factory.SubFactory(GremiumFactory)
    date = factory.LazyFunction(timezone.localdate)


class KompasMonitoringEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KompasMonitoringEntry

    agenda_item = factory.SubFactory(KompasAgendaItemFactory)
    date = factory.LazyFunction(timezone.localdate)
    status = KompasMonitoringEntry.Status.OP_SCHEMA
    observation = "Eerste aanbesteding met een klein perceel is gestart."


class KompasPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KompasPriority

    edition = factory.SubFactory(KompasEditionFactory)
    theme = factory.SubFactory(ThemeFactory)
    level = KompasPriority.Level.HOOG
