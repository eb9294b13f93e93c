import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from atlas import services, tasks
from atlas.models import ChangeProposal, ContactPoint, Membership, Organisation, SavedSearch
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.models import AuditEvent
from reisgids.core.roles import Role
from tests.atlas.factories import (
    ApprovedMembershipFactory,
    ChangeProposalFactory,
    ContactPointFactory,
    NetworkFactory,
    OrganisationFactory,
    SavedSearchFactory,
    ThemeFactory,
)
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png(size=(4, 4)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    ("who", "edit", "propose", "verify"),
    [
        ("anonymous", False, False, False),
        ("outsider", False, False, False),
        ("member", False, True, False),
        ("org_admin", True, True, False),
        ("other_org_admin", False, False, False),
        ("ambtenaar", False, False, False),
        ("bestuurder", False, False, False),
        ("contentbeheerder", False, False, True),
        ("netwerkmanager", True, False, True),
        ("beheerder", True, False, True),
    ],
)
def test_permission_matrix(request, organisation, who, edit, propose, verify):
    from django.contrib.auth.models import AnonymousUser

    users = {
        "anonymous": lambda: AnonymousUser(),
        "bestuurder": lambda: UserFactory(roles=[Role.BESTUURDER]),
        "contentbeheerder": lambda: UserFactory(roles=[Role.CONTENTBEHEERDER]),
    }
    user = users[who]() if who in users else request.getfixturevalue(who)
    assert user.has_perm("atlas.manage_organisation", organisation) is edit
    assert user.has_perm("atlas.propose_organisation_change", organisation) is propose
    assert user.has_perm("atlas.verify_organisation") is verify
    assert user.has_perm("atlas.merge_organisation") is verify
    assert user.has_perm("atlas.view_contact_details") is (who != "anonymous")


