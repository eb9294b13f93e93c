import pytest
from django.utils import timezone

from reisgids.core.roles import Role
from tests.atlas.factories import ThemeFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory, KnelpuntFactory


@pytest.fixture
def bestuurder(db):
    return UserFactory(roles=[Role.BESTUURDER])


@pytest.fixture
def contentbeheerder(db):
    return UserFactory(roles=[Role.CONTENTBEHEERDER])


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")


@pytest.fixture
def forwarded(theme):
    """A knelpunt a deal forwarded to the kompas (inkoop → inkoopregels)."""

    def make(**kwargs):
        kwargs.setdefault("category", "inkoop")
        return KnelpuntFactory(
            deal=kwargs.pop("deal", None) or DealFactory(themes=[theme]),
            status="doorgezet_naar_kompas",
            forwarded_at=timezone.now(),
            **kwargs,
        )

    return make
