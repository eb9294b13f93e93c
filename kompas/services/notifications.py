"""E-mail to the people an edition cited, once the terugkoppeling is published."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from deals import selectors as deals_selectors
from deals.residence import selectors as residence_selectors

from ..models import (
    Edition,
    Evidence,
    Notification,
)
from ._common import S


def cited_addresses(*, edition: Edition) -> list[str]:
    """Everyone whose lesson, knelpunt or deal the edition cited: the proposers of the lessons (read
    through the atlas), the reporters of the knelpunten and the members of the deals' partners."""
    knelpunt_ids = list(
        edition.evidence.filter(kind=Evidence.Kind.KNELPUNT).values_list("source_id", flat=True)
    )
    lesson_ids = list(
        edition.evidence.filter(kind=Evidence.Kind.LES).values_list("source_id", flat=True)
    )
    addresses: set[str] = (
        set(atlas_selectors.lesson_proposer_emails(lesson_ids=lesson_ids)) if lesson_ids else set()
    )
    knelpunten = (
        deals_selectors.knelpunten_for_kompas()
        .filter(pk__in=knelpunt_ids)
        .select_related("reported_by")
        .prefetch_related("deal__partners")
    )
    for knelpunt in knelpunten:
        if knelpunt.reported_by is not None and knelpunt.reported_by.email:
            addresses.add(knelpunt.reported_by.email)
        addresses.update(residence_selectors.deal_partner_member_emails(deal=knelpunt.deal))
    return sorted(addresses)


def feedback_notify(*, edition_id: int) -> int:
    """E-mail the terugkoppeling to everyone cited, once per address (idempotent)."""
    edition = Edition.objects.get(pk=edition_id)
    if edition.status not in (S.TERUGGEKOPPELD, S.MONITORING, S.GESLOTEN):
        return 0
    url = settings.SITE_URL + edition.get_absolute_url() + "terugkoppeling/"
    sent = 0
    for email in cited_addresses(edition=edition):
        with transaction.atomic():
            _sent, created = Notification.objects.get_or_create(
                edition=edition, kind=Notification.Kind.TERUGKOPPELING, email=email
            )
            if not created:
                continue
            send_mail(
                _("Terugkoppeling %(edition)s") % {"edition": edition.title},
                _(
                    "Uw signaal is gebruikt in %(edition)s. Lees wat er besloten is, positief en negatief, "
                    "en wat er nu gebeurt: %(url)s"
                )
                % {"edition": edition.title, "url": url},
                None,
                [email],
            )
            sent += 1
    return sent
