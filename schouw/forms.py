from django import forms
from django.utils.translation import gettext_lazy as _

from reisgids.core.forms import StyledFormMixin
from reisgids.core.images import name_by_content

from .models import (
    Appraisal,
    Audience,
    CommitmentCheck,
    Lesson,
    Observation,
    Participant,
    SchouwRound,
)
from .services import PHOTO_MAX_BYTES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _partner_choices(partners):
    return [(p.pk, str(p.organisation)) for p in partners]


class PartnerChoiceMixin:
    """A ``partner`` field whose choices are the parties of the round, set before validation;
    the cleaned ``partner`` is the party itself."""

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {p.pk: p for p in partners}
        self.fields["partner"].choices = _partner_choices(partners)

    def clean_partner(self):
        return self.partners[self.cleaned_data["partner"]]


class RoundForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    starts_on = forms.DateField(label=_("Eerste dag"), widget=DateInput())
    ends_on = forms.DateField(label=_("Laatste dag"), widget=DateInput())
    setting = forms.ChoiceField(
        label=_("Setting"),
        choices=SchouwRound.Setting.choices,
        widget=forms.RadioSelect,
        initial=SchouwRound.Setting.ZAKELIJK,
        help_text=_(
            "De bespreking kan zakelijk zijn of feestelijk, zoals een jaarlijkse schouwmaaltijd."
        ),
    )
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("De laatste dag ligt voor de eerste dag."))
        return data


class MemberForm(StyledFormMixin, forms.Form):
    """The cleaned ``member`` is the pair of the person and the partner they take part for."""

    member = forms.ChoiceField(label=_("Deelnemer namens een partner"))

    def __init__(self, *args, pairs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = {f"{u.pk}-{p.pk}": (u, p) for u, p in pairs}
        self.fields["member"].choices = [
            (k, f"{u} ({p.organisation})") for k, (u, p) in self.pairs.items()
        ]

    def clean_member(self):
        return self.pairs[self.cleaned_data["member"]]


class GuestForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort gast"),
        choices=[
            (k, label) for k, label in Participant.Kind.choices if k in Participant.GUEST_KINDS
        ],
        widget=forms.RadioSelect,
        initial=Participant.Kind.PEER,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie uit de atlas (voor een peer)"), queryset=None, required=False
    )
    name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"), help_text=_("Hierheen gaat de persoonlijke link.")
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("organisation"):
            self.add_error("name", _("Vul een naam in."))
        return data


class ConsentForm(StyledFormMixin, forms.Form):
    agree = forms.BooleanField(label=_("Ik heb dit gelezen en doe mee."))


class ObservationForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Wat zag u?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    tone = forms.ChoiceField(
        label=_("Wat voor waarneming is het?"),
        choices=Observation.Tone.choices,
        widget=forms.RadioSelect,
    )
    photo = forms.ImageField(
        label=_("Foto (niet verplicht)"),
        required=False,
        help_text=_(
            "JPG, PNG of WebP, hoogstens 5 MB. Zet geen herkenbare mensen op de foto zonder hun toestemming."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}
        ),
    )
    latitude = forms.DecimalField(
        label=_("Breedtegraad (niet verplicht)"),
        required=False,
        max_digits=8,
        decimal_places=5,
        min_value=-90,
        max_value=90,
    )
    longitude = forms.DecimalField(
        label=_("Lengtegraad (niet verplicht)"),
        required=False,
        max_digits=8,
        decimal_places=5,
        min_value=-180,
        max_value=180,
    )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("De foto is te groot. Het maximum is 5 MB."))
        return name_by_content(photo) if photo else photo

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error(
                "longitude", _("Een punt op de kaart heeft een breedte- en een lengtegraad.")
            )
        return data


class CriterionForm(PartnerChoiceMixin, StyledFormMixin, forms.Form):
    partner = forms.TypedChoiceField(label=_("Voor welke partij?"), coerce=int)
    name = forms.CharField(label=_("Criterium"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    commitment = forms.CharField(
        label=_("Afspraak of inbreng waar het over gaat"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld de inbreng of de rol die de partij in de deal heeft toegezegd."),
    )


class CommitmentCheckForm(PartnerChoiceMixin, StyledFormMixin, forms.Form):
    partner = forms.TypedChoiceField(label=_("Partij"), coerce=int)
    verdict = forms.ChoiceField(
        label=_("Heeft de partij haar toegezegde inbreng en rol waargemaakt?"),
        choices=CommitmentCheck.Verdict.choices,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Toelichting"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AppraisalForm(StyledFormMixin, forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label=_("Waardering"), choices=Appraisal.Level.choices, coerce=int, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tellen én vertellen: zeg wat u zag."),
    )


class DiscussionForm(StyledFormMixin, forms.Form):
    went_well = forms.CharField(
        label=_("Wat gaat er goed en wat kan nog beter?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    to_learn = forms.CharField(
        label=_("Wat valt er nog te leren?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wider_interest = forms.CharField(
        label=_("Wat is er interessant voor een breder publiek?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_steps = forms.CharField(
        label=_("Wat zijn de vervolgstappen?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AdviceForm(PartnerChoiceMixin, StyledFormMixin, forms.Form):
    partner = forms.TypedChoiceField(label=_("Advies aan"), coerce=int)
    text = forms.CharField(
        label=_("Advies"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AgreementsForm(StyledFormMixin, forms.Form):
    agreements = forms.CharField(
        label=_("Nieuwe of herziene afspraken"),
        help_text=_(
            "Eén afspraak per regel. Ze komen in een nieuwe versie van het plan, die de partners ondertekenen."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    change_note = forms.CharField(label=_("Wat verandert er en waarom?"), max_length=1000)


class FollowUpForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel van de vervolgdeal"), max_length=200)
    summary = forms.CharField(
        label=_("Gezamenlijk doel van het vervolg"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LessonForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort les"), choices=Lesson.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    body = forms.CharField(
        label=_("De les"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Schrijf zo dat iemand die niet bij de deal was er iets aan heeft."),
    )
    audiences = forms.MultipleChoiceField(
        label=_("Voor wie?"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    for_wide_audience = forms.BooleanField(
        label=_("Geschreven voor een breed publiek: voorstellen aan de kennisbank van de reisgids"),
        required=False,
    )


class ReportForm(StyledFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("Samenvatting: het kwalitatieve beeld van de inzet en meerwaarde van elke partij"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PublicationForm(PartnerChoiceMixin, StyledFormMixin, forms.Form):
    partner = forms.TypedChoiceField(label=_("Akkoord namens"), coerce=int)
