import pytest
from django.urls import reverse
from django.utils import timezone

from atlas import selectors, services
from atlas.models import Lesson, LessonVersion, Notification
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.models import AuditEvent
from tests.atlas.factories import AreaFactory, LessonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _propose(actor, **kwargs):
    data = {"title": "Begin klein", "summary": "Een kleine start werkt beter.", **kwargs}
    return services.lesson_propose(actor=actor, **data)


def test_a_member_proposes_a_lesson_with_all_fields_and_a_source(outsider):
    theme, area = ThemeFactory(), AreaFactory()
    lesson = _propose(
        outsider,
        context="Een deal in Delfshaven.",
        what_worked="Vaste contactpersoon.",
        what_did_not_work="Lange lijnen.",
        kind="samenwerking",
        themes=[theme],
        areas=[area],
        audiences=["inkopers", "beleidsambtenaren"],
        evidence_level="onderbouwd",
        source_type="schouw",
        source_id=42,
        source_url="https://reisgids.example/schouw/42/",
    )
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.VOORGESTELD
    assert (lesson.source_type, lesson.source_id, lesson.source_url) == (
        "schouw",
        "42",
        "https://reisgids.example/schouw/42/",
    )
    assert lesson.audiences == ["inkopers", "beleidsambtenaren"]
    assert list(lesson.themes.all()) == [theme]
    assert AuditEvent.objects.filter(action="lesson_propose", target_id=str(lesson.pk)).exists()


def test_proposing_is_refused_for_anonymous_and_bad_input(outsider):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAllowed):
        _propose(AnonymousUser())
    with pytest.raises(ApplicationError, match="titel"):
        _propose(outsider, title="  ")
    with pytest.raises(ApplicationError, match="doelgroep"):
        _propose(outsider, audiences=["marsmannetjes"])
    with pytest.raises(ApplicationError, match="bron"):
        _propose(outsider, source_type="deal", source_id="")
    with pytest.raises(ApplicationError, match="bron"):
        _propose(outsider, source_type="onbekend")
    assert not Lesson.objects.exists()


def test_workflow_proposed_editing_published_with_versions(outsider, contentbeheerder):
    lesson = _propose(outsider)
    with pytest.raises(NotAllowed):
        services.lesson_take_into_editing(actor=outsider, lesson=lesson)
    with pytest.raises(Conflict):
        services.lesson_publish(actor=contentbeheerder, lesson=lesson)
    services.lesson_take_into_editing(actor=contentbeheerder, lesson=lesson)
    with pytest.raises(Conflict):
        services.lesson_take_into_editing(actor=contentbeheerder, lesson=lesson)
    services.lesson_update(
        actor=contentbeheerder, lesson=lesson, data={"title": "Begin klein en samen"}
    )
    lesson = services.lesson_publish(actor=contentbeheerder, lesson=lesson)
    assert (lesson.status, lesson.version) == ("gepubliceerd", 1)
    first_published = lesson.published_at
    # An edit of a published lesson goes back to redactie and is published as version 2.
    with pytest.raises(NotAllowed):
        services.lesson_update(actor=outsider, lesson=lesson, data={"title": "Gekaapt"})
    services.lesson_update(
        actor=contentbeheerder, lesson=lesson, data={"summary": "Nieuwe samenvatting."}
    )
    assert Lesson.objects.get(pk=lesson.pk).status == "in_redactie"
    lesson = services.lesson_publish(actor=contentbeheerder, lesson=lesson)
    versions = list(LessonVersion.objects.filter(lesson=lesson).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].snapshot["summary"] == "Een kleine start werkt beter."
    assert versions[1].snapshot["summary"] == "Nieuwe samenvatting."
    assert versions[0].snapshot["title"] == "Begin klein en samen"
    assert lesson.published_at == first_published
    assert (
        Notification.objects.filter(user=outsider, key__startswith="lesson-published").count() == 2
    )
    # A lesson that was published is not declined afterwards.
    services.lesson_update(actor=contentbeheerder, lesson=lesson, data={"summary": "Derde"})
    with pytest.raises(Conflict):
        services.lesson_reject(actor=contentbeheerder, lesson=lesson, reason="Toch niet")


