import pytest
from rest_framework.test import APIClient

from reisgids.core.roles import Role

from .factories import ApprovedMembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _dutch(settings):
    settings.LANGUAGE_CODE = "nl"


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Logeerhuis Test", slug="logeerhuis-test")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Buurtkeuken Zuid", slug="buurtkeuken-zuid")


@pytest.fixture
def member(organisation):
    """An approved member (no admin rights) of `organisation`."""
    return ApprovedMembershipFactory(organisation=organisation, user__roles=[Role.INITIATIEFNEMER]).user


@pytest.fixture
def org_admin(organisation):
    return ApprovedMembershipFactory(
        organisation=organisation, role="beheerder", user__roles=[Role.INITIATIEFNEMER]
    ).user


@pytest.fixture
def other_org_admin(other_organisation):
    return ApprovedMembershipFactory(
        organisation=other_organisation, role="beheerder", user__roles=[Role.INITIATIEFNEMER]
    ).user


@pytest.fixture
def outsider(db):
    return UserFactory(roles=[Role.INITIATIEFNEMER])


@pytest.fixture
def netwerkmanager(db):
    return UserFactory(roles=[Role.NETWERKMANAGER])


@pytest.fixture
def beheerder(db):
    return UserFactory(roles=[Role.BEHEERDER])


@pytest.fixture
def ambtenaar(db):
    return UserFactory(roles=[Role.AMBTENAAR])
