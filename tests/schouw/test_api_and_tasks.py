import pytest
from django.urls import reverse

from schouw import tasks
from tests.schouw.factories import SchouwRoundFactory

pytestmark = pytest.mark.django_db

TOKEN = "gast-token-0123456789-abcdefghij"


def _url(name, **kwargs):
    return reverse(f"api:schouw-round-{name}", kwargs=kwargs)


def test_partners_list_their_rounds_and_outsiders_see_none(api_client, world):
    schouw_round, _guest = world.advance_to("meetlat")
    api_client.force_authenticate(world.initiative_member)
    assert [r["id"] for r in api_client.get(_url("list")).json()["results"]] == [schouw_round.pk]
    for who, user in world.outsiders().items():
        api_client.force_authenticate(user)
        assert api_client.get(_url("list")).json()["results"] == [], who
        assert api_client.get(_url("observations", pk=schouw_round.pk)).status_code == 404, who
    api_client.force_authenticate(None)
    assert api_client.get(_url("list")).status_code in (401, 403)


def test_a_guest_token_reaches_only_its_own_round(api_client, world):
    schouw_round, _guest = world.advance_to("open_schouw")
    other = SchouwRoundFactory(deal=world.other_deal, status="open_schouw")
    headers = {"HTTP_X_SCHOUW_TOKEN": TOKEN}
    assert [r["id"] for r in api_client.get(_url("list"), **headers).json()["results"]] == [
        schouw_round.pk
    ]
    assert api_client.get(_url("detail", pk=other.pk), **headers).status_code == 404
    response = api_client.post(
        _url("observations", pk=schouw_round.pk),
        {"text": "Via de app", "tone": "onverwacht"},
        format="json",
        **headers,
    )
    assert response.status_code == 201, response.json()
    assert response.json()["participant"] == _guest.participant.name
    assert api_client.get(_url("report", pk=schouw_round.pk), **headers).status_code == 404
    assert api_client.get(_url("list"), HTTP_X_SCHOUW_TOKEN="onzin-token").status_code in (401, 403)


def test_a_guest_without_consent_cannot_take_part_through_the_api(api_client, world):
    schouw_round, _ = world.advance_to("open_schouw")
    world.guest(schouw_round, token="zonder-toestemming-0123456789-ab", consent=False)
    response = api_client.post(
        _url("observations", pk=schouw_round.pk),
        {"text": "x", "tone": "positief"},
        format="json",
        HTTP_X_SCHOUW_TOKEN="zonder-toestemming-0123456789-ab",
    )
    assert response.status_code == 403
    assert "deelnemers" in response.json()["detail"]


def test_hidden_until_submitted_through_the_api(api_client, world):
    schouw_round, _guest = world.advance_to("waarderend")
    criterion = schouw_round.criteria.first()
    api_client.force_authenticate(world.municipality_member)
    response = api_client.post(
        _url("appraisals", pk=schouw_round.pk),
        {"criterion": criterion.pk, "level": 2, "explanation": "Nog in ontwikkeling."},
        format="json",
    )
    assert response.status_code == 201
    headers = {"HTTP_X_SCHOUW_TOKEN": TOKEN}
    api_client.force_authenticate(None)
    response = api_client.post(
        _url("appraisals", pk=schouw_round.pk),
        {"criterion": criterion.pk, "level": 4, "explanation": ""},
        format="json",
        **headers,
    )
    assert response.status_code == 400
    api_client.post(
        _url("appraisals", pk=schouw_round.pk),
        {"criterion": criterion.pk, "level": 4, "explanation": "Sterk."},
        format="json",
        **headers,
    )
    seen = api_client.get(_url("appraisals", pk=schouw_round.pk), **headers).json()["results"]
    assert [a["explanation"] for a in seen] == ["Sterk."]
    assert (
        api_client.post(_url("appraisals-submit", pk=schouw_round.pk), **headers).status_code == 200
    )
    seen = api_client.get(_url("appraisals", pk=schouw_round.pk), **headers).json()["results"]
    assert sorted(a["explanation"] for a in seen) == ["Nog in ontwikkeling.", "Sterk."]
    api_client.force_authenticate(world.municipality_member)
    seen = api_client.get(_url("appraisals", pk=schouw_round.pk)).json()["results"]
    assert [a["explanation"] for a in seen] == ["Nog in ontwikkeling."]


def test_transitions_and_the_report_through_the_api(api_client, world):
    schouw_round, _guest = world.advance_to("rapportage")
    api_client.force_authenticate(world.outsider)
    assert (
        api_client.post(_url("transition", pk=schouw_round.pk), {"step": "afronden"}).status_code
        == 404
    )
    api_client.force_authenticate(world.initiative_admin)
    response = api_client.post(_url("transition", pk=schouw_round.pk), {"step": "afronden"})
    assert response.status_code == 400
    assert "samenvatting" in response.json()["detail"]
    response = api_client.post(_url("transition", pk=schouw_round.pk), {"step": "open"})
    assert response.status_code == 409
    report = api_client.get(_url("report", pk=schouw_round.pk)).json()
    assert {p["party"] for p in report["parties"]} == {"De Roffabriek", "Cluster MO"}
    assert all(c["explanations"] for p in report["parties"] for c in p["criteria"])
    assert (
        api_client.get(_url("discussion", pk=schouw_round.pk)).json()["next_steps"]
        == "Elk kwartaal een korte evaluatie."
    )
    assert len(api_client.get(_url("participants", pk=schouw_round.pk)).json()["results"]) == 3
    assert api_client.get(_url("criteria", pk=schouw_round.pk)).json()["count"] == 2
    assert api_client.get(_url("commitment-checks", pk=schouw_round.pk)).json()["count"] == 2


def test_queued_lessons_are_delivered_again(world):
    from tests.schouw.factories import SchouwLessonFactory

    lesson = SchouwLessonFactory(
        round=SchouwRoundFactory(deal=world.deal, status="afgerond"), kennisbank="wachtrij"
    )
    lesson.written_by = world.initiative_admin
    lesson.save()
    from atlas import services as atlas_services

    delivered = tasks.lessons_kennisbank_deliver()
    lesson.refresh_from_db()
    if hasattr(atlas_services, "lesson_propose"):
        assert delivered == 1
        assert lesson.kennisbank == "voorgesteld"
        assert tasks.lessons_kennisbank_deliver() == 0
    else:
        assert delivered == 0
        assert lesson.kennisbank == "wachtrij"
