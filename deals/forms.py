from django import forms
from django.utils.translation import gettext_lazy as _

from atlas import selectors as atlas_selectors
from reisgids.core.forms import StyledFormMixin

from .models import (
    CheckIn,
    Contribution,
    Deal,
    DealPartner,
    Intake,
    IntakeInvolvement,
    Knelpunt,
    ProcessAgreement,
    Result,
)
from .selectors import deal_template_elements

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"})


class DealForm(StyledFormMixin, forms.Form):
    """The deal form follows the deal template that netwerkmanagers configure."""

    title = forms.CharField(label=_("Titel van de deal"), max_length=200)
    summary = forms.CharField(
        label=_("Gezamenlijk doel in een paar zinnen"), widget=forms.Textarea(attrs={"rows": 3})
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=atlas_selectors.theme_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Wijken en gebieden"), queryset=atlas_selectors.area_list(), required=False
    )
    citywide = forms.BooleanField(label=_("Stadsbreed"), required=False)

    def __init__(self, *args, organisations=None, strict=False, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Namens welke organisatie bent u aanjager?"), queryset=organisations
            )
            self.order_fields(["organisation"])
        for element in deal_template_elements():
            self.fields[f"proposal_{element.key}"] = forms.CharField(
                label=element.label,
                help_text=element.help_text,
                required=strict and element.required,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("class", "utrecht-textarea")
            elif field.widget.__class__ is forms.SelectMultiple:
                field.widget.attrs.setdefault("class", "utrecht-select utrecht-select--multiple")
        self._errors = None  # the mixin cleaned the bound form before these fields existed


def proposal_of(cleaned) -> dict:
    """The proposal's elements from the cleaned data of a DealForm."""
    return {k.removeprefix("proposal_"): v for k, v in cleaned.items() if k.startswith("proposal_")}


class ServiceValidatedMixin:
    """A field the page asks for without calling it required or optional: whether it may stay
    empty (or hold that value) is for the service to say, in its own words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required=True, **kwargs)
        self.widget.attrs["required"] = False

    def validate(self, value):
        pass


class ServiceValidatedCharField(ServiceValidatedMixin, forms.CharField):
    pass


class ServiceValidatedChoiceField(ServiceValidatedMixin, forms.ChoiceField):
    pass


def _reason(label):
    return ServiceValidatedCharField(label=label, widget=forms.Textarea(attrs={"rows": 2}))


class _StepForm(StyledFormMixin, forms.Form):
    """The fields shown with one step of a deal; the service checks them."""

    use_required_attribute = False


class ToetsingStartForm(_StepForm):
    method = ServiceValidatedChoiceField(
        label=_("Vorm van de toetsing"), choices=Deal.ToetsingMethod.choices
    )


class SkipForm(_StepForm):
    reason = _reason(_("Waarom geen toetsing?"))


class FinishForm(_StepForm):
    reason = _reason(_("Hoe is het gegaan?"))
    follow_up_title = ServiceValidatedCharField(
        label=_("Titel van een vervolgdeal (niet verplicht)")
    )


class StopForm(_StepForm):
    reason = _reason(_("Waarom stopt de deal?"))


class PauseForm(_StepForm):
    reason = _reason(_("Waarom pauzeren?"))


class ToetsingForm(StyledFormMixin, forms.Form):
    method = forms.ChoiceField(label=_("Vorm van de toetsing"), choices=Deal.ToetsingMethod.choices)
    findings = forms.CharField(label=_("Bevindingen"), widget=forms.Textarea(attrs={"rows": 3}))
    risks = forms.CharField(
        label=_("Risico's"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


# Up to this many organisations the invitation offers a list; a city-sized atlas asks for the name,
# so the deal page does not render (and load) every organisation of the atlas.
INVITE_LIST_MAX = 200


class OrganisationChoiceField(forms.ModelChoiceField):
    """An atlas organisation, chosen from the list or typed by its name or korte naam."""

    def to_python(self, value):
        value = (value or "").strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        queryset = self.queryset.select_related(None).only("pk", "name", "slug")
        if str(value).isdigit():
            match = queryset.filter(pk=int(value)).first()
            if match is not None:
                return match
        match = queryset.filter(slug=value).first()
        if match is not None:
            return match
        matches = list(queryset.filter(name__iexact=value)[:2])
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise forms.ValidationError(
                _(
                    "Meer organisaties heten zo. Typ de korte naam uit het adres van de organisatie in de atlas."
                ),
                code="ambiguous",
            )
        raise forms.ValidationError(
            _("Deze organisatie staat niet in de atlas."), code="invalid_choice"
        )


class InviteForm(StyledFormMixin, forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisatie uit de atlas"), queryset=atlas_selectors.organisation_list()
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[c for c in DealPartner.Role.choices if c[0] != DealPartner.Role.AANJAGER],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = field.queryset.select_related(None).prefetch_related(
            None
        )  # the list shows names only
        if not self.is_bound and field.queryset[INVITE_LIST_MAX : INVITE_LIST_MAX + 1].exists():
            field.widget = forms.TextInput(
                attrs={"class": "utrecht-textbox", "autocomplete": "off", "required": True}
            )
            field.help_text = _(
                "Typ de naam zoals die in de atlas staat, of de korte naam uit het adres."
            )


class ContributionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["kind", "description", "amount", "hours"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class TaskForm(StyledFormMixin, forms.Form):
    partner = forms.ModelChoiceField(label=_("Partij"), queryset=DealPartner.objects.none())
    title = forms.CharField(label=_("Taak"), max_length=200)
    owner = forms.CharField(label=_("Eigenaar"), max_length=120, required=False)
    due_date = forms.DateField(label=_("Klaar op"), required=False, widget=DATE)

    def __init__(self, *args, deal=None, **kwargs):
        super().__init__(*args, **kwargs)
        if deal is not None:
            field = self.fields["partner"]
            field.queryset = DealPartner.objects.filter(
                deal=deal, status=DealPartner.Status.GEACCEPTEERD
            ).select_related("organisation")
            # The options come from the partners the page already read, not from a query of their own.
            accepted = [
                p for p in deal.partners.all() if p.status == DealPartner.Status.GEACCEPTEERD
            ]
            field.choices = [("", field.empty_label)] + [
                (p.pk, field.label_from_instance(p)) for p in accepted
            ]
            self._errors = None  # clean again against this deal's partners


class ResultForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Result
        fields = ["title", "indicator", "indicator_kind", "baseline", "target", "target_text"]


class AgreementForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ProcessAgreement
        fields = [
            "kind",
            "description",
            "schouw_frequency",
            "schouw_setting",
            "schouw_peers",
            "schouw_reporter",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MilestoneForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Mijlpaal"), max_length=200)
    due_date = forms.DateField(label=_("Datum"), widget=DATE)


class VersionForm(StyledFormMixin, forms.Form):
    change_note = forms.CharField(
        label=_("Wat is er veranderd?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CheckInForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Hoe gaat het?"), choices=CheckIn.Status.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("In een paar zinnen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, results=(), **kwargs):
        super().__init__(*args, **kwargs)
        for result in results:
            if result.indicator_kind == Result.IndicatorKind.KWANTITATIEF:
                self.fields[f"value_{result.pk}"] = forms.DecimalField(
                    label=f"{result.indicator}",
                    required=False,
                    help_text=_("Streefwaarde: %(t)s") % {"t": result.target},
                )
                self.fields[f"value_{result.pk}"].widget.attrs["class"] = "utrecht-textbox"
        self._errors = None  # clean again now that the indicator fields exist


def checkin_values(cleaned) -> dict:
    """The indicator values from the cleaned data of a CheckInForm, by result pk."""
    return {
        k.removeprefix("value_"): v
        for k, v in cleaned.items()
        if k.startswith("value_") and v is not None
    }


class KnelpuntForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Knelpunt
        fields = ["category", "title", "description", "effect"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "effect": forms.Textarea(attrs={"rows": 2}),
        }


class NoteForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DealThemeForm(StyledFormMixin, forms.Form):
    theme = forms.ModelChoiceField(label=_("Thema"), queryset=atlas_selectors.theme_list())
    priority = forms.TypedChoiceField(
        label=_("Prioriteit"),
        coerce=int,
        choices=[(1, _("Hoog")), (2, _("Middel")), (3, _("Laag"))],
    )
    period_start = forms.DateField(label=_("Geldig vanaf"), widget=DATE)
    period_end = forms.DateField(label=_("Geldig tot en met"), required=False, widget=DATE)
    akkoord = forms.CharField(
        label=_("Akkoord of thematisch deelakkoord"), required=False, max_length=200
    )
    akkoord_url = forms.URLField(label=_("Link naar het akkoord"), required=False)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Uw reactie"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class TemplateElementForm(StyledFormMixin, forms.Form):
    label = forms.CharField(label=_("Naam van het onderdeel"), max_length=120)
    help_text = forms.CharField(label=_("Uitleg"), max_length=300, required=False)
    required = forms.BooleanField(label=_("Verplicht"), required=False)
    is_active = forms.BooleanField(label=_("In gebruik"), required=False, initial=True)
    position = forms.IntegerField(label=_("Volgorde"), min_value=0, initial=0)


class KickOffForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Datum en tijd"), widget=DATETIME)
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DealKickOffForm(KickOffForm):
    """A deal's own kick-off: its title is the deal's, so only the moment and the place."""

    title = None
    description = None


class IntakeForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat dient u in?"), choices=Intake.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    organisation = forms.ModelChoiceField(
        label=_("Namens"), queryset=atlas_selectors.organisation_list(), required=False
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
            self._errors = None


class IntakeActionForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    kind = forms.ChoiceField(
        label=_("Soort"), choices=IntakeInvolvement.Kind.choices, required=False
    )
    name = forms.CharField(
        label=_("Naam van cluster, afdeling of gebied"), max_length=200, required=False
    )
    who = forms.CharField(label=_("Wie zegt toe"), max_length=200, required=False)
    what = forms.CharField(
        label=_("Wat wordt toegezegd"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    instrument = forms.CharField(label=_("Instrument"), max_length=200, required=False)
