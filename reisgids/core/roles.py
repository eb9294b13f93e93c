"""Platform roles. Each role is a Django group of the same name; object roles
(deal partner, partner in residence, schouw participant) live with their apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INITIATIEFNEMER = "initiatiefnemer", _("Initiatiefnemer")
    AMBTENAAR = "ambtenaar", _("Ambtenaar")
    CONTENTBEHEERDER = "contentbeheerder", _("Contentbeheerder")
    BESTUURDER = "bestuurder", _("Bestuurder")
    NETWERKMANAGER = "netwerkmanager", _("Netwerkmanager")
    BEHEERDER = "beheerder", _("Beheerder")


ROLE_DESCRIPTIONS = {
    Role.INITIATIEFNEMER: _("Zoekt partners, start en neemt deel aan deals namens een initiatief."),
    Role.AMBTENAAR: _("Werkt bij de gemeente, registreert deals en is aanspreekpunt."),
    Role.CONTENTBEHEERDER: _("Beheert nieuws en de kennisbank met lessen en successen."),
    Role.BESTUURDER: _("Bespreekt en stelt het kompas vast."),
    Role.NETWERKMANAGER: _("Brengt partners samen, keurt lidmaatschappen goed en plant kick-offs."),
    Role.BEHEERDER: _("Beheert het platform: gebruikers, rollen en de audittrail."),
}
