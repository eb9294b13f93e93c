"""Reflections of the partner in residence, and proposing one as a lesson to the kennisbank."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from atlas import services as atlas_services
from reisgids.core.errors import Conflict
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require

from ..models import Reflection, Residency
from ._common import RESIDENCY_RELATED, _clean_text

# How residence appears as a source in the atlas (``atlas.models.SourceType``).
LESSON_SOURCE = "residentie"
LESSON_KIND = "samenwerking"


@transaction.atomic
def reflection_write(*, actor, residency: Residency, moment: str, text: str) -> Reflection:
    """The mid-term or final reflection; writing it again replaces it."""
    residency = lock(
        residency, select_related=RESIDENCY_RELATED
    )  # its status decides which reflection may be written
    require(
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
    reflection = lock(
        reflection, select_related=[f"residency__{related}" for related in RESIDENCY_RELATED]
    )
    residency = reflection.residency
    require(
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
