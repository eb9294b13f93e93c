"""Kick-off, check-ins with their reminders, and the knelpunten register."""

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from atlas import services as atlas_services
from atlas.models import Event, Membership, SourceType
from reisgids.core.errors import ApplicationError
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, require_state, transition

from ..models import CheckIn, CheckInReminder, Deal, DealEvent, DealPartner, KickOffMoment, Knelpunt
from ..workflow import CHECKIN, KNELPUNT
from ._common import timeline_add

# --- Kick-off -------------------------------------------------------------------------------

# How a kick-off appears in the atlas agenda.
KICKOFF_SOURCE = SourceType.KICK_OFF
KICKOFF_EVENT_KIND = Event.Kind.KICK_OFF
# A kick-off is planned with a start only; its agenda entry lasts this long.
KICKOFF_HOURS = 2


@transaction.atomic
def deal_kickoff_plan(
    *, actor, deal: Deal, starts_at: datetime.datetime, location: str = ""
) -> Deal:
    """A kick-off for this deal alone."""
    deal = lock(deal)
    require(
        actor,
        "deals.manage_deal",
        deal,
        _("Alleen de aanjager van de deal of een netwerkmanager kan dit doen."),
    )
    require_state(
        deal,
        [Deal.Status.GESLOTEN, Deal.Status.LOPEND],
        _("Een kick-off volgt op het sluiten van de deal."),
    )
    deal.kickoff_at = starts_at
    deal.kickoff_location = (location or "").strip()
    deal.kickoff_moment = None
    deal.full_clean()
    deal.save()
    timeline_add(
        deal=deal,
        kind=DealEvent.Kind.KICKOFF,
        actor=actor,
        text=_("Kick-off gepland op %(d)s.")
        % {"d": timezone.localtime(starts_at).strftime("%d-%m-%Y %H:%M")},
    )
    _kickoff_to_agenda(actor, deal)
    audit_record(actor=actor, action="deal_kickoff_plan", target=deal)
    return deal


def _site_url(name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs or None)


def _kickoff_to_agenda(actor, deal: Deal):
    """The deal's own kick-off in the atlas agenda: created the first time, moved after that.
    Linked back by source type ``kick_off`` and the deal's id."""
    data = {
        "starts_at": deal.kickoff_at,
        "ends_at": deal.kickoff_at + datetime.timedelta(hours=KICKOFF_HOURS),
        "location": deal.kickoff_location or _("Locatie volgt"),
    }
    event = (
        atlas_selectors.event_list(actor=actor)
        .filter(source_type=KICKOFF_SOURCE, source_id=str(deal.pk), is_cancelled=False)
        .first()
    )
    if event is not None:
        return atlas_services.event_update(actor=actor, event=event, data=data)
    aanjager = next(
        (p.organisation for p in deal.partners.all() if p.role == DealPartner.Role.AANJAGER), None
    )
    own = (
        aanjager is not None
        and atlas_selectors.organisations_of(actor=actor).filter(pk=aanjager.pk).exists()
    )
    return atlas_services.event_create(
        actor=actor,
        title=(_("Kick-off: %(deal)s") % {"deal": deal})[:200],
        description=deal.summary,
        kind=KICKOFF_EVENT_KIND,
        organiser=aanjager if own else None,
        themes=list(deal.themes.all()),
        areas=list(deal.areas.all()),
        source_type=KICKOFF_SOURCE,
        source_id=str(deal.pk),
        source_url=_site_url("deals:deal-detail", pk=deal.pk),
        **data,
    )


@transaction.atomic
def kickoff_moment_schedule(
    *, actor, title: str, starts_at: datetime.datetime, location: str = "", description: str = ""
) -> KickOffMoment:
    """A collective kick-off: every deal closed since the previous moment and without a kick-off joins it."""
    require(
        actor,
        "deals.schedule_kickoff",
        None,
        _("Alleen een netwerkmanager plant een gezamenlijke kick-off."),
    )
    moment = KickOffMoment(
        title=(title or "").strip(),
        starts_at=starts_at,
        location=(location or "").strip(),
        description=(description or "").strip(),
        scheduled_by=actor,
    )
    moment.full_clean()
    moment.save()
    deals = Deal.objects.select_for_update().filter(
        closed_at__isnull=False, kickoff_at__isnull=True, kickoff_moment__isnull=True
    )
    for deal in deals:
        deal.kickoff_moment = moment
        deal.kickoff_at = starts_at
        deal.kickoff_location = moment.location
        deal.save(update_fields=["kickoff_moment", "kickoff_at", "kickoff_location", "updated_at"])
        timeline_add(
            deal=deal,
            kind=DealEvent.Kind.KICKOFF,
            actor=actor,
            text=_("Kick-off tijdens %(m)s.") % {"m": moment},
        )
    _kickoff_moment_to_agenda(actor, moment, list(deals))
    audit_record(actor=actor, action="kickoff_moment_schedule", target=moment)
    return moment


