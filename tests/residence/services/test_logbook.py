"""The logbook of the partner in residence."""

import pytest

from deals.residence import services
from reisgids.core.errors import NotAllowed

from ._helpers import active as _active

pytestmark = pytest.mark.django_db


def test_logbook(world):
    residency = _active(world)
    entry = services.log_entry_create(
        actor=world.person, residency=residency, text="Meegelopen met het wijkteam"
    )
    assert entry.author == world.person
    with pytest.raises(NotAllowed):
        services.log_entry_create(
            actor=world.municipality_admin, residency=residency, text="Ik ook"
        )
