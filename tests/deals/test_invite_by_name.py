"""A city-sized atlas: the invitation asks for the organisation's name instead of listing them all."""

import pytest

from deals import forms
from tests.atlas.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_short_atlas_is_a_list_and_a_long_one_a_name_field(monkeypatch):
    OrganisationFactory.create_batch(3)
    assert forms.InviteForm().fields["organisation"].widget.input_type == "select"
    monkeypatch.setattr(forms, "INVITE_LIST_MAX", 2)
    form = forms.InviteForm()
    assert form.fields["organisation"].widget.input_type == "text"
    assert "Typ de naam" in str(form["organisation"].help_text)
    assert "<option" not in str(form["organisation"])


def test_the_organisation_is_found_by_id_name_or_korte_naam():
    org = OrganisationFactory(name="Buurtkeuken De Brug", slug="buurtkeuken-de-brug")
    for value in [
        str(org.pk),
        "buurtkeuken de brug",
        " Buurtkeuken De Brug ",
        "buurtkeuken-de-brug",
    ]:
        form = forms.InviteForm({"organisation": value, "role": "partner"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["organisation"] == org


def test_an_unknown_or_ambiguous_name_is_refused_in_dutch():
    OrganisationFactory(name="Stichting Het Anker", slug="het-anker-noord")
    OrganisationFactory(name="Stichting Het Anker", slug="het-anker-zuid")
    OrganisationFactory(name="Gearchiveerd", slug="gearchiveerd", is_archived=True)
    form = forms.InviteForm({"organisation": "Stichting Het Anker", "role": "partner"})
    assert not form.is_valid()
    assert "korte naam" in form.errors["organisation"][0]
    form = forms.InviteForm({"organisation": "het-anker-zuid", "role": "partner"})
    assert form.is_valid()
    for value in ["Bestaat Niet", "Gearchiveerd"]:
        form = forms.InviteForm({"organisation": value, "role": "partner"})
        assert not form.is_valid()
        assert form.errors["organisation"] == ["Deze organisatie staat niet in de atlas."]
