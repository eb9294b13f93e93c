"""Declared page actions: what a POST calls, what it tells, and whether it asks first.

:class:`Action` and :class:`Confirm` are data; ``reisgids.core.views`` holds the one base view
(:class:`~reisgids.core.views.ServiceActionView`) that carries them out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.http import url_has_allowed_host_and_scheme

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    StrOrPromise = str


@dataclass(frozen=True)
class Confirm:
    """An action that asks first, on a page of its own (or a dialog where JavaScript runs)."""

    title: StrOrPromise
    text: StrOrPromise
    #: Whether the person can undo it later; the confirmation page says so either way.
    undoable: bool = False
    #: The text of the button that goes ahead; by default "Ja, ga door".
    button: StrOrPromise = ""


@dataclass(frozen=True)
class Action:
    """One POST action on an object.

    ``service`` is called with ``actor=`` and the keyword arguments that ``arguments(view,
    cleaned)`` returns; without ``arguments`` they are ``{view.object_argument: view.object}``
    plus the form's cleaned data. ``message`` is the success message, or a function of the
    service's result and the cleaned data that returns it.
    """

    service: Callable[..., Any]
    message: StrOrPromise | Callable[[Any, Mapping[str, Any]], str] = ""
    form: type | None = None
    arguments: Callable[[Any, Mapping[str, Any]], Mapping[str, Any]] | None = None
    confirm: Confirm | None = None

    def success_message(self, result, cleaned) -> str:
        return str(self.message(result, cleaned) if callable(self.message) else self.message)


def local_next(request, fallback: str) -> str:
    """The page to return to after a POST: the posted ``next`` when it is on this site, else ``fallback``."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return fallback
