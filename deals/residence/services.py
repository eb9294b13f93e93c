"""Writes of the partner in residence. Every write checks permission, runs atomically and is audited.

The deal itself changes only through ``deals.services``: pausing (the handbrake), resuming once
every partner agreed, the timeline and the knelpunten register.
"""

import datetime

from django.conf import settings
from django.core.mail import get_connection, send_mail, send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from atlas import services as atlas_services
from deals import services as deal_services
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.services import audit_record

from .models import (
    Action,
    Handbrake,
    LogEntry,
    Meeting,
    Opening,
    Reflection,
    Residency,
    ResumeAgreement,
    SideActivity,
    Signal,
    SignalResponse,
)
from .permissions import ACCEPTED
from .selectors import (
    SIDE_ACTIVITY_SOURCE,
    deal_partner_member_emails,
    partners_of_actor,
    responding_partners,
)

ENDED_DEAL = ("afgerond", "gestopt")
TIMELINE_KIND = "anders"
# How residence appears as a source in the atlas (``atlas.models.SourceType``).
LESSON_SOURCE = "residentie"
LESSON_KIND = "samenwerking"
# A side activity has a start only; its agenda entry lasts this long.
SIDE_ACTIVITY_HOURS = 2
# Side activity kinds as kinds of atlas events (``atlas.models.Event.Kind``).
SIDE_ACTIVITY_EVENT_KINDS = {"workshop": "workshop", "training": "training"}
# Openings in vraag en aanbod of the atlas (``atlas.models.Listing.Kind`` and ``.Category``).
OPENING_LISTING_KINDS = {"gezocht": "vraag", "aangeboden": "aanbod"}
OPENING_LISTING_CATEGORY = "partner_in_residence"


def _setting(name: str, default):
    return settings.REISGIDS.get(name, default)


def _require(actor, perm: str, obj, message: str) -> None:
    if not actor.has_perm(perm, obj):
        raise NotAllowed(message)


def _lock_residency(residency: Residency) -> Residency:
    return (
        Residency.objects.select_for_update(of=("self",))
        .select_related(
            "deal", "person", "sending_partner__organisation", "host_partner__organisation"
        )
        .get(pk=residency.pk)
    )


def _timeline(residency: Residency, actor, text: str) -> None:
    deal_services.timeline_add(
        deal=residency.deal, kind=TIMELINE_KIND, actor=actor, text=text, public=False
    )


