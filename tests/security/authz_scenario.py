"""The fixture world of the authorization matrix and the isolation tests.

Organisation A runs two deals with the municipality: one still private (an idea, never closed)
and one running, with a partner in residence and an open schouw round that an outside guest
entered by personal link. Organisation B has no part in any of it. Around them: kompas editions
in concept and adopted, lessons in draft and published, listings open and withdrawn, news,
events, stories and the rest of the atlas.

Everything private of A carries a distinctive marker (``MARKER``), so a test can assert that the
marker never reaches someone who may not see it.
"""

import datetime

import factory
from django.utils import timezone

from kompas.models import DraftRun
from reisgids.core.roles import Role
from tests.atlas.factories import (
    ApprovedMembershipFactory,
    AreaFactory,
    ChangeProposalFactory,
    ContactPointFactory,
    EventFactory,
    InstrumentFactory,
    LessonFactory,
    ListingFactory,
    MembershipFactory,
    NetworkFactory,
    NewsItemFactory,
    NotificationFactory,
    OrganisationFactory,
    SavedSearchFactory,
    StoryFactory,
    ThemeFactory,
)
from tests.core.factories import UserFactory
from tests.deals.factories import (
    CheckInFactory,
    DealFactory,
    DealPartnerFactory,
    DealThemeFactory,
    IntakeFactory,
    KnelpuntFactory,
    PlanVersionFactory,
)
from tests.kompas.factories import (
    GremiumFactory,
    KompasAgendaItemFactory,
    KompasEditionFactory,
    KompasProposalFactory,
)
from tests.residence.factories import (
    ActionFactory,
    HandbrakeFactory,
    LogEntryFactory,
    MeetingFactory,
    OpeningFactory,
    ReflectionFactory,
    ResidencyFactory,
    SignalFactory,
)
from tests.schouw.factories import (
    SchouwAppraisalFactory,
    SchouwCriterionFactory,
    SchouwGuestFactory,
    SchouwObservationFactory,
    SchouwPartnerParticipantFactory,
    SchouwRoundFactory,
)

from .authz_routes import GUEST_TOKEN

MARKER = "Zeldzaamwoord"


def marked(what: str) -> str:
    return f"{MARKER} {what}"


class DraftRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DraftRun

    status = DraftRun.Status.KLAAR
    progress = 100


