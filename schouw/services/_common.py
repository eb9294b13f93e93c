"""What the services of the schouw share: refusals, the audit of a user or guest, the lock of a
round and the small checks every step makes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deals import services as deal_services
from deals.models import DealPartner
from reisgids.core.errors import ApplicationError
from reisgids.core.services import audit_record
from reisgids.core.workflow import transition

from ..guests import Guest
from ..models import (
    Lesson,
    SchouwRound,
)
from ..workflow import LESSON

Status = SchouwRound.Status

#: What a service of a round reads under the row lock: the deal, its partners and the participants
#: (the permission rules read them).
ROUND_LOCK = {"select_related": ("deal",), "prefetch_related": ("deal__partners", "participants")}

MANAGE_REFUSAL = gettext_lazy(
    "Alleen de partners van de deal en de partner in residence kunnen deze schouw organiseren."
)

TAKE_PART_REFUSAL = gettext_lazy("Alleen deelnemers aan deze schouwronde kunnen dit doen.")


def _audit(actor, action: str, target, changes: dict | None = None, **kwargs):
    changes = dict(changes or {})
    if isinstance(actor, Guest):
        changes["gast"] = actor.participant.pk
        return audit_record(actor=None, action=action, target=target, changes=changes, **kwargs)
    return audit_record(actor=actor, action=action, target=target, changes=changes, **kwargs)


def _not_in_step(schouw_round: SchouwRound) -> str:
    """The refusal of a write the round's current step does not allow."""
    return _("Dit kan niet in de stap ‘%(step)s’ van de schouw.") % {
        "step": schouw_round.get_status_display()
    }


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


def _text(value) -> str:
    return (value or "").strip()


def _accepted_partner(schouw_round: SchouwRound, partner):
    if partner is None:
        raise ApplicationError(_("Kies een partij van de deal."))
    for candidate in schouw_round.deal.partners.all():
        if candidate.pk == partner.pk and candidate.status == DealPartner.Status.GEACCEPTEERD:
            return candidate
    raise ApplicationError(_("Deze organisatie is geen partner van de deal."))


def _parties(schouw_round: SchouwRound) -> list:
    return [
        p for p in schouw_round.deal.partners.all() if p.status == DealPartner.Status.GEACCEPTEERD
    ]


def _timeline(schouw_round: SchouwRound, actor, text: str) -> None:
    deal_services.timeline_add(
        deal=schouw_round.deal, kind="anders", text=text, actor=_user(actor), public=False
    )


def _lesson_to_kennisbank(actor, lesson: Lesson) -> Lesson:
    """Propose a lesson to the kennisbank of the atlas, linked back to the round.

    The boundary with the atlas: ``atlas.services.lesson_propose`` receives the lesson with source
    type ``schouw``. When the kennisbank is not there or refuses (it checks its own rules), the
    lesson waits in the queue (``wachtrij``) and :func:`lessons_kennisbank_deliver` tries again;
    finishing the round never depends on it."""
    from atlas import services as atlas_services

    lesson_propose = getattr(atlas_services, "lesson_propose", None)
    proposer = _user(actor) or lesson.written_by
    if lesson_propose is not None and proposer is not None:
        try:
            with transaction.atomic():
                lesson_propose(
                    actor=proposer,
                    title=lesson.title,
                    summary=lesson.body,
                    context=_("Uit de schouw ‘%(t)s’ van de deal ‘%(d)s’.")
                    % {"t": lesson.round.title, "d": lesson.round.deal},
                    kind=lesson.kind,
                    audiences=lesson.audiences,
                    source_type="schouw",
                    source_id=str(lesson.round_id),
                    source_url=settings.SITE_URL.rstrip("/")
                    + reverse("schouw:round-report", kwargs={"pk": lesson.round_id}),
                )
        except (ApplicationError, ValidationError):
            lesson_propose = None
    if lesson_propose is None or proposer is None:
        lesson.kennisbank = Lesson.Kennisbank.WACHTRIJ
        lesson.save(update_fields=["kennisbank", "updated_at"])
        return lesson
    lesson.proposed_at = timezone.now()
    return transition(
        lesson,
        workflow=LESSON,
        to=Lesson.Kennisbank.VOORGESTELD,
        actor=proposer,
        action="lesson_propose_to_kennisbank",
    )
