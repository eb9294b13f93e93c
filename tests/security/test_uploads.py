"""Uploads are checked by their content, limited in size, stored outside the static files, and
served with a content type that is an image: organisation logos (public media) and schouw
photos (private, streamed after a permission check)."""

import io
import mimetypes
import os
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from rest_framework.authtoken.models import Token

from atlas.models import Organisation
from schouw.models import Observation, SchouwRound
from tests.schouw.factories import SchouwPartnerParticipantFactory, SchouwRoundFactory

pytestmark = pytest.mark.django_db

SAFE_IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


def _image(fmt="PNG", size=(8, 8), exif=False) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, "green")
    if exif:
        data = Image.Exif()
        data[0x010F] = "Telefoonmaker"  # Make
        data[0x0132] = "2026:05:01 10:00:00"  # DateTime
        data[0x8825] = {
            1: "N",
            2: (51.0, 55.0, 12.0),
            3: "E",
            4: (4.0, 28.0, 44.0),
        }  # GPS: Rotterdam
        image.save(buffer, format=fmt, exif=data.tobytes())
    else:
        image.save(buffer, format=fmt)
    return buffer.getvalue()


def _noise_png(megabytes: float) -> bytes:
    """A real PNG that does not compress, of about the given size."""
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5) + 1
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, format="PNG")
    return buffer.getvalue()


def _pixel_bomb() -> bytes:
    """A small PNG whose header claims 40000 x 40000 pixels (a decompression bomb)."""

    def chunk(kind, data):
        return (
            len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
        )

    header = (40000).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

