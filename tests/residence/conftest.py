import datetime

import pytest
from django.utils import timezone

from deals.models import Deal, DealPartner
from reisgids.core.roles import Role
from tests.atlas.factories import ApprovedMembershipFactory, OrganisationFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory, DealPartnerFactory


class World:
    """A running deal of an initiative (aanjager) and a municipal cluster, with a klankbordgroep.
    The partner in residence is an initiator who works on behalf of the initiative at the municipality."""

    def __init__(self):
        self.initiative = OrganisationFactory(name="Aanschuiftafel", slug="aanschuiftafel")
        self.municipality = OrganisationFactory(
            name="Cluster Maatschappelijke Ontwikkeling",
            slug="cluster-mo",
            type="gemeentelijk_cluster",
        )
        self.advisors = OrganisationFactory(name="Klankbord Zuid", slug="klankbord-zuid")
        self.initiative_admin = self._member(self.initiative, "beheerder", Role.INITIATIEFNEMER)
        self.person = self._member(self.initiative, "lid", Role.INITIATIEFNEMER)
        self.person.bio = "Twintig jaar buurtwerk; goed in verbinden en onderhandelen."
        self.person.save()
        self.municipality_admin = self._member(self.municipality, "beheerder", Role.AMBTENAAR)
        self.municipality_member = self._member(self.municipality, "lid", Role.AMBTENAAR)
        self.advisor = self._member(self.advisors, "lid", Role.INITIATIEFNEMER)
        self.netwerkmanager = UserFactory(roles=[Role.NETWERKMANAGER])
        self.beheerder = UserFactory(roles=[Role.BEHEERDER])
        self.ambtenaar = UserFactory(roles=[Role.AMBTENAAR])
        self.bestuurder = UserFactory(roles=[Role.BESTUURDER])
        self.contentbeheerder = UserFactory(roles=[Role.CONTENTBEHEERDER])
        self.outsider = UserFactory(roles=[Role.INITIATIEFNEMER])
        self.deal = DealFactory(
            status=Deal.Status.LOPEND,
            aanjager=self.initiative,
            created_by=self.initiative_admin,
            title="Samen aan tafel",
        )
        self.sending = self.deal.partners.get(organisation=self.initiative)
        self.host = DealPartnerFactory(
            deal=self.deal, organisation=self.municipality, role=DealPartner.Role.GEMEENTE_ACTIEF
        )
        self.klankbord = DealPartnerFactory(
            deal=self.deal, organisation=self.advisors, role=DealPartner.Role.KLANKBORDGROEP
        )

    @staticmethod
    def _member(org, role, platform_role):
        return ApprovedMembershipFactory(
            organisation=org, role=role, user__roles=[platform_role]
        ).user

    def proposal(self, **overrides):
        today = timezone.localdate()
        data = {
            "deal": self.deal,
            "person": self.person,
            "sending_partner": self.sending,
            "host_partner": self.host,
            "start_date": today,
            "end_date": today + datetime.timedelta(days=180),
            "hours_per_week": 8,
            "functions": ["signalerend", "bemiddelend"],
            "tasks": "Eens per week aanschuiven bij het wijkteam.",
            "learning_questions": "Hoe werkt de inkoop van de gemeente?",
        }
        data.update(overrides)
        return data

    def outsiders(self):
        """Every role that is not a partner of the deal, with the anonymous visitor apart."""
        return {
            "netwerkmanager": self.netwerkmanager,
            "beheerder": self.beheerder,
            "ambtenaar": self.ambtenaar,
            "bestuurder": self.bestuurder,
            "contentbeheerder": self.contentbeheerder,
            "initiatiefnemer van buiten": self.outsider,
        }


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def eager_celery():
    """Run enqueued tasks in-process, so a task enqueued on commit really runs in the test."""
    from reisgids.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
