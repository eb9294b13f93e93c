"""De agenda. ``event_create`` is also the door for other apps (a deal's kick-off, a side activity
of a partner in residence): they pass their own source type, id and a link back."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.permissions import is_netwerkmanager
from reisgids.core.services import audit_record

from ..models import Event, EventRegistration, SourceType
from ..permissions import is_organisation_member
from .common import clean_text, unique_slug, validate
from .notifications import notify_followers

EVENT_FIELDS = [
    "title",
    "description",
    "kind",
    "topic",
    "provider",
    "audience",
    "starts_at",
    "ends_at",
    "online",
    "location",
    "online_url",
    "organiser",
    "registration",
    "registration_url",
    "capacity",
]


def _may_organise_for(actor, organiser) -> bool:
    if organiser is None:
        return True
    return bool(
        is_organisation_member(actor, organiser)
        or actor.has_perm("atlas.publish_news")
        or is_netwerkmanager(actor)
    )


@transaction.atomic
def event_create(
    *,
    actor,
    title: str,
    description: str,
    starts_at,
    ends_at,
    kind: str = Event.Kind.BIJEENKOMST,
    topic: str = "",
    provider: str = "",
    audience: str = "",
    online: bool = False,
    location: str = "",
    online_url: str = "",
    organiser=None,
    registration: str = Event.Registration.GEEN,
    registration_url: str = "",
    capacity: int | None = None,
    themes=(),
    areas=(),
    source_type: str = SourceType.VRIJ,
    source_id="",
    source_url: str = "",
) -> Event:
    if not actor.has_perm("atlas.create_event"):
        raise NotAllowed(_("Log in om een evenement in de agenda te zetten."))
    if not _may_organise_for(actor, organiser):
        raise NotAllowed(
            _("U kunt alleen een evenement organiseren namens een organisatie waar u lid van bent.")
        )
    if source_type not in SourceType.values:
        raise ApplicationError(_("Onbekende soort bron."))
    title = clean_text(title, required=True, label=_("de titel"), max_length=200)
    event = Event(
        title=title,
        slug=unique_slug(Event, title, fallback="evenement"),
        description=clean_text(description, required=True, label=_("de omschrijving")),
        kind=kind,
        topic=topic or "",
        provider=provider or "",
        audience=(audience or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        online=bool(online),
        location=(location or "").strip(),
        online_url=(online_url or "").strip(),
        organiser=organiser,
        registration=registration,
        registration_url=(registration_url or "").strip(),
        capacity=capacity,
        created_by=actor,
        source_type=source_type,
        source_id=str(source_id or "").strip()[:64],
        source_url=(source_url or "").strip(),
    )
    validate(event)
    event.save()
    event.themes.set(themes)
    event.areas.set(areas)
    audit_record(actor=actor, action="event_create", target=event, changes={"source": source_type})
    notify_followers(
        organisation=organiser,
        themes=list(event.themes.all()),
        areas=list(event.areas.all()),
        text=_("In de agenda: %(title)s (%(date)s)")
        % {"title": event.title, "date": f"{event.starts_at:%d-%m-%Y}"},
        url=event.get_absolute_url(),
        key=f"event-{event.pk}",
        exclude_user_id=actor.pk,
    )
    return event


@transaction.atomic
def event_update(*, actor, event: Event, data: dict) -> Event:
    event = (
        Event.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=event.pk)
    )
    if not actor.has_perm("atlas.change_event", event):
        raise NotAllowed(_("Alleen wie het evenement organiseert, kan het wijzigen."))
    if event.is_cancelled:
        raise Conflict(_("Dit evenement is afgelast en kan niet meer worden gewijzigd."))
    if "organiser" in data and not _may_organise_for(actor, data["organiser"]):
        raise NotAllowed(
            _("U kunt alleen een evenement organiseren namens een organisatie waar u lid van bent.")
        )
    changes = {}
    for name in EVENT_FIELDS:
        if name in data:
            if getattr(event, name) != data[name]:
                changes[name] = [str(getattr(event, name)), str(data[name])]
            setattr(event, name, data[name])
    if event.capacity is not None and event.sign_ups.count() > event.capacity:
        raise ApplicationError(_("Er zijn al meer aanmeldingen dan dit aantal plaatsen."))
    validate(event)
    event.save()
    if "themes" in data:
        event.themes.set(data["themes"])
    if "areas" in data:
        event.areas.set(data["areas"])
    audit_record(actor=actor, action="event_update", target=event, changes=changes)
    return event


@transaction.atomic
def event_cancel(*, actor, event: Event) -> Event:
    event = (
        Event.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=event.pk)
    )
    if not actor.has_perm("atlas.change_event", event):
        raise NotAllowed(_("Alleen wie het evenement organiseert, kan het afgelasten."))
    if event.is_cancelled:
        raise Conflict(_("Dit evenement is al afgelast."))
    event.is_cancelled = True
    event.save(update_fields=["is_cancelled", "updated_at"])
    audit_record(actor=actor, action="event_cancel", target=event)
    from .notifications import notify

    notify(
        user_ids=event.sign_ups.values_list("user_id", flat=True),
        text=_("Afgelast: %(title)s") % {"title": event.title},
        url=event.get_absolute_url(),
        key=f"event-cancelled-{event.pk}",
        exclude_user_id=actor.pk,
    )
    return event


@transaction.atomic
def event_sign_up(*, actor, event: Event) -> EventRegistration:
    from django.utils import timezone

    if not actor.has_perm("atlas.sign_up_event"):
        raise NotAllowed(_("Log in om u aan te melden."))
    event = Event.objects.select_for_update().get(
        pk=event.pk
    )  # serialises sign-ups against the capacity
    if event.registration != Event.Registration.PLATFORM:
        raise ApplicationError(_("Voor dit evenement meldt u zich niet in de reisgids aan."))
    if event.is_cancelled:
        raise Conflict(_("Dit evenement is afgelast."))
    if event.starts_at <= timezone.now():
        raise Conflict(_("Dit evenement is al begonnen of voorbij."))
    if EventRegistration.objects.filter(event=event, user=actor).exists():
        raise Conflict(_("U bent al aangemeld."))
    if event.capacity is not None and event.sign_ups.count() >= event.capacity:
        raise Conflict(_("Dit evenement is vol."))
    registration = EventRegistration(event=event, user=actor)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise Conflict(_("U bent al aangemeld.")) from exc
    audit_record(actor=actor, action="event_sign_up", target=event)
    return registration


@transaction.atomic
def event_sign_off(*, actor, event: Event) -> None:
    registration = (
        EventRegistration.objects.select_for_update().filter(event=event, user=actor).first()
    )
    if registration is None:
        raise Conflict(_("U was niet aangemeld."))
    registration.delete()
    audit_record(actor=actor, action="event_sign_off", target=event)
