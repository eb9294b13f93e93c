"""Following, in-platform notifications and the opt-in e-mail digest."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, NotAllowed
from reisgids.core.services import audit_record

from ..models import Area, DigestPreference, Follow, Notification, Organisation, Theme


@transaction.atomic
def follow_create(
    *,
    actor,
    organisation: Organisation | None = None,
    theme: Theme | None = None,
    area: Area | None = None,
):
    if not actor.has_perm("atlas.follow"):
        raise NotAllowed(_("Log in om iets te volgen."))
    targets = [t for t in (organisation, theme, area) if t is not None]
    if len(targets) != 1:
        raise ApplicationError(_("Kies één organisatie, thema of gebied om te volgen."))
    existing = Follow.objects.filter(
        user=actor, organisation=organisation, theme=theme, area=area
    ).first()
    if existing is not None:
        return existing
    follow = Follow(user=actor, organisation=organisation, theme=theme, area=area)
    follow.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            follow.save()
    except IntegrityError:  # a concurrent click on the same button
        return Follow.objects.get(user=actor, organisation=organisation, theme=theme, area=area)
    audit_record(
        actor=actor, action="follow_create", target=follow, changes={"volgt": str(targets[0])}
    )
    return follow


@transaction.atomic
def follow_delete(*, actor, follow: Follow) -> None:
    if follow.user_id != actor.pk:
        raise NotAllowed(_("U kunt alleen stoppen met volgen wat u zelf volgt."))
    audit_record(actor=actor, action="follow_delete", target=follow)
    follow.delete()


def followers_of(*, organisation=None, themes=(), areas=()):
    """Ids of active users who follow the organisation or any of the themes or areas (a gebied
    follower also hears about its wijken)."""
    condition = Q(pk__in=[])
    if organisation is not None:
        condition |= Q(organisation=organisation)
    theme_ids = [t.pk for t in themes]
    area_ids = set()
    for area in areas:
        area_ids.add(area.pk)
        if area.parent_id:
            area_ids.add(area.parent_id)
    if theme_ids:
        condition |= Q(theme_id__in=theme_ids)
    if area_ids:
        condition |= Q(area_id__in=area_ids)
    return set(
        Follow.objects.filter(condition, user__is_active=True).values_list("user_id", flat=True)
    )


def notify(*, user_ids, text: str, url: str, key: str, exclude_user_id=None) -> int:
    """Create one notification per user; a second call with the same key adds nothing."""
    rows = [
        Notification(user_id=uid, text=text[:300], url=url, key=key[:120])
        for uid in sorted(set(user_ids))
        if uid != exclude_user_id
    ]
    return len(Notification.objects.bulk_create(rows, ignore_conflicts=True))


def notify_followers(
    *, organisation=None, themes=(), areas=(), text: str, url: str, key: str, exclude_user_id=None
):
    return notify(
        user_ids=followers_of(organisation=organisation, themes=themes, areas=areas),
        text=text,
        url=url,
        key=key,
        exclude_user_id=exclude_user_id,
    )


@transaction.atomic
def notifications_mark_read(*, actor, ids=None) -> int:
    if not actor.is_authenticated:
        raise NotAllowed(_("Log in om uw meldingen te zien."))
    qs = Notification.objects.filter(user=actor, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


@transaction.atomic
def digest_preference_set(*, actor, frequency: str) -> DigestPreference:
    if not actor.has_perm("atlas.follow"):
        raise NotAllowed(_("Log in om uw e-mailvoorkeur te kiezen."))
    if frequency not in DigestPreference.Frequency.values:
        raise ApplicationError(_("Kies geen e-mail, dagelijks of wekelijks."))
    preference, _created = DigestPreference.objects.select_for_update().get_or_create(user=actor)
    if preference.frequency != frequency:
        audit_record(
            actor=actor,
            action="digest_preference_set",
            target=preference,
            changes={"frequency": [preference.frequency, frequency]},
        )
        preference.frequency = frequency
        # Start counting from now: the first digest holds only what came after choosing it.
        preference.last_sent_at = timezone.now()
        preference.full_clean()
        preference.save()
    return preference


def notification_digest_send(*, frequency: str, now=None) -> int:
    """Mail each person who chose this frequency their unmailed notifications. Returns mails sent.

    Idempotent per period: a digest already sent within its period is skipped, and a notification
    is mailed once."""
    now = now or timezone.now()
    period = (
        timedelta(days=1)
        if frequency == DigestPreference.Frequency.DAGELIJKS
        else timedelta(days=7)
    )
    due = (
        DigestPreference.objects.filter(frequency=frequency, user__is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    site = settings.SITE_URL.rstrip("/")
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            preference = (
                DigestPreference.objects.select_for_update().select_related("user").get(pk=pk)
            )
            if preference.frequency != frequency:
                continue
            if preference.last_sent_at and preference.last_sent_at > now - period + timedelta(
                minutes=5
            ):
                continue
            pending = list(
                Notification.objects.filter(
                    user=preference.user, emailed_at__isnull=True, read_at__isnull=True
                )
                .filter(created_at__lte=now)
                .order_by("created_at")
            )
            preference.last_sent_at = now
            preference.save(update_fields=["last_sent_at", "updated_at"])
            if not pending:
                continue
            lines = [f"- {n.text}" + (f": {site}{n.url}" if n.url else "") for n in pending]
            body = "\n".join(
                [
                    _("Nieuw in de reisgids over wat u volgt:"),
                    "",
                    *lines,
                    "",
                    _("Al uw meldingen: %(link)s")
                    % {"link": site + reverse("atlas:notification-list")},
                    _("Geen e-mail meer? Pas het aan op %(link)s")
                    % {"link": site + reverse("atlas:follow-list")},
                ]
            )
            send_mail(
                _("Reisgids: %(count)d nieuwe meldingen") % {"count": len(pending)},
                body,
                None,
                [preference.user.email],
            )
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
            sent += 1
    return sent
