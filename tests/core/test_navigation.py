"""One subnavigation component, fed by the links an app declares on its AppConfig."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import resolve

from reisgids.core.navigation import LOGGED_IN, NavLink
from reisgids.core.roles import Role
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

LINKS = (
    NavLink("kompas:edition-list", "Edities"),
    NavLink("kompas:dashboard", "Bestuurlijk overzicht", shown_to="kompas.view_dashboard"),
    NavLink("dashboard", "Mijn reisgids", shown_to=LOGGED_IN),
)


def _render(monkeypatch, user, path="/kompas/"):
    config = apps.get_app_config("kompas")
    monkeypatch.setattr(config, "subnavigation", LINKS, raising=False)
    monkeypatch.setattr(config, "subnavigation_label", "Kompas", raising=False)
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    return Template('{% load navigation %}{% subnav "kompas" %}').render(
        Context({"request": request})
    )


def test_each_link_is_shown_to_whom_it_is_for_and_the_current_page_is_marked(monkeypatch):
    html = _render(monkeypatch, AnonymousUser())
    assert '<nav class="rg-subnav" aria-label="Kompas">' in html
    assert 'href="/kompas/" aria-current="page">Edities</a>' in html
    assert "Bestuurlijk overzicht" not in html and "Mijn reisgids" not in html

    html = _render(monkeypatch, UserFactory())
    assert "Mijn reisgids" in html and "Bestuurlijk overzicht" not in html

    html = _render(monkeypatch, UserFactory(roles=[Role.BESTUURDER]))
    assert "Bestuurlijk overzicht" in html and "Mijn reisgids" in html


def test_an_app_without_links_renders_an_empty_list(monkeypatch):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.resolver_match = resolve("/")
    html = Template('{% load navigation %}{% subnav "core" %}').render(
        Context({"request": request})
    )
    assert "<li>" not in html
