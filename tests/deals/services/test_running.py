"""Kick-off, check-ins with their reminders, and the knelpunten register."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from atlas.models import Event
from deals import selectors, services, tasks
from deals.models import CheckInReminder, Deal, Knelpunt
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.deals.factories import CheckInFactory, KnelpuntFactory, ResultFactory

pytestmark = pytest.mark.django_db


def test_checkin_per_partner_per_period_and_progress(world):
    deal = world.deal(Deal.Status.LOPEND)
    result = ResultFactory(deal=deal, baseline=10, target=50)
    partner = world.partner(deal)
    day = datetime.date(2026, 5, 10)
    checkin = services.checkin_submit(
        actor=world.partner_member,
        partner=partner,
        status="op_koers",
        note="Goed",
        values={result.pk: "30"},
        day=day,
    )
    assert checkin.period == datetime.date(2026, 4, 1)
    again = services.checkin_submit(
        actor=world.partner_member,
        partner=partner,
        status="aandacht_nodig",
        values={result.pk: 40},
        day=day,
    )
    assert again.pk == checkin.pk and again.status == "aandacht_nodig"
    assert selectors.result_progress(deal=deal)[0]["percent"] == 75
    assert selectors.deal_progress(deal=deal) == 75
    with pytest.raises(ApplicationError, match="getal"):
        services.checkin_submit(
            actor=world.partner_member,
            partner=partner,
            status="op_koers",
            values={result.pk: "veel"},
        )
    with pytest.raises(ApplicationError, match="hoort niet"):
        services.checkin_submit(
            actor=world.partner_member, partner=partner, status="op_koers", values={999999: 1}
        )
    with pytest.raises(ApplicationError, match="Kies"):
        services.checkin_submit(actor=world.partner_member, partner=partner, status="prima")
    with pytest.raises(NotAllowed):
        services.checkin_submit(actor=world.aanjager_member, partner=partner, status="op_koers")


def test_checkin_only_while_running(world):
    deal = world.deal(Deal.Status.GESLOTEN)
    with pytest.raises(Conflict, match="lopende deal"):
        services.checkin_submit(
            actor=world.partner_member, partner=world.partner(deal), status="op_koers"
        )


def test_reminder_task_reminds_each_missing_partner_once_per_period(
    world, settings, django_capture_on_commit_callbacks
):
    settings.REISGIDS = {**settings.REISGIDS, "DEAL_CHECKIN_MONTHS": 3}
    running = world.deal(Deal.Status.LOPEND)
    world.deal(Deal.Status.PLANNING)  # not running: no reminders
    CheckInFactory(partner=world.aanjager(running), period=services.checkin_period())
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.checkin_reminders_send() == 1
    reminder = CheckInReminder.objects.get()
    assert reminder.partner == world.partner(running) and reminder.recipients == 2
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted(
        [world.partner_admin.email, world.partner_member.email]
    )
    assert "check-in" in mail.outbox[0].body
    assert tasks.checkin_reminders_send() == 0  # idempotent


def test_knelpunt_register_and_its_statuses(world):
    deal = world.deal(Deal.Status.LOPEND)
    k = services.knelpunt_report(
        actor=world.partner_member,
        partner=world.partner(deal),
        category="inkoop",
        title="Aanbesteding te zwaar",
        description="Een klein initiatief kan niet inschrijven.",
        effect="Geen onderaannemerschap mogelijk.",
    )
    assert k.status == Knelpunt.Status.OPEN
    with pytest.raises(NotAllowed):
        services.knelpunt_take_up(actor=world.partner_member, knelpunt=k)
    k = services.knelpunt_take_up(actor=world.ambtenaar, knelpunt=k, note="Inkoop kijkt mee")
    with pytest.raises(Conflict, match="in behandeling"):
        services.knelpunt_take_up(actor=world.ambtenaar, knelpunt=k)
    with pytest.raises(NotAllowed):
        services.knelpunt_forward(actor=world.ambtenaar, knelpunt=k)
    k = services.knelpunt_forward(actor=world.netwerkmanager, knelpunt=k, note="Regel moet anders")
    assert k.status == Knelpunt.Status.KOMPAS and k.forwarded_at
    assert list(selectors.knelpunten_for_kompas()) == [k]
    assert (
        list(selectors.knelpunten_for_kompas(since=k.forwarded_at + datetime.timedelta(seconds=1)))
        == []
    )
    with pytest.raises(Conflict):
        services.knelpunt_resolve(actor=world.netwerkmanager, knelpunt=k, note="Toch")
    other = KnelpuntFactory(deal=deal)
    with pytest.raises(ApplicationError, match="opgelost"):
        services.knelpunt_resolve(actor=world.aanjager_member, knelpunt=other, note="")
    assert (
        services.knelpunt_resolve(
            actor=world.aanjager_member, knelpunt=other, note="Geregeld"
        ).status
        == "opgelost"
    )


def test_knelpunt_refusals(world):
    deal = world.deal(Deal.Status.AFGEROND)
    with pytest.raises(Conflict, match="beëindigd"):
        services.knelpunt_report(
            actor=world.partner_member,
            partner=world.partner(deal),
            category="anders",
            title="X",
            description="Y",
            effect="Z",
        )
    running = world.deal(Deal.Status.LOPEND)
    with pytest.raises(NotAllowed):
        services.knelpunt_report(
            actor=world.outsider,
            partner=world.partner(running),
            category="anders",
            title="X",
            description="Y",
            effect="Z",
        )


def test_knelpunt_visibility(world):
    k = KnelpuntFactory(deal=world.deal(Deal.Status.LOPEND))
    draft_k = KnelpuntFactory(deal=world.deal(Deal.Status.IDEE))
    assert set(selectors.knelpunt_list(actor=world.netwerkmanager)) == {k, draft_k}
    assert set(selectors.knelpunt_list(actor=world.partner_member)) == {k, draft_k}
    assert set(selectors.knelpunt_list(actor=world.bestuurder)) == {k}
    assert list(selectors.knelpunt_list(actor=world.outsider)) == []


def test_kickoff_per_deal_and_collective(world):
    closed = world.deal(Deal.Status.GESLOTEN)
    own = world.deal(Deal.Status.GESLOTEN)
    world.deal(Deal.Status.PLANNING)
    when = datetime.datetime(2026, 10, 1, 16, 0, tzinfo=datetime.UTC)
    services.deal_kickoff_plan(
        actor=world.aanjager_member, deal=own, starts_at=when, location="Wijkhuis"
    )
    assert list(selectors.kickoff_candidates(actor=world.netwerkmanager)) == [closed]
    with pytest.raises(NotAllowed):
        services.kickoff_moment_schedule(
            actor=world.aanjager_member, title="Dealdag", starts_at=when
        )
    moment = services.kickoff_moment_schedule(
        actor=world.netwerkmanager, title="Dealdag najaar", starts_at=when
    )
    assert list(moment.deals.all()) == [closed]
    with pytest.raises(Conflict):
        services.deal_kickoff_plan(actor=world.aanjager_member, deal=world.deal(), starts_at=when)


def test_a_deal_kickoff_is_in_the_atlas_agenda_and_moves_with_the_deal(world, client):
    deal = world.deal(Deal.Status.GESLOTEN, title="Samen koken")
    when = (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
    services.deal_kickoff_plan(
        actor=world.aanjager_admin, deal=deal, starts_at=when, location="Wijkhuis"
    )
    event = Event.objects.get()
    assert (event.source_type, event.source_id) == ("kick_off", str(deal.pk))
    assert event.source_url.endswith(reverse("deals:deal-detail", kwargs={"pk": deal.pk}))
    assert (event.title, event.kind, event.location) == (
        "Kick-off: Samen koken",
        "kick_off",
        "Wijkhuis",
    )
    assert (event.starts_at, event.ends_at) == (when, when + datetime.timedelta(hours=2))
    assert event.organiser == world.aanjager_org

    # Planned again: the same agenda entry moves, no second one.
    later = when + datetime.timedelta(days=7)
    services.deal_kickoff_plan(actor=world.aanjager_admin, deal=deal, starts_at=later, location="")
    event.refresh_from_db()
    assert Event.objects.count() == 1
    assert (event.starts_at, event.location) == (later, "Locatie volgt")

    # The agenda shows it; the deal page links to it, and the event back to the deal.
    assert "Kick-off: Samen koken" in client.get(reverse("atlas:event-list")).content.decode()
    assert event.get_absolute_url() in client.get(deal.get_absolute_url()).content.decode()
    assert event.source_url in client.get(event.get_absolute_url()).content.decode()


def test_a_netwerkmanager_moves_a_kickoff_planned_by_the_aanjager(world):
    """The deal and its agenda entry move together, whoever of the two planners moves it."""
    deal = world.deal(Deal.Status.GESLOTEN)
    when = (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
    services.deal_kickoff_plan(
        actor=world.aanjager_member, deal=deal, starts_at=when, location="Wijkhuis"
    )
    services.deal_kickoff_plan(
        actor=world.netwerkmanager,
        deal=deal,
        starts_at=when + datetime.timedelta(days=1),
        location="Elders",
    )
    deal.refresh_from_db()
    assert deal.kickoff_location == "Elders"
    event = Event.objects.get()
    assert event.location == "Elders"
    assert event.starts_at == when + datetime.timedelta(days=1)


def test_a_collective_kickoff_is_one_agenda_entry_naming_its_deals(world, client):
    first = world.deal(Deal.Status.GESLOTEN, title="Samen koken")
    second = world.deal(Deal.Status.GESLOTEN, title="Buurtbus")
    when = (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
    with pytest.raises(NotAllowed):
        services.kickoff_moment_schedule(
            actor=world.aanjager_member, title="Dealdag", starts_at=when
        )
    assert not Event.objects.exists()
    moment = services.kickoff_moment_schedule(
        actor=world.netwerkmanager, title="Dealdag najaar", starts_at=when, location="Stadhuis"
    )
    event = Event.objects.get()
    assert (event.source_type, event.source_id) == ("kick_off", f"moment-{moment.pk}")
    assert (event.title, event.kind, event.location, event.starts_at) == (
        "Dealdag najaar",
        "kick_off",
        "Stadhuis",
        when,
    )
    assert "Samen koken" in event.description and "Buurtbus" in event.description
    assert event.source_url.endswith(reverse("deals:deal-list"))
    for deal in (first, second):
        assert event.get_absolute_url() in client.get(deal.get_absolute_url()).content.decode()


def test_only_those_who_answer_for_a_signing_partner_are_offered_the_checkin(world, client):
    deal = world.deal(Deal.Status.LOPEND)
    url = reverse("deals:checkin", args=[deal.pk])
    client.force_login(world.partner_admin)
    assert url in client.get(deal.get_absolute_url()).content.decode()
    for person in (world.netwerkmanager, world.ambtenaar, world.outsider):
        client.force_login(person)
        page = client.get(deal.get_absolute_url())
        assert page.status_code == 200
        assert url not in page.content.decode()
        assert client.get(url).status_code == 403
