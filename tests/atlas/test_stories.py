import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from atlas import services
from atlas.models import AbuseReport, Story, StoryComment
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.atlas.factories import (
    AbuseReportFactory,
    StoryCommentFactory,
    StoryFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

EVIL = (
    '<p onclick="steal()">Hallo <strong>wijk</strong></p><script>alert("x")</script>'
    '<a href="javascript:alert(1)">klik</a><img src=x onerror=alert(2)>'
)


def test_story_html_is_sanitised_and_a_script_never_reaches_the_page(client, outsider):
    story = services.story_create(actor=outsider, title="Ons eerste jaar", body=EVIL)
    assert "<script" not in story.body
    assert (
        "onclick" not in story.body
        and "onerror" not in story.body
        and "javascript:" not in story.body
    )
    assert "<strong>wijk</strong>" in story.body
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<strong>wijk</strong>" in html
    assert 'alert("x")' not in html
    assert "<script>alert" not in html
    assert "onerror" not in html


def test_a_comment_is_plain_text_and_escaped(client, outsider, member):
    story = StoryFactory()
    comment = services.story_comment(
        actor=member, story=story, body='<script>alert("c")</script>\nTweede regel'
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<script>alert("c")</script>' not in html
    assert "&lt;script&gt;alert(&quot;c&quot;)&lt;/script&gt;" in html
    assert "<br>Tweede regel" in html
    assert comment.body.startswith("<script>")  # stored as typed, escaped on every page


def test_video_links_only_from_the_allow_list(outsider):
    story = services.story_create(
        actor=outsider,
        title="Video",
        body="<p>Kijk</p>",
        medium="video",
        media_url="https://www.youtube.com/watch?v=abcdefghijk",
    )
    assert story.media_url.endswith("abcdefghijk")
    with pytest.raises(ApplicationError, match="https-link"):
        services.story_create(
            actor=outsider,
            title="x",
            body="y",
            medium="video",
            media_url="https://evil.example/v.mp4",
        )
    with pytest.raises(ApplicationError, match="https-link"):
        services.story_create(
            actor=outsider,
            title="x",
            body="y",
            medium="podcast",
            media_url="http://soundcloud.com/a",
        )
    with pytest.raises(ApplicationError, match="link"):
        services.story_create(actor=outsider, title="x", body="y", medium="podcast")


def test_embed_is_built_from_the_link_without_fetching(client, outsider):
    story = services.story_create(
        actor=outsider,
        title="Video",
        body="<p>Kijk</p>",
        medium="video",
        media_url="https://youtu.be/abcdefghijk",
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html


def test_refusals(outsider, organisation):
    with pytest.raises(NotAllowed):
        services.story_create(actor=AnonymousUser(), title="x", body="y")
    with pytest.raises(NotAllowed, match="lid"):
        services.story_create(actor=outsider, title="x", body="y", organisation=organisation)
    with pytest.raises(ApplicationError):
        services.story_create(actor=outsider, title="x", body="<script>alleen script</script>")
    hidden = StoryFactory(status="verborgen")
    with pytest.raises(Conflict):
        services.story_comment(actor=outsider, story=hidden, body="Hoi")
    with pytest.raises(NotAllowed):
        services.story_comment(actor=AnonymousUser(), story=StoryFactory(), body="Hoi")
    assert not StoryComment.objects.exists()


def test_report_and_moderate_a_comment(client, outsider, member, contentbeheerder):
    comment = StoryCommentFactory(body="Kwetsende reactie")
    report = services.content_report(actor=outsider, comment=comment, reason="Kwetsend")
    with pytest.raises(Conflict):
        services.content_report(actor=outsider, comment=comment, reason="Nog eens")
    services.content_report(actor=member, comment=comment, reason="Ook kwetsend")
    with pytest.raises(NotAllowed):
        services.report_decide(actor=member, report=report, hide=True)
    client.force_login(member)
    assert client.get(reverse("atlas:moderation")).status_code == 404
    client.force_login(contentbeheerder)
    assert "Kwetsend" in client.get(reverse("atlas:moderation")).content.decode()
    client.post(reverse("atlas:moderation"), {"report": report.pk, "decision": "hide"})
    comment.refresh_from_db()
    assert comment.status == "verborgen"
    assert not AbuseReport.objects.filter(
        status="open"
    ).exists()  # the second report is settled too
    client.logout()
    assert "Kwetsende reactie" not in client.get(comment.story.get_absolute_url()).content.decode()
    with pytest.raises(Conflict):
        services.report_decide(actor=contentbeheerder, report=report, hide=False)


def test_dismissing_a_report_keeps_the_story(contentbeheerder, client):
    report = AbuseReportFactory()
    services.report_decide(actor=contentbeheerder, report=report, hide=False)
    assert Story.objects.get(pk=report.story_id).status == "gepubliceerd"
    assert client.get(report.story.get_absolute_url()).status_code == 200


def test_a_hidden_story_leaves_the_list_but_not_for_its_author(client, contentbeheerder):
    report = AbuseReportFactory(story__title="Reclame")
    services.report_decide(actor=contentbeheerder, report=report, hide=True)
    assert "Reclame" not in client.get(reverse("atlas:story-list")).content.decode()
    assert client.get(report.story.get_absolute_url()).status_code == 404
    client.force_login(report.story.author)
    assert (
        "verborgen door een moderator"
        in client.get(report.story.get_absolute_url()).content.decode()
    )


def test_share_comment_and_report_through_the_pages(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("atlas:story-create"),
        {"title": "Mijlpaal", "medium": "blog", "body": "<p>100 maaltijden!</p><script>x</script>"},
    )
    story = Story.objects.get(title="Mijlpaal")
    assert response.url == story.get_absolute_url()
    client.post(reverse("atlas:story-comment", args=[story.slug]), {"body": "Gefeliciteerd"})
    assert story.comments.get().body == "Gefeliciteerd"
    client.post(reverse("atlas:story-report", args=[story.slug]), {"reason": "Test"})
    assert AbuseReport.objects.get().story == story
    html = client.get(reverse("atlas:story-list")).content.decode()
    assert "Mijlpaal" in html and "<script>x" not in html


def test_story_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    theme = ThemeFactory()
    for _ in range(25):
        StoryCommentFactory(story=StoryFactory(themes=[theme]))
    with django_assert_max_num_queries(7):
        response = client.get(reverse("atlas:story-list"))
    assert len(response.context["object_list"]) == 20


def test_api_stories(api_client, outsider):
    StoryFactory(title="Openbaar")
    StoryFactory(title="Verborgen", status="verborgen")
    assert [s["title"] for s in api_client.get("/api/v1/stories/").json()["results"]] == [
        "Openbaar"
    ]
    api_client.force_authenticate(outsider)
    created = api_client.post(
        "/api/v1/stories/", {"title": "API", "body": "<b>x</b><script>y</script>"}, format="json"
    )
    assert created.status_code == 201
    assert "<script>" not in created.json()["body"]
    slug = created.json()["slug"]
    assert (
        api_client.post(
            f"/api/v1/stories/{slug}/comment/", {"body": "Mooi"}, format="json"
        ).status_code
        == 201
    )


def test_story_list_shows_the_newest_first(client):
    from django.utils import timezone

    StoryFactory(title="Oud verhaal", published_at=timezone.now() - timezone.timedelta(days=9))
    StoryFactory(title="Nieuw verhaal")
    StoryCommentFactory(
        story=StoryFactory(title="Middel", published_at=timezone.now() - timezone.timedelta(days=3))
    )
    titles = [s.title for s in client.get(reverse("atlas:story-list")).context["object_list"]]
    assert titles == ["Nieuw verhaal", "Middel", "Oud verhaal"]
