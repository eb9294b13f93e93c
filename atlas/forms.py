from django import forms
from django.utils.translation import gettext_lazy as _

from reisgids.core.forms import StyledFormMixin

from .models import Membership


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
