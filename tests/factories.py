"""factory_boy factories for every model; tests create data only through these."""

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from atlas.models import (
    Agreement,
    Area,
    ChangeProposal,
    ContactPoint,
    Instrument,
    Membership,
    Network,
    NetworkGroup,
    Organisation,
    SavedSearch,
    Service,
    Theme,
)
from reisgids.core.models import User

PASSWORD = "een-goed-wachtwoord-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=str(role))[0])
        if create:
            self.save()


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Gebied {n}")
    slug = factory.Sequence(lambda n: f"gebied-{n}")
    kind = Area.Kind.GEBIED
    latitude = 51.92
    longitude = 4.48


class WijkFactory(AreaFactory):
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    kind = Area.Kind.WIJK
    parent = factory.SubFactory(AreaFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Initiatief {n}")
    slug = factory.Sequence(lambda n: f"initiatief-{n}")
    type = Organisation.Type.INITIATIEF
    description = factory.Faker("paragraph", locale="nl_NL")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.areas.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.LID
    status = Membership.Status.AANGEVRAAGD


class ApprovedMembershipFactory(MembershipFactory):
    status = Membership.Status.GOEDGEKEURD
    decided_at = factory.LazyFunction(timezone.now)


def _set_m2m(name):
    def hook(self, create, extracted, **kwargs):
        if extracted:
            getattr(self, name).set(extracted)

    return factory.post_generation(hook)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Dienst {n}")
    description = "Ondersteuning aan huis."
    target_group = "Ouderen"
    areas = _set_m2m("areas")


class ContactPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPoint
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Wijkcoördinator {n}")
    topic = "Vragen over samenwerking in de wijk"
    how_to_reach = "Spreekuur op dinsdag in het wijkcentrum."
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "010 123 45 67"
    themes = _set_m2m("themes")
    areas = _set_m2m("areas")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    slug = factory.Sequence(lambda n: f"netwerk-{n}")
    description = "Een stedelijk netwerk."
    themes = _set_m2m("themes")
    organisations = _set_m2m("organisations")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Akkoord {n}")
    signatories = _set_m2m("signatories")


class NetworkGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkGroup
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Themagroep {n}")
    organisations = _set_m2m("organisations")


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Regeling {n}")
    slug = factory.Sequence(lambda n: f"regeling-{n}")
    purpose = "Geld voor een goed idee in de wijk."
    themes = _set_m2m("themes")


class ChangeProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeProposal

    organisation = factory.SubFactory(OrganisationFactory)
    proposed_by = factory.SubFactory(UserFactory)
    changes = factory.LazyFunction(lambda: {"description": "Nieuwe omschrijving"})


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Zoekopdracht {n}")
    query = ""
    frequency = SavedSearch.Frequency.DAGELIJKS


# --- deals ------------------------------------------------------------------------------------
from deals.models import (  # noqa: E402
    CheckIn,
    Contribution,
    Deal,
    DealEvent,
    DealPartner,
    DealTemplateElement,
    DealTheme,
    DealThemeComment,
    Intake,
    KickOffMoment,
    Knelpunt,
    Milestone,
    PlanVersion,
    ProcessAgreement,
    Result,
    Signature,
    Task,
)


class DealThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealTheme

    theme = factory.SubFactory(ThemeFactory)
    priority = DealTheme.Priority.HOOG
    period_start = factory.LazyFunction(lambda: timezone.localdate())


class DealThemeCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealThemeComment

    deal_theme = factory.SubFactory(DealThemeFactory)
    author = factory.SubFactory(UserFactory)
    body = "Graag ook aandacht voor mantelzorgers."


class DealTemplateElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealTemplateElement
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"onderdeel-{n}")
    label = factory.Sequence(lambda n: f"Onderdeel {n}")
    required = True


