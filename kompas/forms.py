from django import forms
from django.utils.translation import gettext_lazy as _

from atlas import selectors as atlas_selectors
from reisgids.core.forms import StyledFormMixin

from . import selectors
from .models import AgendaItem, ChangeType, Gremium, MonitoringEntry, Priority


class ProposalForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    change_type = forms.ChoiceField(label=_("Soort verandering"), choices=ChangeType.choices)
    theme = forms.ModelChoiceField(label=_("Thema"), queryset=None, required=False)
    problem = forms.CharField(
        label=_("Probleem en onderbouwing"), widget=forms.Textarea(attrs={"rows": 4})
    )
    proposed_change = forms.CharField(
        label=_("Voorgestelde verandering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    intended_effect = forms.CharField(
        label=_("Beoogd effect"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    owner = forms.CharField(
        label=_("Eigenaar (cluster of afdeling)"), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = atlas_selectors.theme_list()


class CoAuthorForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de mede-auteur"))

    def clean(self):
        cleaned = super().clean()
        # The account behind the address, or None: the service then says nobody was found.
        cleaned["user"] = selectors.user_by_email(email=cleaned.get("email", ""))
        return cleaned


class AgendaItemForm(StyledFormMixin, forms.Form):
    gremium = forms.ModelChoiceField(label=_("Gremium"), queryset=Gremium.objects.none())
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, gremia=None, **kwargs):
        super().__init__(*args, **kwargs)
        if gremia is not None:
            self.fields["gremium"].queryset = gremia


class DecisionForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Besluit"), choices=AgendaItem.Outcome.choices)
    reasons = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 2}))
    actions = forms.CharField(
        label=_("Acties"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    monitor_indicator = forms.CharField(label=_("Indicator"), max_length=300, required=False)
    monitor_who = forms.CharField(label=_("Wie monitort"), max_length=200, required=False)
    monitor_due = forms.DateField(
        label=_("Eerste meting uiterlijk"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class MonitoringForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), choices=MonitoringEntry.Status.choices)
    observation = forms.CharField(label=_("Waarneming"), widget=forms.Textarea(attrs={"rows": 2}))
    next_due = forms.DateField(
        label=_("Volgende meting uiterlijk"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class FeedbackForm(StyledFormMixin, forms.Form):
    feedback = forms.CharField(label=_("Terugkoppeling"), widget=forms.Textarea(attrs={"rows": 5}))
    new_rules = forms.CharField(
        label=_("Nieuwe regels en mogelijkheden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class PriorityForm(StyledFormMixin, forms.Form):
    theme = forms.ModelChoiceField(label=_("Thema"), queryset=None)
    level = forms.TypedChoiceField(
        label=_("Prioriteit"), choices=Priority.Level.choices, coerce=int
    )
    rationale = forms.CharField(
        label=_("Waarom"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = atlas_selectors.theme_list()


class GremiumForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    kind = forms.ChoiceField(label=_("Soort"), choices=Gremium.Kind.choices)
    position = forms.IntegerField(label=_("Volgorde"), min_value=0, initial=0)
