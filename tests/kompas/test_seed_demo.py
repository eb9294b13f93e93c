import pytest
from django.core.management import call_command

from atlas.models import NewsItem
from kompas.models import AgendaItem, Comment, Edition, MonitoringEntry
from reisgids.demo.kompas_data import ADOPTED_TITLE, CONSULTATION_TITLE

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_an_adopted_edition_with_feedback_and_one_in_consultation_once(client):
    call_command("seed_demo")
    call_command("seed_demo")

    adopted = Edition.objects.get(title=ADOPTED_TITLE)
    assert adopted.status == Edition.Status.MONITORING and adopted.adopted_by.email.startswith(
        "bestuurder@"
    )
    outcomes = sorted(
        AgendaItem.objects.filter(proposal__edition=adopted).values_list("outcome", flat=True)
    )
    assert outcomes == ["aangehouden", "aangenomen", "aangepast", "afgewezen"]
    assert sorted(
        MonitoringEntry.objects.filter(agenda_item__proposal__edition=adopted).values_list(
            "status", flat=True
        )
    ) == [
        "op_schema",
        "vertraagd",
    ]
    assert {p["final_outcome"] for p in adopted.snapshot["proposals"]} == set(
        AgendaItem.Outcome.values
    )
    assert (
        NewsItem.objects.filter(title__contains=ADOPTED_TITLE, status="gepubliceerd").count() == 1
    )
    page = client.get(f"/kompas/{adopted.pk}/terugkoppeling/").content.decode()
    assert "Eén loket voor alle aanvragen van initiatieven" in page and "Afgewezen" in page

    consultation = Edition.objects.get(title=CONSULTATION_TITLE)
    assert consultation.status == Edition.Status.CONSULTATIE
    voices = sorted(
        Comment.objects.filter(proposal__edition=consultation).values_list("voice", flat=True)
    )
    assert voices == ["initiatief", "partner_in_residence"]
    assert Edition.objects.count() == 2
