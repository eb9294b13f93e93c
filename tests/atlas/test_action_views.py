"""Every atlas action view: each slug of its table names a callable service, and each URL that
routes to it picks an action the table has."""

import inspect

import pytest
from django.http import Http404
from django.urls import URLPattern, get_resolver

import atlas.views
from reisgids.core.views import ServiceActionView
from tests.core.factories import UserFactory

ACTION_VIEWS = sorted(
    {
        view
        for _name, view in inspect.getmembers(atlas.views, inspect.isclass)
        if issubclass(view, ServiceActionView) and view.actions
    },
    key=lambda view: view.__name__,
)


#: Views that pick their action from the object's state, not from the URL or the form.
BY_STATE = {atlas.views.FollowToggleView}


def _atlas_patterns():
    (atlas_urls,) = [
        p for p in get_resolver().url_patterns if getattr(p, "namespace", "") == "atlas"
    ]
    return [p for p in atlas_urls.url_patterns if isinstance(p, URLPattern)]


def test_the_atlas_has_action_views():
    assert len(ACTION_VIEWS) >= 10


@pytest.mark.parametrize("view", ACTION_VIEWS, ids=lambda view: view.__name__)
def test_every_action_names_a_callable_service(view):
    for slug, action in view.actions.items():
        assert callable(action.service), f"{view.__name__}: {slug}"
    if view.action_field:
        assert view.default_action in view.actions


@pytest.mark.parametrize("view", ACTION_VIEWS, ids=lambda view: view.__name__)
def test_every_url_of_the_view_picks_an_action_it_has(view):
    patterns = [p for p in _atlas_patterns() if getattr(p.callback, "view_class", None) is view]
    assert patterns, f"{view.__name__} has no URL"
    for pattern in patterns:
        if view.action_field or view in BY_STATE:
            assert "action" not in pattern.default_args
        else:
            assert pattern.default_args.get("action") in view.actions, pattern.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "view",
    [v for v in ACTION_VIEWS if not v.action_field and v not in BY_STATE],
    ids=lambda view: view.__name__,
)
def test_an_unknown_action_is_404(rf, view):
    request = rf.post("/")
    request.user = UserFactory()
    with pytest.raises(Http404):
        view.as_view()(request, action="bestaat-niet", slug="x", pk=1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "view", [v for v in ACTION_VIEWS if v.action_field], ids=lambda view: view.__name__
)
def test_an_unknown_posted_choice_means_the_default_action(rf, view, monkeypatch):
    picked = []
    monkeypatch.setattr(
        ServiceActionView, "post", lambda self, request, *args, **kwargs: picked.append(kwargs)
    )
    request = rf.post("/", {view.action_field: "bestaat-niet"})
    request.user = UserFactory(is_superuser=True)
    view.as_view()(request, slug="x", pk=1)
    assert picked[0]["action"] == view.default_action
