from django import forms
from django.utils.translation import gettext_lazy as _

from reisgids.core.forms import StyledFormMixin

from .models import Area, Membership, Organisation, SavedSearch


class MembershipRequestForm(StyledFormMixin, forms.Form):
    motivation = forms.CharField(
        label=_("Waarom wilt u lid worden?"),
        help_text=_("Bijvoorbeeld uw functie of rol bij deze organisatie. De beheerder leest dit."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class MembershipDecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Goedkeuren")), ("reject", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    role = forms.ChoiceField(label=_("Rol bij goedkeuring"), choices=Membership.Role.choices, initial="lid")
    note = forms.CharField(label=_("Toelichting (optioneel)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OrganisationForm(StyledFormMixin, forms.ModelForm):
    """The profile a beheerder edits. The model validates the point, the logo and its alt text."""

    class Meta:
        model = Organisation
        fields = [
            "name",
            "type",
            "description",
            "website",
            "email",
            "phone",
            "address",
            "themes",
            "areas",
            "citywide",
            "latitude",
            "longitude",
            "parent",
            "logo",
            "logo_alt",
            "relation_to_system",
            "delivery",
            "volunteer_dependency",
            "size",
            "life_stage",
            "looking_for",
            "offering",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "looking_for": forms.Textarea(attrs={"rows": 3}),
            "offering": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "latitude": _("Bijvoorbeeld 51.92250. Laat leeg als u geen vaste plek heeft."),
            "longitude": _("Bijvoorbeeld 4.47917."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Organisation.objects.filter(is_archived=False).exclude(pk=self.instance.pk)
        self.fields["areas"].queryset = Area.objects.select_related("parent")


class ChangeProposalForm(StyledFormMixin, forms.Form):
    description = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Algemeen e-mailadres"), required=False)
    phone = forms.CharField(label=_("Algemeen telefoonnummer"), max_length=30, required=False)
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    looking_for = forms.CharField(label=_("Gezocht"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    offering = forms.CharField(label=_("Aangeboden"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    note = forms.CharField(
        label=_("Toelichting voor de beheerder"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class OrganisationMergeForm(StyledFormMixin, forms.Form):
    keep = forms.ModelChoiceField(
        label=_("Voeg samen met (deze blijft bestaan)"),
        queryset=Organisation.objects.filter(is_archived=False),
        to_field_name="slug",
    )


class SavedSearchForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Naam van de zoekopdracht"), max_length=120)
    frequency = forms.ChoiceField(
        label=_("Hoe vaak wilt u een e-mail?"), choices=SavedSearch.Frequency.choices, initial="wekelijks"
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)
