"""The state machines of the kompas, as data.

``EDITION`` holds the steps of an edition through one cycle; the services move an edition only
through :func:`reisgids.core.workflow.transition` over this table. ``DRAFT_RUN`` holds the way of
one run of the drafting task: the run reports each step in a commit of its own (so the page can
poll it while the run lasts), and this table says which of those steps may follow which.
"""

from django.utils.translation import gettext as _

from reisgids.core.workflow import Workflow, table

from .models import DraftRun, Edition

Status = Edition.Status
Run = DraftRun.Status


def edition_refusal(edition: Edition) -> str:
    """The refusal of a step the edition's status does not allow."""
    return _("Dit kan niet meer: de editie is %(status)s.") % {
        "status": edition.get_status_display().lower()
    }


# concept → consultatie → geagendeerd → vastgesteld → teruggekoppeld → monitoring → gesloten. The
# drafting task creates the concept; an edition never goes back a step.
EDITION = Workflow(
    model=Edition,
    transitions=table(
        {
            Status.CONCEPT: [Status.CONSULTATIE],
            Status.CONSULTATIE: [Status.GEAGENDEERD],
            Status.GEAGENDEERD: [Status.VASTGESTELD],
            Status.VASTGESTELD: [Status.TERUGGEKOPPELD],
            Status.TERUGGEKOPPELD: [Status.MONITORING],
            Status.MONITORING: [Status.GESLOTEN],
        }
    ),
    refusal=edition_refusal,
)

# A run waits for the worker, is busy (step after step), and ends done, not needed (a scheduled
# run when no edition is due, or when another edition is in consultation) or failed (also when
# its worker died). A failed run is run again when its task is retried or redelivered.
DRAFT_RUN = Workflow(
    model=DraftRun,
    transitions=table(
        {
            Run.WACHTEND: [Run.BEZIG, Run.OVERGESLAGEN, Run.MISLUKT],
            Run.BEZIG: [Run.BEZIG, Run.KLAAR, Run.OVERGESLAGEN, Run.MISLUKT],
            Run.MISLUKT: [Run.BEZIG],
        }
    ),
)
