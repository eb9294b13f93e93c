import datetime

import pytest
from django.utils import timezone

from deals.models import Deal, DealPartner
from reisgids.core.roles import Role
from schouw import services
from schouw.guests import Guest
from tests.atlas.factories import ApprovedMembershipFactory, OrganisationFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory, DealPartnerFactory, ResultFactory, TaskFactory
from tests.residence.factories import ResidencyFactory
from tests.schouw.factories import SchouwGuestFactory


class World:
    """A running deal of an initiative (aanjager) and the municipality, with a partner in
    residence; a second deal with its own partners; and every outside role."""

    def __init__(self):
        self.initiative = OrganisationFactory(name="De Roffabriek", slug="roffabriek-test")
        self.municipality = OrganisationFactory(
            name="Cluster MO", slug="cluster-mo-test", type="gemeentelijk_cluster"
        )
        self.initiative_admin = self._member(self.initiative, "beheerder", Role.INITIATIEFNEMER)
        self.initiative_member = self._member(self.initiative, "lid", Role.INITIATIEFNEMER)
        self.municipality_member = self._member(self.municipality, "lid", Role.AMBTENAAR)
        self.deal = DealFactory(
            status=Deal.Status.LOPEND,
            aanjager=self.initiative,
            created_by=self.initiative_admin,
            title="Eerlijk werk",
        )
        self.aanjager = self.deal.partners.get(organisation=self.initiative)
        self.gemeente = DealPartnerFactory(
            deal=self.deal, organisation=self.municipality, role=DealPartner.Role.GEMEENTE_ACTIEF
        )
        ResultFactory(deal=self.deal)
        TaskFactory(deal=self.deal)
        # The partner in residence is not a member of either partner organisation: their right to
        # organise the schouw comes from the residency alone.
        self.residency = ResidencyFactory(
            deal=self.deal,
            sending_partner=self.gemeente,
            host_partner=self.aanjager,
            person=UserFactory(roles=[Role.AMBTENAAR]),
        )
        self.resident = self.residency.person
        self.other_deal = DealFactory(status=Deal.Status.LOPEND, title="Andere deal")
        other_org = self.other_deal.partners.get(role="aanjager").organisation
        self.other_partner_member = self._member(other_org, "beheerder", Role.INITIATIEFNEMER)
        self.netwerkmanager = UserFactory(roles=[Role.NETWERKMANAGER])
        self.beheerder = UserFactory(roles=[Role.BEHEERDER])
        self.outsider = UserFactory(roles=[Role.INITIATIEFNEMER])
        self.peer_org = OrganisationFactory(name="Buurtkeuken Zuid", slug="buurtkeuken-zuid-test")

    @staticmethod
    def _member(org, role, platform_role):
        return ApprovedMembershipFactory(
            organisation=org, role=role, user__roles=[platform_role]
        ).user

    def outsiders(self):
        return {
            "partner van een andere deal": self.other_partner_member,
            "netwerkmanager": self.netwerkmanager,
            "beheerder": self.beheerder,
            "initiatiefnemer van buiten": self.outsider,
        }

    def new_round(self, actor=None):
        today = timezone.localdate()
        return services.schouw_round_create(
            actor=actor or self.initiative_admin,
            deal=self.deal,
            title="Roffabriek-schouw",
            starts_on=today,
            ends_on=today + datetime.timedelta(days=10),
            setting="feestelijk",
        )

    def guest(self, schouw_round, token="gast-token-0123456789-abcdefghij", consent=True):  # noqa: S107
        participant = SchouwGuestFactory(
            round=schouw_round, token=token, consent_at=timezone.now() if consent else None
        )
        return Guest(participant)

    def advance_to(self, status):
        """A round walked through the real services up to ``status``; returns (round, guest)."""
        schouw_round = self.new_round()
        services.participant_add_member(
            actor=self.initiative_admin,
            schouw_round=schouw_round,
            user=self.municipality_member,
            partner=self.gemeente,
        )
        guest = self.guest(schouw_round)
        if status == "voorbereiding":
            return schouw_round, guest
        schouw_round = services.schouw_round_open(
            actor=self.initiative_admin, schouw_round=schouw_round
        )
        if status == "open_schouw":
            return schouw_round, guest
        services.observation_create(
            actor=guest,
            schouw_round=schouw_round,
            text="Warm onthaal, maar de ruimte is te klein.",
            tone="onverwacht",
        )
        schouw_round = services.schouw_round_meetlat_start(
            actor=self.initiative_admin, schouw_round=schouw_round
        )
        if status == "meetlat":
            return schouw_round, guest
        for partner, member in (
            (self.aanjager, self.initiative_member),
            (self.gemeente, self.municipality_member),
        ):
            criterion = services.criterion_propose(
                actor=guest,
                schouw_round=schouw_round,
                partner=partner,
                name=f"Meerwaarde van {partner.organisation}",
            )
            services.criterion_agree(actor=member, criterion=criterion)
            services.commitment_check_record(
                actor=self.initiative_admin,
                schouw_round=schouw_round,
                partner=partner,
                verdict="deels",
                explanation="De uren zijn geleverd, de rol als verbinder nog niet helemaal.",
            )
        schouw_round = services.schouw_round_appraisal_start(
            actor=self.initiative_admin, schouw_round=schouw_round
        )
        if status == "waarderend":
            return schouw_round, guest
        for criterion in schouw_round.criteria.all():
            services.appraisal_record(
                actor=guest, criterion=criterion, level=3, explanation="Zichtbaar in de wijk."
            )
        services.appraisals_submit(actor=guest, schouw_round=schouw_round)
        schouw_round = services.schouw_round_discussion_start(
            actor=self.initiative_admin, schouw_round=schouw_round
        )
        if status == "bespreking":
            return schouw_round, guest
        services.discussion_record(
            actor=self.initiative_admin,
            schouw_round=schouw_round,
            went_well="De inloop loopt goed; de communicatie kan beter.",
            to_learn="Hoe we vrijwilligers vasthouden.",
            wider_interest="Eerlijk werk werkt ook voor kleine productie.",
            next_steps="Elk kwartaal een korte evaluatie.",
        )
        schouw_round = services.schouw_round_report_start(
            actor=self.initiative_admin, schouw_round=schouw_round
        )
        if status == "rapportage":
            return schouw_round, guest
        services.report_write(
            actor=self.initiative_admin, schouw_round=schouw_round, summary="Een rijk beeld."
        )
        schouw_round = services.schouw_round_finish(
            actor=self.initiative_admin, schouw_round=schouw_round
        )
        return schouw_round, guest


@pytest.fixture
def world(db):
    return World()
