import pytest
from django.core.management import call_command

from deals.models import Deal

pytestmark = pytest.mark.django_db


def test_demo_has_deals_in_every_step_in_delfshaven_and_with_de_roffabriek():
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent
    assert set(Deal.objects.values_list("status", flat=True)) == set(Deal.Status.values)
    assert Deal.objects.filter(areas__name="Delfshaven").exists()
    assert Deal.objects.filter(partners__organisation__slug="de-roffabriek").exists()
    assert Deal.objects.filter(title="Delfshaven zorgt samen").count() == 1
