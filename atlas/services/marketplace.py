"""Vraag en aanbod. Listings belong to organisations; a response is a contact request that reaches
the poster in the platform and by e-mail. Expired listings leave the public list (beat)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.services import audit_record
from reisgids.core.workflow import require, require_state, transition

from ..models import Listing, ListingResponse, Membership
from ..workflow import LISTING
from .common import clean_text, validate
from .notifications import notify, notify_followers


@transaction.atomic
def listing_create(
    *,
    actor,
    organisation,
    kind: str,
    category: str,
    title: str,
    description: str,
    expires_on,
    themes=(),
    areas=(),
    citywide: bool = False,
) -> Listing:
    if not actor.has_perm("atlas.post_listing", organisation):
        raise NotAllowed(_("Vraag en aanbod plaatst u namens een organisatie waar u lid van bent."))
    if organisation.is_archived:
        raise ApplicationError(_("Deze organisatie is gearchiveerd."))
    if expires_on is None or expires_on < timezone.localdate():
        raise ApplicationError(_("Kies een datum vanaf vandaag tot wanneer dit geldt."))
    listing = Listing(
        organisation=organisation,
        posted_by=actor,
        kind=kind,
        category=category,
        title=clean_text(title, required=True, label=_("de titel"), max_length=200),
        description=clean_text(description, required=True, label=_("de omschrijving")),
        expires_on=expires_on,
        citywide=bool(citywide),
    )
    validate(listing)
    listing.save()
    listing.themes.set(themes)
    listing.areas.set(areas)
    audit_record(
        actor=actor,
        action="listing_create",
        target=listing,
        changes={"kind": kind, "category": category},
    )
    notify_followers(
        organisation=organisation,
        themes=list(listing.themes.all()),
        areas=list(listing.areas.all()),
        text=_("%(kind)s van %(org)s: %(title)s")
        % {"kind": listing.get_kind_display(), "org": organisation, "title": listing.title},
        url=listing.get_absolute_url(),
        key=f"listing-{listing.pk}",
        exclude_user_id=actor.pk,
    )
    return listing


def _locked(listing: Listing) -> Listing:
    return (
        Listing.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=listing.pk)
    )


def _close(*, actor, listing: Listing, status: str, action: str) -> Listing:
    listing = _locked(listing)
    require(
        actor,
        "atlas.manage_listing",
        listing,
        _("Alleen leden van %(org)s kunnen dit afsluiten.") % {"org": listing.organisation},
    )
    require_state(
        listing,
        LISTING.sources(status),
        _("Dit staat niet meer open (status: %(s)s).") % {"s": listing.get_status_display()},
    )
    listing.closed_at = timezone.now()
    return transition(listing, workflow=LISTING, to=status, actor=actor, action=action)


@transaction.atomic
def listing_fulfil(*, actor, listing: Listing) -> Listing:
    return _close(
        actor=actor, listing=listing, status=Listing.Status.VERVULD, action="listing_fulfil"
    )


@transaction.atomic
def listing_withdraw(*, actor, listing: Listing) -> Listing:
    return _close(
        actor=actor, listing=listing, status=Listing.Status.INGETROKKEN, action="listing_withdraw"
    )


@transaction.atomic
def listing_respond(*, actor, listing: Listing, message: str, organisation=None) -> ListingResponse:
    """A contact request with a message. The poster sees it in the platform and gets an e-mail."""
    listing = _locked(listing)
    if not actor.has_perm("atlas.respond_listing", listing):
        if actor.is_authenticated:
            raise NotAllowed(_("U kunt niet reageren op vraag of aanbod van uw eigen organisatie."))
        raise NotAllowed(_("Log in om te reageren."))
    if listing.status != Listing.Status.OPEN or listing.expires_on < timezone.localdate():
        raise Conflict(_("Hierop kunt u niet meer reageren."))
    if (
        organisation is not None
        and not organisation.memberships.filter(
            user=actor, status=Membership.Status.GOEDGEKEURD
        ).exists()
    ):
        raise NotAllowed(_("U kunt alleen reageren namens een organisatie waar u lid van bent."))
    response = ListingResponse(
        listing=listing,
        responder=actor,
        organisation=organisation,
        message=clean_text(message, required=True, label=_("uw bericht"), max_length=4000),
    )
    validate(response)
    response.save()
    audit_record(
        actor=actor, action="listing_respond", target=listing, changes={"response": response.pk}
    )
    notify(
        user_ids=[listing.posted_by_id],
        text=_("%(name)s reageert op '%(title)s'") % {"name": actor, "title": listing.title},
        url=listing.get_absolute_url() + f"#reactie-{response.pk}",
        key=f"listing-response-{response.pk}",
        exclude_user_id=actor.pk,
    )
    from ..tasks import listing_response_mail_send as task

    transaction.on_commit(lambda pk=response.pk: task.delay(pk))
    return response


def listing_response_mail_send(*, response_id: int) -> bool:
    """Mail the poster about a response. Idempotent: a response is mailed once."""
    with transaction.atomic():
        response = (
            ListingResponse.objects.select_for_update(of=("self",))
            .select_related(
                "listing__posted_by", "listing__organisation", "responder", "organisation"
            )
            .filter(pk=response_id, emailed_at__isnull=True)
            .first()
        )
        if response is None:
            return False
        listing = response.listing
        link = settings.SITE_URL.rstrip("/") + listing.get_absolute_url()
        on_behalf = (
            _(" namens %(org)s") % {"org": response.organisation} if response.organisation else ""
        )
        body = "\n".join(
            [
                _("%(name)s%(on_behalf)s reageert op uw %(kind)s '%(title)s':")
                % {
                    "name": response.responder,
                    "on_behalf": on_behalf,
                    "kind": listing.get_kind_display().lower(),
                    "title": listing.title,
                },
                "",
                response.message,
                "",
                _("Antwoorden kan via e-mail: %(email)s") % {"email": response.responder.email},
                _("Bekijk het in de reisgids: %(link)s") % {"link": link},
            ]
        )
        send_mail(
            _("Reactie op '%(title)s'") % {"title": listing.title},
            body,
            None,
            [listing.posted_by.email],
            fail_silently=False,
        )
        response.emailed_at = timezone.now()
        response.save(update_fields=["emailed_at", "updated_at"])
    return True


def listings_expire(*, today=None) -> int:
    """Open listings past their date become 'verlopen' and leave the public list. Idempotent."""
    today = today or timezone.localdate()
    expired = 0
    for pk in list(
        Listing.objects.filter(status=Listing.Status.OPEN, expires_on__lt=today).values_list(
            "pk", flat=True
        )
    ):
        with transaction.atomic():
            listing = (
                Listing.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=Listing.Status.OPEN, expires_on__lt=today)
                .first()
            )
            if listing is None:
                continue
            listing.closed_at = timezone.now()
            transition(
                listing,
                workflow=LISTING,
                to=Listing.Status.VERLOPEN,
                actor=None,
                action="listing_expire",
            )
            notify(
                user_ids=[listing.posted_by_id],
                text=_("'%(title)s' is verlopen en staat niet meer in vraag en aanbod.")
                % {"title": listing.title},
                url=listing.get_absolute_url(),
                key=f"listing-expired-{listing.pk}",
            )
            expired += 1
    return expired
