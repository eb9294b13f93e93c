"""Openings: 'partner in residence gezocht' or 'aangeboden', each also a listing in vraag en
aanbod of the atlas."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from atlas import services as atlas_services
from atlas.models import Listing
from reisgids.core.errors import ApplicationError, NotAllowed
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, transition

from ..models import Opening
from ..permissions import ACCEPTED
from ..workflow import OPENING
from ._common import _clean_text, _setting, _url

# Openings in vraag en aanbod of the atlas (``atlas.models.Listing.Kind`` and ``.Category``).
OPENING_LISTING_KINDS = {"gezocht": "vraag", "aangeboden": "aanbod"}
OPENING_LISTING_CATEGORY = "partner_in_residence"


@transaction.atomic
def opening_post(
    *,
    actor,
    kind: str,
    organisation,
    title: str,
    description: str,
    skills: str = "",
    hours_per_week: int | None = None,
    deal=None,
) -> Opening:
    """'Partner in residence gezocht' (a host) or 'aangeboden' (a person offers), on behalf of an
    organisation the actor belongs to."""
    require(actor, "residence.post_opening", None, _("Log in om een oproep te plaatsen."))
    if (
        organisation is None
        or not atlas_selectors.organisations_of(actor=actor).filter(pk=organisation.pk).exists()
    ):
        raise NotAllowed(
            _("U kunt alleen een oproep plaatsen namens een organisatie waarvan u lid bent.")
        )
    if deal is not None and not any(
        p.organisation_id == organisation.pk and p.status == ACCEPTED for p in deal.partners.all()
    ):
        raise ApplicationError(_("%(org)s doet niet mee aan deze deal.") % {"org": organisation})
    opening = Opening(
        kind=kind,
        organisation=organisation,
        deal=deal,
        title=_clean_text(title),
        description=_clean_text(description),
        skills=_clean_text(skills),
        hours_per_week=hours_per_week,
        posted_by=actor,
    )
    opening.full_clean()
    opening.save()
    opening.listing = _opening_to_marketplace(actor, opening)
    opening.save(update_fields=["listing", "updated_at"])
    audit_record(actor=actor, action="opening_post", target=opening, changes={"kind": kind})
    return opening


def _opening_to_marketplace(actor, opening: Opening):
    """The opening as a listing in vraag en aanbod: gezocht is a vraag, aangeboden an aanbod. It
    stays there ``RESIDENCE_OPENING_DAYS`` days unless the opening closes first."""
    details = [opening.description]
    if opening.skills:
        details.append(_("Vaardigheden en achtergrond: %(s)s") % {"s": opening.skills})
    if opening.hours_per_week:
        details.append(_("Uren per week: %(n)s") % {"n": opening.hours_per_week})
    if opening.deal is not None:
        details.append(
            _("Voor de deal ‘%(deal)s’: %(url)s")
            % {"deal": opening.deal, "url": _url("deals:deal-detail", pk=opening.deal_id)}
        )
    deal = opening.deal
    return atlas_services.listing_create(
        actor=actor,
        organisation=opening.organisation,
        kind=OPENING_LISTING_KINDS[opening.kind],
        category=OPENING_LISTING_CATEGORY,
        title=opening.title,
        description="\n\n".join(details),
        expires_on=timezone.localdate()
        + datetime.timedelta(days=_setting("RESIDENCE_OPENING_DAYS", 90)),
        themes=list(deal.themes.all()) if deal is not None else (),
        areas=list(deal.areas.all()) if deal is not None else (),
        citywide=bool(deal is not None and deal.citywide),
    )


@transaction.atomic
def opening_close(*, actor, opening: Opening) -> Opening:
    opening = lock(opening, select_related=["listing"])
    require(
        actor,
        "residence.close_opening",
        opening,
        _("Alleen wie de oproep plaatste kan hem sluiten."),
    )
    transition(
        opening, workflow=OPENING, to=Opening.Status.GESLOTEN, actor=actor, action="opening_close"
    )
    if opening.listing_id and opening.listing.status == Listing.Status.OPEN:
        atlas_services.listing_withdraw(actor=actor, listing=opening.listing)
    return opening