def test_org_admin_edits_the_profile_and_it_is_audited(client, org_admin, organisation):
    theme = ThemeFactory(name="Jeugd", slug="jeugd")
    client.force_login(org_admin)
    url = reverse("atlas:organisation-update", args=[organisation.slug])
    assert client.get(url).status_code == 200
    data = {
        "name": organisation.name,
        "type": "initiatief",
        "description": "Nieuw",
        "themes": [theme.pk],
        "latitude": "51.92",
        "longitude": "4.48",
        "logo": _png(),
        "logo_alt": "Een groen vierkant",
        "looking_for": "Een partner voor vervoer",
        "size": "klein",
    }
    response = client.post(url, data, follow=True)
    assert "Het profiel is opgeslagen." in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.looking_for == "Een partner voor vervoer"
    assert organisation.logo.name.startswith("atlas/logos/")
    event = AuditEvent.objects.get(action="organisation_update")
    assert event.changes["description"][1] == "Nieuw"
    assert event.changes["themes"] == [[], ["Jeugd"]]
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Geschiedenis" in page
    assert 'alt="Een groen vierkant"' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"website": "geen url"}, "Voer een geldige URL in"),
        ({"latitude": "52.37", "longitude": "4.89"}, "Dit punt ligt buiten Rotterdam"),
        ({"latitude": "51.92"}, "Vul zowel de breedtegraad als de lengtegraad in"),
        (
            {"logo": SimpleUploadedFile("logo.png", b"geen plaatje", content_type="image/png")},
            "afbeelding",
        ),
        ({"logo": "png", "logo_alt": ""}, "Beschrijf het logo"),
    ],
)
def test_bad_profile_input_gets_a_dutch_message_and_keeps_the_input(
    client, org_admin, organisation, changes, message
):
    client.force_login(org_admin)
    if changes.get("logo") == "png":
        changes["logo"] = _png()
    data = {"name": organisation.name, "type": "initiatief", "description": "Mijn tekst", **changes}
    response = client.post(reverse("atlas:organisation-update", args=[organisation.slug]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Mijn tekst" in html
    organisation.refresh_from_db()
    assert organisation.description != "Mijn tekst"


def test_oversized_logo_is_refused(org_admin, organisation, settings):
    big = SimpleUploadedFile(
        "logo.png", b"\x89PNG" + b"0" * (1024 * 1024 + 1), content_type="image/png"
    )
    with pytest.raises(Exception, match="te groot"):
        services.organisation_update(
            actor=org_admin, organisation=organisation, data={"logo": big, "logo_alt": "Logo"}
        )


def test_refusals_to_edit(client, member, other_org_admin, organisation):
    for user in [member, other_org_admin]:
        with pytest.raises(NotAllowed):
            services.organisation_update(
                actor=user, organisation=organisation, data={"description": "x"}
            )
        client.force_login(user)
        assert (
            client.get(reverse("atlas:organisation-update", args=[organisation.slug])).status_code
            == 404
        )


def test_member_proposes_and_admin_accepts(client, member, org_admin, organisation):
    client.force_login(member)
    url = reverse("atlas:organisation-propose", args=[organisation.slug])
    response = client.post(
        url, {"description": organisation.description, "offering": "Een ruimte"}, follow=True
    )
    assert "Uw voorstel is verstuurd" in response.content.decode()
    proposal = ChangeProposal.objects.get()
    assert proposal.changes == {"offering": "Een ruimte"}
    again = client.post(url, {"description": organisation.description})
    assert "Uw voorstel verandert niets" in again.content.decode()
    # The member cannot decide on it.
    assert (
        client.post(
            reverse("atlas:proposal-decide", args=[proposal.pk]), {"decision": "accept"}
        ).status_code
        == 404
    )
    client.force_login(org_admin)
    assert "Een ruimte" in client.get(organisation.get_absolute_url()).content.decode()
    client.post(reverse("atlas:proposal-decide", args=[proposal.pk]), {"decision": "accept"})
    organisation.refresh_from_db()
    assert organisation.offering == "Een ruimte"
    with pytest.raises(Conflict):
        services.change_proposal_reject(actor=org_admin, proposal=proposal)
    assert AuditEvent.objects.filter(action="change_proposal_accept").exists()


def test_outsider_cannot_propose_and_proposal_can_be_rejected(outsider, org_admin, organisation):
    with pytest.raises(NotAllowed):
        services.organisation_change_propose(
            actor=outsider, organisation=organisation, changes={"phone": "1"}
        )
    proposal = ChangeProposalFactory(organisation=organisation)
    with pytest.raises(NotAllowed):
        services.change_proposal_accept(actor=outsider, proposal=proposal)
    services.change_proposal_reject(actor=org_admin, proposal=proposal)
    assert ChangeProposal.objects.get().status == ChangeProposal.Status.AFGEWEZEN


def test_curator_verifies_and_others_are_refused(client, netwerkmanager, org_admin, organisation):
    with pytest.raises(NotAllowed):
        services.organisation_verify(actor=org_admin, organisation=organisation)
    client.force_login(netwerkmanager)
    client.post(reverse("atlas:organisation-verify", args=[organisation.slug]))
    organisation.refresh_from_db()
    assert organisation.is_verified
    client.post(
        reverse("atlas:organisation-verify", args=[organisation.slug]), {"verified": "false"}
    )
    organisation.refresh_from_db()
    assert not organisation.is_verified
    assert AuditEvent.objects.filter(action="organisation_unverify").exists()


def test_merge_keeps_links_and_history(client, netwerkmanager, member, organisation):
    duplicate = OrganisationFactory(
        name="Logeerhuis Test (dubbel)", website="https://logeerhuis.example"
    )
    ContactPointFactory(organisation=duplicate, name="Coördinator")
    NetworkFactory(organisations=[duplicate, organisation])
    ApprovedMembershipFactory(organisation=duplicate, user=member)
    other = ApprovedMembershipFactory(organisation=duplicate)
    client.force_login(netwerkmanager)
    page = client.get(duplicate.get_absolute_url()).content.decode()
    assert "Logeerhuis Test" in page  # proposed as a likely duplicate
    response = client.post(
        reverse("atlas:organisation-merge", args=[duplicate.slug]),
        {"keep": organisation.slug},
        follow=True,
    )
    assert "is samengevoegd met" in response.content.decode()
    duplicate.refresh_from_db()
    organisation.refresh_from_db()
    assert duplicate.is_archived and duplicate.merged_into == organisation
    assert organisation.website == "https://logeerhuis.example"
    assert ContactPoint.objects.get(name="Coördinator").organisation == organisation
    assert organisation.networks.count() == 1
    other.refresh_from_db()
    assert other.organisation == organisation
    assert Membership.objects.filter(user=member, status="goedgekeurd").count() == 1
    assert AuditEvent.objects.filter(
        action="organisation_merge_into", target_id=str(duplicate.pk)
    ).exists()
    with pytest.raises(Conflict):
        services.organisation_merge(actor=netwerkmanager, duplicate=duplicate, keep=organisation)
    with pytest.raises(ApplicationError):
        services.organisation_merge(actor=netwerkmanager, duplicate=organisation, keep=organisation)


def test_merge_is_refused_for_non_curators(client, org_admin, organisation, other_organisation):
    with pytest.raises(NotAllowed):
        services.organisation_merge(
            actor=org_admin, duplicate=other_organisation, keep=organisation
        )
    client.force_login(org_admin)
    response = client.post(
        reverse("atlas:organisation-merge", args=[other_organisation.slug]),
        {"keep": organisation.slug},
        follow=True,
    )
    assert "Alleen een netwerkmanager of contentbeheerder" in response.content.decode()
    assert not Organisation.objects.filter(is_archived=True).exists()


def test_curator_creates_an_organisation(netwerkmanager, outsider):
    org = services.organisation_create(
        actor=netwerkmanager, data={"name": "Nieuw Initiatief", "type": "initiatief"}
    )
    assert org.slug == "nieuw-initiatief"
    with pytest.raises(NotAllowed):
        services.organisation_create(actor=outsider, data={"name": "X", "type": "initiatief"})


def test_radar_saves_a_search_and_sends_new_matches(client, outsider):
    ThemeFactory(slug="jeugd")
    client.force_login(outsider)
    response = client.post(
        reverse("atlas:radar-create"),
        {"name": "Jeugd", "frequency": "dagelijks", "query": "theme=jeugd&page=2&onzin=1"},
        follow=True,
    )
    assert "De zoekopdracht staat op uw radar." in response.content.decode()
    saved = SavedSearch.objects.get(user=outsider)
    assert saved.query == "theme=jeugd"
    SavedSearch.objects.filter(pk=saved.pk).update(last_sent_at=timezone.now() - timedelta(days=2))
    OrganisationFactory(name="Jongerenpodium", themes=[ThemeFactory(slug="jeugd")])
    OrganisationFactory(name="Ouderenclub")
    assert tasks.radar_digest_send(frequency="dagelijks") == 1
    assert mail.outbox[0].to == [outsider.email]
    assert "Jongerenpodium" in mail.outbox[0].body
    assert "Ouderenclub" not in mail.outbox[0].body
    # Idempotent within the period.
    assert tasks.radar_digest_send(frequency="dagelijks") == 0
    client.post(reverse("atlas:radar-delete", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


def test_radar_refusals(client, outsider):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAllowed):
        services.saved_search_create(actor=AnonymousUser(), name="x", query="")
    with pytest.raises(ApplicationError):
        services.saved_search_create(actor=outsider, name="x", query="type=ruimteschip")
    other = SavedSearchFactory()
    with pytest.raises(NotAllowed):
        services.saved_search_delete(actor=outsider, saved_search=other)
    client.force_login(outsider)
    assert client.post(reverse("atlas:radar-delete", args=[other.pk])).status_code == 404
    assert client.get(reverse("atlas:radar")).status_code == 200
    response = client.post(reverse("atlas:radar-create"), {"name": ""}, follow=True)
    assert "Geef de zoekopdracht een naam." in response.content.decode()
    anonymous = client.__class__()
    assert anonymous.get(reverse("atlas:radar")).status_code == 302


def test_detail_pages_link_everything(client):
    org = OrganisationFactory(name="Humanitas")
    network = NetworkFactory(name="Zorgzaam010", organisations=[org])
    assert "Humanitas" in client.get(network.get_absolute_url()).content.decode()
    assert "Zorgzaam010" in client.get(org.get_absolute_url()).content.decode()
    assert client.get(reverse("atlas:network-detail", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("atlas:instrument-detail", args=["bestaat-niet"])).status_code == 404