class Scenario:
    def __init__(self):
        now = timezone.now()
        today = timezone.localdate()
        self.theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
        self.area = AreaFactory(name="Feijenoord", slug="feijenoord")

        # Organisations and people.
        self.org_a = OrganisationFactory(
            name="Huiskamer Alfa", slug="huiskamer-alfa", themes=[self.theme]
        )
        self.org_b = OrganisationFactory(
            name="Buurtkeuken Beta", slug="buurtkeuken-beta", themes=[self.theme]
        )
        self.gemeente = OrganisationFactory(
            name="Cluster MO", slug="cluster-mo-matrix", type="gemeentelijk_cluster"
        )
        self.member_a = self._member(self.org_a, "beheerder", Role.INITIATIEFNEMER)
        self.member_b = self._member(self.org_b, "beheerder", Role.INITIATIEFNEMER)
        self.gemeente_admin = self._member(self.gemeente, "beheerder", Role.AMBTENAAR)
        self.ambtenaar = UserFactory(roles=[Role.AMBTENAAR])
        self.contentbeheerder = UserFactory(roles=[Role.CONTENTBEHEERDER])
        self.bestuurder = UserFactory(roles=[Role.BESTUURDER])
        self.netwerkmanager = UserFactory(roles=[Role.NETWERKMANAGER])
        self.beheerder = UserFactory(roles=[Role.BEHEERDER])
        self.resident = UserFactory(roles=[Role.INITIATIEFNEMER])
        self.applicant = UserFactory(roles=[Role.INITIATIEFNEMER])
        self.pending_membership = MembershipFactory(organisation=self.org_a, user=self.applicant)
        self.change_proposal = ChangeProposalFactory(
            organisation=self.org_a,
            proposed_by=self.member_a,
            changes={"description": marked("voorstel")},
        )

        # Directory.
        self.contact_point = ContactPointFactory(organisation=self.org_a, themes=[self.theme])
        self.network = NetworkFactory(organisations=[self.org_a], themes=[self.theme])
        self.instrument = InstrumentFactory(themes=[self.theme])
        self.deal_theme = DealThemeFactory(theme=self.theme)
        self.saved_search = SavedSearchFactory(user=self.member_a, name=marked("zoekopdracht"))

        # Network content.
        self.news_published = NewsItemFactory(author=self.contentbeheerder, title="Openbaar nieuws")
        self.news_concept = NewsItemFactory(
            author=self.member_a,
            title=marked("nieuwsvoorstel"),
            status="voorgesteld",
            published_at=None,
        )
        self.event = EventFactory(
            created_by=self.member_a,
            organiser=self.org_a,
            registration="platform",
            capacity=20,
            themes=[self.theme],
        )
        self.listing_open = ListingFactory(
            organisation=self.org_a, posted_by=self.member_a, title="Open vraag"
        )
        self.listing_withdrawn = ListingFactory(
            organisation=self.org_a,
            posted_by=self.member_a,
            title=marked("ingetrokken vraag"),
            status="ingetrokken",
        )
        self.story = StoryFactory(
            author=self.member_a, title="Ons verhaal", organisation=self.org_a
        )
        self.lesson_published = LessonFactory(title="Gepubliceerde les", proposed_by=self.member_a)
        self.lesson_draft = LessonFactory(
            title=marked("conceptles"),
            proposed_by=self.member_a,
            status="voorgesteld",
            published_at=None,
        )
        self.notification = NotificationFactory(user=self.member_a, text=marked("melding"))

        # Deals: one private, one running in public.
        self.deal_private = DealFactory(
            title=marked("prive deal"),
            summary=marked("samenvatting prive deal"),
            status="idee",
            aanjager=self.org_a,
            created_by=self.member_a,
        )
        DealPartnerFactory(
            deal=self.deal_private, organisation=self.gemeente, role="gemeente_actief"
        )
        self.deal_running = DealFactory(
            title="Lopende deal Alfa",
            status="lopend",
            aanjager=self.org_a,
            created_by=self.member_a,
        )
        self.aanjager = self.deal_running.partners.get(organisation=self.org_a)
        self.gemeente_partner = DealPartnerFactory(
            deal=self.deal_running, organisation=self.gemeente, role="gemeente_actief"
        )
        PlanVersionFactory(deal=self.deal_running)
        CheckInFactory(partner=self.aanjager, note=marked("check-in"), submitted_by=self.member_a)
        self.knelpunt = KnelpuntFactory(deal=self.deal_running, title=marked("knelpunt"))
        self.intake = IntakeFactory(
            submitted_by=self.member_a, organisation=self.org_a, title=marked("intake")
        )

        # Partner in residence.
        self.residency = ResidencyFactory(
            deal=self.deal_running,
            sending_partner=self.aanjager,
            host_partner=self.gemeente_partner,
            person=self.resident,
            tasks=marked("taken"),
            learning_questions=marked("leervragen"),
        )
        self.log_entry = LogEntryFactory(residency=self.residency, text=marked("logboek"))
        self.meeting = MeetingFactory(residency=self.residency, agenda=marked("agenda"))
        self.action = ActionFactory(meeting=self.meeting, description=marked("actie"))
        self.signal = SignalFactory(residency=self.residency, title=marked("signaal"))
        self.handbrake = HandbrakeFactory(
            residency=self.residency,
            status="losgelaten",
            pulled_by=self.resident,
            notified_at=now,
            released_at=now,
            released_by=self.member_a,
        )
        self.reflection = ReflectionFactory(residency=self.residency, text=marked("reflectie"))
        self.opening = OpeningFactory(organisation=self.org_a, posted_by=self.member_a)

        # Schouw: an open round with a guest, and a finished round with its report.
        self.round = SchouwRoundFactory(
            deal=self.deal_running, status="open_schouw", title=marked("open ronde")
        )
        self.partner_participant = SchouwPartnerParticipantFactory(
            round=self.round, partner=self.aanjager, user=self.member_a, name=self.member_a.name
        )
        self.guest = SchouwGuestFactory(round=self.round, token=GUEST_TOKEN, consent_at=now)
        self.observation = SchouwObservationFactory(
            round=self.round, participant=self.guest, text=marked("waarneming")
        )
        self.criterion = SchouwCriterionFactory(round=self.round, partner=self.aanjager)
        self.appraisal = SchouwAppraisalFactory(
            criterion=self.criterion, participant=self.guest, explanation=marked("waardering")
        )
        self.round_done = SchouwRoundFactory(
            deal=self.deal_running,
            status="afgerond",
            title=marked("schouw vorig jaar"),
            starts_on=today - datetime.timedelta(days=400),
            report_summary=marked("rapport"),
        )

        # Kompas.
        self.gremium = GremiumFactory(name="Directieoverleg matrix")
        self.edition_concept = KompasEditionFactory(
            title=marked("kompas concept"), status="concept"
        )
        self.edition_adopted = KompasEditionFactory(
            title="Kompas vastgesteld",
            status="vastgesteld",
            adopted_at=now,
            adopted_by=self.bestuurder,
        )
        self.proposal = KompasProposalFactory(edition=self.edition_concept)
        self.agenda_item = KompasAgendaItemFactory(proposal=self.proposal, gremium=self.gremium)
        self.draft_run = DraftRunFactory(
            edition=self.edition_concept, started_by=self.netwerkmanager
        )

    @staticmethod
    def _member(org, role, platform_role):
        return ApprovedMembershipFactory(
            organisation=org, role=role, user__roles=[platform_role]
        ).user

    def user(self, role):
        """The account of a role; None for the anonymous visitor and the guest."""
        if role in ("anonymous", "guest"):
            return None
        return getattr(self, role)
