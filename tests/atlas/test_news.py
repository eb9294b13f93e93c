import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from atlas import services
from atlas.models import NewsItem, Notification
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.atlas.factories import FollowFactory, NewsItemFactory, ThemeFactory

pytestmark = pytest.mark.django_db

ITEM = {
    "title": "Nieuwe buurtkamer",
    "summary": "In Charlois opent een buurtkamer.",
    "body": "Tekst",
    "category": "initiatief",
}


def test_contentbeheerder_writes_and_publishes(contentbeheerder):
    theme = ThemeFactory()
    follower = FollowFactory(theme=theme).user
    item = services.news_create(actor=contentbeheerder, themes=[theme], **ITEM)
    assert item.status == "concept"
    item = services.news_publish(actor=contentbeheerder, item=item)
    assert item.status == "gepubliceerd" and item.published_at
    assert Notification.objects.filter(user=follower, key=f"news-{item.pk}").exists()
    with pytest.raises(Conflict):
        services.news_publish(actor=contentbeheerder, item=item)


def test_members_suggest_and_cannot_publish(member, contentbeheerder):
    with pytest.raises(NotAllowed, match="voorstellen"):
        services.news_create(actor=member, **ITEM)
    item = services.news_suggest(actor=member, **ITEM)
    assert item.status == "voorgesteld"
    with pytest.raises(NotAllowed):
        services.news_publish(actor=member, item=item)
    with pytest.raises(NotAllowed):
        services.news_suggest(actor=AnonymousUser(), **ITEM)
    with pytest.raises(ApplicationError):
        services.news_suggest(actor=member, **{**ITEM, "title": ""})
    services.news_reject(actor=contentbeheerder, item=item, reason="Geen nieuws")
    assert Notification.objects.filter(user=member, text__contains="Geen nieuws").exists()
    with pytest.raises(Conflict):
        services.news_reject(actor=contentbeheerder, item=item, reason="Nog eens")


def test_only_published_news_is_public(client, member):
    NewsItemFactory(title="Gepubliceerd bericht")
    draft = NewsItemFactory(title="Voorstel van een lid", status="voorgesteld", author=member)
    html = client.get(reverse("atlas:news-list")).content.decode()
    assert "Gepubliceerd bericht" in html and "Voorstel van een lid" not in html
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_suggest_and_publish_through_the_pages(client, member, contentbeheerder):
    client.force_login(member)
    client.post(reverse("atlas:news-create"), ITEM)
    item = NewsItem.objects.get()
    assert item.status == "voorgesteld"
    client.force_login(contentbeheerder)
    assert "Nieuwe buurtkamer" in client.get(reverse("atlas:news-list")).content.decode()
    client.post(reverse("atlas:news-decide", args=[item.slug]), {"decision": "publish"})
    assert NewsItem.objects.get().status == "gepubliceerd"
    client.post(reverse("atlas:news-create"), {**ITEM, "title": "Direct", "publish": "1"})
    assert NewsItem.objects.get(title="Direct").status == "gepubliceerd"


def test_rss_and_atom_feeds_parse(client):
    NewsItemFactory(title="Deal getekend", summary="Zes partners tekenen.")
    NewsItemFactory(title="Niet openbaar", status="concept")
    rss = ET.fromstring(client.get(reverse("atlas:news-rss")).content)  # noqa: S314 - our own feed
    titles = [el.text for el in rss.iter("item") for el in el.iter("title")]
    assert titles == ["Deal getekend"]
    assert rss.find("channel/item/description").text == "Zes partners tekenen."
    atom = ET.fromstring(client.get(reverse("atlas:news-atom")).content)  # noqa: S314 - our own feed
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.find("a:title", ns).text for e in atom.findall("a:entry", ns)] == ["Deal getekend"]


def test_news_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    theme = ThemeFactory()
    for _ in range(25):
        NewsItemFactory(themes=[theme])
    with django_assert_max_num_queries(6):
        response = client.get(reverse("atlas:news-list"))
    assert len(response.context["object_list"]) == 20


def test_api_news(api_client, member, contentbeheerder):
    NewsItemFactory(title="Openbaar")
    assert [n["title"] for n in api_client.get("/api/v1/news/").json()["results"]] == ["Openbaar"]
    api_client.force_authenticate(member)
    assert api_client.post("/api/v1/news/", ITEM, format="json").json()["status"] == "voorgesteld"
    api_client.force_authenticate(contentbeheerder)
    assert (
        api_client.post("/api/v1/news/?publish=1", {**ITEM, "title": "B"}, format="json").json()[
            "status"
        ]
        == "gepubliceerd"
    )
