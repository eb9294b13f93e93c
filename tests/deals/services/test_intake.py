"""The provisional Right to Cooperate intake."""

import pytest

from deals import selectors, services
from deals.models import Intake
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed

pytestmark = pytest.mark.django_db


def test_intake_steps_and_conversion(world):
    intake = services.intake_submit(
        actor=world.aanjager_member,
        kind="verzoek",
        title="Buurtkamer",
        description="Leeg pand",
        organisation=world.aanjager_org,
    )
    with pytest.raises(NotAllowed):
        services.intake_submit(
            actor=world.outsider,
            kind="idee",
            title="X",
            description="Y",
            organisation=world.aanjager_org,
        )
    with pytest.raises(NotAllowed):
        services.intake_triage(actor=world.aanjager_member, intake=intake, note="Zelf")
    services.intake_triage(actor=world.ambtenaar, intake=intake, note="Kansrijk")
    with pytest.raises(Conflict):
        services.intake_triage(actor=world.ambtenaar, intake=intake, note="Nog eens")
    services.intake_involve(
        actor=world.ambtenaar, intake=intake, kind="cluster", name="Maatschappelijke Ontwikkeling"
    )
    with pytest.raises(ApplicationError, match="al betrokken"):
        services.intake_involve(
            actor=world.ambtenaar,
            intake=intake,
            kind="cluster",
            name="maatschappelijke ontwikkeling",
        )
    services.intake_commitment_record(
        actor=world.ambtenaar, intake=intake, who="Gebied Delfshaven", what="Ruimte om te starten"
    )
    deal = services.intake_convert_to_deal(actor=world.ambtenaar, intake=intake)
    intake.refresh_from_db()
    assert intake.status == Intake.Status.OMGEZET and intake.deal == deal
    assert deal.created_by == world.aanjager_member
    assert intake.steps.count() == 5
    with pytest.raises(Conflict, match="afgehandeld"):
        services.intake_refer(actor=world.ambtenaar, intake=intake, instrument="Opzoomeren")
    assert list(selectors.intake_list(actor=world.aanjager_admin)) == [intake]  # same organisation
    assert list(selectors.intake_list(actor=world.outsider)) == []


def test_intake_refer_and_refusals(world):
    intake = services.intake_submit(
        actor=world.outsider, kind="idee", title="Moestuin", description="Samen tuinieren"
    )
    with pytest.raises(ApplicationError, match="atlas"):
        services.intake_convert_to_deal(actor=world.netwerkmanager, intake=intake)
    with pytest.raises(ApplicationError, match="instrument"):
        services.intake_refer(actor=world.netwerkmanager, intake=intake, instrument="")
    intake = services.intake_refer(
        actor=world.netwerkmanager, intake=intake, instrument="Opzoomeren", note="Past beter"
    )
    assert intake.status == Intake.Status.VERWEZEN and intake.steps.last().text.startswith(
        "Verwezen"
    )
