import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from schouw import selectors, services
from schouw.models import Lesson, SchouwRound

from ..factories import SchouwGuestFactory, SchouwRoundFactory

pytestmark = pytest.mark.django_db

STEPS = [
    "voorbereiding",
    "open_schouw",
    "meetlat",
    "waarderend",
    "bespreking",
    "rapportage",
    "afgerond",
]
TRANSITIONS = [
    ("voorbereiding", services.schouw_round_open),
    ("open_schouw", services.schouw_round_meetlat_start),
    ("meetlat", services.schouw_round_appraisal_start),
    ("waarderend", services.schouw_round_discussion_start),
    ("bespreking", services.schouw_round_report_start),
    ("rapportage", services.schouw_round_finish),
]


def test_the_whole_round_through_the_services(world):
    schouw_round, _guest = world.advance_to("afgerond")
    schouw_round.refresh_from_db()
    assert schouw_round.status == SchouwRound.Status.AFGEROND
    assert schouw_round.finished_at is not None
    assert schouw_round.appraisals_revealed
    assert schouw_round.deal.events.filter(text__contains="Roffabriek-schouw").count() == 7


def test_the_organiser_takes_part_for_their_own_partner(world):
    schouw_round = world.new_round()
    participant = schouw_round.participants.get()
    assert participant.user == world.initiative_admin
    assert participant.partner == world.aanjager


def test_the_partner_in_residence_may_organise(world):
    schouw_round = world.new_round(actor=world.resident)
    assert schouw_round.organiser == world.resident
    assert not schouw_round.participants.exists()


@pytest.mark.parametrize(
    "who",
    ["partner van een andere deal", "netwerkmanager", "beheerder", "initiatiefnemer van buiten"],
)
def test_outsiders_cannot_organise(world, who):
    with pytest.raises(NotAllowed):
        world.new_round(actor=world.outsiders()[who])


def test_a_guest_cannot_organise(world):
    schouw_round = world.new_round()
    guest = world.guest(schouw_round)
    with pytest.raises(NotAllowed):
        services.schouw_round_open(actor=guest, schouw_round=schouw_round)


def test_one_unfinished_round_per_deal(world):
    world.new_round()
    with pytest.raises(Conflict):
        world.new_round()


def test_a_deal_that_is_not_closed_has_no_schouw(world):
    world.deal.status = "planning"
    world.deal.save()
    with pytest.raises(Conflict):
        world.new_round()


def test_the_last_day_is_not_before_the_first(world):
    today = timezone.localdate()
    with pytest.raises(ApplicationError):
        services.schouw_round_create(
            actor=world.initiative_admin,
            deal=world.deal,
            title="X",
            starts_on=today,
            ends_on=today - datetime.timedelta(days=1),
        )


@pytest.mark.parametrize("index", range(len(TRANSITIONS)))
def test_every_transition_is_refused_from_every_other_step(world, index):
    source, transition = TRANSITIONS[index]
    target = STEPS[STEPS.index(source) + 1]
    schouw_round, _guest = world.advance_to(target)
    with pytest.raises(Conflict):
        transition(actor=world.initiative_admin, schouw_round=schouw_round)


@pytest.mark.parametrize("index", range(len(TRANSITIONS)))
def test_every_transition_is_refused_to_outsiders(world, index):
    source, transition = TRANSITIONS[index]
    schouw_round, guest = world.advance_to(source)
    for actor in [*world.outsiders().values(), guest]:
        with pytest.raises(NotAllowed):
            transition(actor=actor, schouw_round=schouw_round)
    schouw_round.refresh_from_db()
    assert schouw_round.status == source


def test_opening_needs_a_partner_participant_and_a_guest(world):
    schouw_round = world.new_round(actor=world.resident)
    with pytest.raises(ApplicationError, match="namens een partner"):
        services.schouw_round_open(actor=world.resident, schouw_round=schouw_round)
    services.participant_add_member(
        actor=world.resident,
        schouw_round=schouw_round,
        user=world.initiative_member,
        partner=world.aanjager,
    )
    with pytest.raises(ApplicationError, match="peer van buiten"):
        services.schouw_round_open(actor=world.resident, schouw_round=schouw_round)


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


def test_criteria_are_agreed_by_the_party_itself(world):
    schouw_round, guest = world.advance_to("meetlat")
    criterion = services.criterion_propose(
        actor=guest, schouw_round=schouw_round, partner=world.gemeente, name="Ruimte in regels"
    )
    with pytest.raises(NotAllowed):
        services.criterion_agree(actor=world.initiative_admin, criterion=criterion)
    with pytest.raises(NotAllowed):
        services.criterion_agree(actor=world.resident, criterion=criterion)
    services.criterion_agree(actor=world.municipality_member, criterion=criterion)
    criterion.refresh_from_db()
    assert criterion.agreed_by == world.municipality_member
    with pytest.raises(Conflict):
        services.criterion_agree(actor=world.municipality_member, criterion=criterion)
    with pytest.raises(Conflict):
        services.criterion_propose(
            actor=guest, schouw_round=schouw_round, partner=world.gemeente, name="ruimte in REGELS"
        )


