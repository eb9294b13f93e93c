"""The residency, its confirmation, signals, the handbrake and reflections: success and refusal."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from atlas.models import Event, Lesson
from deals.models import Deal, DealEvent, Knelpunt
from deals.residence import services
from deals.residence.models import Handbrake, Residency, Signal
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.models import AuditEvent

from ..factories import (
    AreaFactory,
    DealFactory,
    DealPartnerFactory,
    MeetingFactory,
    ReflectionFactory,
    ResidencyFactory,
    SignalFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_residency_starts_only_when_sending_and_host_partner_both_confirm(world):
    residency = services.residency_propose(actor=world.person, **world.proposal())
    assert residency.status == Residency.Status.VOORGESTELD
    assert residency.function_labels == ["Signalerend", "Bemiddelend"]

    with pytest.raises(NotAllowed, match="beheerder van de zendende of de ontvangende"):
        services.residency_confirm(actor=world.person, residency=residency)

    residency = services.residency_confirm(actor=world.initiative_admin, residency=residency)
    assert residency.status == Residency.Status.VOORGESTELD
    assert residency.sending_confirmed_at is not None and residency.host_confirmed_at is None
    with pytest.raises(Conflict, match="al bevestigd"):
        services.residency_confirm(actor=world.initiative_admin, residency=residency)

    residency = services.residency_confirm(actor=world.municipality_admin, residency=residency)
    assert residency.status == Residency.Status.ACTIEF
    assert residency.host_confirmed_by == world.municipality_admin
    assert (
        AuditEvent.objects.filter(action="residency_confirm", target_id=str(residency.pk)).count()
        == 2
    )
    assert DealEvent.objects.filter(
        deal=world.deal, text__contains="is gestart", is_public=False
    ).exists()
    with pytest.raises(Conflict):
        services.residency_confirm(actor=world.municipality_admin, residency=residency)


def test_work_waits_for_confirmation(world):
    residency = services.residency_propose(actor=world.person, **world.proposal())
    with pytest.raises(NotAllowed):
        services.log_entry_create(actor=world.person, residency=residency, text="Eerste dag")
    with pytest.raises(NotAllowed):
        services.handbrake_pull(actor=world.person, residency=residency, reason="Te vroeg")


def test_active_residency_must_have_both_confirmations_in_the_database(world):
    residency = ResidencyFactory(
        deal=world.deal,
        sending_partner=world.sending,
        host_partner=world.host,
        person=world.person,
        status="voorgesteld",
    )
    Residency.objects.filter(pk=residency.pk).update(sending_confirmed_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Residency.objects.filter(pk=residency.pk).update(status="actief")


def test_sending_and_host_partner_must_differ(world):
    with pytest.raises(ApplicationError, match="op locatie van een andere partner"):
        services.residency_propose(actor=world.person, **world.proposal(host_partner=world.sending))
    assert not Residency.objects.exists()
    residency = ResidencyFactory(
        deal=world.deal, sending_partner=world.sending, host_partner=world.host, person=world.person
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Residency.objects.filter(pk=residency.pk).update(host_partner=world.sending)
    residency.host_partner = world.sending
    with pytest.raises(ValidationError) as exc:
        residency.full_clean()
    assert "host_partner" in exc.value.message_dict


def test_partners_must_belong_to_the_deal_and_the_person_to_the_sender(world):
    other = DealPartnerFactory(deal=DealFactory(status="lopend"))
    with pytest.raises(ApplicationError, match="Beide partners"):
        services.residency_propose(actor=world.person, **world.proposal(host_partner=other))
    with pytest.raises(ApplicationError, match="lid zijn van Aanschuiftafel"):
        services.residency_propose(
            actor=world.person, **world.proposal(person=world.municipality_member)
        )
    with pytest.raises(ValidationError):
        services.residency_propose(
            actor=world.person,
            **world.proposal(end_date=timezone.localdate() - datetime.timedelta(days=1)),
        )
    with pytest.raises(ValidationError):
        services.residency_propose(actor=world.person, **world.proposal(functions=["toveren"]))


def test_only_partners_or_netwerkmanagers_propose(world):
    with pytest.raises(NotAllowed):
        services.residency_propose(actor=world.outsider, **world.proposal())
    with pytest.raises(NotAllowed):
        services.residency_propose(actor=world.ambtenaar, **world.proposal())
    assert services.residency_propose(actor=world.netwerkmanager, **world.proposal()).pk
    # Several residencies per deal, in both directions.
    services.residency_propose(
        actor=world.municipality_member,
        **world.proposal(
            person=world.municipality_member, sending_partner=world.host, host_partner=world.sending
        ),
    )
    assert Residency.objects.filter(deal=world.deal).count() == 2


def test_no_residency_for_an_ended_deal(world):
    Deal.objects.filter(pk=world.deal.pk).update(status="gestopt")
    world.deal.refresh_from_db()
    with pytest.raises(Conflict, match="beëindigd"):
        services.residency_propose(actor=world.person, **world.proposal())


# --- Handbrake --------------------------------------------------------------------------------


def _active(world):
    return ResidencyFactory(
        deal=world.deal, sending_partner=world.sending, host_partner=world.host, person=world.person
    )


def test_handbrake_pauses_the_deal_and_mails_every_partner_at_once(
    world, eager_celery, django_capture_on_commit_callbacks
):
    residency = _active(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        handbrake = services.handbrake_pull(
            actor=world.person, residency=residency, reason="Afspraken lopen uiteen"
        )
    assert len(callbacks) == 1
    world.deal.refresh_from_db()
    assert (world.deal.status, world.deal.paused_from) == ("gepauzeerd", "lopend")
    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = sorted(
        u.email
        for u in [
            world.initiative_admin,
            world.person,
            world.municipality_admin,
            world.municipality_member,
            world.advisor,
        ]
    )
    assert recipients == expected
    assert "Afspraken lopen uiteen" in mail.outbox[0].body
    handbrake.refresh_from_db()
    assert handbrake.notified_at is not None
    # Idempotent: calling the task again sends nothing.
    from deals.residence.tasks import handbrake_notify

    assert handbrake_notify(handbrake.pk) == 0
    assert len(mail.outbox) == len(expected)


def test_handbrake_needs_a_reason_and_the_person_in_residence(world):
    residency = _active(world)
    with pytest.raises(ApplicationError, match="waarom"):
        services.handbrake_pull(actor=world.person, residency=residency, reason="  ")
    with pytest.raises(NotAllowed):
        services.handbrake_pull(
            actor=world.municipality_admin, residency=residency, reason="Ik wil pauze"
        )
    services.handbrake_pull(actor=world.person, residency=residency, reason="Stop")
    with pytest.raises(Conflict, match="al aangetrokken"):
        services.handbrake_pull(actor=world.person, residency=residency, reason="Nog eens")


def test_resuming_needs_every_partner(world):
    residency = _active(world)
    handbrake = services.handbrake_pull(actor=world.person, residency=residency, reason="Stop")
    handbrake = services.handbrake_agree(
        actor=world.initiative_admin, handbrake=handbrake, partner=world.sending
    )
    world.deal.refresh_from_db()
    assert world.deal.status == "gepauzeerd" and handbrake.status == "aangetrokken"
    with pytest.raises(Conflict, match="gaf al akkoord"):
        services.handbrake_agree(actor=world.person, handbrake=handbrake, partner=world.sending)
    with pytest.raises(NotAllowed):
        services.handbrake_agree(
            actor=world.initiative_admin, handbrake=handbrake, partner=world.host
        )
    with pytest.raises(ApplicationError, match="niet bij de deal"):
        services.handbrake_agree(actor=world.advisor, handbrake=handbrake, partner=world.klankbord)
    with pytest.raises(ApplicationError, match="alle partners akkoord"):
        services.handbrake_release(actor=world.initiative_admin, handbrake=handbrake)

    # The last partner agrees: a plain member, not the aanjager, and the deal goes on at once.
    assert not world.municipality_member.has_perm("deals.manage_deal", world.deal)
    handbrake = services.handbrake_agree(
        actor=world.municipality_member, handbrake=handbrake, partner=world.host
    )
    world.deal.refresh_from_db()
    assert world.deal.status == "lopend" and handbrake.status == "losgelaten"
    assert handbrake.released_by == world.municipality_member
    assert set(handbrake.agreements.values_list("partner_id", flat=True)) == {
        world.sending.pk,
        world.host.pk,
    }
    assert world.deal.events.filter(text__startswith="Alle partners zijn akkoord").exists()
    assert AuditEvent.objects.filter(
        action="deal_resume_jointly", actor=world.municipality_member
    ).exists()
    with pytest.raises(Conflict, match="al losgelaten"):
        services.handbrake_release(actor=world.initiative_admin, handbrake=handbrake)


def test_the_aanjager_agreeing_last_resumes_at_once(world):
    residency = _active(world)
    handbrake = services.handbrake_pull(actor=world.person, residency=residency, reason="Stop")
    services.handbrake_agree(
        actor=world.municipality_member, handbrake=handbrake, partner=world.host
    )
    handbrake = services.handbrake_agree(
        actor=world.initiative_admin, handbrake=handbrake, partner=world.sending
    )
    world.deal.refresh_from_db()
    assert world.deal.status == "lopend" and handbrake.status == "losgelaten"


def test_resuming_as_a_meeting_decision(world):
    residency = _active(world)
    handbrake = services.handbrake_pull(actor=world.person, residency=residency, reason="Stop")
    planned = MeetingFactory(residency=residency)
    with pytest.raises(ApplicationError, match="gehouden evaluatiemoment"):
        services.handbrake_agree_in_meeting(
            actor=world.initiative_admin, handbrake=handbrake, meeting=planned
        )
    held = services.meeting_record(
        actor=world.person, meeting=planned, notes="Samen besloten: we gaan door."
    )
    with pytest.raises(NotAllowed):
        services.handbrake_agree_in_meeting(actor=world.outsider, handbrake=handbrake, meeting=held)
    handbrake = services.handbrake_agree_in_meeting(
        actor=world.initiative_admin, handbrake=handbrake, meeting=held
    )
    world.deal.refresh_from_db()
    assert world.deal.status == "lopend"
    assert handbrake.agreements.filter(meeting=held).count() == 2


def test_only_one_pulled_handbrake_per_deal_in_the_database(world):
    residency = _active(world)
    Handbrake.objects.create(residency=residency, deal=world.deal, reason="Een")
    with pytest.raises(IntegrityError), transaction.atomic():
        Handbrake.objects.create(residency=residency, deal=world.deal, reason="Twee")


# --- Signals ------------------------------------------------------------------------------------


def test_signal_is_handled_jointly(world):
    residency = _active(world)
    with pytest.raises(NotAllowed):
        services.signal_raise(
            actor=world.municipality_admin, residency=residency, title="X", description="Y"
        )
    signal = services.signal_raise(
        actor=world.person,
        residency=residency,
        title="Inkoop te traag",
        description="Drie maanden wachten.",
    )
    assert signal.status == Signal.Status.OPEN
    services.signal_respond(
        actor=world.municipality_member,
        signal=signal,
        partner=world.host,
        text="Wij pakken het op",
        closure="opgelost",
    )
    signal.refresh_from_db()
    assert signal.status == Signal.Status.IN_BEHANDELING
    # One partner alone cannot close it.
    with pytest.raises(ApplicationError, match="Nog niet akkoord: Aanschuiftafel"):
        services.signal_close(actor=world.municipality_member, signal=signal, outcome="opgelost")
    services.signal_respond(
        actor=world.person, signal=signal, partner=world.sending, text="Eens", closure="geescaleerd"
    )
    with pytest.raises(ApplicationError, match="Nog niet akkoord"):
        services.signal_close(actor=world.person, signal=signal, outcome="opgelost")
    # Responding again replaces the earlier response.
    services.signal_respond(
        actor=world.person,
        signal=signal,
        partner=world.sending,
        text="Opgelost",
        closure="opgelost",
    )
    assert signal.responses.count() == 2
    with pytest.raises(NotAllowed):
        services.signal_close(actor=world.outsider, signal=signal, outcome="opgelost")
    with pytest.raises(ApplicationError, match="opgelost of geëscaleerd"):
        services.signal_close(actor=world.person, signal=signal, outcome="weg")
    signal = services.signal_close(actor=world.person, signal=signal, outcome="opgelost")
    assert signal.status == Signal.Status.OPGELOST and signal.closed_at is not None
    with pytest.raises(Conflict):
        services.signal_close(actor=world.person, signal=signal, outcome="opgelost")
    with pytest.raises(Conflict):
        services.signal_respond(
            actor=world.person, signal=signal, partner=world.sending, text="Nog iets"
        )


def test_signal_response_only_for_own_partner(world):
    signal = SignalFactory(residency=_active(world))
    with pytest.raises(NotAllowed):
        services.signal_respond(
            actor=world.person, signal=signal, partner=world.host, text="Namens de gemeente"
        )
    with pytest.raises(ApplicationError, match="Kies"):
        services.signal_respond(
            actor=world.person, signal=signal, partner=world.sending, text="x", closure="nooit"
        )


def test_signal_escalates_and_passes_to_the_knelpunten_register(world):
    signal = SignalFactory(residency=_active(world))
    with pytest.raises(NotAllowed):
        services.signal_to_register(actor=world.netwerkmanager, signal=signal, effect="Vertraging")
    signal = services.signal_to_register(
        actor=world.person, signal=signal, effect="Drie maanden vertraging"
    )
    knelpunt = Knelpunt.objects.get(pk=signal.knelpunt_id)
    assert (knelpunt.deal, knelpunt.partner, knelpunt.title) == (
        world.deal,
        world.sending,
        signal.title,
    )
    with pytest.raises(Conflict, match="al in het knelpuntenregister"):
        services.signal_to_register(actor=world.person, signal=signal, effect="Nog eens")
    for partner, user in [(world.sending, world.person), (world.host, world.municipality_admin)]:
        services.signal_respond(
            actor=user, signal=signal, partner=partner, text="Escaleren", closure="geescaleerd"
        )
    assert (
        services.signal_close(actor=world.person, signal=signal, outcome="geescaleerd").status
        == "geescaleerd"
    )


# --- Meetings, actions, logbook, openings, activities, reflections --------------------------------


def test_meeting_actions_and_logbook(world):
    residency = _active(world)
    meeting = services.meeting_plan(
        actor=world.municipality_member,
        residency=residency,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        agenda="Evaluatie",
    )
    with pytest.raises(ApplicationError, match="eigenaar"):
        services.action_create(
            actor=world.person,
            meeting=meeting,
            description="Bellen",
            owner=world.outsider,
            due_date=timezone.localdate(),
        )
    action = services.action_create(
        actor=world.person,
        meeting=meeting,
        description="Inkoper uitnodigen",
        owner=world.municipality_member,
        due_date=timezone.localdate(),
    )
    assert services.action_mark_done(actor=world.municipality_member, action=action).done_at
    with pytest.raises(Conflict):
        services.action_mark_done(actor=world.municipality_member, action=action)
    with pytest.raises(ApplicationError, match="Schrijf"):
        services.meeting_record(actor=world.person, meeting=meeting, notes=" ")
    services.meeting_record(actor=world.person, meeting=meeting, notes="Goed gesprek")
    with pytest.raises(Conflict):
        services.meeting_record(actor=world.person, meeting=meeting, notes="Nog eens")
    entry = services.log_entry_create(
        actor=world.person, residency=residency, text="Meegelopen met het wijkteam"
    )
    assert entry.author == world.person
    with pytest.raises(NotAllowed):
        services.log_entry_create(
            actor=world.municipality_admin, residency=residency, text="Ik ook"
        )
    with pytest.raises(NotAllowed):
        services.meeting_plan(
            actor=world.outsider, residency=residency, starts_at=timezone.now(), agenda="x"
        )


def test_openings_are_posted_for_own_organisation(world):
    opening = services.opening_post(
        actor=world.municipality_admin,
        kind="gezocht",
        organisation=world.municipality,
        title="Partner in residence gezocht",
        description="Iemand uit de wijk die bij ons meekijkt.",
        deal=world.deal,
    )
    assert opening.status == "open"
    with pytest.raises(NotAllowed):
        services.opening_post(
            actor=world.outsider,
            kind="aangeboden",
            organisation=world.municipality,
            title="Ik",
            description="Ik",
        )
    with pytest.raises(ApplicationError, match="doet niet mee"):
        services.opening_post(
            actor=world.advisor,
            kind="gezocht",
            organisation=world.advisors,
            title="x",
            description="y",
            deal=DealFactory(),
        )
    with pytest.raises(NotAllowed):
        services.opening_close(actor=world.outsider, opening=opening)
    assert (
        services.opening_close(actor=world.municipality_admin, opening=opening).status == "gesloten"
    )
    with pytest.raises(Conflict):
        services.opening_close(actor=world.municipality_admin, opening=opening)


def test_an_opening_is_also_a_listing_in_vraag_en_aanbod(world, client):
    wanted = services.opening_post(
        actor=world.municipality_admin,
        kind="gezocht",
        organisation=world.municipality,
        title="Initiatiefnemer gezocht",
        description="Iemand uit de wijk die bij ons meekijkt.",
        skills="Kent de wijk",
        hours_per_week=8,
        deal=world.deal,
    )
    listing = wanted.listing
    assert (listing.kind, listing.category, listing.status) == (
        "vraag",
        "partner_in_residence",
        "open",
    )
    assert (listing.organisation, listing.posted_by, listing.title) == (
        world.municipality,
        world.municipality_admin,
        "Initiatiefnemer gezocht",
    )
    assert "Kent de wijk" in listing.description and "Samen aan tafel" in listing.description
    assert listing.expires_on == timezone.localdate() + datetime.timedelta(days=90)
    offered = services.opening_post(
        actor=world.person,
        kind="aangeboden",
        organisation=world.initiative,
        title="Ik help graag",
        description="Ik",
    )
    assert (offered.listing.kind, offered.listing.category) == ("aanbod", "partner_in_residence")

    # Anyone finds both in vraag en aanbod; the residence page links to them.
    market = client.get(
        reverse("atlas:listing-list") + "?category=partner_in_residence"
    ).content.decode()
    assert "Initiatiefnemer gezocht" in market and "Ik help graag" in market
    client.force_login(world.person)
    assert (
        listing.get_absolute_url()
        in client.get(reverse("residence:residency-list")).content.decode()
    )

    # Closing the opening withdraws the listing.
    services.opening_close(actor=world.municipality_admin, opening=wanted)
    listing.refresh_from_db()
    assert listing.status == "ingetrokken"
    assert (
        "Initiatiefnemer gezocht" not in client.get(reverse("atlas:listing-list")).content.decode()
    )


def test_side_activity_and_reflections(world):
    residency = _active(world)
    activity = services.side_activity_create(
        actor=world.person,
        residency=residency,
        kind="workshop",
        title="Subsidie aanvragen",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )
    assert activity.organised_by == world.person
    with pytest.raises(NotAllowed):
        services.side_activity_create(
            actor=world.municipality_admin,
            residency=residency,
            kind="teamuitje",
            title="Uitje",
            starts_at=timezone.now(),
        )
    first = services.reflection_write(
        actor=world.person, residency=residency, moment="tussentijds", text="Eerste"
    )
    again = services.reflection_write(
        actor=world.person, residency=residency, moment="tussentijds", text="Beter"
    )
    assert first.pk == again.pk and again.text == "Beter"
    with pytest.raises(NotAllowed):
        services.reflection_write(
            actor=world.municipality_admin, residency=residency, moment="eind", text="x"
        )
    services.residency_end(actor=world.person, residency=residency)
    residency.refresh_from_db()
    with pytest.raises(Conflict, match="tussentijdse"):
        services.reflection_write(
            actor=world.person, residency=residency, moment="tussentijds", text="Te laat"
        )
    assert (
        services.reflection_write(
            actor=world.person, residency=residency, moment="eind", text="Slot"
        ).moment
        == "eind"
    )


def test_a_side_activity_is_also_in_the_atlas_agenda_linked_back(world, client):
    theme = ThemeFactory(name="Ontmoeting")
    world.deal.themes.add(theme)
    residency = _active(world)
    starts_at = timezone.now() + datetime.timedelta(days=7)
    activity = services.side_activity_create(
        actor=world.person,
        residency=residency,
        kind="workshop",
        title="Subsidie aanvragen",
        starts_at=starts_at,
        description="Hoe vraagt u subsidie aan bij de gemeente?",
    )
    event = Event.objects.get()
    assert (event.source_type, event.source_id) == ("zijactiviteit", str(activity.pk))
    assert event.source_url.endswith(
        reverse("residence:residency-detail", kwargs={"pk": residency.pk})
    )
    assert (event.title, event.kind, event.starts_at) == (
        "Subsidie aanvragen",
        "workshop",
        starts_at,
    )
    assert event.ends_at == starts_at + datetime.timedelta(hours=2)
    assert (
        event.location == "Cluster Maatschappelijke Ontwikkeling"
    )  # no location given: at the host
    assert event.organiser == world.initiative  # on behalf of the sending partner
    assert event.created_by == world.person
    assert list(event.themes.all()) == [theme]

    # A team outing without a description still gets one, and its own location.
    services.side_activity_create(
        actor=world.person,
        residency=residency,
        kind="teamuitje",
        title="Varen op de Maas",
        starts_at=starts_at,
        location="Veerdam",
    )
    outing = Event.objects.get(title="Varen op de Maas")
    assert (outing.kind, outing.location) == ("overig", "Veerdam")
    assert "Samen aan tafel" in outing.description

    # Anyone finds both in the agenda; the event page links back to the residency.
    agenda = client.get(reverse("atlas:event-list")).content.decode()
    assert "Subsidie aanvragen" in agenda and "Varen op de Maas" in agenda
    detail = client.get(event.get_absolute_url()).content.decode()
    assert event.source_url in detail

    # The residency page links each activity to its agenda entry.
    client.force_login(world.person)
    page = client.get(residency.get_absolute_url()).content.decode()
    assert event.get_absolute_url() in page and outing.get_absolute_url() in page


def test_a_refused_side_activity_puts_nothing_in_the_agenda(world):
    residency = _active(world)
    with pytest.raises(NotAllowed):
        services.side_activity_create(
            actor=world.municipality_admin,
            residency=residency,
            kind="workshop",
            title="X",
            starts_at=timezone.now(),
        )
    with pytest.raises(ValidationError):
        services.side_activity_create(
            actor=world.person,
            residency=residency,
            kind="workshop",
            title="",
            starts_at=timezone.now(),
        )
    assert not Event.objects.exists()
    assert not residency.side_activities.exists()


def test_a_reflection_proposed_as_lesson_arrives_in_the_kennisbank_with_its_link_back(
    world, client
):
    theme, area = ThemeFactory(name="Eenzaamheid"), AreaFactory(name="Feijenoord")
    world.deal.themes.add(theme)
    world.deal.areas.add(area)
    residency = _active(world)
    reflection = ReflectionFactory(
        residency=residency, moment="tussentijds", text="Wij leren elkaars taal spreken."
    )
    with pytest.raises(NotAllowed):
        services.reflection_propose_as_lesson(actor=world.outsider, reflection=reflection)
    assert not Lesson.objects.exists()

    services.reflection_propose_as_lesson(actor=world.person, reflection=reflection)

    reflection.refresh_from_db()
    assert reflection.proposed_as_lesson_at is not None
    lesson = Lesson.objects.get()
    assert lesson.status == Lesson.Status.VOORGESTELD
    assert lesson.proposed_by == world.person
    assert lesson.summary == "Wij leren elkaars taal spreken."
    assert lesson.title == "Partner in residence bij Samen aan tafel"
    assert (
        "Aanschuiftafel" in lesson.context
        and "Cluster Maatschappelijke Ontwikkeling" in lesson.context
    )
    assert lesson.kind == "samenwerking"
    assert (lesson.source_type, lesson.source_id) == ("residentie", str(residency.pk))
    assert lesson.source_url.endswith(residency.deal.get_absolute_url())
    # Anyone who reads the published lesson can follow its link: the running deal is public.
    assert Client().get(residency.deal.get_absolute_url()).status_code == 200
    assert list(lesson.themes.all()) == [theme] and list(lesson.areas.all()) == [area]
    with pytest.raises(Conflict, match="al als les voorgesteld"):
        services.reflection_propose_as_lesson(actor=world.person, reflection=reflection)
    assert Lesson.objects.count() == 1

    # The contentbeheerder finds it among the lessons to edit, and the lesson page links back.
    client.force_login(world.contentbeheerder)
    page = client.get(lesson.get_absolute_url())
    assert page.status_code == 200
    assert lesson.source_url in page.content.decode()
    assert "Partner in residence" in page.content.decode()


def test_a_refused_lesson_leaves_the_reflection_unproposed(world):
    """The kennisbank checks its own rules; when it refuses, nothing is marked as proposed."""
    reflection = ReflectionFactory(residency=_active(world), text="   ")
    with pytest.raises(ApplicationError):
        services.reflection_propose_as_lesson(actor=world.person, reflection=reflection)
    reflection.refresh_from_db()
    assert reflection.proposed_as_lesson_at is None
    assert not Lesson.objects.exists()
