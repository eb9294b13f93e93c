"""Forms of the core, and the form look shared by every app (NL Design System)."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from .models import User


class UtrechtFormRenderer(TemplatesSetting):
    """Renders every form and field with the NL Design System (Utrecht) markup."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--multiple",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
    forms.ClearableFileInput: "",
}


class StyledFormMixin:
    """Gives every widget its NL Design System class, and marks required and invalid fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next(
                (c for w, c in WIDGET_CLASSES.items() if isinstance(widget, w)), "utrecht-textbox"
            )
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.required:
                widget.attrs.setdefault("required", True)

    def full_clean(self):
        super().full_clean()
        # After validation (never during __init__, so choices set later still count):
        # mark invalid fields and tie each error message to its field for screen readers.
        for name in self.errors:
            if name not in self.fields:
                continue
            field = self.fields[name]
            auto_id = self[name].auto_id
            described = [f"{auto_id}_error"] + ([f"{auto_id}_helptext"] if field.help_text else [])
            field.widget.attrs["aria-invalid"] = "true"
            field.widget.attrs["aria-describedby"] = " ".join(described)


class RegisterForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Uw naam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        help_text=_("Minstens 10 tekens. Gebruik geen wachtwoord dat u ergens anders al gebruikt."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Wachtwoord nog een keer"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Voorkeurstaal"), choices=settings.LANGUAGES, initial="nl"
    )
    consent = forms.BooleanField(
        label=_(
            "Ik heb de privacyverklaring gelezen en ga akkoord met het bewaren van mijn gegevens."
        ),
    )

    def clean_password(self):
        password = self.cleaned_data["password"]
        candidate = User(email=self.data.get("email", ""), name=self.data.get("name", ""))
        password_validation.validate_password(password, candidate)
        return password

    def clean(self):
        data = super().clean()
        if (
            data.get("password")
            and data.get("password_again")
            and data["password"] != data["password_again"]
        ):
            self.add_error("password_again", _("De twee wachtwoorden zijn niet gelijk."))
        return data


class ErasureForm(StyledFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Uw wachtwoord"),
        help_text=_("Ter bevestiging dat u het zelf bent."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "Ik begrijp dat mijn account wordt geanonimiseerd en dat ik daarna niet meer kan inloggen."
        ),
    )
