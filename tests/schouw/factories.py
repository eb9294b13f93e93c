"""factory_boy factories for the schouw; tests create data only through these."""

import datetime

import factory
from django.utils import timezone

from deals.models import Deal
from schouw.guests import token_hash as schouw_token_hash
from schouw.models import Advice as SchouwAdvice
from schouw.models import Appraisal as SchouwAppraisal
from schouw.models import CommitmentCheck as SchouwCommitmentCheck
from schouw.models import Criterion as SchouwCriterion
from schouw.models import Lesson as SchouwLesson
from schouw.models import Observation as SchouwObservation
from schouw.models import Participant as SchouwParticipant
from schouw.models import SchouwRound
from tests.atlas.factories import ApprovedMembershipFactory
from tests.deals.factories import DealFactory


class SchouwRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchouwRound

    deal = factory.SubFactory(DealFactory, status=Deal.Status.LOPEND)
    title = factory.Sequence(lambda n: f"Schouw {n}")
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=14))
    status = SchouwRound.Status.VOORBEREIDING
    finished_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == "afgerond" else None
    )


class SchouwPartnerParticipantFactory(factory.django.DjangoModelFactory):
    """A member of the deal's aanjager taking part on its behalf."""

    class Meta:
        model = SchouwParticipant

    round = factory.SubFactory(SchouwRoundFactory)
    kind = SchouwParticipant.Kind.PARTNER
    partner = factory.LazyAttribute(lambda o: o.round.deal.partners.get(role="aanjager"))
    user = factory.LazyAttribute(
        lambda o: ApprovedMembershipFactory(organisation=o.partner.organisation).user
    )
    name = factory.LazyAttribute(lambda o: o.user.name)


class SchouwGuestFactory(factory.django.DjangoModelFactory):
    """An outside peer with a personal link; pass ``token`` to know it."""

    class Meta:
        model = SchouwParticipant

    class Params:
        token = factory.Sequence(lambda n: f"schouw-gast-token-{n:05d}-0123456789abcdef")

    round = factory.SubFactory(SchouwRoundFactory)
    kind = SchouwParticipant.Kind.PEER
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"gast{n}@example.org")
    token_hash = factory.LazyAttribute(lambda o: schouw_token_hash(o.token))
    token_expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    consent_at = None
    consent_text = factory.LazyAttribute(lambda o: "Ik doe mee." if o.consent_at else "")


class SchouwObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchouwObservation

    round = factory.SubFactory(SchouwRoundFactory, status=SchouwRound.Status.OPEN_SCHOUW)
    participant = factory.LazyAttribute(lambda o: SchouwPartnerParticipantFactory(round=o.round))
    text = "Bij de inloop zaten twaalf buurtbewoners aan tafel; twee kwamen voor het eerst."
    tone = SchouwObservation.Tone.POSITIEF


class SchouwCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchouwCriterion

    round = factory.SubFactory(SchouwRoundFactory, status=SchouwRound.Status.MEETLAT)
    partner = factory.LazyAttribute(lambda o: o.round.deal.partners.get(role="aanjager"))
    name = factory.Sequence(lambda n: f"Bereik in de wijk {n}")
    description = "Komen de mensen voor wie het bedoeld is?"
    agreed_at = factory.LazyFunction(timezone.now)


class SchouwCommitmentCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchouwCommitmentCheck

    round = factory.SubFactory(SchouwRoundFactory, status=SchouwRound.Status.MEETLAT)
    partner = factory.LazyAttribute(lambda o: o.round.deal.partners.get(role="aanjager"))
    verdict = SchouwCommitmentCheck.Verdict.JA
    explanation = "De ruimte en de vrijwilligers waren er elke week."


class SchouwAppraisalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchouwAppraisal

    criterion = factory.SubFactory(SchouwCriterionFactory)
    participant = factory.LazyAttribute(
        lambda o: SchouwPartnerParticipantFactory(round=o.criterion.round)
    )
    level = SchouwAppraisal.Level.ZICHTBAAR
    explanation = "Ik zag het bij de inloop: bewoners nemen zelf initiatief."


class SchouwAdviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchouwAdvice

    round = factory.SubFactory(SchouwRoundFactory, status=SchouwRound.Status.BESPREKING)
    partner = factory.LazyAttribute(lambda o: o.round.deal.partners.get(role="aanjager"))
    text = "Leg de werkwijze vast zodat nieuwe vrijwilligers snel meedraaien."


class SchouwLessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchouwLesson

    round = factory.SubFactory(SchouwRoundFactory, status=SchouwRound.Status.RAPPORTAGE)
    kind = SchouwLesson.Kind.SAMENWERKING
    title = factory.Sequence(lambda n: f"Les {n}")
    body = "Spreek vooraf af wie de knelpunten ophaalt."
    audiences = factory.LazyFunction(lambda: ["beleidsambtenaren"])
    for_wide_audience = True
