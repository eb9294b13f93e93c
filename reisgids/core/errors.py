"""One error type for domain refusals, rendered as ``{"detail": ...}`` by the API."""

import math

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class ApplicationError(Exception):
    """A refusal a user can understand: the message is shown as is (in Dutch, via gettext)."""

    status_code: int = status.HTTP_400_BAD_REQUEST

    def __init__(self, message, *, extra=None):
        super().__init__(message)
        self.message = str(message)
        self.extra = extra or {}


class NotAllowed(ApplicationError):
    status_code = status.HTTP_403_FORBIDDEN


class Conflict(ApplicationError):
    """The record changed state in the meantime (a refused transition)."""

    status_code = status.HTTP_409_CONFLICT


def validation_messages(error: DjangoValidationError) -> dict | list:
    if hasattr(error, "error_dict"):
        return {
            field: [str(m) for e in errs for m in e.messages]
            for field, errs in error.error_dict.items()
        }
    return [str(m) for m in error.messages]


def error_text(exc: ApplicationError | DjangoValidationError) -> str:
    """A service's refusal as one line for a page message: the domain message, or every
    validation message in turn."""
    if isinstance(exc, ApplicationError):
        return exc.message
    found = validation_messages(exc)
    return (
        " ".join(m for ms in found.values() for m in ms)
        if isinstance(found, dict)
        else " ".join(found)
    )


def form_errors_text(form) -> str:
    """Every error of a bound form as one line, for forms posted from a page that shows them as a message."""
    return " ".join(str(e) for errs in form.errors.values() for e in errs)


def api_exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        return Response({"detail": exc.message, **exc.extra}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        messages = validation_messages(exc)
        if isinstance(messages, dict):
            detail = " ".join(m for msgs in messages.values() for m in msgs)
            return Response(
                {"detail": detail, "errors": messages}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response({"detail": " ".join(messages)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.Throttled):
        exc.detail = throttled_message(exc.wait)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Niet gevonden."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("U heeft geen toestemming voor deze handeling."))
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" not in response.data:
        fields = response.data
        response.data = {"detail": _("De invoer is niet geldig."), "errors": fields}
    elif response is not None and isinstance(response.data, list):
        response.data = {"detail": " ".join(str(m) for m in response.data)}
    return response


def throttled_message(wait: float | None) -> str:
    """The Dutch refusal when a rate limit is hit, with the wait in whole seconds."""
    if wait is None:
        return _("Te veel verzoeken. Probeer het later opnieuw.")
    seconds = max(1, math.ceil(wait))
    return ngettext(
        "Te veel verzoeken. Probeer het over %(seconds)d seconde opnieuw.",
        "Te veel verzoeken. Probeer het over %(seconds)d seconden opnieuw.",
        seconds,
    ) % {"seconds": seconds}
