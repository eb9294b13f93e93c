import pytest
from django.core.management import call_command

from atlas.models import Area, Membership, Organisation, Theme
from reisgids.core.models import User
from reisgids.core.permissions import role_names
from reisgids.core.roles import Role
from reisgids.demo import data

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_the_report_and_is_idempotent(capsys):
    call_command("seed_demo")
    counts = (
        Organisation.objects.count(),
        Area.objects.count(),
        Theme.objects.count(),
        Membership.objects.count(),
    )
    call_command("seed_demo")
    assert (
        Organisation.objects.count(),
        Area.objects.count(),
        Theme.objects.count(),
        Membership.objects.count(),
    ) == counts
    for name in [
        "Logeerhuis De Buren",
        "DoorDeWijks",
        "De Roffabriek",
        "MooiMooierMiddelland",
        "Zorgvrijstaat West",
    ]:
        assert Organisation.objects.filter(name=name, type__in=["initiatief", "netwerk"]).exists()
    assert Organisation.objects.filter(type="gemeentelijk_cluster").count() == 4
    assert Area.objects.filter(kind="gebied").count() == 14
    assert Area.objects.get(slug="middelland").parent.name == "Delfshaven"
    for role in Role:
        user = User.objects.get(email=f"{role.value}@demo.reisgids.example")
        assert role.value in role_names(user)
        assert user.check_password(data.DEMO_PASSWORD)
    assert Membership.objects.filter(status="aangevraagd").count() == 1
    out = capsys.readouterr().out
    assert "netwerkmanager@demo.reisgids.example" in out
    assert data.DEMO_PASSWORD in out


def test_seed_demo_if_empty_leaves_existing_data_alone(capsys):
    call_command("seed_demo")
    Organisation.objects.filter(slug="doordewijks").update(name="DoorDeWijks (aangepast)")
    call_command("seed_demo", "--if-empty")
    assert Organisation.objects.get(slug="doordewijks").name == "DoorDeWijks (aangepast)"
    assert "niet opnieuw geladen" in capsys.readouterr().out
