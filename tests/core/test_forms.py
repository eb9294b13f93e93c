from django import forms

from reisgids.core.forms import StyledFormMixin


class KeuzeForm(StyledFormMixin, forms.Form):
    kleur = forms.ChoiceField(label="Kleur", choices=[], help_text="Kies er een.")
    naam = forms.CharField(label="Naam")


def test_choices_set_after_init_are_used_in_validation():
    form = KeuzeForm({"kleur": "groen", "naam": "Els"})
    form.fields["kleur"].choices = [("groen", "Groen")]
    assert form.is_valid(), form.errors


def test_invalid_fields_are_marked_and_tied_to_their_messages():
    form = KeuzeForm({"kleur": "paars"})
    form.fields["kleur"].choices = [("groen", "Groen")]
    assert not form.is_valid()
    html = str(form["kleur"])
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_kleur_error id_kleur_helptext"' in html
    rendered = form.as_div() if hasattr(form, "as_div") else str(form)
    assert 'id="id_naam_error"' in str(form)
    assert "utrecht-select" in rendered


def test_valid_fields_are_not_marked():
    form = KeuzeForm({"kleur": "groen", "naam": ""})
    form.fields["kleur"].choices = [("groen", "Groen")]
    form.is_valid()
    assert "aria-invalid" not in str(form["kleur"])
    assert 'aria-invalid="true"' in str(form["naam"])
