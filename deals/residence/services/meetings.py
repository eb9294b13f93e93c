"""Evaluation meetings with every party of the deal, and the actions agreed in them."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, require_state, transition

from ..models import Action, Meeting, Residency
from ..selectors import partners_of_actor
from ..workflow import MEETING
from ._common import _clean_text, _timeline


@transaction.atomic
def meeting_plan(
    *, actor, residency: Residency, starts_at: datetime.datetime, agenda: str, location: str = ""
) -> Meeting:
    require(
        actor,
        "residence.plan_meeting",
        residency,
        _("Alleen de partner in residence en de partners van de deal plannen een evaluatiemoment."),
    )
    meeting = Meeting(
        residency=residency,
        starts_at=starts_at,
        agenda=_clean_text(agenda),
        location=_clean_text(location),
        planned_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    _timeline(
        residency,
        actor,
        _("Evaluatiemoment gepland op %(d)s.")
        % {"d": timezone.localtime(starts_at).strftime("%d-%m-%Y %H:%M")},
    )
    audit_record(actor=actor, action="meeting_plan", target=meeting)
    return meeting


@transaction.atomic
def meeting_record(*, actor, meeting: Meeting, notes: str) -> Meeting:
    """The meeting was held: record its notes."""
    meeting = lock(meeting, select_related=["residency__deal"])
    require(
        actor,
        "residence.view_work",
        meeting.residency,
        _("U kunt het verslag van dit overleg niet vastleggen."),
    )
    require_state(meeting, MEETING.sources(Meeting.Status.GEHOUDEN), MEETING.refused(meeting))
    notes = _clean_text(notes)
    if not notes:
        raise ApplicationError(_("Schrijf kort op wat er besproken en besloten is."))
    meeting.notes = notes
    transition(
        meeting, workflow=MEETING, to=Meeting.Status.GEHOUDEN, actor=actor, action="meeting_record"
    )
    return meeting


def _may_own_actions(user, residency: Residency) -> bool:
    return user.pk == residency.person_id or bool(
        partners_of_actor(actor=user, deal=residency.deal)
    )


@transaction.atomic
def action_create(
    *, actor, meeting: Meeting, description: str, owner, due_date: datetime.date
) -> Action:
    meeting = Meeting.objects.select_related("residency__deal").get(pk=meeting.pk)
    residency = meeting.residency
    require(
        actor, "residence.view_work", residency, _("U kunt bij dit overleg geen acties afspreken.")
    )
    if owner is None or not _may_own_actions(owner, residency):
        raise ApplicationError(
            _("De eigenaar van een actie is de partner in residence of iemand van een partner.")
        )
    action = Action(
        meeting=meeting, description=_clean_text(description), owner=owner, due_date=due_date
    )
    action.full_clean()
    action.save()
    audit_record(actor=actor, action="action_create", target=action, changes={"owner": owner.pk})
    return action


@transaction.atomic
def action_mark_done(*, actor, action: Action) -> Action:
    action = lock(action, select_related=["meeting__residency__deal"])
    require(
        actor,
        "residence.view_work",
        action.meeting.residency,
        _("U kunt deze actie niet afvinken."),
    )
    if action.done_at is not None:
        raise Conflict(_("Deze actie is al klaar."))
    action.done_at = timezone.now()
    action.full_clean()
    action.save()
    audit_record(actor=actor, action="action_mark_done", target=action)
    return action
