"""Every page of the network content renders for the roles that use it, with its headings."""

import pytest
from django.urls import reverse

from tests.atlas.factories import (
    EventFactory,
    EventRegistrationFactory,
    FollowFactory,
    LessonFactory,
    LessonVersionFactory,
    ListingFactory,
    NewsItemFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db


def test_editor_pages(client, contentbeheerder):
    suggestion = NewsItemFactory(status="voorgesteld", title="Voorstel uit de wijk")
    lesson = LessonFactory(status="in_redactie", version=0, title="In redactie")
    client.force_login(contentbeheerder)
    html = client.get(suggestion.get_absolute_url()).content.decode()
    assert "Publiceren" in html and "Afwijzen" in html
    assert "Meteen publiceren" in client.get(reverse("atlas:news-create")).content.decode()
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "Publiceren" in html and "Bewerken" in html
    form = client.get(reverse("atlas:lesson-edit", args=[lesson.slug])).content.decode()
    assert 'value="In redactie"' in form
    assert "Geen open meldingen" in client.get(reverse("atlas:moderation")).content.decode()


def test_member_pages(client, member, organisation):
    client.force_login(member)
    for name, text in [
        ("atlas:news-create", "Nieuws voorstellen"),
        ("atlas:event-create", "Evenement toevoegen"),
        ("atlas:listing-create", organisation.name),
        ("atlas:story-create", "Verhaal delen"),
        ("atlas:lesson-propose", "Een les voorstellen"),
        ("atlas:follow-list", "Geen e-mail"),
        ("atlas:notification-list", "Geen meldingen"),
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert text in response.content.decode(), name
    assert client.get(reverse("atlas:lesson-edit", args=[LessonFactory().slug])).status_code == 404


def test_organiser_sees_sign_ups_and_a_version_history(client):
    registration = EventRegistrationFactory()
    client.force_login(registration.event.created_by)
    html = client.get(registration.event.get_absolute_url()).content.decode()
    assert registration.user.email in html and "Evenement afgelasten" in html
    lesson = LessonFactory(version=2)
    LessonVersionFactory(lesson=lesson, number=1, snapshot={"title": "Eerste titel"})
    LessonVersionFactory(lesson=lesson, number=2, snapshot={"title": lesson.title})
    assert "Eerste titel" in client.get(lesson.get_absolute_url()).content.decode()


def test_public_pages_and_follow_button(client, outsider, organisation):
    for obj in [
        NewsItemFactory(),
        EventFactory(),
        ListingFactory(),
        StoryFactory(),
        LessonFactory(),
    ]:
        assert client.get(obj.get_absolute_url()).status_code == 200
    assert "volgen of ontvolgen" not in client.get(organisation.get_absolute_url()).content.decode()
    client.force_login(outsider)
    FollowFactory(user=outsider)
    assert "volgen of ontvolgen" in client.get(organisation.get_absolute_url()).content.decode()
    assert "niet meer volgen" in client.get(reverse("atlas:follow-list")).content.decode()