def _kickoff_moment_to_agenda(actor, moment: KickOffMoment, deals: list[Deal]):
    """A collective kick-off is one event in the atlas agenda, naming its deals and linking back
    to the deal register (source type ``kick_off``, id ``moment-<id>``)."""
    names = "\n".join(f"- {deal.title}" for deal in deals)
    description = moment.description or _("Gezamenlijke kick-off van de zorg- en welzijnsdeals.")
    if names:
        description = f"{description}\n\n{_('Deze deals gaan van start:')}\n{names}"
    return atlas_services.event_create(
        actor=actor,
        title=moment.title,
        description=description,
        kind=KICKOFF_EVENT_KIND,
        starts_at=moment.starts_at,
        ends_at=moment.starts_at + datetime.timedelta(hours=KICKOFF_HOURS),
        location=moment.location or _("Locatie volgt"),
        source_type=KICKOFF_SOURCE,
        source_id=f"moment-{moment.pk}",
        source_url=_site_url("deals:deal-list"),
    )


# --- Check-ins ------------------------------------------------------------------------------


def checkin_period(day: datetime.date | None = None) -> datetime.date:
    """First day of the check-in period that holds ``day`` (periods of N months, from January)."""
    day = day or timezone.localdate()
    months = settings.REISGIDS.get("DEAL_CHECKIN_MONTHS", 3)
    month = ((day.month - 1) // months) * months + 1
    return datetime.date(day.year, month, 1)


@transaction.atomic
def checkin_submit(
    *,
    actor,
    partner: DealPartner,
    status: str,
    note: str = "",
    values: dict | None = None,
    day=None,
) -> CheckIn:
    """One short screen per partner per period. Answering again in the same period replaces the answer."""
    partner = DealPartner.objects.select_related("organisation").get(pk=partner.pk)
    deal = lock(partner.deal)
    require(
        actor,
        "deals.act_for_partner",
        partner,
        _("Alleen leden van %(org)s vullen hun check-in in.") % {"org": partner.organisation},
    )
    require_state(deal, [Deal.Status.LOPEND], _("Check-ins horen bij een lopende deal."))
    if partner.status != DealPartner.Status.GEACCEPTEERD:
        raise ApplicationError(
            _("%(org)s doet (nog) niet mee aan deze deal.") % {"org": partner.organisation}
        )
    if status not in CheckIn.Status.values:
        raise ApplicationError(_("Kies: op koers, aandacht nodig of vastgelopen."))
    result_ids = {str(pk) for pk in deal.results.values_list("pk", flat=True)}
    clean_values = {}
    for key, value in (values or {}).items():
        if str(key) not in result_ids:
            raise ApplicationError(_("Deze indicator hoort niet bij de deal."))
        if value in (None, ""):
            continue
        try:
            clean_values[str(key)] = str(Decimal(str(value)))
        except InvalidOperation as exc:
            raise ApplicationError(_("Vul bij een indicator een getal in.")) from exc
    period = checkin_period(day)
    checkin = CheckIn.objects.filter(partner=partner, period=period).first() or CheckIn(
        partner=partner, period=period
    )
    is_new = checkin.pk is None
    checkin.note = (note or "").strip()
    checkin.values = clean_values
    checkin.submitted_by = actor
    if is_new:
        checkin.status = status
        checkin.full_clean()
        checkin.save()
        audit_record(
            actor=actor, action="checkin_submit", target=checkin, changes={"status": status}
        )
    else:  # answering again: the answer moves along the check-in's workflow
        transition(
            checkin,
            workflow=CHECKIN,
            to=status,
            actor=actor,
            action="checkin_submit",
            changes={"status": status},
        )
    if is_new:
        timeline_add(
            deal=deal,
            kind=DealEvent.Kind.CHECKIN,
            actor=actor,
            public=False,
            text=_("Check-in van %(org)s: %(s)s.")
            % {"org": partner.organisation, "s": checkin.get_status_display()},
        )
    return checkin


def checkin_reminders_send(*, day: datetime.date | None = None) -> int:
    """Remind every partner of a running deal that has not checked in this period. Idempotent:
    each partner is reminded once per period. Returns the number of partners reminded."""
    period = checkin_period(day)
    User = get_user_model()
    partners = (
        DealPartner.objects.filter(
            deal__status=Deal.Status.LOPEND,
            status=DealPartner.Status.GEACCEPTEERD,
            role__in=DealPartner.SIGNING_ROLES,
        )
        .exclude(checkins__period=period)
        .select_related("deal", "organisation")
    )
    reminded = 0
    for partner in partners:
        with transaction.atomic():
            reminder, created = CheckInReminder.objects.get_or_create(
                partner=partner, period=period
            )
            if not created:
                continue
            emails = list(
                User.objects.filter(
                    memberships__organisation_id=partner.organisation_id,
                    memberships__status=Membership.Status.GOEDGEKEURD,
                    is_active=True,
                )
                .values_list("email", flat=True)
                .distinct()
            )
            reminder.recipients = len(emails)
            reminder.save(update_fields=["recipients"])
            if emails:
                url = settings.SITE_URL.rstrip("/") + reverse(
                    "deals:checkin", kwargs={"pk": partner.deal_id}
                )
                transaction.on_commit(
                    lambda emails=emails, partner=partner, url=url: send_mail(
                        _("Hoe gaat het met de deal ‘%(deal)s’?") % {"deal": partner.deal},
                        _(
                            "Het is tijd voor de korte check-in van %(org)s: op koers, aandacht nodig of "
                            "vastgelopen, en een paar zinnen. Het kost twee minuten: %(url)s"
                        )
                        % {"org": partner.organisation, "url": url},
                        None,
                        emails,
                    )
                )
            reminded += 1
    return reminded


# --- Knelpunten -----------------------------------------------------------------------------


@transaction.atomic
def knelpunt_report(
    *, actor, partner: DealPartner, category: str, title: str, description: str, effect: str
) -> Knelpunt:
    partner = DealPartner.objects.select_related("organisation").get(pk=partner.pk)
    deal = lock(partner.deal)
    require(
        actor,
        "deals.act_for_partner",
        partner,
        _("Alleen leden van een partner melden een knelpunt namens die partner."),
    )
    if partner.status != DealPartner.Status.GEACCEPTEERD:
        raise ApplicationError(
            _("%(org)s doet (nog) niet mee aan deze deal.") % {"org": partner.organisation}
        )
    require_state(
        deal,
        [*Deal.ACTIVE, Deal.Status.GEPAUZEERD],
        _("De deal is beëindigd; meld geen knelpunten meer."),
    )
    knelpunt = Knelpunt(
        deal=deal,
        partner=partner,
        category=category,
        title=(title or "").strip(),
        description=(description or "").strip(),
        effect=(effect or "").strip(),
        reported_by=actor,
    )
    knelpunt.full_clean()
    knelpunt.save()
    timeline_add(
        deal=deal,
        kind=DealEvent.Kind.KNELPUNT,
        actor=actor,
        public=False,
        text=_("Knelpunt gemeld: %(t)s") % {"t": knelpunt.title},
    )
    audit_record(
        actor=actor, action="knelpunt_report", target=knelpunt, changes={"category": category}
    )
    return knelpunt


def _knelpunt_move(actor, knelpunt, to, note, perm, text, action):
    """Move a knelpunt along an edge of its workflow; a step the table lacks is refused."""
    knelpunt = lock(knelpunt, select_related=("deal",))
    require(actor, perm, knelpunt, _("U kunt de status van dit knelpunt niet wijzigen."))
    knelpunt.resolution = (note or "").strip() or knelpunt.resolution
    knelpunt.handled_by = actor
    if to == Knelpunt.Status.KOMPAS:
        knelpunt.forwarded_at = timezone.now()
    transition(
        knelpunt,
        workflow=KNELPUNT,
        to=to,
        actor=actor,
        action=action,
        changes={"status": to},
    )
    timeline_add(
        deal=knelpunt.deal,
        kind=DealEvent.Kind.KNELPUNT,
        actor=actor,
        public=False,
        text=text % {"t": knelpunt},
    )
    return knelpunt


@transaction.atomic
def knelpunt_take_up(*, actor, knelpunt: Knelpunt, note: str = "") -> Knelpunt:
    return _knelpunt_move(
        actor,
        knelpunt,
        Knelpunt.Status.IN_BEHANDELING,
        note,
        "deals.handle_knelpunt",
        _("Knelpunt in behandeling: %(t)s"),
        "knelpunt_take_up",
    )


@transaction.atomic
def knelpunt_resolve(*, actor, knelpunt: Knelpunt, note: str) -> Knelpunt:
    if not (note or "").strip():
        raise ApplicationError(_("Beschrijf hoe het knelpunt is opgelost."))
    return _knelpunt_move(
        actor,
        knelpunt,
        Knelpunt.Status.OPGELOST,
        note,
        "deals.handle_knelpunt",
        _("Knelpunt opgelost: %(t)s"),
        "knelpunt_resolve",
    )


@transaction.atomic
def knelpunt_forward(*, actor, knelpunt: Knelpunt, note: str = "") -> Knelpunt:
    """Not solvable within the deal: it goes to the kompas, which reads it for the next edition."""
    return _knelpunt_move(
        actor,
        knelpunt,
        Knelpunt.Status.KOMPAS,
        note,
        "deals.forward_knelpunt",
        _("Knelpunt doorgezet naar het kompas: %(t)s"),
        "knelpunt_forward",
    )