def test_reject_needs_a_reason_that_the_proposer_sees(client, outsider, contentbeheerder, member):
    lesson = _propose(outsider)
    with pytest.raises(NotAllowed):
        services.lesson_reject(actor=member, lesson=lesson, reason="Nee")
    with pytest.raises(ApplicationError):
        services.lesson_reject(actor=contentbeheerder, lesson=lesson, reason=" ")
    services.lesson_reject(actor=contentbeheerder, lesson=lesson, reason="Dit staat er al in.")
    with pytest.raises(Conflict):
        services.lesson_reject(actor=contentbeheerder, lesson=lesson, reason="Nogmaals")
    client.force_login(outsider)
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "Dit staat er al in." in html
    # Others do not see a lesson that is not published.
    client.force_login(member)
    assert client.get(lesson.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(lesson.get_absolute_url()).status_code == 404


def test_workflow_through_the_pages(client, outsider, contentbeheerder):
    client.force_login(outsider)
    response = client.post(
        reverse("atlas:lesson-propose"),
        {
            "title": "Samen de wijk in",
            "summary": "Ga samen op pad.",
            "kind": "inhoudelijk",
            "evidence_level": "beschreven",
        },
    )
    lesson = Lesson.objects.get(title="Samen de wijk in")
    assert response.status_code == 302
    assert response.url == lesson.get_absolute_url()
    # A proposer cannot decide.
    client.post(reverse("atlas:lesson-decide", args=[lesson.slug]), {"decision": "publiceren"})
    assert Lesson.objects.get(pk=lesson.pk).status == "voorgesteld"
    client.force_login(contentbeheerder)
    assert "Samen de wijk in" in client.get(reverse("atlas:lesson-list")).content.decode()
    client.post(reverse("atlas:lesson-decide", args=[lesson.slug]), {"decision": "redactie"})
    client.post(
        reverse("atlas:lesson-edit", args=[lesson.slug]),
        {
            "title": "Samen de wijk in",
            "summary": "Ga samen op pad, elke week.",
            "kind": "samenwerking",
            "evidence_level": "effectief",
            "audiences": ["burgers"],
        },
    )
    client.post(reverse("atlas:lesson-decide", args=[lesson.slug]), {"decision": "publiceren"})
    lesson.refresh_from_db()
    assert (lesson.status, lesson.kind, lesson.audiences) == (
        "gepubliceerd",
        "samenwerking",
        ["burgers"],
    )
    client.logout()
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "Ga samen op pad, elke week." in html


def test_propose_form_shows_errors_at_the_field(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("atlas:lesson-propose"),
        {"title": "", "kind": "inhoudelijk", "evidence_level": "beschreven"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "id_title_error" in html
    assert not Lesson.objects.exists()


def test_public_list_searches_filters_and_hides_unpublished(client):
    zorg = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    LessonFactory(
        title="Respijtzorg werkt dichtbij",
        themes=[zorg],
        audiences=["inkopers"],
        kind="samenwerking",
    )
    LessonFactory(title="Subsidie op tijd", evidence_level="effectief")
    LessonFactory(title="Nog in redactie", status="in_redactie")
    url = reverse("atlas:lesson-list")
    titles = lambda r: [obj.title for obj in r.context["object_list"]]  # noqa: E731
    assert sorted(titles(client.get(url))) == ["Respijtzorg werkt dichtbij", "Subsidie op tijd"]
    assert titles(client.get(url, {"q": "respijt"})) == ["Respijtzorg werkt dichtbij"]
    assert titles(client.get(url, {"q": "respijtzorgg"})) == [
        "Respijtzorg werkt dichtbij"
    ]  # trigram
    assert titles(client.get(url, {"theme": "mantelzorg"})) == ["Respijtzorg werkt dichtbij"]
    assert titles(client.get(url, {"audience": "inkopers"})) == ["Respijtzorg werkt dichtbij"]
    assert titles(client.get(url, {"kind": "samenwerking"})) == ["Respijtzorg werkt dichtbij"]
    assert titles(client.get(url, {"evidence_level": "effectief"})) == ["Subsidie op tijd"]


def test_related_lessons_share_themes_or_areas(client):
    theme, area = ThemeFactory(), AreaFactory()
    lesson = LessonFactory(themes=[theme])
    both = LessonFactory(title="Deelt thema en gebied", themes=[theme], areas=[area])
    LessonFactory(title="Niets gemeen")
    LessonFactory(title="Niet gepubliceerd", status="voorgesteld", themes=[theme])
    lesson.areas.set([area])
    related = list(selectors.lesson_related(lesson=lesson))
    assert related == [both]
    assert "Deelt thema en gebied" in client.get(lesson.get_absolute_url()).content.decode()


def test_lessons_published_since_for_the_kompas():
    old = LessonFactory(published_at=timezone.now() - timezone.timedelta(days=400))
    new = LessonFactory()
    LessonFactory(status="voorgesteld")
    since = timezone.now() - timezone.timedelta(days=30)
    assert list(selectors.lessons_published_since(since=since)) == [new]
    assert list(selectors.lessons_published_since()) == [old, new]


def test_lesson_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    theme, area = ThemeFactory(), AreaFactory()
    for _ in range(25):
        LessonFactory(themes=[theme], areas=[area])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("atlas:lesson-list"))
    assert len(response.context["object_list"]) == 20


def test_api_lists_published_and_proposes(api_client, outsider, contentbeheerder):
    LessonFactory(title="Openbaar")
    LessonFactory(title="Verborgen", status="voorgesteld")
    data = api_client.get("/api/v1/lessons/").json()
    assert [item["title"] for item in data["results"]] == ["Openbaar"]
    assert api_client.post(
        "/api/v1/lessons/", {"title": "x", "summary": "y"}, format="json"
    ).status_code in (401, 403)
    api_client.force_authenticate(outsider)
    response = api_client.post(
        "/api/v1/lessons/",
        {"title": "Via de API", "summary": "Werkt", "audiences": ["burgers"]},
        format="json",
    )
    assert response.status_code == 201
    slug = response.json()["slug"]
    refused = api_client.post(f"/api/v1/lessons/{slug}/publish/")
    assert refused.status_code == 403
    assert "contentbeheerder" in refused.json()["detail"]
    api_client.force_authenticate(contentbeheerder)
    assert api_client.post(f"/api/v1/lessons/{slug}/edit/").status_code == 200
    assert api_client.post(f"/api/v1/lessons/{slug}/publish/").json()["status"] == "gepubliceerd"
    bad = api_client.post(
        "/api/v1/lessons/", {"title": "z", "summary": "z", "audiences": ["x"]}, format="json"
    )
    assert bad.status_code == 400


def test_anonymous_user_sees_no_editor_queue(client):
    LessonFactory(title="Wacht op redactie", status="voorgesteld")
    assert "Wacht op redactie" not in client.get(reverse("atlas:lesson-list")).content.decode()
