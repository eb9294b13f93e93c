"""The posts on a round: one view with a table of actions, each behind its own URL name."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, resolve, reverse

from schouw import services
from schouw.models import SchouwRound
from schouw.urls import urlpatterns
from schouw.views import RoundActionView
from schouw.workflow import STEPS_BY_SLUG

ACTIONS = RoundActionView.actions


def _action_patterns() -> list[URLPattern]:
    return [p for p in urlpatterns if getattr(p.callback, "view_class", None) is RoundActionView]


@pytest.mark.parametrize("slug", sorted(ACTIONS))
def test_every_action_names_a_callable_service(slug):
    service = ACTIONS[slug].service
    assert callable(service)
    # A service may be wrapped once by the page (to show a new guest link), keeping its name.
    exported = getattr(services, service.__name__)
    assert exported in (service, getattr(service, "__wrapped__", None)), f"{slug}: not a service"


def test_every_url_name_resolves_to_its_action():
    names = set()
    for pattern in _action_patterns():
        if pattern.name == "round-transition":
            continue
        kwargs = dict.fromkeys(pattern.pattern.converters, 1)
        match = resolve(reverse(f"schouw:{pattern.name}", kwargs=kwargs))
        assert match.func.view_class is RoundActionView
        assert match.kwargs["action"] == pattern.name
        names.add(pattern.name)
    steps = {slug for slug in ACTIONS if slug.startswith("step-")}
    assert names == set(ACTIONS) - steps  # every action has its URL, and no URL lacks an action


def test_every_step_of_a_round_has_its_action():
    assert {f"step-{slug}" for slug in STEPS_BY_SLUG} == {
        slug for slug in ACTIONS if slug.startswith("step-")
    }
    for slug, step in STEPS_BY_SLUG.items():
        match = resolve(reverse("schouw:round-transition", kwargs={"pk": 1, "step": slug}))
        assert match.func.view_class is RoundActionView
        assert match.kwargs["step"] == slug
        action = ACTIONS[f"step-{slug}"]
        assert action.service is getattr(services, step.service)
        assert action.message == step.done


def test_an_unknown_step_is_404_and_changes_nothing(client, world):
    schouw_round = world.new_round()
    client.force_login(world.initiative_admin)
    url = reverse("schouw:round-transition", kwargs={"pk": schouw_round.pk, "step": "bestaat-niet"})
    assert client.post(url).status_code == 404
    schouw_round.refresh_from_db()
    assert schouw_round.status == SchouwRound.Status.VOORBEREIDING


def test_an_action_button_posts_with_the_pages_token(world):
    schouw_round, _guest = world.advance_to("voorbereiding")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.initiative_admin)
    page = client.get(schouw_round.get_absolute_url()).content.decode()
    step_url = reverse("schouw:round-transition", kwargs={"pk": schouw_round.pk, "step": "open"})
    form = re.search(rf'<form method="post" action="{step_url}".*?</form>', page, re.S)
    assert form is not None, "the step button is missing"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0)).group(1)
    response = client.post(step_url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response["Location"] == schouw_round.get_absolute_url()
    schouw_round.refresh_from_db()
    assert schouw_round.status == SchouwRound.Status.OPEN_SCHOUW
