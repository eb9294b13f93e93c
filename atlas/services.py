"""Writes of the atlas. Every write checks permission, runs atomically and is audited."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.services import audit_record

from .models import Membership, Organisation


@transaction.atomic
def membership_request(*, actor, organisation: Organisation, motivation: str = "") -> Membership:
    if not actor.has_perm("atlas.request_membership"):
        raise NotAllowed(_("Log in om lid te worden van een organisatie."))
    if organisation.is_archived:
        raise ApplicationError(_("Deze organisatie is gearchiveerd; lid worden kan niet meer."))
    existing = Membership.objects.filter(
        user=actor,
        organisation=organisation,
        status__in=[Membership.Status.AANGEVRAAGD, Membership.Status.GOEDGEKEURD],
    ).first()
    if existing is not None:
        if existing.status == Membership.Status.GOEDGEKEURD:
            raise ApplicationError(_("U bent al lid van %(org)s.") % {"org": organisation})
        raise ApplicationError(_("Uw aanvraag voor %(org)s wacht al op een besluit.") % {"org": organisation})
    membership = Membership(user=actor, organisation=organisation, motivation=(motivation or "").strip())
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:  # a concurrent request for the same pair
        raise Conflict(_("Uw aanvraag voor %(org)s wacht al op een besluit.") % {"org": organisation}) from exc
    audit_record(actor=actor, action="membership_request", target=membership)
    return membership


def _locked(membership: Membership) -> Membership:
    return Membership.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)


@transaction.atomic
def membership_approve(*, actor, membership: Membership, role: str = Membership.Role.LID, note: str = "") -> Membership:
    membership = _locked(membership)
    if not actor.has_perm("atlas.decide_membership", membership):
        raise NotAllowed(_("Alleen een beheerder van de organisatie of een netwerkmanager kan dit besluiten."))
    if membership.status != Membership.Status.AANGEVRAAGD:
        raise Conflict(
            _("Over deze aanvraag is al besloten (status: %(status)s).") % {"status": membership.get_status_display()}
        )
    if membership.user_id == actor.pk and not actor.has_perm("core.manage_roles"):
        raise NotAllowed(_("U kunt uw eigen aanvraag niet goedkeuren."))
    if role not in Membership.Role.values:
        raise ApplicationError(_("Onbekende rol."))
    membership.status = Membership.Status.GOEDGEKEURD
    membership.role = role
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.decision_note = (note or "").strip()
    membership.full_clean()
    membership.save()
    audit_record(actor=actor, action="membership_approve", target=membership, changes={"role": role})
    return membership


@transaction.atomic
def membership_reject(*, actor, membership: Membership, note: str = "") -> Membership:
    membership = _locked(membership)
    if not actor.has_perm("atlas.decide_membership", membership):
        raise NotAllowed(_("Alleen een beheerder van de organisatie of een netwerkmanager kan dit besluiten."))
    if membership.status != Membership.Status.AANGEVRAAGD:
        raise Conflict(
            _("Over deze aanvraag is al besloten (status: %(status)s).") % {"status": membership.get_status_display()}
        )
    membership.status = Membership.Status.AFGEWEZEN
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.decision_note = (note or "").strip()
    membership.full_clean()
    membership.save()
    audit_record(actor=actor, action="membership_reject", target=membership, changes={"note": membership.decision_note})
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership) -> Membership:
    """The member leaves, or an approver ends the membership. The record stays."""
    membership = _locked(membership)
    if not actor.has_perm("atlas.end_membership", membership):
        raise NotAllowed(_("U kunt dit lidmaatschap niet beëindigen."))
    if membership.status not in (Membership.Status.AANGEVRAAGD, Membership.Status.GOEDGEKEURD):
        raise Conflict(_("Dit lidmaatschap is al afgesloten."))
    if membership.role == Membership.Role.BEHEERDER and membership.status == Membership.Status.GOEDGEKEURD:
        other_admins = Membership.objects.filter(
            organisation=membership.organisation,
            role=Membership.Role.BEHEERDER,
            status=Membership.Status.GOEDGEKEURD,
        ).exclude(pk=membership.pk)
        if not other_admins.exists() and membership.user_id == actor.pk:
            raise ApplicationError(
                _("U bent de laatste beheerder van %(org)s. Maak eerst iemand anders beheerder.")
                % {"org": membership.organisation}
            )
    membership.status = Membership.Status.BEEINDIGD
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.full_clean()
    membership.save()
    audit_record(actor=actor, action="membership_end", target=membership)
    return membership
