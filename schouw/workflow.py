"""The state machines of the schouw, as data.

``ROUND`` holds the steps a round may take; the services move a round only through
:func:`reisgids.core.workflow.transition` over this table. ``ROUND_STEPS`` says, for every step
of a round, which step follows it: the address of the step (``/stap/<slug>/`` on the pages, and
``step`` in the API), the service that takes it, the button and what the page says afterwards.
``LESSON`` holds the way of a lesson to the kennisbank of the atlas.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reisgids.core.workflow import Workflow, table

from .models import Lesson, SchouwRound

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    StrOrPromise = str

Status = SchouwRound.Status
Kennisbank = Lesson.Kennisbank


def _round_refusal(schouw_round: SchouwRound) -> str:
    return gettext("De schouw is in de stap ‘%(step)s’; deze overgang kan nu niet.") % {
        "step": schouw_round.get_status_display()
    }


ROUND = Workflow(
    model=SchouwRound,
    transitions=table(
        {
            Status.VOORBEREIDING: [Status.OPEN_SCHOUW],
            Status.OPEN_SCHOUW: [Status.MEETLAT],
            Status.MEETLAT: [Status.WAARDEREND],
            Status.WAARDEREND: [Status.BESPREKING],
            Status.BESPREKING: [Status.RAPPORTAGE],
            Status.RAPPORTAGE: [Status.AFGEROND],
        }
    ),
    refusal=_round_refusal,
)

# A lesson for a wide audience is proposed to the kennisbank when the round is finished; when the
# kennisbank is not there or refuses, it waits in the queue and the task proposes it again.
LESSON = Workflow(
    model=Lesson,
    state_field="kennisbank",
    transitions=table(
        {
            Kennisbank.NIET: [Kennisbank.WACHTRIJ, Kennisbank.VOORGESTELD],
            Kennisbank.WACHTRIJ: [Kennisbank.VOORGESTELD],
        }
    ),
)


@dataclass(frozen=True)
class RoundStep:
    """The step that follows a round's status."""

    slug: str
    target: str
    service: str  # the name of the service in ``schouw.services``
    label: StrOrPromise  # the button on the round page
    done: StrOrPromise  # what the page says when the step was taken


ROUND_STEPS: dict[str, RoundStep | None] = {
    Status.VOORBEREIDING: RoundStep(
        "open",
        Status.OPEN_SCHOUW,
        "schouw_round_open",
        _("Open schouw starten"),
        _("De open schouw is begonnen."),
    ),
    Status.OPEN_SCHOUW: RoundStep(
        "meetlat",
        Status.MEETLAT,
        "schouw_round_meetlat_start",
        _("Naar de meetlat"),
        _("Nu de meetlat: criteria per partij en de toets op de toezeggingen."),
    ),
    Status.MEETLAT: RoundStep(
        "waarderen",
        Status.WAARDEREND,
        "schouw_round_appraisal_start",
        _("Waarderende schouw starten"),
        _("De waarderende schouw is begonnen."),
    ),
    Status.WAARDEREND: RoundStep(
        "bespreken",
        Status.BESPREKING,
        "schouw_round_discussion_start",
        _("Naar de bespreking"),
        _("De bespreking is begonnen; alle waarderingen zijn zichtbaar."),
    ),
    Status.BESPREKING: RoundStep(
        "rapporteren",
        Status.RAPPORTAGE,
        "schouw_round_report_start",
        _("Naar de rapportage"),
        _("Nu de rapportage."),
    ),
    Status.RAPPORTAGE: RoundStep(
        "afronden",
        Status.AFGEROND,
        "schouw_round_finish",
        _("Schouw afronden en rapport delen"),
        _("De schouw is afgerond en het rapport is gedeeld met de partners."),
    ),
    Status.AFGEROND: None,
}

#: The steps by their address, in the order of a round.
STEPS_BY_SLUG: dict[str, RoundStep] = {
    step.slug: step for step in ROUND_STEPS.values() if step is not None
}
