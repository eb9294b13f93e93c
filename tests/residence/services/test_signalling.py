"""Signals: raised by the partner in residence, handled by every partner jointly."""

import pytest

from deals.models import Knelpunt
from deals.residence import services
from deals.residence.models import Signal
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.residence.factories import SignalFactory

from ._helpers import active as _active

pytestmark = pytest.mark.django_db


def test_signal_is_handled_jointly(world):
    residency = _active(world)
    with pytest.raises(NotAllowed):
        services.signal_raise(
            actor=world.municipality_admin, residency=residency, title="X", description="Y"
        )
    signal = services.signal_raise(
        actor=world.person,
        residency=residency,
        title="Inkoop te traag",
        description="Drie maanden wachten.",
    )
    assert signal.status == Signal.Status.OPEN
    services.signal_respond(
        actor=world.municipality_member,
        signal=signal,
        partner=world.host,
        text="Wij pakken het op",
        closure="opgelost",
    )
    signal.refresh_from_db()
    assert signal.status == Signal.Status.IN_BEHANDELING
    # One partner alone cannot close it.
    with pytest.raises(ApplicationError, match="Nog niet akkoord: Aanschuiftafel"):
        services.signal_close(actor=world.municipality_member, signal=signal, outcome="opgelost")
    services.signal_respond(
        actor=world.person, signal=signal, partner=world.sending, text="Eens", closure="geescaleerd"
    )
    with pytest.raises(ApplicationError, match="Nog niet akkoord"):
        services.signal_close(actor=world.person, signal=signal, outcome="opgelost")
    # Responding again replaces the earlier response.
    services.signal_respond(
        actor=world.person,
        signal=signal,
        partner=world.sending,
        text="Opgelost",
        closure="opgelost",
    )
    assert signal.responses.count() == 2
    with pytest.raises(NotAllowed):
        services.signal_close(actor=world.outsider, signal=signal, outcome="opgelost")
    with pytest.raises(ApplicationError, match="opgelost of geëscaleerd"):
        services.signal_close(actor=world.person, signal=signal, outcome="weg")
    signal = services.signal_close(actor=world.person, signal=signal, outcome="opgelost")
    assert signal.status == Signal.Status.OPGELOST and signal.closed_at is not None
    with pytest.raises(Conflict):
        services.signal_close(actor=world.person, signal=signal, outcome="opgelost")
    with pytest.raises(Conflict):
        services.signal_respond(
            actor=world.person, signal=signal, partner=world.sending, text="Nog iets"
        )


def test_signal_response_only_for_own_partner(world):
    signal = SignalFactory(residency=_active(world))
    with pytest.raises(NotAllowed):
        services.signal_respond(
            actor=world.person, signal=signal, partner=world.host, text="Namens de gemeente"
        )
    with pytest.raises(ApplicationError, match="Kies"):
        services.signal_respond(
            actor=world.person, signal=signal, partner=world.sending, text="x", closure="nooit"
        )


def test_signal_escalates_and_passes_to_the_knelpunten_register(world):
    signal = SignalFactory(residency=_active(world))
    with pytest.raises(NotAllowed):
        services.signal_to_register(actor=world.netwerkmanager, signal=signal, effect="Vertraging")
    signal = services.signal_to_register(
        actor=world.person, signal=signal, effect="Drie maanden vertraging"
    )
    knelpunt = Knelpunt.objects.get(pk=signal.knelpunt_id)
    assert (knelpunt.deal, knelpunt.partner, knelpunt.title) == (
        world.deal,
        world.sending,
        signal.title,
    )
    with pytest.raises(Conflict, match="al in het knelpuntenregister"):
        services.signal_to_register(actor=world.person, signal=signal, effect="Nog eens")
    for partner, user in [(world.sending, world.person), (world.host, world.municipality_admin)]:
        services.signal_respond(
            actor=user, signal=signal, partner=partner, text="Escaleren", closure="geescaleerd"
        )
    assert (
        services.signal_close(actor=world.person, signal=signal, outcome="geescaleerd").status
        == "geescaleerd"
    )
