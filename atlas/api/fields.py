"""Input fields the API modules share: they refuse odd input with a Dutch message before the
database sees it, so bad input is a 400 and never a server error."""

import datetime

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# Before 1940 the zone of Amsterdam had offsets in seconds (+00:19:32), which no client can read
# back as a date-time; nothing on the platform happens that early.
EARLIEST = datetime.datetime(1940, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(2200, 1, 1, tzinfo=datetime.UTC)


class SlugInput(serializers.SlugRelatedField):
    """A slug of an existing record. A NUL character is refused before the database sees it:
    PostgreSQL cannot compare text with NUL and would answer with a server error."""

    default_error_messages = {"null_characters": _("Null-tekens zijn niet toegestaan.")}

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("null_characters")
        return super().to_internal_value(data)


class DateTimeInput(serializers.DateTimeField):
    """A moment between 1940 and 2200."""

    default_error_messages = {"out_of_range": _("Kies een datum tussen 1940 en 2200.")}

    def to_internal_value(self, value):
        moment = super().to_internal_value(value)
        if not EARLIEST <= moment < LATEST:
            self.fail("out_of_range")
        return moment
