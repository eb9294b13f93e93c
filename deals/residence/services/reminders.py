"""Reminders scheduled by beat: due actions, coming evaluation meetings, planning the next one."""

import datetime

from django.core.mail import get_connection, send_mail, send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Action, Meeting, Residency
from ..selectors import deal_partner_member_emails
from ._common import _setting, _url


def action_reminders_send(*, day: datetime.date | None = None) -> int:
    """Remind owners of open actions that are due within ``RESIDENCE_ACTION_REMINDER_DAYS`` days
    (or overdue). Idempotent: each action is reminded once. Returns the number of reminders."""
    day = day or timezone.localdate()
    horizon = day + datetime.timedelta(days=_setting("RESIDENCE_ACTION_REMINDER_DAYS", 2))
    candidates = Action.objects.filter(
        done_at__isnull=True,
        reminded_at__isnull=True,
        due_date__lte=horizon,
        meeting__residency__status=Residency.Status.ACTIEF,
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
        residency__status=Residency.Status.ACTIEF,
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