def _url(name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def _clean_text(value) -> str:
    return (value or "").strip()


# --- The residency ---------------------------------------------------------------------------


@transaction.atomic
def residency_propose(
    *,
    actor,
    deal,
    person,
    sending_partner,
    host_partner,
    start_date: datetime.date,
    end_date: datetime.date,
    hours_per_week: int | None = None,
    functions=(),
    tasks: str = "",
    learning_questions: str = "",
    meeting_rhythm_weeks: int = 6,
) -> Residency:
    """Propose a partner in residence. It starts when the sending and the host partner confirmed."""
    _require(
        actor,
        "residence.propose_residency",
        deal,
        _(
            "Alleen partners van de deal of een netwerkmanager kunnen een partner in residence voorstellen."
        ),
    )
    if deal.status in ENDED_DEAL:
        raise Conflict(_("De deal is beëindigd; er komt geen partner in residence meer bij."))
    partners = {p.pk: p for p in deal.partners.all() if p.status == ACCEPTED}
    if sending_partner is None or host_partner is None:
        raise ApplicationError(_("Kies namens welke partner en op locatie van welke partner."))
    if sending_partner.pk not in partners or host_partner.pk not in partners:
        raise ApplicationError(_("Beide partners moeten meedoen aan deze deal."))
    if sending_partner.pk == host_partner.pk:
        raise ApplicationError(
            _(
                "Een partner in residence werkt namens de ene partner op locatie van een andere partner."
            )
        )
    sending_partner = partners[sending_partner.pk]
    if person is None or not (
        atlas_selectors.organisations_of(actor=person)
        .filter(pk=sending_partner.organisation_id)
        .exists()
    ):
        raise ApplicationError(
            _("De partner in residence moet lid zijn van %(org)s, namens wie hij of zij werkt.")
            % {"org": sending_partner.organisation}
        )
    residency = Residency(
        deal=deal,
        person=person,
        sending_partner=sending_partner,
        host_partner=partners[host_partner.pk],
        start_date=start_date,
        end_date=end_date,
        hours_per_week=hours_per_week,
        functions=list(dict.fromkeys(functions or [])),
        tasks=_clean_text(tasks),
        learning_questions=_clean_text(learning_questions),
        meeting_rhythm_weeks=meeting_rhythm_weeks,
        proposed_by=actor,
    )
    residency.full_clean()
    residency.save()
    _timeline(
        residency,
        actor,
        _("%(person)s voorgesteld als partner in residence namens %(a)s bij %(b)s.")
        % {
            "person": person,
            "a": residency.sending_partner.organisation,
            "b": residency.host_partner.organisation,
        },
    )
    audit_record(
        actor=actor,
        action="residency_propose",
        target=residency,
        changes={"sending_partner": sending_partner.pk, "host_partner": host_partner.pk},
    )
    return residency


@transaction.atomic
def residency_confirm(*, actor, residency: Residency) -> Residency:
    """The sending and the host partner each confirm (an organisation beheerder). The actor
    confirms every side they may; when both confirmed, the residency is active."""
    residency = _lock_residency(residency)
    as_sender = actor.has_perm("residence.confirm_as_sender", residency)
    as_host = actor.has_perm("residence.confirm_as_host", residency)
    if not (as_sender or as_host):
        raise NotAllowed(
            _("Alleen een beheerder van de zendende of de ontvangende partner kan bevestigen.")
        )
    if residency.status != Residency.Status.VOORGESTELD:
        raise Conflict(_("Deze partner in residence is al bevestigd."))
    now = timezone.now()
    confirmed = []
    if as_sender and residency.sending_confirmed_at is None:
        residency.sending_confirmed_at, residency.sending_confirmed_by = now, actor
        confirmed.append("sender")
    if as_host and residency.host_confirmed_at is None:
        residency.host_confirmed_at, residency.host_confirmed_by = now, actor
        confirmed.append("host")
    if not confirmed:
        raise Conflict(_("U heeft al bevestigd; de andere partner nog niet."))
    if residency.sending_confirmed_at and residency.host_confirmed_at:
        residency.status = Residency.Status.ACTIEF
        _timeline(
            residency, actor, _("Partner in residence %(p)s is gestart.") % {"p": residency.person}
        )
    residency.full_clean()
    residency.save()
    audit_record(
        actor=actor, action="residency_confirm", target=residency, changes={"confirmed": confirmed}
    )
    return residency


@transaction.atomic
def residency_end(*, actor, residency: Residency) -> Residency:
    residency = _lock_residency(residency)
    _require(
        actor,
        "residence.end_residency",
        residency,
        _("U kunt deze partner in residence niet beëindigen."),
    )
    if residency.status != Residency.Status.ACTIEF:
        raise Conflict(_("Alleen een actieve partner in residence kan worden afgerond."))
    residency.status = Residency.Status.AFGEROND
    residency.full_clean()
    residency.save()
    _timeline(
        residency, actor, _("Partner in residence %(p)s is afgerond.") % {"p": residency.person}
    )
    audit_record(actor=actor, action="residency_end", target=residency)
    return residency


# --- Openings ----------------------------------------------------------------------------------


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
    _require(actor, "residence.post_opening", None, _("Log in om een oproep te plaatsen."))
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
    opening = (
        Opening.objects.select_for_update(of=("self",)).select_related("listing").get(pk=opening.pk)
    )
    _require(
        actor,
        "residence.close_opening",
        opening,
        _("Alleen wie de oproep plaatste kan hem sluiten."),
    )
    if opening.status != Opening.Status.OPEN:
        raise Conflict(_("Deze oproep is al gesloten."))
    opening.status = Opening.Status.GESLOTEN
    opening.full_clean()
    opening.save()
    if opening.listing_id and opening.listing.status == "open":
        atlas_services.listing_withdraw(actor=actor, listing=opening.listing)
    audit_record(actor=actor, action="opening_close", target=opening)
    return opening


# --- Logbook, meetings, actions ------------------------------------------------------------------


@transaction.atomic
def log_entry_create(
    *, actor, residency: Residency, text: str, kind: str = "observatie", date=None
) -> LogEntry:
    _require(
        actor,
        "residence.write_logbook",
        residency,
        _(
            "Alleen de partner in residence schrijft in het logboek, zolang de residentie actief is."
        ),
    )
    entry = LogEntry(
        residency=residency,
        author=actor,
        kind=kind,
        date=date or timezone.localdate(),
        text=_clean_text(text),
    )
    entry.full_clean()
    entry.save()
    audit_record(actor=actor, action="log_entry_create", target=entry)
    return entry


@transaction.atomic
def meeting_plan(
    *, actor, residency: Residency, starts_at: datetime.datetime, agenda: str, location: str = ""
) -> Meeting:
    _require(
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
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("residency__deal")
        .get(pk=meeting.pk)
    )
    _require(
        actor,
        "residence.view_work",
        meeting.residency,
        _("U kunt het verslag van dit overleg niet vastleggen."),
    )
    if meeting.status != Meeting.Status.GEPLAND:
        raise Conflict(_("Het verslag van dit overleg is al vastgelegd."))
    notes = _clean_text(notes)
    if not notes:
        raise ApplicationError(_("Schrijf kort op wat er besproken en besloten is."))
    meeting.notes = notes
    meeting.status = Meeting.Status.GEHOUDEN
    meeting.full_clean()
    meeting.save()
    audit_record(actor=actor, action="meeting_record", target=meeting)
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
    _require(
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
    action = (
        Action.objects.select_for_update(of=("self",))
        .select_related("meeting__residency__deal")
        .get(pk=action.pk)
    )
    _require(
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


# --- Signals -------------------------------------------------------------------------------------


def _lock_signal(signal: Signal) -> Signal:
    return (
        Signal.objects.select_for_update(of=("self",))
        .select_related("residency__deal")
        .get(pk=signal.pk)
    )


@transaction.atomic
def signal_raise(*, actor, residency: Residency, title: str, description: str) -> Signal:
    residency = _lock_residency(
        residency
    )  # only while it is active, also when it ends at this moment
    _require(
        actor,
        "residence.raise_signal",
        residency,
        _("Alleen de partner in residence brengt een signaal in."),
    )
    signal = Signal(
        residency=residency,
        title=_clean_text(title),
        description=_clean_text(description),
        raised_by=actor,
    )
    signal.full_clean()
    signal.save()
    _timeline(
        residency, actor, _("Signaal van de partner in residence: %(t)s") % {"t": signal.title}
    )
    audit_record(actor=actor, action="signal_raise", target=signal)
    return signal


@transaction.atomic
def signal_respond(
    *, actor, signal: Signal, partner, text: str, closure: str = ""
) -> SignalResponse:
    """A partner responds, and says whether it considers the signal solved or to be escalated.
    Responding again replaces the partner's earlier response."""
    signal = _lock_signal(signal)
    _require(
        actor, "residence.act_for_partner", partner, _("U kunt niet namens deze partner reageren.")
    )
    if partner.pk not in {p.pk for p in responding_partners(deal=signal.residency.deal)}:
        raise ApplicationError(_("Deze partner hoort niet bij de deal."))
    if signal.status in Signal.CLOSED:
        raise Conflict(_("Dit signaal is al %(s)s.") % {"s": signal.get_status_display().lower()})
    if closure not in SignalResponse.Closure.values:
        raise ApplicationError(_("Kies: nog niet afsluiten, opgelost of escaleren."))
    response = SignalResponse.objects.filter(
        signal=signal, partner=partner
    ).first() or SignalResponse(signal=signal, partner=partner)
    response.text = _clean_text(text)
    response.closure = closure
    response.responder = actor
    response.full_clean()
    response.save()
    if signal.status == Signal.Status.OPEN:
        signal.status = Signal.Status.IN_BEHANDELING
        signal.full_clean()
        signal.save()
    audit_record(
        actor=actor,
        action="signal_respond",
        target=signal,
        changes={"partner": partner.pk, "closure": closure},
    )
    return response


@transaction.atomic
def signal_close(*, actor, signal: Signal, outcome: str) -> Signal:
    """Close a signal as solved or escalated. Raised problems are handled jointly: only when every
    partner of the deal said so in its response; one partner alone cannot close it."""
    signal = _lock_signal(signal)
    residency = signal.residency
    _require(actor, "residence.view_work", residency, _("U kunt dit signaal niet afsluiten."))
    if outcome not in Signal.CLOSED:
        raise ApplicationError(_("Kies: opgelost of geëscaleerd."))
    if signal.status in Signal.CLOSED:
        raise Conflict(_("Dit signaal is al %(s)s.") % {"s": signal.get_status_display().lower()})
    votes = dict(SignalResponse.objects.filter(signal=signal).values_list("partner_id", "closure"))
    missing = [
        p.organisation.name
        for p in responding_partners(deal=residency.deal)
        if votes.get(p.pk) != outcome
    ]
    if missing:
        raise ApplicationError(
            _("Een signaal sluit u samen af. Nog niet akkoord: %(orgs)s.")
            % {"orgs": ", ".join(missing)}
        )
    signal.status = outcome
    signal.closed_at = timezone.now()
    signal.full_clean()
    signal.save()
    _timeline(
        residency,
        actor,
        _("Signaal %(s)s: %(t)s") % {"s": signal.get_status_display().lower(), "t": signal},
    )
    audit_record(actor=actor, action="signal_close", target=signal, changes={"status": outcome})
    return signal


@transaction.atomic
def signal_to_register(*, actor, signal: Signal, effect: str, category: str = "anders") -> Signal:
    """Pass the signal to the deal's knelpunten register (and from there, to the kompas)."""
    signal = _lock_signal(signal)
    residency = signal.residency
    _require(actor, "residence.view_work", residency, _("U kunt dit signaal niet doorzetten."))
    if signal.knelpunt_id:
        raise Conflict(_("Dit signaal staat al in het knelpuntenregister."))
    own = partners_of_actor(actor=actor, deal=residency.deal)
    if not own:
        raise NotAllowed(_("Alleen iemand van een partner van de deal zet een signaal door."))
    sending = next((p for p in own if p.pk == residency.sending_partner_id), own[0])
    knelpunt = deal_services.knelpunt_report(
        actor=actor,
        partner=sending,
        category=category,
        title=signal.title,
        description=signal.description,
        effect=_clean_text(effect) or _("Gesignaleerd door de partner in residence."),
    )
    signal.knelpunt = knelpunt
    signal.full_clean()
    signal.save()
    audit_record(
        actor=actor, action="signal_to_register", target=signal, changes={"knelpunt": knelpunt.pk}
    )
    return signal


# --- The handbrake -------------------------------------------------------------------------------


@transaction.atomic
def handbrake_pull(*, actor, residency: Residency, reason: str) -> Handbrake:
    """Pause the deal with a reason; every partner is e-mailed at once when the pause is committed."""
    residency = _lock_residency(residency)
    _require(
        actor,
        "residence.pull_handbrake",
        residency,
        _("Alleen een actieve partner in residence kan aan de handrem trekken."),
    )
    reason = _clean_text(reason)
    if not reason:
        raise ApplicationError(_("Leg kort uit waarom u aan de handrem trekt."))
    if Handbrake.objects.filter(
        deal_id=residency.deal_id, status=Handbrake.Status.AANGETROKKEN
    ).exists():
        raise Conflict(_("De handrem van deze deal is al aangetrokken."))
    deal_services.deal_pause(actor=actor, deal=residency.deal, reason=reason)
    handbrake = Handbrake(
        residency=residency, deal_id=residency.deal_id, reason=reason, pulled_by=actor
    )
    handbrake.full_clean()
    try:
        with transaction.atomic():
            handbrake.save()
    except IntegrityError as exc:
        raise Conflict(_("De handrem van deze deal is al aangetrokken.")) from exc
    audit_record(actor=actor, action="handbrake_pull", target=handbrake, changes={"reason": reason})
    from .tasks import handbrake_notify

    transaction.on_commit(lambda pk=handbrake.pk: handbrake_notify.delay(pk))
    return handbrake


def handbrake_notify_send(*, handbrake_id: int) -> int:
    """E-mail every member of every partner of the deal at once. Idempotent: a handbrake is
    announced once. Returns the number of recipients."""
    with transaction.atomic():
        handbrake = (
            Handbrake.objects.select_for_update(of=("self",))
            .select_related("deal", "residency__person")
            .filter(pk=handbrake_id)
            .first()
        )
        if handbrake is None or handbrake.notified_at is not None:
            return 0
        emails = deal_partner_member_emails(deal=handbrake.deal)
        handbrake.notified_at = timezone.now()
        handbrake.save(update_fields=["notified_at", "updated_at"])
        subject = _("Handrem: de deal ‘%(deal)s’ is gepauzeerd") % {"deal": handbrake.deal}
        body = _(
            "%(person)s, partner in residence, heeft aan de handrem getrokken. De deal ligt stil tot alle "
            "partners akkoord zijn om verder te gaan.\n\nReden: %(reason)s\n\nGeef hier uw akkoord of "
            "bespreek het eerst: %(url)s"
        ) % {
            "person": handbrake.residency.person,
            "reason": handbrake.reason,
            "url": _url("residence:residency-detail", pk=handbrake.residency_id),
        }
        send_mass_mail(
            [(subject, body, None, [email]) for email in emails],
            fail_silently=False,
            connection=get_connection(),
        )
    return len(emails)


def _all_agreed(handbrake: Handbrake) -> bool:
    agreed = set(handbrake.agreements.values_list("partner_id", flat=True))
    return all(p.pk in agreed for p in responding_partners(deal=handbrake.deal))


def _release(actor, handbrake: Handbrake) -> Handbrake:
    if handbrake.deal.status == "gepauzeerd":
        deal_services.deal_resume_jointly(
            actor=actor,
            deal=handbrake.deal,
            agreed_partner_ids=list(handbrake.agreements.values_list("partner_id", flat=True)),
        )
    handbrake.status = Handbrake.Status.LOSGELATEN
    handbrake.released_at = timezone.now()
    handbrake.released_by = actor
    handbrake.full_clean()
    handbrake.save()
    audit_record(actor=actor, action="handbrake_release", target=handbrake)
    return handbrake


def _lock_handbrake(handbrake: Handbrake) -> Handbrake:
    handbrake = (
        Handbrake.objects.select_for_update(of=("self",))
        .select_related("deal", "residency__deal")
        .get(pk=handbrake.pk)
    )
    if handbrake.status != Handbrake.Status.AANGETROKKEN:
        raise Conflict(_("De handrem is al losgelaten."))
    return handbrake


def _release_if_all_agreed(actor, handbrake: Handbrake) -> Handbrake:
    """When every partner agreed, the deal goes on at once, whoever agreed last."""
    if _all_agreed(handbrake):
        return _release(actor, handbrake)
    return handbrake


@transaction.atomic
def handbrake_agree(*, actor, handbrake: Handbrake, partner, note: str = "") -> Handbrake:
    """One partner agrees to go on. Resuming needs the agreement of every partner."""
    handbrake = _lock_handbrake(handbrake)
    _require(
        actor,
        "residence.act_for_partner",
        partner,
        _("U kunt niet namens deze partner akkoord geven."),
    )
    if partner.pk not in {p.pk for p in responding_partners(deal=handbrake.deal)}:
        raise ApplicationError(_("Deze partner hoort niet bij de deal."))
    agreement = ResumeAgreement(
        handbrake=handbrake, partner=partner, agreed_by=actor, note=_clean_text(note)
    )
    agreement.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError as exc:
        raise Conflict(_("%(org)s gaf al akkoord.") % {"org": partner.organisation}) from exc
    audit_record(
        actor=actor, action="handbrake_agree", target=handbrake, changes={"partner": partner.pk}
    )
    return _release_if_all_agreed(actor, handbrake)


@transaction.atomic
def handbrake_agree_in_meeting(
    *, actor, handbrake: Handbrake, meeting: Meeting, note: str = ""
) -> Handbrake:
    """Record that the partners decided together, in a held evaluation meeting, to go on."""
    handbrake = _lock_handbrake(handbrake)
    _require(
        actor, "residence.view_work", handbrake.residency, _("U kunt dit besluit niet vastleggen.")
    )
    meeting = Meeting.objects.select_related("residency").get(pk=meeting.pk)
    if meeting.residency.deal_id != handbrake.deal_id or meeting.status != Meeting.Status.GEHOUDEN:
        raise ApplicationError(_("Kies een gehouden evaluatiemoment van deze deal."))
    if meeting.starts_at < handbrake.created_at:
        raise ApplicationError(_("Het overleg was voordat de handrem werd aangetrokken."))
    agreed = set(handbrake.agreements.values_list("partner_id", flat=True))
    for partner in responding_partners(deal=handbrake.deal):
        if partner.pk not in agreed:
            ResumeAgreement.objects.create(
                handbrake=handbrake,
                partner=partner,
                agreed_by=actor,
                meeting=meeting,
                note=_clean_text(note),
            )
    audit_record(
        actor=actor,
        action="handbrake_agree_in_meeting",
        target=handbrake,
        changes={"meeting": meeting.pk},
    )
    return _release_if_all_agreed(actor, handbrake)


@transaction.atomic
def handbrake_release(*, actor, handbrake: Handbrake) -> Handbrake:
    """Every partner agreed: the aanjager or a netwerkmanager lets the deal go on."""
    handbrake = _lock_handbrake(handbrake)
    _require(
        actor,
        "deals.manage_deal",
        handbrake.deal,
        _("Alleen de aanjager van de deal of een netwerkmanager zet de deal weer in gang."),
    )
    if not _all_agreed(handbrake):
        raise ApplicationError(_("Verder gaan kan pas als alle partners akkoord zijn."))
    return _release(actor, handbrake)


# --- Side activities and reflections ----------------------------------------------------------------


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
    _require(
        actor,
        "residence.organise_activity",
        residency,
        _("Alleen de partner in residence organiseert nevenactiviteiten."),
    )
    residency = _lock_residency(residency)
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


@transaction.atomic
def reflection_write(*, actor, residency: Residency, moment: str, text: str) -> Reflection:
    """The mid-term or final reflection; writing it again replaces it."""
    residency = _lock_residency(residency)  # its status decides which reflection may be written
    _require(
        actor,
        "residence.reflect",
        residency,
        _("Alleen de partner in residence schrijft de reflectie."),
    )
    if residency.status == Residency.Status.VOORGESTELD:
        raise Conflict(_("Reflecteren kan zodra de partner in residence is gestart."))
    if moment == Reflection.Moment.TUSSENTIJDS and residency.status != Residency.Status.ACTIEF:
        raise Conflict(_("De tussentijdse reflectie hoort bij een actieve partner in residence."))
    reflection = Reflection.objects.filter(
        residency=residency, moment=moment
    ).first() or Reflection(residency=residency, moment=moment)
    if reflection.proposed_as_lesson_at:
        raise Conflict(
            _("Deze reflectie is al als les voorgesteld en kan niet meer worden gewijzigd.")
        )
    reflection.text = _clean_text(text)
    reflection.author = actor
    reflection.full_clean()
    reflection.save()
    audit_record(
        actor=actor, action="reflection_write", target=reflection, changes={"moment": moment}
    )
    return reflection


@transaction.atomic
def reflection_propose_as_lesson(*, actor, reflection: Reflection) -> Reflection:
    """Propose a reflection as a lesson to the kennisbank of the atlas, linked back to the residency.

    The lesson arrives as ``voorgesteld``; a contentbeheerder edits and publishes it. It carries
    the deal's themes and areas, and its source (type ``residentie``, the residency's id and a
    link to the residency) so the kennisbank and the deal page can show where it came from.
    """
    reflection = (
        Reflection.objects.select_for_update(of=("self",))
        .select_related(
            "residency__deal", "residency__person", "residency__sending_partner__organisation"
        )
        .select_related("residency__host_partner__organisation")
        .get(pk=reflection.pk)
    )
    residency = reflection.residency
    _require(
        actor,
        "residence.reflect",
        residency,
        _("Alleen de partner in residence stelt een les voor."),
    )
    if reflection.proposed_as_lesson_at:
        raise Conflict(_("Deze reflectie is al als les voorgesteld."))
    deal = residency.deal
    title = _("Partner in residence bij %(deal)s") % {"deal": deal}
    atlas_services.lesson_propose(
        actor=actor,
        title=title[:200],
        summary=reflection.text,
        context=_(
            "Reflectie (%(moment)s) van de partner in residence namens %(a)s bij %(b)s, in de deal ‘%(deal)s’."
        )
        % {
            "moment": reflection.get_moment_display().lower(),
            "a": residency.sending_partner.organisation,
            "b": residency.host_partner.organisation,
            "deal": deal,
        },
        kind=LESSON_KIND,
        themes=list(deal.themes.all()),
        areas=list(deal.areas.all()),
        source_type=LESSON_SOURCE,
        source_id=str(residency.pk),
        # The lesson is public once published; it links to the deal's public page, not to the
        # residency, whose work only the deal's partners may read.
        source_url=settings.SITE_URL.rstrip("/") + deal.get_absolute_url(),
    )
    reflection.proposed_as_lesson_at = timezone.now()
    reflection.save(update_fields=["proposed_as_lesson_at", "updated_at"])
    audit_record(actor=actor, action="reflection_propose_as_lesson", target=reflection)
    return reflection


# --- Reminders (scheduled by beat) ---------------------------------------------------------------


def action_reminders_send(*, day: datetime.date | None = None) -> int:
    """Remind owners of open actions that are due within ``RESIDENCE_ACTION_REMINDER_DAYS`` days
    (or overdue). Idempotent: each action is reminded once. Returns the number of reminders."""
    day = day or timezone.localdate()
    horizon = day + datetime.timedelta(days=_setting("RESIDENCE_ACTION_REMINDER_DAYS", 2))
    candidates = Action.objects.filter(
        done_at__isnull=True,
        reminded_at__isnull=True,
        due_date__lte=horizon,
        meeting__residency__status="actief",
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(candidates):
        with transaction.atomic():
            action = (
                Action.objects.select_for_update(of=("self",), skip_locked=True)
                .select_related("owner", "meeting__residency__deal")
                .filter(pk=pk, reminded_at__isnull=True, done_at__isnull=True)
                .first()
            )
            if action is None:
                continue
            action.reminded_at = timezone.now()
            action.save(update_fields=["reminded_at", "updated_at"])
            residency = action.meeting.residency
            send_mail(
                _("Actie voor de deal ‘%(deal)s’: %(a)s")
                % {"deal": residency.deal, "a": action.description},
                _(
                    "U heeft afgesproken dat deze actie klaar is op %(d)s:\n\n%(a)s\n\nMeld hem klaar op %(url)s"
                )
                % {
                    "d": action.due_date.strftime("%d-%m-%Y"),
                    "a": action.description,
                    "url": _url("residence:residency-detail", pk=residency.pk),
                },
                None,
                [action.owner.email],
            )
            sent += 1
    return sent


def meeting_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind every partner of a planned evaluation meeting within ``RESIDENCE_MEETING_REMINDER_DAYS``
    days, and remind the partner in residence to plan the next one when the agreed rhythm is due.
    Idempotent. Returns the number of reminders."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=_setting("RESIDENCE_MEETING_REMINDER_DAYS", 2))
    sent = 0
    upcoming = Meeting.objects.filter(
        status=Meeting.Status.GEPLAND,
        reminded_at__isnull=True,
        starts_at__gte=now,
        starts_at__lte=horizon,
        residency__status="actief",
    ).values_list("pk", flat=True)
    for pk in list(upcoming):
        with transaction.atomic():
            meeting = (
                Meeting.objects.select_for_update(of=("self",), skip_locked=True)
                .select_related("residency__deal", "residency__person")
                .filter(pk=pk, reminded_at__isnull=True)
                .first()
            )
            if meeting is None:
                continue
            meeting.reminded_at = timezone.now()
            meeting.save(update_fields=["reminded_at", "updated_at"])
            residency = meeting.residency
            emails = sorted(
                set(deal_partner_member_emails(deal=residency.deal)) | {residency.person.email}
            )
            subject = _("Evaluatiemoment van de deal ‘%(deal)s’ op %(d)s") % {
                "deal": residency.deal,
                "d": timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y %H:%M"),
            }
            body = _("Agenda:\n%(agenda)s\n\nLocatie: %(loc)s\n\n%(url)s") % {
                "agenda": meeting.agenda,
                "loc": meeting.location or "-",
                "url": _url("residence:residency-detail", pk=residency.pk),
            }
            send_mass_mail(
                [(subject, body, None, [e]) for e in emails], connection=get_connection()
            )
            sent += 1
    sent += _plan_reminders_send(now=now)
    return sent


def _plan_reminders_send(*, now) -> int:
    today = timezone.localdate(now)
    sent = 0
    residencies = Residency.objects.filter(status=Residency.Status.ACTIEF).exclude(
        meetings__status=Meeting.Status.GEPLAND, meetings__starts_at__gte=now
    )
    for pk in list(residencies.values_list("pk", flat=True)):
        with transaction.atomic():
            residency = (
                Residency.objects.select_for_update(of=("self",), skip_locked=True)
                .select_related("deal", "person")
                .filter(pk=pk)
                .first()
            )
            if residency is None:
                continue
            last = (
                residency.meetings.order_by("-starts_at")
                .values_list("starts_at", flat=True)
                .first()
            )
            since = timezone.localdate(last) if last else residency.start_date
            due = since + datetime.timedelta(weeks=residency.meeting_rhythm_weeks)
            if due > today or residency.plan_reminded_for == due:
                continue
            residency.plan_reminded_for = due
            residency.save(update_fields=["plan_reminded_for", "updated_at"])
            send_mail(
                _("Tijd voor een evaluatiemoment: %(deal)s") % {"deal": residency.deal},
                _(
                    "U spraak af om de %(n)s weken samen te evalueren. Er is nog geen volgend overleg gepland. "
                    "Plan het hier: %(url)s"
                )
                % {
                    "n": residency.meeting_rhythm_weeks,
                    "url": _url("residence:residency-detail", pk=residency.pk),
                },
                None,
                [residency.person.email],
            )
            sent += 1
    return sent