# (file name, content, words of the Dutch refusal)
NOT_IMAGES = [
    ("logo.png", b"dit is gewoon tekst", "geen"),
    ("logo.png", SVG, "geen"),
    ("logo.svg", SVG, "geen"),
    ("logo.jpg", HTML, "geen"),
    ("logo.gif", b"GIF89a" + HTML, "geen"),
    ("logo.png", _pixel_bomb(), "geen"),
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _not_under_static(settings, path: str):
    resolved = Path(path).resolve()
    for folder in [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]:
        folder = folder[1] if isinstance(folder, tuple) else folder
        assert not resolved.is_relative_to(Path(folder).resolve())


# --- Organisation logos (public media) ---------------------------------------------------------


def _post_logo(client, organisation, name, content):
    data = {
        "name": organisation.name,
        "type": "initiatief",
        "description": "Buurtkamer voor iedereen",
        "logo": SimpleUploadedFile(name, content, content_type="image/png"),
        "logo_alt": "Het logo van de buurtkamer",
    }
    return client.post(reverse("atlas:organisation-update", args=[organisation.slug]), data)


@pytest.mark.parametrize(("name", "content", "words"), NOT_IMAGES)
def test_a_logo_that_is_not_an_image_is_refused_in_dutch(
    client, org_admin, organisation, name, content, words
):
    client.force_login(org_admin)
    response = _post_logo(client, organisation, name, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "afbeelding" in html and words in html
    organisation.refresh_from_db()
    assert not organisation.logo
    assert organisation.description != "Buurtkamer voor iedereen"


def test_an_oversized_logo_is_refused(client, org_admin, organisation):
    client.force_login(org_admin)
    response = _post_logo(client, organisation, "logo.png", _noise_png(1.2))
    assert "te groot" in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.logo


@pytest.mark.parametrize(
    ("fmt", "name"), [("JPEG", "foto.jpg"), ("PNG", "logo.png"), ("WEBP", "logo.webp")]
)
def test_a_logo_with_exif_is_stored_as_public_media_outside_static(
    client, settings, org_admin, organisation, fmt, name
):
    client.force_login(org_admin)
    response = _post_logo(client, organisation, name, _image(fmt, exif=True))
    assert response.status_code == 302
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert organisation.logo
    path = Path(organisation.logo.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT))
    _not_under_static(settings, str(path))
    # Public media are served by name: the name gives a safe image type, the one of the content.
    served_as, _encoding = mimetypes.guess_type(organisation.logo.name)
    assert served_as in SAFE_IMAGE_TYPES
    with Image.open(path) as stored:
        assert Image.MIME[stored.format] == served_as


# --- Schouw photos (private) -------------------------------------------------------------------


@pytest.fixture
def open_round(db):
    schouw_round = SchouwRoundFactory(status=SchouwRound.Status.OPEN_SCHOUW)
    participant = SchouwPartnerParticipantFactory(round=schouw_round)
    return schouw_round, participant.user


def _post_photo_api(api_client, user, schouw_round, name, content):
    token = Token.objects.create(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api_client.post(
        f"/api/v1/schouw/rounds/{schouw_round.pk}/observations/",
        {
            "text": "De buurtkamer zat vol",
            "tone": "positief",
            "photo": SimpleUploadedFile(name, content),
        },
        format="multipart",
    )


@pytest.mark.parametrize(
    ("name", "content", "words"), [(n.replace("logo", "foto"), c, w) for n, c, w in NOT_IMAGES]
)
def test_a_photo_that_is_not_an_image_is_refused_in_dutch(
    api_client, open_round, name, content, words
):
    schouw_round, user = open_round
    response = _post_photo_api(api_client, user, schouw_round, name, content)
    assert response.status_code == 400
    body = response.json()
    assert "afbeelding" in str(body) or "foto" in str(body)
    assert not Observation.objects.filter(round=schouw_round).exists()


def test_an_oversized_photo_is_refused(api_client, open_round):
    schouw_round, user = open_round
    response = _post_photo_api(api_client, user, schouw_round, "foto.png", _noise_png(5.2))
    assert response.status_code == 400
    assert "te groot" in response.json()["detail"]
    assert not Observation.objects.filter(round=schouw_round).exists()


@pytest.mark.parametrize(
    ("fmt", "name", "content_type"),
    [
        ("JPEG", "foto.jpg", "image/jpeg"),
        ("PNG", "foto.png", "image/png"),
        ("WEBP", "foto.webp", "image/webp"),
    ],
)
def test_a_photo_with_exif_is_private_and_served_as_an_image(
    api_client, client, settings, open_round, fmt, name, content_type
):
    schouw_round, user = open_round
    response = _post_photo_api(api_client, user, schouw_round, name, _image(fmt, exif=True))
    assert response.status_code == 201
    observation = Observation.objects.get(round=schouw_round)
    path = Path(observation.photo.path)
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    _not_under_static(settings, str(path))
    assert "/media/" not in str(response.json()["photo"])

    client.force_login(user)
    url = reverse("schouw:observation-photo", kwargs={"pk": schouw_round.pk, "opk": observation.pk})
    served = client.get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == content_type
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("inline")
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as image:
        assert Image.MIME[image.format] == content_type
        # Where and when it was taken, and with what, is not kept: a photo can show where someone lives.
        assert not image.getexif()
        assert "exif" not in image.info


def test_a_photo_whose_name_lies_is_served_as_what_it_is(api_client, client, open_round):
    """A PNG named .jpg is still a photo; it is stored under a new name and served as image/png."""
    schouw_round, user = open_round
    response = _post_photo_api(api_client, user, schouw_round, "foto.jpg", _image("PNG"))
    assert response.status_code == 201
    observation = Observation.objects.get(round=schouw_round)
    assert observation.photo.name.endswith(".png")
    assert "foto" not in Path(observation.photo.name).name
    client.force_login(user)
    served = client.get(
        reverse("schouw:observation-photo", kwargs={"pk": schouw_round.pk, "opk": observation.pk})
    )
    assert served["Content-Type"] == "image/png"


def test_a_logo_whose_name_lies_is_stored_as_what_it_is(client, org_admin, organisation):
    client.force_login(org_admin)
    response = _post_logo(client, organisation, "logo.jpg", _image("PNG"))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("atlas/logos/")
    assert organisation.logo.name.endswith(".png")
    assert mimetypes.guess_type(organisation.logo.name)[0] == "image/png"


@pytest.mark.parametrize(
    ("name", "content"), [("foto.png", SVG), ("foto.jpg", HTML), ("foto.png", _pixel_bomb())]
)
def test_the_page_form_refuses_a_disguised_photo_in_dutch(client, open_round, name, content):
    schouw_round, user = open_round
    client.force_login(user)
    url = reverse("schouw:observation-create", kwargs={"pk": schouw_round.pk})
    data = {
        "text": "De buurtkamer zat vol",
        "tone": "positief",
        "photo": SimpleUploadedFile(name, content),
    }
    page = client.post(url, data, follow=True).content.decode()
    assert "Dit is niet gelukt" in page and "afbeelding" in page
    assert not Observation.objects.filter(round=schouw_round).exists()


def test_the_page_form_stores_a_photo_under_a_name_of_its_content(client, open_round):
    schouw_round, user = open_round
    client.force_login(user)
    url = reverse("schouw:observation-create", kwargs={"pk": schouw_round.pk})
    data = {
        "text": "De buurtkamer zat vol",
        "tone": "positief",
        "photo": SimpleUploadedFile("jan.jpg", _image("PNG")),
    }
    page = client.post(url, data, follow=True).content.decode()
    assert "Uw waarneming is vastgelegd." in page
    observation = Observation.objects.get(round=schouw_round)
    assert observation.photo.name.endswith(".png")
    assert "jan" not in Path(observation.photo.name).name
