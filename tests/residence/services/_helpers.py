"""Shared set-up of the service tests."""

from tests.residence.factories import ResidencyFactory


def active(world):
    """An active residency of the world's person, on behalf of the sender at the host."""
    return ResidencyFactory(
        deal=world.deal, sending_partner=world.sending, host_partner=world.host, person=world.person
    )
