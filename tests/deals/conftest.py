import pytest

from deals.models import Deal, DealPartner
from reisgids.core.roles import Role
from tests.atlas.factories import ApprovedMembershipFactory, OrganisationFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory, DealPartnerFactory, ResultFactory, TaskFactory

PROPOSAL = {
    "doelstelling": "Niemand eet alleen.",
    "samenstelling-partners": "Een initiatief en een zorgaanbieder.",
    "inbedding-wijken": "Bospolder-Tussendijken.",
    "haalbaarheid": "Er is al een keuken.",
    "te-verwachten-resultaten": "Vijftig mensen per week aan tafel.",
}


class World:
    """Two organisations in a deal, with an admin and a plain member each."""

    def __init__(self):
        self.aanjager_org = OrganisationFactory(name="Aanschuiftafel", slug="aanschuiftafel")
        self.partner_org = OrganisationFactory(name="Zorgaanbieder West", slug="zorgaanbieder-west")
        self.aanjager_admin = self._member(self.aanjager_org, "beheerder")
        self.aanjager_member = self._member(self.aanjager_org, "lid")
        self.partner_admin = self._member(self.partner_org, "beheerder")
        self.partner_member = self._member(self.partner_org, "lid")
        self.netwerkmanager = UserFactory(roles=[Role.NETWERKMANAGER])
        self.ambtenaar = UserFactory(roles=[Role.AMBTENAAR])
        self.bestuurder = UserFactory(roles=[Role.BESTUURDER])
        self.outsider = UserFactory(roles=[Role.INITIATIEFNEMER])

    @staticmethod
    def _member(org, role):
        return ApprovedMembershipFactory(
            organisation=org, role=role, user__roles=[Role.INITIATIEFNEMER]
        ).user

    def deal(self, status=Deal.Status.PARTNERS_ZOEKEN, *, with_partner=True, plan=False, **kwargs):
        kwargs.setdefault("proposal", PROPOSAL)
        deal = DealFactory(
            status=status, aanjager=self.aanjager_org, created_by=self.aanjager_member, **kwargs
        )
        if with_partner:
            DealPartnerFactory(
                deal=deal, organisation=self.partner_org, role=DealPartner.Role.PARTNER
            )
        if plan:
            TaskFactory(deal=deal)
            ResultFactory(deal=deal)
        return deal

    def partner(self, deal, org=None):
        return deal.partners.get(organisation=org or self.partner_org)

    def aanjager(self, deal):
        return deal.partners.get(organisation=self.aanjager_org)


@pytest.fixture
def world(db):
    return World()