def test_the_appraisal_step_needs_criteria_and_a_commitment_check_for_every_party(world):
    schouw_round, guest = world.advance_to("meetlat")
    criterion = services.criterion_propose(
        actor=guest, schouw_round=schouw_round, partner=world.aanjager, name="Bereik"
    )
    services.criterion_agree(actor=world.initiative_member, criterion=criterion)
    with pytest.raises(ApplicationError, match="Cluster MO"):
        services.schouw_round_appraisal_start(
            actor=world.initiative_admin, schouw_round=schouw_round
        )
    criterion = services.criterion_propose(
        actor=guest, schouw_round=schouw_round, partner=world.gemeente, name="Maatwerk"
    )
    services.criterion_agree(actor=world.municipality_member, criterion=criterion)
    with pytest.raises(ApplicationError, match="toezeggingen"):
        services.schouw_round_appraisal_start(
            actor=world.initiative_admin, schouw_round=schouw_round
        )


def test_the_commitment_check_is_always_explained_and_can_be_revised(world):
    schouw_round, guest = world.advance_to("meetlat")
    with pytest.raises(ApplicationError, match="tellen én vertellen"):
        services.commitment_check_record(
            actor=world.initiative_admin,
            schouw_round=schouw_round,
            partner=world.gemeente,
            verdict="nee",
            explanation=" ",
        )
    with pytest.raises(NotAllowed):
        services.commitment_check_record(
            actor=guest,
            schouw_round=schouw_round,
            partner=world.gemeente,
            verdict="nee",
            explanation="Niet gezien.",
        )
    services.commitment_check_record(
        actor=world.resident,
        schouw_round=schouw_round,
        partner=world.gemeente,
        verdict="nee",
        explanation="Geen uren.",
    )
    check = services.commitment_check_record(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        partner=world.gemeente,
        verdict="ja",
        explanation="Toch geleverd.",
    )
    assert schouw_round.commitment_checks.get(partner=world.gemeente) == check
    assert check.verdict == "ja"
    with pytest.raises(ApplicationError, match="geen partner"):
        services.commitment_check_record(
            actor=world.initiative_admin,
            schouw_round=schouw_round,
            partner=world.other_deal.partners.get(),
            verdict="ja",
            explanation="x",
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


def test_the_report_step_needs_the_four_questions(world):
    schouw_round, _guest = world.advance_to("bespreking")
    with pytest.raises(ApplicationError, match="vier vragen"):
        services.schouw_round_report_start(actor=world.initiative_admin, schouw_round=schouw_round)


def test_advice_per_party(world):
    schouw_round, guest = world.advance_to("bespreking")
    services.advice_record(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        partner=world.gemeente,
        text="Eerst",
    )
    advice = services.advice_record(
        actor=world.resident,
        schouw_round=schouw_round,
        partner=world.gemeente,
        text="Geef ruimte in de regels.",
    )
    assert schouw_round.advices.get().text == advice.text == "Geef ruimte in de regels."
    with pytest.raises(NotAllowed):
        services.advice_record(
            actor=guest, schouw_round=schouw_round, partner=world.gemeente, text="x"
        )


def test_the_bespreking_creates_a_new_plan_version(world):
    schouw_round, _guest = world.advance_to("bespreking")
    before = world.deal.versions.count()
    services.schouw_agreements_apply(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        agreements=[
            {"kind": "overleg", "description": "Elk kwartaal een korte evaluatie met de gemeente."}
        ],
        change_note="Afspraak uit de bespreking",
    )
    version = world.deal.versions.order_by("-number").first()
    assert world.deal.versions.count() == before + 1
    assert "Roffabriek-schouw" in version.change_note
    assert any("Elk kwartaal" in a["description"] for a in version.snapshot["agreements"])
    schouw_round.refresh_from_db()
    assert schouw_round.plan_version_number == version.number
    with pytest.raises(ApplicationError, match="minstens één"):
        services.schouw_agreements_apply(
            actor=world.initiative_admin, schouw_round=schouw_round, agreements=[], change_note="x"
        )


def test_the_partner_in_residence_cannot_change_the_plan_for_the_partners(world):
    schouw_round, _guest = world.advance_to("bespreking")
    with pytest.raises(NotAllowed):
        services.schouw_agreements_apply(
            actor=world.resident,
            schouw_round=schouw_round,
            agreements=[{"kind": "overleg", "description": "Nieuw"}],
            change_note="x",
        )
    assert not world.deal.agreements.filter(description="Nieuw").exists()


def test_an_ending_deal_gets_a_follow_up(world):
    schouw_round, _guest = world.advance_to("bespreking")
    services.schouw_follow_up_start(
        actor=world.initiative_admin, schouw_round=schouw_round, title="Eerlijk werk, deel twee"
    )
    world.deal.refresh_from_db()
    assert world.deal.status == "afgerond"
    assert world.deal.follow_ups.get().title == "Eerlijk werk, deel twee"


def test_lessons_for_a_wide_audience_reach_the_kennisbank_queue(world):
    schouw_round, _guest = world.advance_to("rapportage")
    wide = services.lesson_create(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        kind="samenwerking",
        title="Spreek rollen af",
        body="Wie haalt de knelpunten op?",
        audiences=["beleidsambtenaren", "aanbieders"],
        for_wide_audience=True,
    )
    internal = services.lesson_create(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        kind="inhoudelijk",
        title="Intern",
        body="Alleen voor ons.",
    )
    with pytest.raises(ApplicationError, match="voor wie"):
        services.lesson_create(
            actor=world.initiative_admin,
            schouw_round=schouw_round,
            kind="inhoudelijk",
            title="X",
            body="Y",
            for_wide_audience=True,
        )
    services.report_write(
        actor=world.initiative_admin, schouw_round=schouw_round, summary="Rijk beeld per partij."
    )
    services.schouw_round_finish(actor=world.initiative_admin, schouw_round=schouw_round)
    wide.refresh_from_db()
    internal.refresh_from_db()
    assert internal.kennisbank == Lesson.Kennisbank.NIET
    from atlas import services as atlas_services

    if hasattr(atlas_services, "lesson_propose"):
        from atlas.models import Lesson as KennisbankLesson

        assert wide.kennisbank == Lesson.Kennisbank.VOORGESTELD
        proposed = KennisbankLesson.objects.get(
            source_type="schouw", source_id=str(schouw_round.pk)
        )
        assert proposed.title == "Spreek rollen af"
        assert proposed.status == "voorgesteld"
    else:
        assert wide.kennisbank == Lesson.Kennisbank.WACHTRIJ


def test_finishing_needs_a_report_summary(world):
    schouw_round, _guest = world.advance_to("rapportage")
    with pytest.raises(ApplicationError, match="samenvatting"):
        services.schouw_round_finish(actor=world.initiative_admin, schouw_round=schouw_round)


def test_guest_links_stop_when_the_round_is_finished(world):
    schouw_round, guest = world.advance_to("afgerond")
    assert selectors.participant_by_token(token="gast-token-0123456789-abcdefghij") is None
    assert selectors.guest_link_state(token="gast-token-0123456789-abcdefghij") == "afgerond"
    assert not guest.has_perm("schouw.view_round", schouw_round)


def test_publication_needs_every_partner(world):
    schouw_round, _guest = world.advance_to("afgerond")
    with pytest.raises(NotAllowed):
        services.report_publication_agree(
            actor=world.initiative_admin, schouw_round=schouw_round, partner=world.gemeente
        )
    services.report_publication_agree(
        actor=world.initiative_admin, schouw_round=schouw_round, partner=world.aanjager
    )
    schouw_round.refresh_from_db()
    assert schouw_round.published_at is None
    with pytest.raises(Conflict):
        services.report_publication_agree(
            actor=world.initiative_member, schouw_round=schouw_round, partner=world.aanjager
        )
    services.report_publication_agree(
        actor=world.municipality_member, schouw_round=schouw_round, partner=world.gemeente
    )
    schouw_round.refresh_from_db()
    assert schouw_round.published_at is not None


def test_publication_only_after_the_round(world):
    schouw_round, _guest = world.advance_to("rapportage")
    with pytest.raises(Conflict):
        services.report_publication_agree(
            actor=world.initiative_admin, schouw_round=schouw_round, partner=world.aanjager
        )


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


def test_updating_the_preparation(world):
    schouw_round = world.new_round()
    services.schouw_round_update(
        actor=world.resident, schouw_round=schouw_round, location="Roffabriek, Zuid"
    )
    schouw_round.refresh_from_db()
    assert schouw_round.location == "Roffabriek, Zuid"
    with pytest.raises(ApplicationError):
        services.schouw_round_update(
            actor=world.resident, schouw_round=schouw_round, status="afgerond"
        )
    with pytest.raises(NotAllowed):
        services.schouw_round_update(actor=world.outsider, schouw_round=schouw_round, location="x")
