import pytest
from django.core.management import call_command

from deals.residence.models import Residency

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_residencies_in_both_directions_once():
    call_command("seed_demo")
    call_command("seed_demo")
    directions = {
        (r.person.email, r.sending_partner.organisation.type, r.host_partner.organisation.type)
        for r in Residency.objects.select_related(
            "person", "sending_partner__organisation", "host_partner__organisation"
        )
    }
    assert directions == {
        ("initiatiefnemer@demo.reisgids.example", "initiatief", "gemeentelijk_cluster"),
        ("ambtenaar@demo.reisgids.example", "gemeentelijk_cluster", "initiatief"),
    }
    assert all(r.log_entries.count() == 1 for r in Residency.objects.all())
