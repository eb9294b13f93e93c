"""State machines as data, walked by one helper.

Each app keeps the allowed transitions of its stateful models in ``<app>/workflow.py`` as a
:class:`Workflow`: a table ``{source state: {target states}}`` read by the services (through
:func:`transition`), by the pages and the API (which actions to offer), and by the tests (which
walk every table both ways). A service that moves a record along an edge does::

    schouw_round = lock(schouw_round)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    ...  # the checks and writes of this step
    transition(schouw_round, workflow=ROUND, to=Status.MEETLAT, actor=actor, action="...")

``transition`` re-reads the state under a row lock (so two requests never both leave the same
state), refuses an edge the table does not hold with a :class:`Conflict`, validates, saves and
audits, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from .errors import Conflict, NotAllowed
from .services import audit_record

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    StrOrPromise = str


@dataclass(frozen=True)
class Workflow:
    """The allowed transitions of one model's state field."""

    model: type[models.Model]
    transitions: Mapping[str, frozenset[str]]
    state_field: str = "status"
    #: The message of a refused step, given the record; by default "not in step <label>".
    refusal: Callable[[Any], StrOrPromise] | None = field(default=None, compare=False)

    def __post_init__(self):
        choices = self.states
        named = set(self.transitions) | {
            t for targets in self.transitions.values() for t in targets
        }
        unknown = named - choices
        if unknown:
            raise ValueError(
                f"{self.model.__name__}.{self.state_field} has no state {sorted(unknown)}"
            )

    @property
    def states(self) -> frozenset[str]:
        field = self.model._meta.get_field(self.state_field)
        return frozenset(value for value, _label in getattr(field, "choices", None) or ())

    @property
    def edges(self) -> frozenset[tuple[str, str]]:
        return frozenset(
            (source, target) for source, targets in self.transitions.items() for target in targets
        )

    def allows(self, source: str, target: str) -> bool:
        return target in self.transitions.get(source, frozenset())

    def sources(self, target: str) -> frozenset[str]:
        """The states from which ``target`` can be reached in one step."""
        return frozenset(
            source for source, targets in self.transitions.items() if target in targets
        )

    def refused(self, obj: models.Model) -> StrOrPromise:
        if self.refusal is not None:
            return self.refusal(obj)
        label = getattr(obj, f"get_{self.state_field}_display")()
        return _("Dit kan niet in de stap ‘%(step)s’.") % {"step": label}


def table(edges: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """A transition table from plain iterables (``{SOURCE: [TARGET, ...]}``)."""
    return {source: frozenset(targets) for source, targets in edges.items()}


def require(actor, perm: str, obj, message: StrOrPromise) -> None:
    """Refuse with ``message`` unless the actor holds the django-rules permission on ``obj``."""
    if actor is None or not actor.has_perm(perm, obj):
        raise NotAllowed(message)


def lock(
    obj: models.Model, *, select_related: Iterable[str] = (), prefetch_related: Iterable[str] = ()
):
    """The record re-read under a row lock (its own row only), with what the checks will read."""
    queryset = type(obj)._default_manager.select_for_update(of=("self",))
    if select_related:
        queryset = queryset.select_related(*select_related)
    if prefetch_related:
        queryset = queryset.prefetch_related(*prefetch_related)
    return queryset.get(pk=obj.pk)


def require_state(
    obj: models.Model,
    allowed: Iterable[str],
    message: StrOrPromise | None = None,
    *,
    state_field: str = "status",
):
    """Refuse with a :class:`Conflict` unless the record is in one of the ``allowed`` states."""
    if getattr(obj, state_field) not in set(allowed):
        label = getattr(obj, f"get_{state_field}_display")()
        raise Conflict(message or _("Dit kan niet in de stap ‘%(step)s’.") % {"step": label})


def transition(
    obj: models.Model,
    *,
    workflow: Workflow,
    to: str,
    actor,
    action: str,
    changes: dict | None = None,
    message: StrOrPromise | None = None,
    audit: Callable | None = None,
):
    """Move ``obj`` to state ``to`` along an edge of ``workflow``, and return it.

    The current state is read from the database under a row lock, so the source check holds
    even when another request moved the record since it was loaded. Other fields the caller set on
    ``obj`` are saved with it. ``audit`` replaces :func:`reisgids.core.services.audit_record` for
    an app that records its actor differently (the schouw's guests).
    """
    with transaction.atomic():
        current = (
            type(obj)
            ._default_manager.select_for_update(of=("self",))
            .values_list(workflow.state_field, flat=True)
            .get(pk=obj.pk)
        )
        if not workflow.allows(current, to):
            setattr(obj, workflow.state_field, current)
            raise Conflict(message or workflow.refused(obj))
        setattr(obj, workflow.state_field, to)
        obj.full_clean()
        obj.save()
        (audit or audit_record)(actor=actor, action=action, target=obj, changes=changes)
    return obj
