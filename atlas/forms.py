from django import forms
from django.utils.translation import gettext_lazy as _

from reisgids.core.forms import StyledFormMixin
from reisgids.core.images import name_by_content

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
    role = forms.ChoiceField(
        label=_("Rol bij goedkeuring"), choices=Membership.Role.choices, initial=Membership.Role.LID
    )
    note = forms.CharField(
        label=_("Toelichting (optioneel)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


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

    def clean_logo(self):
        return name_by_content(self.cleaned_data.get("logo"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Organisation.objects.filter(is_archived=False).exclude(
            pk=self.instance.pk
        )
        self.fields["areas"].queryset = Area.objects.select_related("parent")


class ChangeProposalForm(StyledFormMixin, forms.Form):
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Algemeen e-mailadres"), required=False)
    phone = forms.CharField(label=_("Algemeen telefoonnummer"), max_length=30, required=False)
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    looking_for = forms.CharField(
        label=_("Gezocht"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    offering = forms.CharField(
        label=_("Aangeboden"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    note = forms.CharField(
        label=_("Toelichting voor de beheerder"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
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
        label=_("Hoe vaak wilt u een e-mail?"),
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.WEKELIJKS,
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)


# --- Network content -----------------------------------------------------------------------------
from .models import Audience, Event, Lesson, Listing, NewsItem, Story, Theme  # noqa: E402


class _ThemesAreasMixin:
    """Sets the choices of themes, areas and organisations before StyledFormMixin validates."""

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "themes" in self.fields:
            self.fields["themes"].queryset = Theme.objects.all()
        if "areas" in self.fields:
            self.fields["areas"].queryset = Area.objects.select_related("parent")
        for name in ("organisation", "organiser"):
            if name in self.fields:
                self.fields[name].queryset = (
                    organisations if organisations is not None else Organisation.objects.none()
                )


class NewsForm(StyledFormMixin, _ThemesAreasMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting"), max_length=400, help_text=_("Eén of twee zinnen.")
    )
    body = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 8}))
    category = forms.ChoiceField(label=_("Soort nieuws"), choices=NewsItem.Category.choices)
    link = forms.URLField(label=_("Link (optioneel)"), required=False, assume_scheme="https")
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class RejectForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden (de indiener ziet deze)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class EventForm(StyledFormMixin, _ThemesAreasMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 6}))
    kind = forms.ChoiceField(label=_("Soort"), choices=Event.Kind.choices)
    topic = forms.ChoiceField(
        label=_("Onderwerp (samen ontwikkelen)"), choices=Event.Topic.choices, required=False
    )
    provider = forms.ChoiceField(
        label=_("Gegeven door"), choices=Event.Provider.choices, required=False
    )
    audience = forms.CharField(label=_("Voor wie"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("Begint om"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Eindigt om"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    online = forms.BooleanField(label=_("Online"), required=False)
    location = forms.CharField(label=_("Plaats"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Link naar de online bijeenkomst"), required=False, assume_scheme="https"
    )
    organiser = forms.ModelChoiceField(
        label=_("Namens organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="slug",
    )
    registration = forms.ChoiceField(label=_("Aanmelden"), choices=Event.Registration.choices)
    registration_url = forms.URLField(
        label=_("Link om aan te melden"), required=False, assume_scheme="https"
    )
    capacity = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Gebieden"), queryset=Area.objects.none(), required=False
    )


class ListingForm(StyledFormMixin, _ThemesAreasMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Namens organisatie"), queryset=Organisation.objects.none(), to_field_name="slug"
    )
    kind = forms.ChoiceField(
        label=_("Vraag of aanbod"), choices=Listing.Kind.choices, widget=forms.RadioSelect
    )
    category = forms.ChoiceField(label=_("Categorie"), choices=Listing.Category.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 6}))
    expires_on = forms.DateField(
        label=_("Geldig tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Gebieden"), queryset=Area.objects.none(), required=False
    )
    citywide = forms.BooleanField(label=_("Stadsbreed"), required=False)


class ListingRespondForm(StyledFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Uw bericht"),
        help_text=_("De plaatser krijgt uw bericht en uw e-mailadres."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class StoryForm(StyledFormMixin, _ThemesAreasMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    medium = forms.ChoiceField(label=_("Soort"), choices=Story.Medium.choices)
    body = forms.CharField(
        label=_("Tekst"),
        help_text=_(
            "Alinea's, vet, cursief, lijsten en links blijven staan; andere opmaak valt weg."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    media_url = forms.URLField(
        label=_("Link naar video of podcast"),
        required=False,
        assume_scheme="https",
        help_text=_("Van YouTube, Vimeo, SoundCloud of Spotify."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Namens organisatie (optioneel)"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="slug",
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CommentForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Uw reactie"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class ReportForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Wat is er mis?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class LessonForm(StyledFormMixin, _ThemesAreasMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 3}))
    context = forms.CharField(
        label=_("Context"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    what_worked = forms.CharField(
        label=_("Wat werkte"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    what_did_not_work = forms.CharField(
        label=_("Wat niet werkte"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    kind = forms.ChoiceField(label=_("Soort les"), choices=Lesson.Kind.choices)
    evidence_level = forms.ChoiceField(label=_("Bewijskracht"), choices=Lesson.Evidence.choices)
    audiences = forms.MultipleChoiceField(
        label=_("Voor wie"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Gebieden"), queryset=Area.objects.none(), required=False
    )


class DigestPreferenceForm(StyledFormMixin, forms.Form):
    from .models import DigestPreference as _Pref

    frequency = forms.ChoiceField(label=_("E-mail met meldingen"), choices=_Pref.Frequency.choices)
