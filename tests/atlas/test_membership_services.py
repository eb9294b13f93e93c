import pytest

from atlas.models import Membership
from atlas.services import membership_approve, membership_end, membership_reject, membership_request
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.models import AuditEvent
from tests.atlas.factories import ApprovedMembershipFactory, MembershipFactory, OrganisationFactory
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_request_creates_a_pending_membership_and_audits_it(outsider, organisation):
    membership = membership_request(
        actor=outsider, organisation=organisation, motivation="  Ik help mee.  "
    )
    assert membership.status == Membership.Status.AANGEVRAAGD
    assert membership.motivation == "Ik help mee."
    assert AuditEvent.objects.get(action="membership_request").actor == outsider


def test_a_second_request_is_refused_while_the_first_waits(outsider, organisation):
    membership_request(actor=outsider, organisation=organisation)
    with pytest.raises(ApplicationError, match="wacht al op een besluit"):
        membership_request(actor=outsider, organisation=organisation)
    assert Membership.objects.filter(user=outsider).count() == 1


def test_a_member_cannot_request_again(member, organisation):
    with pytest.raises(ApplicationError, match="U bent al lid"):
        membership_request(actor=member, organisation=organisation)


def test_request_for_an_archived_organisation_is_refused(outsider):
    archived = OrganisationFactory(is_archived=True)
    with pytest.raises(ApplicationError, match="gearchiveerd"):
        membership_request(actor=outsider, organisation=archived)


def test_anonymous_cannot_request(organisation):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAllowed):
        membership_request(actor=AnonymousUser(), organisation=organisation)


@pytest.mark.parametrize("approver", ["org_admin", "netwerkmanager", "beheerder"])
def test_approvers_approve(request, approver, organisation):
    actor = request.getfixturevalue(approver)
    pending = MembershipFactory(organisation=organisation)
    membership = membership_approve(
        actor=actor, membership=pending, role="beheerder", note="Welkom"
    )
    assert membership.status == Membership.Status.GOEDGEKEURD
    assert membership.role == "beheerder"
    assert membership.decided_by == actor
    assert membership.decided_at is not None
    assert AuditEvent.objects.filter(action="membership_approve", actor=actor).count() == 1


@pytest.mark.parametrize("refused", ["member", "other_org_admin", "outsider", "ambtenaar"])
def test_others_cannot_approve_or_reject(request, refused, organisation):
    actor = request.getfixturevalue(refused)
    pending = MembershipFactory(organisation=organisation)
    with pytest.raises(NotAllowed):
        membership_approve(actor=actor, membership=pending)
    with pytest.raises(NotAllowed):
        membership_reject(actor=actor, membership=pending)
    pending.refresh_from_db()
    assert pending.status == Membership.Status.AANGEVRAAGD


def test_org_admin_cannot_approve_own_request_at_another_organisation(org_admin, organisation):
    """Being beheerder of one organisation gives no say over another."""
    own = MembershipFactory(user=org_admin, organisation=OrganisationFactory())
    with pytest.raises(NotAllowed):
        membership_approve(actor=org_admin, membership=own)


def test_netwerkmanager_cannot_approve_own_request(netwerkmanager, organisation):
    own = MembershipFactory(user=netwerkmanager, organisation=organisation)
    with pytest.raises(NotAllowed, match="eigen aanvraag"):
        membership_approve(actor=netwerkmanager, membership=own)


def test_decided_request_cannot_be_decided_again(org_admin, organisation):
    pending = MembershipFactory(organisation=organisation)
    membership_reject(actor=org_admin, membership=pending, note="Onbekend bij ons")
    with pytest.raises(Conflict, match="al besloten"):
        membership_approve(actor=org_admin, membership=pending)
    pending.refresh_from_db()
    assert pending.status == Membership.Status.AFGEWEZEN
    assert pending.decision_note == "Onbekend bij ons"


def test_unknown_role_is_refused(org_admin, organisation):
    pending = MembershipFactory(organisation=organisation)
    with pytest.raises(ApplicationError, match="Onbekende rol"):
        membership_approve(actor=org_admin, membership=pending, role="koning")


def test_after_rejection_a_new_request_is_possible(org_admin, outsider, organisation):
    first = membership_request(actor=outsider, organisation=organisation)
    membership_reject(actor=org_admin, membership=first)
    second = membership_request(
        actor=outsider, organisation=organisation, motivation="Nu met uitleg"
    )
    assert second.pk != first.pk


def test_member_leaves_and_record_stays(member, organisation):
    membership = Membership.objects.get(user=member, organisation=organisation)
    membership_end(actor=member, membership=membership)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.BEEINDIGD
    with pytest.raises(Conflict):
        membership_end(actor=member, membership=membership)


def test_last_admin_cannot_leave(org_admin, organisation):
    membership = Membership.objects.get(user=org_admin, organisation=organisation)
    with pytest.raises(ApplicationError, match="laatste beheerder"):
        membership_end(actor=org_admin, membership=membership)
    ApprovedMembershipFactory(organisation=organisation, role="beheerder")
    assert (
        membership_end(actor=org_admin, membership=membership).status == Membership.Status.BEEINDIGD
    )


def test_stranger_cannot_end_a_membership(member, outsider, organisation):
    membership = Membership.objects.get(user=member, organisation=organisation)
    with pytest.raises(NotAllowed):
        membership_end(actor=outsider, membership=membership)


def test_netwerkmanager_ends_a_membership(member, netwerkmanager, organisation):
    membership = Membership.objects.get(user=member, organisation=organisation)
    assert membership_end(actor=netwerkmanager, membership=membership).decided_by == netwerkmanager


def test_inactive_user_has_no_rights(organisation):
    inactive = UserFactory(is_active=False, roles=["netwerkmanager"])
    pending = MembershipFactory(organisation=organisation)
    with pytest.raises(NotAllowed):
        membership_approve(actor=inactive, membership=pending)
