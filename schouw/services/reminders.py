"""Reminders of a due round (scheduled by beat)."""

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deals.residence import selectors as residence_selectors
from reisgids.core.services import audit_record

from .. import selectors
from ..models import (
    SchouwReminder,
)


def schouw_reminders_send(*, day: datetime.date | None = None) -> int:
    """Remind the partners of every deal whose next round is due by its schouw agreement.
    Idempotent: one reminder per deal per due date."""
    day = day or timezone.localdate()
    sent = 0
    for deal, due_on in selectors.deals_due_for_schouw(day=day):
        with transaction.atomic():
            reminder, created = SchouwReminder.objects.get_or_create(deal=deal, due_on=due_on)
            if not created:
                continue
            recipients = residence_selectors.deal_partner_member_emails(deal=deal)
            url = settings.SITE_URL.rstrip("/") + reverse(
                "schouw:deal-rounds", kwargs={"deal_pk": deal.pk}
            )
            body = _(
                "De volgende schouw van de deal ‘%(deal)s’ is volgens jullie procesafspraken aan de beurt "
                "(vanaf %(due)s). Bereid een schouwronde voor: %(url)s"
            ) % {"deal": deal.title, "due": due_on.strftime("%d-%m-%Y"), "url": url}
            messages = [
                (
                    _("Tijd voor de schouw: %(deal)s") % {"deal": deal.title},
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [e],
                )
                for e in recipients
            ]
            reminder.recipients = len(messages)
            reminder.save(update_fields=["recipients"])
            transaction.on_commit(lambda m=messages: send_mass_mail(m, fail_silently=True))
            audit_record(
                actor=None,
                action="schouw_reminder_send",
                target=reminder,
                changes={"due": str(due_on)},
            )
            sent += 1
    return sent
