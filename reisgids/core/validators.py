from django.contrib.auth.password_validation import (
    MinimumLengthValidator as BaseMinimumLengthValidator,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(BaseMinimumLengthValidator):
    """Django's length check, with a message in plain Dutch (Django's own has no Dutch translation)."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                _("Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens.")
                % {"min_length": self.min_length},
                code="password_too_short",
            )

    def get_help_text(self):
        return _("Uw wachtwoord moet minstens %(min_length)d tekens hebben.") % {
            "min_length": self.min_length
        }
