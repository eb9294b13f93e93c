"""Side activities: workshops, trainings and outings, each also an event in the atlas agenda."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from atlas import services as atlas_services
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require

from ..models import Residency, SideActivity
from ..selectors import SIDE_ACTIVITY_SOURCE
from ._common import RESIDENCY_RELATED, _clean_text, _timeline, _url

# A side activity has a start only; its agenda entry lasts this long.
SIDE_ACTIVITY_HOURS = 2
# Side activity kinds as kinds of atlas events (``atlas.models.Event.Kind``).
SIDE_ACTIVITY_EVENT_KINDS = {"workshop": "workshop", "training": "training"}


@transaction.atomic
def side_activity_create(
    *,
    actor,
    residency: Residency,
    kind: str,
    title: str,
    starts_at,
    location: str = "",
    description: str = "",
) -> SideActivity:
    """A workshop, training or team outing. It also goes into the agenda of the atlas, linked back
    to the residency (source type ``zijactiviteit``, the activity's id)."""
    require(
        actor,
        "residence.organise_activity",
        residency,
        _("Alleen de partner in residence organiseert nevenactiviteiten."),
    )
    residency = lock(residency, select_related=RESIDENCY_RELATED)
    activity = SideActivity(
        residency=residency,
        kind=kind,
        title=_clean_text(title),
        starts_at=starts_at,
        location=_clean_text(location),
        description=_clean_text(description),
        organised_by=actor,
    )
    activity.full_clean()
    activity.save()
    _side_activity_to_agenda(actor, activity)
    _timeline(residency, actor, _("Nevenactiviteit: %(t)s") % {"t": activity.title})
    audit_record(actor=actor, action="side_activity_create", target=activity)
    return activity


def _side_activity_to_agenda(actor, activity: SideActivity):
    """The atlas event of a side activity. It lasts ``SIDE_ACTIVITY_HOURS`` (the activity has a
    start only); without a location it takes place at the host partner."""
    residency = activity.residency
    deal = residency.deal
    sending = residency.sending_partner.organisation
    organiser = (
        sending
        if atlas_selectors.organisations_of(actor=actor).filter(pk=sending.pk).exists()
        else None
    )
    return atlas_services.event_create(
        actor=actor,
        title=activity.title,
        description=activity.description
        or _("%(kind)s van de partner in residence bij de deal ‘%(deal)s’.")
        % {"kind": activity.get_kind_display(), "deal": deal},
        starts_at=activity.starts_at,
        ends_at=activity.starts_at + datetime.timedelta(hours=SIDE_ACTIVITY_HOURS),
        kind=SIDE_ACTIVITY_EVENT_KINDS.get(activity.kind, "overig"),
        audience=(_("De partijen van de deal ‘%(deal)s’") % {"deal": deal})[:200],
        location=activity.location or residency.host_partner.organisation.name,
        organiser=organiser,
        themes=list(deal.themes.all()),
        areas=list(deal.areas.all()),
        source_type=SIDE_ACTIVITY_SOURCE,
        source_id=str(activity.pk),
        source_url=_url("residence:residency-detail", pk=residency.pk),
    )
