"""AVG: a person downloads their own data as JSON; erasure anonymises them and keeps the cooperation whole."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.authtoken.models import Token

from atlas.models import Follow, Membership, Notification, SavedSearch
from deals.models import Signature
from deals.residence.models import LogEntry
from reisgids.core.errors import ApplicationError
from reisgids.core.models import AuditEvent, User
from reisgids.core.privacy import user_erase
from reisgids.core.roles import Role
from schouw.models import Participant
from tests.atlas.factories import (
    ApprovedMembershipFactory,
    FollowFactory,
    ListingFactory,
    NotificationFactory,
    SavedSearchFactory,
    StoryCommentFactory,
)
from tests.core.factories import PASSWORD, UserFactory
from tests.deals.factories import SignatureFactory
from tests.residence.factories import LogEntryFactory, ResidencyFactory
from tests.schouw.factories import SchouwPartnerParticipantFactory


@pytest.fixture
def person(db):
    """Someone active across the apps: member, residency with a logbook, a signature, a schouw part."""
    residency = ResidencyFactory()
    user = residency.person
    user.name, user.bio = "Fatima el Amrani", "Ervaren in buurtwerk op Zuid."
    user.save()
    user.groups.add(Group.objects.get_or_create(name=Role.INITIATIEFNEMER.value)[0])
    LogEntryFactory(residency=residency, text="Eerste week: kennismaken met het team.")
    SignatureFactory(signed_by=user, partner=residency.sending_partner)
    SchouwPartnerParticipantFactory(
        user=user, partner=residency.sending_partner, round__deal=residency.deal
    )
    ListingFactory(posted_by=user, title="Vrijwilligers gezocht voor de buurtkamer")
    StoryCommentFactory(author=user, body="Herkenbaar!")
    FollowFactory(user=user)
    NotificationFactory(user=user, text="Nieuwe deal in uw wijk")
    SavedSearchFactory(user=user, name="Eenzaamheid Zuid")
    Token.objects.create(user=user)
    return user


def test_a_person_downloads_their_own_data_as_json(client, person):
    other = UserFactory(name="Iemand Anders")
    NotificationFactory(user=other, text="Niet voor Fatima")
    client.force_login(person)
    response = client.get(reverse("core:my-data-export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="reisgids-mijn-gegevens-'
    )
    data = json.loads(response.content)
    assert data["profiel"]["naam"] == "Fatima el Amrani"
    assert data["profiel"]["e-mailadres"] == person.email
    assert data["profiel"]["over_mij"] == "Ervaren in buurtwerk op Zuid."
    assert {m["status"] for m in data["lidmaatschappen"]} == {"goedgekeurd"}
    assert [e["text"] for e in data["partner_in_residence"]["logboek"]] == [
        "Eerste week: kennismaken met het team."
    ]
    assert len(data["deals"]["handtekeningen"]) == 1
    assert [s["round__title"] for s in data["schouw"]["deelnames"]]
    assert [c["body"] for c in data["atlas"]["reacties_op_verhalen"]] == ["Herkenbaar!"]
    assert [li["title"] for li in data["atlas"]["vraag_en_aanbod"]] == [
        "Vrijwilligers gezocht voor de buurtkamer"
    ]
    assert [n["text"] for n in data["volgen_en_meldingen"]["meldingen"]] == [
        "Nieuwe deal in uw wijk"
    ]
    assert [s["name"] for s in data["volgen_en_meldingen"]["bewaarde_zoekopdrachten"]] == [
        "Eenzaamheid Zuid"
    ]
    assert len(data["volgen_en_meldingen"]["volgt"]) == 1
    text = response.content.decode()
    assert "Niet voor Fatima" not in text and "Iemand Anders" not in text
    assert "password" not in text and "pbkdf2" not in text and "md5$" not in text


def test_the_download_and_the_page_need_a_login(client, db):
    for name in ("core:my-data", "core:my-data-export"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("login") in response.url


def test_erasure_anonymises_the_person_and_keeps_the_cooperation_records(client, person):
    residency_log = LogEntry.objects.get(author=person)
    signature = Signature.objects.get(signed_by=person)
    participant = Participant.objects.get(user=person)
    old_email = person.email
    client.force_login(person)

    response = client.post(reverse("core:my-data"), {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302 and response.url == reverse("core:home")
    person.refresh_from_db()
    assert person.name == "Verwijderde gebruiker"
    assert person.email == f"verwijderd-{person.pk}@verwijderd.invalid"
    assert person.bio == ""
    assert not person.has_usable_password() and not person.is_active
    assert not person.groups.exists()
    assert not Token.objects.filter(user=person).exists()
    assert not User.objects.filter(email=old_email).exists()
    # Memberships end; what only served the person is gone.
    assert set(Membership.objects.filter(user=person).values_list("status", flat=True)) == {
        "beeindigd"
    }
    assert not Follow.objects.filter(user=person).exists()
    assert not Notification.objects.filter(user=person).exists()
    assert not SavedSearch.objects.filter(user=person).exists()
    # The records of the cooperation stay, with the anonymised account.
    residency_log.refresh_from_db()
    signature.refresh_from_db()
    participant.refresh_from_db()
    assert (
        residency_log.author_id == person.pk
        and residency_log.text == "Eerste week: kennismaken met het team."
    )
    assert signature.signed_by_id == person.pk
    assert participant.user_id == person.pk and participant.name == "Verwijderde gebruiker"
    # The audit trail records the erasure, and no line names the person any more.
    erase = AuditEvent.objects.get(action="user_erase")
    assert (erase.actor_id, erase.target_id) == (person.pk, str(person.pk))
    trail = list(AuditEvent.objects.values_list("actor_label", "target_label", "changes"))
    assert "Fatima" not in str(trail) and old_email not in str(trail)
    # The session ended and logging in again is impossible.
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("core:my-data")).status_code == 302
    again = client.post(reverse("login"), {"username": old_email, "password": PASSWORD})
    assert again.status_code == 200 and "_auth_user_id" not in client.session


def test_erasure_needs_the_right_password_and_the_confirmation(client, person):
    client.force_login(person)
    wrong = client.post(
        reverse("core:my-data"), {"password": "niet-mijn-wachtwoord", "confirm": "on"}
    )
    assert wrong.status_code == 200
    assert "Het wachtwoord klopt niet" in wrong.content.decode()
    unconfirmed = client.post(reverse("core:my-data"), {"password": PASSWORD})
    assert unconfirmed.status_code == 200
    person.refresh_from_db()
    assert person.name == "Fatima el Amrani" and person.is_active
    assert Follow.objects.filter(user=person).exists()


def test_nobody_erases_someone_else_and_nobody_is_erased_twice(person):
    other = UserFactory()
    with pytest.raises(ApplicationError, match="alleen uw eigen gegevens"):
        user_erase(actor=other, user=person, password=PASSWORD)
    erased = user_erase(actor=person, user=person, password=PASSWORD)
    with pytest.raises(ApplicationError, match="al geanonimiseerd"):
        user_erase(actor=erased, user=erased, password=PASSWORD)
    assert AuditEvent.objects.filter(action="user_erase").count() == 1


def test_the_privacy_page_says_what_is_stored_why_and_for_how_long(client, db, settings):
    settings.REISGIDS = {**settings.REISGIDS, "SCHOUW_GUEST_RETENTION_DAYS": 200}
    page = client.get(reverse("core:privacy")).content.decode()
    for text in (
        "Wat wij bewaren en waarom",
        "200 dagen",
        "Mijn gegevens",
        "JSON",
        "security@reisgids.example",
    ):
        assert text in page


def test_erasing_keeps_an_org_beheerder_membership_history_consistent(db):
    membership = ApprovedMembershipFactory(role="beheerder")
    user = membership.user
    user_erase(actor=user, user=user, password=PASSWORD)
    membership.refresh_from_db()
    assert membership.status == "beeindigd" and membership.decided_at is not None
    assert membership.organisation.memberships.filter(status="goedgekeurd").count() == 0
