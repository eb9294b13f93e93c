"""The services of the observations (with photos) and the appraisals."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from schouw import selectors, services

pytestmark = pytest.mark.django_db


def test_observations_only_in_the_open_schouw_and_only_by_participants(world):
    schouw_round, guest = world.advance_to("open_schouw")
    observation = services.observation_create(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        text="Goede sfeer",
        tone="positief",
        latitude="51.92000",
        longitude="4.48000",
    )
    assert observation.participant.user == world.initiative_admin
    with pytest.raises(NotAllowed):
        services.observation_create(
            actor=world.outsider, schouw_round=schouw_round, text="x", tone="positief"
        )
    with pytest.raises(NotAllowed):  # a partner member who is not a participant
        services.observation_create(
            actor=world.initiative_member, schouw_round=schouw_round, text="x", tone="positief"
        )
    with pytest.raises(ApplicationError, match="breedte"):
        services.observation_create(
            actor=guest, schouw_round=schouw_round, text="x", tone="positief", latitude="51.9"
        )


def test_an_observation_after_the_open_schouw_is_refused(world):
    schouw_round, guest = world.advance_to("meetlat")
    with pytest.raises(Conflict):
        services.observation_create(
            actor=guest, schouw_round=schouw_round, text="Te laat", tone="negatief"
        )


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_observation_with_a_photo(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    schouw_round, guest = world.advance_to("open_schouw")
    photo = SimpleUploadedFile("inloop.png", _png(), content_type="image/png")
    observation = services.observation_create(
        actor=guest, schouw_round=schouw_round, text="De inloop", tone="positief", photo=photo
    )
    assert observation.photo.name.startswith("schouw/")
    fake = SimpleUploadedFile("foto.jpg", b"geen foto", content_type="image/jpeg")
    with pytest.raises(ApplicationError, match="geen foto"):
        services.observation_create(
            actor=guest, schouw_round=schouw_round, text="x", tone="positief", photo=fake
        )
    big = SimpleUploadedFile(
        "groot.png", _png() + b"0" * services.PHOTO_MAX_BYTES, content_type="image/png"
    )
    with pytest.raises(ApplicationError, match="te groot"):
        services.observation_create(
            actor=guest, schouw_round=schouw_round, text="x", tone="positief", photo=big
        )


def test_every_appraisal_carries_an_explanation(world):
    schouw_round, guest = world.advance_to("waarderend")
    criterion = schouw_round.criteria.first()
    with pytest.raises(ApplicationError, match="toelichting"):
        services.appraisal_record(actor=guest, criterion=criterion, level=4, explanation="")
    with pytest.raises(ApplicationError, match="niveaus"):
        services.appraisal_record(
            actor=guest, criterion=criterion, level=7, explanation="Heel sterk"
        )
    with pytest.raises(NotAllowed):
        services.appraisal_record(
            actor=world.outsider, criterion=criterion, level=4, explanation="Sterk"
        )


def test_appraisals_of_others_stay_hidden_until_submitted(world):
    schouw_round, guest = world.advance_to("waarderend")
    criterion = schouw_round.criteria.first()
    services.appraisal_record(
        actor=world.municipality_member, criterion=criterion, level=2, explanation="Groeit."
    )
    services.appraisal_record(
        actor=guest, criterion=criterion, level=4, explanation="Sterk bij de inloop."
    )
    assert [
        a.explanation for a in selectors.appraisals_visible(actor=guest, schouw_round=schouw_round)
    ] == ["Sterk bij de inloop."]
    # A partner member who is not a participant sees nothing yet.
    assert not selectors.appraisals_visible(
        actor=world.initiative_member, schouw_round=schouw_round
    ).exists()
    services.appraisals_submit(actor=guest, schouw_round=schouw_round)
    assert selectors.appraisals_visible(actor=guest, schouw_round=schouw_round).count() == 2
    assert (
        selectors.appraisals_visible(
            actor=world.municipality_member, schouw_round=schouw_round
        ).count()
        == 1
    )
    with pytest.raises(Conflict):
        services.appraisal_record(
            actor=guest, criterion=criterion, level=1, explanation="Toch anders."
        )
    with pytest.raises(Conflict):
        services.appraisals_submit(actor=guest, schouw_round=schouw_round)
    schouw_round = services.appraisals_reveal(
        actor=world.initiative_admin, schouw_round=schouw_round
    )
    assert (
        selectors.appraisals_visible(
            actor=world.initiative_member, schouw_round=schouw_round
        ).count()
        == 2
    )
    with pytest.raises(Conflict):
        services.appraisals_reveal(actor=world.initiative_admin, schouw_round=schouw_round)


def test_submitting_needs_an_appraisal_and_the_bespreking_needs_a_submission(world):
    schouw_round, guest = world.advance_to("waarderend")
    with pytest.raises(ApplicationError, match="minstens één"):
        services.appraisals_submit(actor=guest, schouw_round=schouw_round)
    with pytest.raises(ApplicationError, match="Nog niemand"):
        services.schouw_round_discussion_start(
            actor=world.initiative_admin, schouw_round=schouw_round
        )
