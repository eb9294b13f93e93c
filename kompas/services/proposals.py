"""Proposals and the consultation: co-authors, comments, endorsements and priorities."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from deals.residence import selectors as residence_selectors
from deals.residence.models import Residency
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.permissions import is_ambtenaar, is_bestuurder
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, require_state

from ..models import (
    Comment,
    Edition,
    Endorsement,
    Evidence,
    Priority,
    Proposal,
    Voice,
)
from ..workflow import EDITION
from ._common import S, _clean

PROPOSAL_FIELDS = (
    "title",
    "change_type",
    "problem",
    "proposed_change",
    "intended_effect",
    "owner",
    "theme",
)


def _is_author(actor, proposal: Proposal) -> bool:
    return proposal.created_by_id == actor.pk or proposal.co_authors.filter(pk=actor.pk).exists()


@transaction.atomic
def proposal_create(
    *,
    actor,
    edition: Edition,
    title: str,
    change_type: str,
    problem: str,
    proposed_change: str = "",
    intended_effect: str = "",
    owner: str = "",
    theme=None,
    evidence_ids=(),
) -> Proposal:
    edition = lock(edition)
    require(actor, "kompas.propose", edition, _("Voorstellen doen kan tijdens de consultatie."))
    require_state(edition, [S.CONCEPT, S.CONSULTATIE], EDITION.refused(edition))
    proposal = Proposal(
        edition=edition,
        title=(title or "").strip(),
        change_type=change_type,
        problem=(problem or "").strip(),
        proposed_change=(proposed_change or "").strip(),
        intended_effect=(intended_effect or "").strip(),
        owner=(owner or "").strip(),
        theme=theme,
        created_by=actor,
        edited_by_people=True,
    )
    _clean(proposal)
    proposal.save()
    if evidence_ids:
        proposal.evidence.set(Evidence.objects.filter(edition=edition, pk__in=list(evidence_ids)))
    audit_record(actor=actor, action="kompas_proposal_create", target=proposal)
    return proposal


@transaction.atomic
def proposal_update(*, actor, proposal: Proposal, **fields) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("edition").get(pk=proposal.pk)
    if not (
        actor.has_perm("kompas.edit_proposals", proposal.edition) or _is_author(actor, proposal)
    ):
        raise NotAllowed(
            _("Alleen de auteurs en de opstellers van het kompas wijzigen dit voorstel.")
        )
    require_state(proposal.edition, [S.CONCEPT, S.CONSULTATIE], EDITION.refused(proposal.edition))
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ApplicationError(_("Onbekende velden: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    before = {k: str(getattr(proposal, k)) for k in fields}
    for name, value in fields.items():
        setattr(proposal, name, value.strip() if isinstance(value, str) else value)
    proposal.edited_by_people = True
    _clean(proposal)
    proposal.save()
    audit_record(
        actor=actor, action="kompas_proposal_update", target=proposal, changes={"before": before}
    )
    return proposal


@transaction.atomic
def proposal_co_author_add(*, actor, proposal: Proposal, user) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("edition").get(pk=proposal.pk)
    if not (
        actor.has_perm("kompas.edit_proposals", proposal.edition) or _is_author(actor, proposal)
    ):
        raise NotAllowed(_("Alleen de auteurs nodigen mede-auteurs uit."))
    require_state(proposal.edition, [S.CONCEPT, S.CONSULTATIE], EDITION.refused(proposal.edition))
    if user is None or not user.is_active:
        raise ApplicationError(_("Deze persoon is niet gevonden."))
    proposal.co_authors.add(user)
    proposal.edited_by_people = True
    proposal.save(update_fields=["edited_by_people", "updated_at"])
    audit_record(
        actor=actor, action="kompas_co_author_add", target=proposal, changes={"user": user.pk}
    )
    return proposal


def voice_of(user) -> str:
    """Partners in residence first, then initiatives, then the municipality: the voice is marked."""
    if (
        residence_selectors.residency_list(actor=user)
        .filter(person=user, status=Residency.Status.ACTIEF)
        .exists()
    ):
        return Voice.PARTNER_IN_RESIDENCE
    types = set(atlas_selectors.organisations_of(actor=user).values_list("type", flat=True))
    if "initiatief" in types:
        return Voice.INITIATIEF
    if "gemeentelijk_cluster" in types or is_ambtenaar(user) or is_bestuurder(user):
        return Voice.GEMEENTE
    return Voice.ANDERS


@transaction.atomic
def comment_create(*, actor, proposal: Proposal, body: str) -> Comment:
    proposal = Proposal.objects.select_related("edition").get(pk=proposal.pk)
    require(
        actor,
        "kompas.take_part",
        proposal.edition,
        _("Reageren kan tijdens de consultatie, na inloggen."),
    )
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Schrijf eerst een reactie."))
    comment = Comment(proposal=proposal, author=actor, body=body, voice=voice_of(actor))
    _clean(comment)
    comment.save()
    audit_record(
        actor=actor, action="kompas_comment", target=comment, changes={"voice": comment.voice}
    )
    return comment


@transaction.atomic
def proposal_endorse(*, actor, proposal: Proposal) -> Endorsement:
    proposal = Proposal.objects.select_related("edition").get(pk=proposal.pk)
    require(
        actor,
        "kompas.take_part",
        proposal.edition,
        _("Steunen kan tijdens de consultatie, na inloggen."),
    )
    if Endorsement.objects.filter(proposal=proposal, user=actor).exists():
        raise Conflict(_("U steunt dit voorstel al."))
    endorsement = Endorsement(proposal=proposal, user=actor, voice=voice_of(actor))
    _clean(endorsement, constraints=False)
    try:
        with transaction.atomic():
            endorsement.save()
    except IntegrityError as exc:
        raise Conflict(_("U steunt dit voorstel al.")) from exc
    audit_record(
        actor=actor,
        action="kompas_endorse",
        target=proposal,
        changes={"steunbetuiging": endorsement.pk, "voice": endorsement.voice},
    )
    return endorsement


@transaction.atomic
def priority_set(*, actor, edition: Edition, theme, level: int, rationale: str = "") -> Priority:
    require(actor, "kompas.edit_proposals", edition, _("U kunt de prioriteiten niet wijzigen."))
    edition = lock(edition)
    require_state(edition, Edition.OPEN, EDITION.refused(edition))
    priority = Priority.objects.filter(edition=edition, theme=theme).first() or Priority(
        edition=edition, theme=theme
    )
    priority.level = level
    priority.rationale = (rationale or "").strip()
    priority.drafted = False
    _clean(priority)
    priority.save()
    audit_record(
        actor=actor, action="kompas_priority_set", target=priority, changes={"level": level}
    )
    return priority
