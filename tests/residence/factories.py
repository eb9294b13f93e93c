"""factory_boy factories for the partner in residence; tests create data only through these."""

import datetime

import factory
from django.utils import timezone

from deals.models import Deal
from deals.residence.models import (
    Action,
    Handbrake,
    LogEntry,
    Meeting,
    Opening,
    Reflection,
    Residency,
    SideActivity,
    Signal,
    SignalResponse,
)
from tests.atlas.factories import ApprovedMembershipFactory, OrganisationFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory, DealPartnerFactory


class ResidencyFactory(factory.django.DjangoModelFactory):
    """A residency in a deal: ``sending_partner`` and ``host_partner`` default to the aanjager and a
    second partner of the same deal; ``person`` defaults to a member of the sending organisation."""

    class Meta:
        model = Residency

    deal = factory.SubFactory(DealFactory, status=Deal.Status.LOPEND)
    sending_partner = factory.LazyAttribute(lambda o: o.deal.partners.get(role="aanjager"))
    host_partner = factory.LazyAttribute(lambda o: DealPartnerFactory(deal=o.deal))
    person = factory.LazyAttribute(
        lambda o: ApprovedMembershipFactory(organisation=o.sending_partner.organisation).user
    )
    start_date = factory.LazyFunction(lambda: timezone.localdate())
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=180))
    functions = factory.LazyFunction(lambda: ["signalerend", "bemiddelend"])
    status = Residency.Status.ACTIEF
    sending_confirmed_at = factory.LazyAttribute(
        lambda o: None if o.status == "voorgesteld" else timezone.now()
    )
    host_confirmed_at = factory.LazyAttribute(
        lambda o: None if o.status == "voorgesteld" else timezone.now()
    )


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opening

    kind = Opening.Kind.GEZOCHT
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Partner in residence gezocht {n}")
    description = "Wij zoeken iemand die een dag per week bij ons meekijkt."
    posted_by = factory.SubFactory(UserFactory)


class LogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogEntry

    residency = factory.SubFactory(ResidencyFactory)
    author = factory.LazyAttribute(lambda o: o.residency.person)
    date = factory.LazyFunction(lambda: timezone.localdate())
    text = "Het team van de gemeente werkt met andere termijnen dan het initiatief."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    residency = factory.SubFactory(ResidencyFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
    agenda = "1. Hoe gaat het? 2. Knelpunten 3. Afspraken"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    meeting = factory.SubFactory(MeetingFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")
    owner = factory.LazyAttribute(lambda o: o.meeting.residency.person)
    due_date = factory.LazyFunction(lambda: timezone.localdate())


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    residency = factory.SubFactory(ResidencyFactory)
    title = factory.Sequence(lambda n: f"Signaal {n}")
    description = "De inkoopregels vertragen de start."
    raised_by = factory.LazyAttribute(lambda o: o.residency.person)


class SignalResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignalResponse

    signal = factory.SubFactory(SignalFactory)
    partner = factory.LazyAttribute(lambda o: o.signal.residency.sending_partner)
    text = "Wij zien het ook."


class HandbrakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handbrake

    residency = factory.SubFactory(ResidencyFactory)
    deal = factory.LazyAttribute(lambda o: o.residency.deal)
    reason = "De afspraken worden niet nagekomen."


class SideActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SideActivity

    residency = factory.SubFactory(ResidencyFactory)
    kind = SideActivity.Kind.WORKSHOP
    title = "Workshop subsidie aanvragen"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    residency = factory.SubFactory(ResidencyFactory)
    moment = Reflection.Moment.TUSSENTIJDS
    text = "Wij leren elkaars taal spreken."
