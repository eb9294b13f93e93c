"""The services of the participants: members, guests, their links and their consent."""

import pytest

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from schouw import selectors, services
from tests.schouw.factories import SchouwGuestFactory, SchouwRoundFactory

pytestmark = pytest.mark.django_db


def test_a_member_takes_part_only_for_their_own_partner(world):
    schouw_round = world.new_round()
    with pytest.raises(ApplicationError, match="geen lid"):
        services.participant_add_member(
            actor=world.initiative_admin,
            schouw_round=schouw_round,
            user=world.outsider,
            partner=world.aanjager,
        )


def test_a_peer_from_the_atlas_is_not_a_partner(world):
    schouw_round = world.new_round()
    participant, token = services.participant_invite_guest(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        kind="peer",
        name="",
        email="Kok@Buurtkeuken.example",
        organisation=world.peer_org,
    )
    assert participant.name == "Buurtkeuken Zuid"
    assert participant.email == "kok@buurtkeuken.example"
    assert token not in participant.token_hash
    assert selectors.participant_by_token(token=token) == participant
    with pytest.raises(ApplicationError, match="partner"):
        services.participant_invite_guest(
            actor=world.initiative_admin,
            schouw_round=schouw_round,
            kind="peer",
            name="X",
            email="x@example.org",
            organisation=world.initiative,
        )
    with pytest.raises(Conflict):
        services.participant_invite_guest(
            actor=world.initiative_admin,
            schouw_round=schouw_round,
            kind="ervaringsdeskundige",
            name="Y",
            email="kok@buurtkeuken.example",
        )


def test_an_invitation_sends_the_personal_link(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    schouw_round = world.new_round()
    with django_capture_on_commit_callbacks(execute=True):
        _participant, token = services.participant_invite_guest(
            actor=world.initiative_admin,
            schouw_round=schouw_round,
            kind="ervaringsdeskundige",
            name="Fatima",
            email="fatima@example.org",
        )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["fatima@example.org"]
    assert f"/schouw/gast/{token}/" in mailoutbox[0].body


def test_guest_links_stop_when_the_round_is_finished(world):
    schouw_round, guest = world.advance_to("afgerond")
    assert selectors.participant_by_token(token="gast-token-0123456789-abcdefghij") is None
    assert selectors.guest_link_state(token="gast-token-0123456789-abcdefghij") == "afgerond"
    assert not guest.has_perm("schouw.view_round", schouw_round)


def test_revoking_and_renewing_a_guest_link(world):
    schouw_round = world.new_round()
    guest = SchouwGuestFactory(round=schouw_round, token="oude-link-0123456789-abcdefghij")
    with pytest.raises(NotAllowed):
        services.participant_revoke(actor=world.outsider, participant=guest)
    services.participant_revoke(actor=world.initiative_admin, participant=guest)
    assert selectors.guest_link_state(token="oude-link-0123456789-abcdefghij") == "ingetrokken"
    with pytest.raises(Conflict):
        services.participant_revoke(actor=world.initiative_admin, participant=guest)
    guest, token = services.participant_link_renew(actor=world.initiative_admin, participant=guest)
    assert guest.revoked_at is None
    assert selectors.participant_by_token(token=token) == guest
    assert selectors.participant_by_token(token="oude-link-0123456789-abcdefghij") is None


def test_consent_is_stored_with_its_text_and_time(world):
    schouw_round, _ = world.advance_to("open_schouw")
    guest = world.guest(schouw_round, token="nieuwe-gast-0123456789-abcdefghij", consent=False)
    with pytest.raises(NotAllowed):
        services.observation_create(
            actor=guest, schouw_round=schouw_round, text="x", tone="positief"
        )
    with pytest.raises(ApplicationError, match="toestemming"):
        services.guest_consent_give(actor=guest, agreed=False)
    participant = services.guest_consent_give(actor=guest, agreed=True)
    assert participant.consent_at is not None
    assert "bewaart mijn naam" in participant.consent_text
    services.observation_create(
        actor=guest, schouw_round=schouw_round, text="Nu wel", tone="positief"
    )
    with pytest.raises(NotAllowed):
        services.guest_consent_give(actor=world.outsider, agreed=True)


def test_a_guest_acts_only_in_their_own_round(world):
    schouw_round, guest = world.advance_to("open_schouw")
    other = SchouwRoundFactory(deal=world.other_deal, status="open_schouw")
    with pytest.raises(NotAllowed):
        services.observation_create(actor=guest, schouw_round=other, text="x", tone="positief")
    assert not selectors.round_list(actor=guest).filter(pk=other.pk).exists()
    assert list(selectors.round_list(actor=guest)) == [schouw_round]
