import io

import pytest
from django.urls import reverse

from schouw.models import Observation, Participant
from tests.core.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "gast-token-0123456789-abcdefghij"


@pytest.fixture(autouse=True)
def _axes_off(settings):
    """client.login() authenticates without a request, which django-axes refuses; the login
    lockout itself is tested in tests/core/test_hardening.py."""
    settings.AXES_ENABLED = False


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def test_partners_and_the_partner_in_residence_see_the_round(client, world):
    schouw_round, _guest = world.advance_to("waarderend")
    for user in (
        world.initiative_admin,
        world.initiative_member,
        world.municipality_member,
        world.resident,
    ):
        client.logout()
        response = _login(client, user).get(schouw_round.get_absolute_url())
        assert response.status_code == 200
        assert "Roffabriek-schouw" in response.content.decode()


@pytest.mark.parametrize(
    "who",
    ["partner van een andere deal", "netwerkmanager", "beheerder", "initiatiefnemer van buiten"],
)
def test_the_evaluation_does_not_leak_to_outsiders(client, world, who):
    schouw_round, _guest = world.advance_to("afgerond")
    _login(client, world.outsiders()[who])
    for name in ("round-detail", "round-report", "round-report-pdf", "public-report"):
        response = client.get(reverse(f"schouw:{name}", kwargs={"pk": schouw_round.pk}))
        assert response.status_code == 404, name
        assert "Warm onthaal" not in response.content.decode()
    assert (
        client.get(reverse("schouw:deal-rounds", kwargs={"deal_pk": world.deal.pk})).status_code
        == 404
    )
    assert "Roffabriek-schouw" not in client.get(reverse("schouw:round-list")).content.decode()


def test_anonymous_visitors_see_nothing_until_published(client, world):
    schouw_round, _guest = world.advance_to("afgerond")
    detail = client.get(schouw_round.get_absolute_url())
    assert detail.status_code == 302
    assert (
        client.get(reverse("schouw:round-report", kwargs={"pk": schouw_round.pk})).status_code
        == 404
    )
    assert (
        client.get(reverse("schouw:public-report", kwargs={"pk": schouw_round.pk})).status_code
        == 404
    )
    schouw_round.published_at = schouw_round.finished_at
    schouw_round.save()
    public = client.get(
        reverse("schouw:public-report", kwargs={"pk": schouw_round.pk})
    ).content.decode()
    assert "Een rijk beeld." in public
    assert "Warm onthaal" not in public  # observations stay with the partners


def test_the_whole_round_by_posting_forms(client, world):
    _login(client, world.initiative_admin)
    response = client.post(
        reverse("schouw:round-create", kwargs={"deal_pk": world.deal.pk}),
        {
            "title": "Schouwmaaltijd",
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-10",
            "setting": "feestelijk",
        },
    )
    schouw_round = world.deal.schouw_rounds.get()
    assert response.status_code == 302
    response = client.post(
        reverse("schouw:guest-invite", kwargs={"pk": schouw_round.pk}),
        {"kind": "ervaringsdeskundige", "name": "Fatima", "email": "fatima@example.org"},
        follow=True,
    )
    page = response.content.decode()
    assert "/schouw/gast/" in page
    response = client.post(
        reverse("schouw:round-transition", kwargs={"pk": schouw_round.pk, "step": "open"}),
        follow=True,
    )
    assert "Open schouw" in response.content.decode()
    schouw_round.refresh_from_db()
    assert schouw_round.status == "open_schouw"
    client.post(
        reverse("schouw:observation-create", kwargs={"pk": schouw_round.pk}),
        {"text": "Veel nieuwe gezichten", "tone": "positief"},
    )
    assert Observation.objects.get(round=schouw_round).participant.user == world.initiative_admin
    response = client.post(
        reverse("schouw:round-transition", kwargs={"pk": schouw_round.pk, "step": "waarderen"}),
        follow=True,
    )
    assert "Dit kan niet in de stap" in response.content.decode()


def test_a_refused_step_is_a_message_not_an_error(client, world):
    schouw_round = world.new_round()
    _login(client, world.initiative_admin)
    response = client.post(
        reverse("schouw:round-transition", kwargs={"pk": schouw_round.pk, "step": "open"}),
        follow=True,
    )
    assert response.status_code == 200
    assert "peer van buiten" in response.content.decode()
    assert (
        client.post(
            reverse("schouw:round-transition", kwargs={"pk": schouw_round.pk, "step": "vliegen"})
        ).status_code
        == 404
    )


