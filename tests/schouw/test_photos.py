"""Schouw photos are private: streamed after a permission check, never public media."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from schouw import services
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 6), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def photo_observation(world):
    schouw_round, guest = world.advance_to("open_schouw")
    observation = services.observation_create(
        actor=guest,
        schouw_round=schouw_round,
        text="Het buurtkamertje",
        tone="positief",
        photo=SimpleUploadedFile("kamer.png", _png(), content_type="image/png"),
    )
    return schouw_round, observation


def test_partners_see_the_photo_through_the_checked_view(client, world, photo_observation):
    schouw_round, observation = photo_observation
    url = reverse("schouw:observation-photo", kwargs={"pk": schouw_round.pk, "opk": observation.pk})
    client.force_login(world.initiative_admin)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Cache-Control"] == "private, max-age=300"
    page = client.get(schouw_round.get_absolute_url()).content.decode()
    assert url in page
    assert "/media/" not in page


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_partner_member", "netwerkmanager"])
def test_others_do_not_get_the_photo(client, world, photo_observation, who):
    schouw_round, observation = photo_observation
    if who == "outsider":
        client.force_login(UserFactory())
    elif who != "anonymous":
        client.force_login(getattr(world, who))
    url = reverse("schouw:observation-photo", kwargs={"pk": schouw_round.pk, "opk": observation.pk})
    assert client.get(url).status_code == 404


def test_the_photo_file_is_outside_public_media(settings, photo_observation):
    _round, observation = photo_observation
    assert not str(observation.photo.path).startswith(str(settings.MEDIA_ROOT))
