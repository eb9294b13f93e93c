"""The residency page's actions table: every action calls a service, every URL name still
resolves to the one action view, and the action buttons keep their hidden context."""

import dataclasses
import inspect

import pytest
from django.urls import resolve, reverse

from deals.residence import services
from deals.residence.views import OpeningActionView, ResidencyActionView
from reisgids.core.actions import Confirm
from tests.residence.factories import (
    ActionFactory,
    MeetingFactory,
    OpeningFactory,
    ResidencyFactory,
)

# URL name → the slug it posts, and the extra pks its path carries.
RESIDENCY_URLS = {
    "residency-confirm": ("confirm", {}),
    "residency-end": ("end", {}),
    "log-create": ("log", {}),
    "meeting-create": ("meeting-plan", {}),
    "meeting-record": ("meeting-record", {"mpk": 2}),
    "action-create": ("action-create", {"mpk": 2}),
    "action-done": ("action-done", {"apk": 2}),
    "signal-raise": ("signal-raise", {}),
    "signal-respond": ("signal-respond", {"spk": 2}),
    "signal-close": ("signal-close", {"spk": 2}),
    "signal-register": ("signal-register", {"spk": 2}),
    "handbrake-pull": ("handbrake-pull", {}),
    "handbrake-agree": ("handbrake-agree", {"hpk": 2}),
    "handbrake-meeting": ("handbrake-meeting", {"hpk": 2}),
    "handbrake-release": ("handbrake-release", {"hpk": 2}),
    "activity-create": ("activity-create", {}),
    "reflection-write": ("reflection-write", {}),
    "reflection-propose": ("reflection-propose", {"rpk": 2}),
}


@pytest.mark.parametrize("view", [ResidencyActionView, OpeningActionView])
def test_every_action_names_a_callable_service_that_takes_the_actor(view):
    assert view.actions
    for slug, action in view.actions.items():
        assert callable(action.service), slug
        assert action.service is getattr(services, action.service.__name__), slug
        assert "actor" in inspect.signature(action.service).parameters, slug


def test_every_url_name_resolves_to_the_action_view_with_its_slug():
    assert {slug for slug, _pks in RESIDENCY_URLS.values()} == set(ResidencyActionView.actions)
    for name, (slug, pks) in RESIDENCY_URLS.items():
        match = resolve(reverse(f"residence:{name}", kwargs={"pk": 1, **pks}))
        assert match.func.view_class is ResidencyActionView, name
        assert match.kwargs == {"pk": 1, **pks, "action": slug}, name
    match = resolve(reverse("residence:opening-close", kwargs={"pk": 1}))
    assert match.func.view_class is OpeningActionView
    assert match.kwargs == {"pk": 1, "action": "close"}


@pytest.mark.django_db
def test_action_buttons_keep_their_hidden_context_and_escape_it(world, client):
    residency = ResidencyFactory(
        deal=world.deal, sending_partner=world.sending, host_partner=world.host, person=world.person
    )
    action = ActionFactory(meeting=MeetingFactory(residency=residency), description="<b>Bel</b>")
    client.force_login(world.person)
    html = client.get(residency.get_absolute_url()).content.decode()
    assert f'action="/partner-in-residence/{residency.pk}/acties/{action.pk}/klaar/"' in html
    assert (
        'Klaar melden<span class="rg-visually-hidden"> – &lt;b&gt;Bel&lt;/b&gt;</span></button>'
        in html
    )
    opening = OpeningFactory(
        organisation=world.municipality,
        posted_by=world.municipality_admin,
        title="Meekijker <gezocht>",
    )
    client.force_login(world.municipality_admin)
    html = client.get("/partner-in-residence/").content.decode()
    assert f'action="/partner-in-residence/oproepen/{opening.pk}/sluiten/"' in html
    assert (
        'Oproep sluiten<span class="rg-visually-hidden"> – Meekijker &lt;gezocht&gt;</span>' in html
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "url_name", "data"),
    [("end", "residency-end", {}), ("handbrake-pull", "handbrake-pull", {"reason": "Stil"})],
)
def test_ending_and_the_handbrake_ask_first_once_their_action_has_a_confirm(
    world, client, monkeypatch, slug, url_name, data
):
    confirm = Confirm(title="Zeker weten?", text="Dit gaat meteen.")
    actions = {**ResidencyActionView.actions}
    actions[slug] = dataclasses.replace(actions[slug], confirm=confirm)
    monkeypatch.setattr(ResidencyActionView, "actions", actions)
    residency = ResidencyFactory(
        deal=world.deal, sending_partner=world.sending, host_partner=world.host, person=world.person
    )
    url = reverse(f"residence:{url_name}", kwargs={"pk": residency.pk})
    client.force_login(world.person)
    page = client.get(residency.get_absolute_url()).content.decode()
    form = page[page.index(f'action="{url}"') :].split(">", 1)[0]
    assert 'data-confirm-title="Zeker weten?"' in form  # the dialog where JavaScript runs
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Dit gaat meteen." in response.content.decode()
    residency.refresh_from_db()
    assert residency.status == "actief"
    world.deal.refresh_from_db()
    assert world.deal.status == "lopend"
