from django import forms
from django.utils.translation import gettext_lazy as _

from reisgids.core.forms import StyledFormMixin

from .models import (
    Function,
    LogEntry,
    Opening,
    Reflection,
    SideActivity,
    Signal,
    SignalResponse,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ChoicesForm(forms.Form):
    """Sets choices that depend on the residency before StyledFormMixin reads the errors: the
    mixin validates a bound form in its __init__, so the choices must be there first."""

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, options in (choices or {}).items():
            self.fields[name].choices = options


class ResidencyForm(StyledFormMixin, ChoicesForm):
    """Propose a residency within one deal; the partner choices come from that deal."""

    person_email = forms.EmailField(
        label=_("E-mailadres van de partner in residence"),
        help_text=_("Iemand met een account, lid van de partner namens wie hij of zij werkt."),
    )
    sending_partner = forms.ChoiceField(label=_("In naam van"))
    host_partner = forms.ChoiceField(label=_("Op locatie van"))
    start_date = forms.DateField(label=_("Startdatum"), widget=DATE)
    end_date = forms.DateField(label=_("Einddatum"), widget=DATE)
    hours_per_week = forms.IntegerField(
        label=_("Uren per week"), required=False, min_value=1, max_value=60
    )
    functions = forms.MultipleChoiceField(
        label=_("Afgesproken functies"),
        choices=Function.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tasks = forms.CharField(
        label=_("Afgesproken taken"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    learning_questions = forms.CharField(
        label=_("Leervragen"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    meeting_rhythm_weeks = forms.IntegerField(
        label=_("Samen evalueren elke … weken"), min_value=1, max_value=52, initial=6
    )

    def __init__(self, *args, partners=(), **kwargs):
        options = [(str(p.pk), str(p.organisation)) for p in partners]
        super().__init__(
            *args, choices={"sending_partner": options, "host_partner": options}, **kwargs
        )

    def clean(self):
        data = super().clean()
        if data.get("sending_partner") and data.get("sending_partner") == data.get("host_partner"):
            self.add_error(
                "host_partner", _("Kies een andere partner dan namens wie de persoon werkt.")
            )
        return data


class OpeningForm(StyledFormMixin, ChoicesForm):
    kind = forms.ChoiceField(
        label=_("Soort oproep"), choices=Opening.Kind.choices, widget=forms.RadioSelect
    )
    organisation = forms.ChoiceField(label=_("Namens"))
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    skills = forms.CharField(
        label=_("Vaardigheden en achtergrond"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    hours_per_week = forms.IntegerField(
        label=_("Uren per week"), required=False, min_value=1, max_value=60
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(
            *args, choices={"organisation": [(str(o.pk), str(o)) for o in organisations]}, **kwargs
        )


class LogEntryForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=LogEntry.Kind.choices)
    date = forms.DateField(label=_("Datum"), widget=DATE)
    text = forms.CharField(
        label=_("Wat zag of deed u?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class MeetingForm(StyledFormMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("Datum en tijd"), widget=DATETIME)
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class MeetingNotesForm(StyledFormMixin, forms.Form):
    notes = forms.CharField(
        label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )


class ActionForm(StyledFormMixin, ChoicesForm):
    description = forms.CharField(label=_("Actie"), max_length=300)
    owner = forms.ChoiceField(label=_("Eigenaar"))
    due_date = forms.DateField(label=_("Klaar op"), widget=DATE)

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, choices={"owner": [(str(u.pk), str(u)) for u in owners]}, **kwargs)


class SignalForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Knelpunt"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class SignalResponseForm(StyledFormMixin, ChoicesForm):
    partner = forms.ChoiceField(label=_("Namens"))
    text = forms.CharField(
        label=_("Reactie"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    closure = forms.ChoiceField(
        label=_("Afsluiten?"), choices=SignalResponse.Closure.choices, required=False
    )

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(
            *args,
            choices={"partner": [(str(p.pk), str(p.organisation)) for p in partners]},
            **kwargs,
        )


class SignalCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[
            (Signal.Status.OPGELOST, _("Opgelost")),
            (Signal.Status.GEESCALEERD, _("Geëscaleerd")),
        ]
    )


class SignalRegisterForm(StyledFormMixin, forms.Form):
    effect = forms.CharField(
        label=_("Gevolg voor de deal"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class HandbrakeForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AgreeForm(StyledFormMixin, ChoicesForm):
    partner = forms.ChoiceField(label=_("Namens"))
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=2000)

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(
            *args,
            choices={"partner": [(str(p.pk), str(p.organisation)) for p in partners]},
            **kwargs,
        )


class AgreeInMeetingForm(StyledFormMixin, ChoicesForm):
    meeting = forms.ChoiceField(label=_("Besloten in het overleg van"))

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(
            *args,
            choices={"meeting": [(str(m.pk), m.starts_at.strftime("%d-%m-%Y")) for m in meetings]},
            **kwargs,
        )


class SideActivityForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=SideActivity.Kind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Datum en tijd"), widget=DATETIME)
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Omschrijving"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )


class ReflectionForm(StyledFormMixin, forms.Form):
    moment = forms.ChoiceField(label=_("Moment"), choices=Reflection.Moment.choices)
    text = forms.CharField(
        label=_("Reflectie"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )
