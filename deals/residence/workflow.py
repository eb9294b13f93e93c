"""The state machines of the partner in residence, as data.

Each table holds exactly the steps the services in ``deals.residence.services`` take; the services
move a record along an edge through :func:`reisgids.core.workflow.transition`, and the tests walk
every table both ways. A record is created in its first state (a residency ``voorgesteld``, a
handbrake ``aangetrokken``, ...); creating is not a step. Actions (``done_at``), reflections and
resume agreements have no state of their own, so they have no table.
"""

from django.utils.translation import gettext as _

from reisgids.core.workflow import Workflow, table

from .models import Handbrake, Meeting, Opening, Residency, Signal

R = Residency.Status

#: voorgesteld → actief once the sending and the host partner both confirmed; actief → afgerond.
RESIDENCY = Workflow(
    model=Residency,
    transitions=table({R.VOORGESTELD: [R.ACTIEF], R.ACTIEF: [R.AFGEROND]}),
)

#: An opening is open until whoever posted it (or network staff) closes it.
OPENING = Workflow(
    model=Opening,
    transitions=table({Opening.Status.OPEN: [Opening.Status.GESLOTEN]}),
    refusal=lambda opening: _("Deze oproep is al gesloten."),
)

M = Meeting.Status

#: An evaluation meeting is planned, then held once its notes are recorded.
MEETING = Workflow(
    model=Meeting,
    transitions=table({M.GEPLAND: [M.GEHOUDEN]}),
    refusal=lambda meeting: _("Het verslag van dit overleg is al vastgelegd."),
)

S = Signal.Status

#: A signal is in behandeling from the first response; every partner together closes it as
#: opgelost or geëscaleerd (also while still open, when the deal has no responding partner).
SIGNAL = Workflow(
    model=Signal,
    transitions=table(
        {
            S.OPEN: [S.IN_BEHANDELING, S.OPGELOST, S.GEESCALEERD],
            S.IN_BEHANDELING: [S.OPGELOST, S.GEESCALEERD],
        }
    ),
    refusal=lambda signal: (
        _("Dit signaal is al %(s)s.") % {"s": signal.get_status_display().lower()}
    ),
)

H = Handbrake.Status

#: A handbrake is pulled, and let go once every partner agreed to go on.
HANDBRAKE = Workflow(
    model=Handbrake,
    transitions=table({H.AANGETROKKEN: [H.LOSGELATEN]}),
    refusal=lambda handbrake: _("De handrem is al losgelaten."),
)