class DealFactory(factory.django.DjangoModelFactory):
    """A deal with an accepted aanjager partner (``aanjager``: the organisation)."""

    class Meta:
        model = Deal
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Deal {n}")
    summary = "Samen zorgen dat niemand er alleen voor staat."
    created_by = factory.SubFactory(UserFactory)
    status = Deal.Status.PARTNERS_ZOEKEN
    paused_from = factory.LazyAttribute(lambda o: "lopend" if o.status == "gepauzeerd" else "")
    closed_at = factory.LazyAttribute(
        lambda o: (
            timezone.now()
            if {o.status, o.paused_from} & {"gesloten", "lopend", "afgerond"}
            else None
        )
    )

    @factory.post_generation
    def aanjager(self, create, extracted, **kwargs):
        if create:
            DealPartnerFactory(
                deal=self,
                organisation=extracted or OrganisationFactory(),
                role=DealPartner.Role.AANJAGER,
                status=DealPartner.Status.GEACCEPTEERD,
            )

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.areas.set(extracted)


class DealPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealPartner

    deal = factory.SubFactory(DealFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = DealPartner.Role.PARTNER
    status = DealPartner.Status.GEACCEPTEERD
    decided_at = factory.LazyAttribute(
        lambda o: None if o.status == "uitgenodigd" else timezone.now()
    )


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    partner = factory.SubFactory(DealPartnerFactory)
    kind = Contribution.Kind.KENNIS
    description = "Twee ervaringsdeskundigen denken mee."
    hours = 40


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    deal = factory.SubFactory(DealFactory)
    partner = factory.LazyAttribute(lambda o: o.deal.partners.get(role="aanjager"))
    title = factory.Sequence(lambda n: f"Taak {n}")


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    deal = factory.SubFactory(DealFactory)
    title = "Minder eenzaamheid"
    indicator = "Aantal deelnemers per week"
    baseline = 10
    target = 50


class ProcessAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessAgreement

    deal = factory.SubFactory(DealFactory)
    kind = ProcessAgreement.Kind.SCHOUW
    description = "Eens per half jaar een open schouw."
    schouw_frequency = "halfjaarlijks"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    deal = factory.SubFactory(DealFactory)
    title = "Eerste bijeenkomst"
    due_date = factory.LazyFunction(lambda: timezone.localdate())


class PlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanVersion

    deal = factory.SubFactory(DealFactory)
    number = factory.Sequence(lambda n: n + 1)
    snapshot = factory.LazyFunction(dict)


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    version = factory.SubFactory(PlanVersionFactory)
    partner = factory.SubFactory(DealPartnerFactory)


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    partner = factory.SubFactory(DealPartnerFactory)
    period = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    status = CheckIn.Status.OP_KOERS


class KnelpuntFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Knelpunt

    deal = factory.SubFactory(DealFactory)
    partner = factory.LazyAttribute(lambda o: o.deal.partners.get(role="aanjager"))
    category = Knelpunt.Category.REGELGEVING
    title = factory.Sequence(lambda n: f"Knelpunt {n}")
    description = "De inkoopregels passen niet bij een klein initiatief."
    effect = "De start loopt drie maanden vertraging op."


class KickOffMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KickOffMoment

    title = "Dealdag voorjaar"
    starts_at = factory.LazyFunction(timezone.now)


class DealEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealEvent

    deal = factory.SubFactory(DealFactory)
    kind = DealEvent.Kind.STAP
    text = "Gebeurd"


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intake

    title = factory.Sequence(lambda n: f"Verzoek {n}")
    description = "Wij willen een buurtkamer openen in een leegstaand pand."
    submitted_by = factory.SubFactory(UserFactory)


# --- residence (partner in residence) -------------------------------------------------------
import datetime  # noqa: E402

from deals.residence.models import (  # noqa: E402
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


# --- Kompas ---------------------------------------------------------------------------------

from kompas.models import AgendaItem as KompasAgendaItem  # noqa: E402
from kompas.models import Edition as KompasEdition  # noqa: E402
from kompas.models import Gremium  # noqa: E402
from kompas.models import MonitoringEntry as KompasMonitoringEntry  # noqa: E402
from kompas.models import Priority as KompasPriority  # noqa: E402
from kompas.models import Proposal as KompasProposal  # noqa: E402


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


# --- Schouw --------------------------------------------------------------------------------------

from schouw.guests import token_hash as schouw_token_hash  # noqa: E402
from schouw.models import Advice as SchouwAdvice  # noqa: E402
from schouw.models import Appraisal as SchouwAppraisal  # noqa: E402
from schouw.models import CommitmentCheck as SchouwCommitmentCheck  # noqa: E402
from schouw.models import Criterion as SchouwCriterion  # noqa: E402
from schouw.models import Lesson as SchouwLesson  # noqa: E402
from schouw.models import Observation as SchouwObservation  # noqa: E402
from schouw.models import Participant as SchouwParticipant  # noqa: E402
from schouw.models import SchouwRound  # noqa: E402


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


# --- atlas: news, agenda, marketplace, stories, kennisbank, notifications ----------------------
from atlas.models import (  # noqa: E402
    AbuseReport,
    DigestPreference,
    Event,
    EventRegistration,
    Follow,
    Lesson,
    LessonVersion,
    Listing,
    ListingResponse,
    NewsItem,
    Notification,
    Story,
    StoryComment,
)


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    slug = factory.Sequence(lambda n: f"nieuwsbericht-{n}")
    summary = "Een nieuw initiatief in de wijk."
    body = "Buurtbewoners koken samen voor ouderen."
    category = NewsItem.Category.INITIATIEF
    author = factory.SubFactory(UserFactory)
    status = NewsItem.Status.GEPUBLICEERD
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == "gepubliceerd" else None
    )
    themes = _set_m2m("themes")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    slug = factory.Sequence(lambda n: f"bijeenkomst-{n}")
    description = "Kennismaken met initiatieven uit de wijk."
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Wijkcentrum De Larenkamp"
    created_by = factory.SubFactory(UserFactory)
    themes = _set_m2m("themes")
    areas = _set_m2m("areas")


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRegistration

    event = factory.SubFactory(EventFactory, registration="platform", capacity=10)
    user = factory.SubFactory(UserFactory)


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing
        skip_postgeneration_save = True

    kind = Listing.Kind.VRAAG
    category = Listing.Category.BUSINESSPLAN
    title = factory.Sequence(lambda n: f"Hulp gezocht {n}")
    description = "Wie helpt ons met een businessplan?"
    organisation = factory.SubFactory(OrganisationFactory)
    posted_by = factory.SubFactory(UserFactory)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    themes = _set_m2m("themes")
    areas = _set_m2m("areas")


class ListingResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListingResponse

    listing = factory.SubFactory(ListingFactory)
    responder = factory.SubFactory(UserFactory)
    message = "Wij denken graag mee."


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Verhaal {n}")
    slug = factory.Sequence(lambda n: f"verhaal-{n}")
    body = "<p>Ons eerste jaar.</p>"
    author = factory.SubFactory(UserFactory)
    published_at = factory.LazyFunction(timezone.now)
    themes = _set_m2m("themes")


class StoryCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryComment

    story = factory.SubFactory(StoryFactory)
    author = factory.SubFactory(UserFactory)
    body = "Mooi verhaal!"


class AbuseReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AbuseReport

    story = factory.SubFactory(StoryFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = "Dit is reclame."


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Les {n}")
    slug = factory.Sequence(lambda n: f"les-{n}")
    summary = "Begin klein en spreek elkaars taal."
    what_worked = "Een vast aanspreekpunt bij de gemeente."
    proposed_by = factory.SubFactory(UserFactory)
    status = Lesson.Status.GEPUBLICEERD
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == "gepubliceerd" else None
    )
    version = factory.LazyAttribute(lambda o: 1 if o.status == "gepubliceerd" else 0)
    themes = _set_m2m("themes")
    areas = _set_m2m("areas")


class LessonVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonVersion

    lesson = factory.SubFactory(LessonFactory)
    number = 1
    published_by = factory.SubFactory(UserFactory)
    published_at = factory.LazyFunction(timezone.now)


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    theme = factory.SubFactory(ThemeFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Melding {n}")
    url = "/atlas/nieuws/"
    key = factory.Sequence(lambda n: f"melding-{n}")


class DigestPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestPreference

    user = factory.SubFactory(UserFactory)
    frequency = DigestPreference.Frequency.DAGELIJKS
