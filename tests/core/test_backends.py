"""Django's model permissions count for staff only; for everyone else the rules decide."""

import pytest
from django.contrib.auth.models import Permission

from reisgids.core.roles import Role
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_model_permission_counts_only_for_staff():
    permission = Permission.objects.get(
        codename="change_organisation", content_type__app_label="atlas"
    )
    member = UserFactory(roles=[Role.INITIATIEFNEMER])
    member.user_permissions.add(permission)
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(permission)
    assert not member.has_perm("atlas.change_organisation")
    assert staff.has_perm("atlas.change_organisation")


def test_a_refused_permission_asks_only_for_the_roles_of_someone_who_is_not_staff(
    django_assert_num_queries,
):
    member = UserFactory(roles=[Role.INITIATIEFNEMER])
    member = type(member).objects.get(pk=member.pk)
    # One query: the person's roles, for the rules. Django's user and group permissions are not read.
    with django_assert_num_queries(1):
        assert not member.has_perm("core.view_audit")


def test_the_platform_beheerder_still_reads_the_audit_trail(client):
    beheerder = UserFactory(roles=[Role.BEHEERDER])
    client.force_login(beheerder)
    assert client.get("/audittrail/").status_code == 200