def test_guest_link_consent_and_observation_on_a_phone(client, world):
    schouw_round, _ = world.advance_to("open_schouw")
    world.guest(schouw_round, token="telefoon-gast-0123456789-abcdefgh", consent=False)
    response = client.get(
        reverse("schouw:guest-enter", kwargs={"token": "telefoon-gast-0123456789-abcdefgh"})
    )
    assert response.status_code == 302
    assert response.url == reverse("schouw:guest-round")
    consent = client.get(response.url).content.decode()
    assert "bewaart mijn naam" in consent
    assert 'name="viewport"' in consent
    # Without consent nothing is recorded.
    client.post(
        reverse("schouw:observation-create", kwargs={"pk": schouw_round.pk}),
        {"text": "x", "tone": "positief"},
    )
    assert not Observation.objects.filter(text="x").exists()
    assert client.post(reverse("schouw:guest-round"), {}).status_code == 400
    client.post(reverse("schouw:guest-round"), {"agree": "on"})
    assert (
        Participant.objects.get(round=schouw_round, consent_text__contains="bewaart").consent_at
        is not None
    )
    page = client.get(reverse("schouw:guest-round")).content.decode()
    assert "Waarneming vastleggen" in page
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="JPEG")
    buffer.seek(0)
    buffer.name = "foto.jpg"
    client.post(
        reverse("schouw:observation-create", kwargs={"pk": schouw_round.pk}),
        {"text": "Trap zonder leuning", "tone": "negatief", "photo": buffer},
    )
    observation = Observation.objects.get(text="Trap zonder leuning")
    assert observation.participant.is_guest
    assert observation.participant.consent_at is not None
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("state", ["ingetrokken", "verlopen", "onbekend"])
def test_a_guest_link_that_does_not_work(client, world, state):
    import datetime

    from django.utils import timezone

    _schouw_round, guest = world.advance_to("open_schouw")
    participant = guest.participant
    if state == "ingetrokken":
        participant.revoked_at = timezone.now()
    elif state == "verlopen":
        participant.token_expires_at = timezone.now() - datetime.timedelta(minutes=1)
    participant.save()
    token = "iets-anders-0123456789-abcdefghij" if state == "onbekend" else TOKEN
    response = client.get(reverse("schouw:guest-enter", kwargs={"token": token}))
    assert response.status_code == 404
    assert {"ingetrokken": "ingetrokken", "verlopen": "verlopen", "onbekend": "kennen we niet"}[
        state
    ] in (response.content.decode())
    assert client.get(reverse("schouw:guest-round")).status_code == 404


def test_a_link_revoked_during_the_session_stops_working(client, world):
    _schouw_round, guest = world.advance_to("open_schouw")
    client.get(reverse("schouw:guest-enter", kwargs={"token": TOKEN}))
    assert client.get(reverse("schouw:guest-round")).status_code == 200
    from django.utils import timezone

    guest.participant.revoked_at = timezone.now()
    guest.participant.save()
    assert client.get(reverse("schouw:guest-round")).status_code == 404


def test_a_guest_session_opens_only_its_own_round(client, world):
    _schouw_round, _guest = world.advance_to("open_schouw")
    from tests.schouw.factories import SchouwGuestFactory, SchouwRoundFactory

    other = SchouwRoundFactory(deal=world.other_deal, status="open_schouw")
    SchouwGuestFactory(round=other, token="andere-ronde-0123456789-abcdefghij")
    client.get(reverse("schouw:guest-enter", kwargs={"token": TOKEN}))
    assert client.get(reverse("schouw:round-report", kwargs={"pk": other.pk})).status_code == 404
    client.post(
        reverse("schouw:observation-create", kwargs={"pk": other.pk}),
        {"text": "Binnengedrongen", "tone": "positief"},
    )
    assert not Observation.objects.filter(text="Binnengedrongen").exists()


def test_the_report_page_and_a_real_pdf(client, world):
    schouw_round, _guest = world.advance_to("afgerond")
    _login(client, world.municipality_member)
    page = client.get(
        reverse("schouw:round-report", kwargs={"pk": schouw_round.pk})
    ).content.decode()
    assert "Een rijk beeld." in page
    assert "Zichtbaar in de wijk." in page  # the explanation travels with every appraisal
    assert "Geen ranglijst" in page
    response = client.get(reverse("schouw:round-report-pdf", kwargs={"pk": schouw_round.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Een rijk beeld." in text
    assert "De Roffabriek" in text


def test_a_guest_cannot_read_the_report(client, world):
    schouw_round, _guest = world.advance_to("rapportage")
    client.get(reverse("schouw:guest-enter", kwargs={"token": TOKEN}))
    assert (
        client.get(reverse("schouw:round-report", kwargs={"pk": schouw_round.pk})).status_code
        == 404
    )


def test_list_pages_have_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    from tests.schouw.factories import SchouwRoundFactory

    for _ in range(3):
        SchouwRoundFactory(deal=world.deal, status="afgerond")
    _login(client, world.initiative_admin)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("schouw:round-list")).status_code == 200
    with django_assert_max_num_queries(40):
        assert (
            client.get(reverse("schouw:deal-rounds", kwargs={"deal_pk": world.deal.pk})).status_code
            == 200
        )


def test_the_navigation_shows_the_schouw(client, world):
    _login(client, world.initiative_member)
    assert reverse("schouw:round-list") in client.get(reverse("schouw:round-list")).content.decode()
